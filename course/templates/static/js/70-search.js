/* -- search page: Pagefind's static index, loaded from this site only -- */
/* Pagefind gives site-absolute URLs; the site may sit in a sub-folder or be opened
   from files, so links are made relative, and "/" becomes the index page */
const pageHref = (url) => {
  const path = String(url).replace(/^\//, "");
  return path === "" || path.startsWith("#")
    ? `index.html${path}`
    : path.replace(/\/(#|$)/, "/index.html$1");
};

const plain = (html) => String(html || "").replace(/<[^>]+>/g, "");

const searchResult = (result) => {
  const item = el("li");
  const link = el("a", null, (result.meta && result.meta.title) || pageHref(result.url));
  link.href = pageHref(result.url);
  item.appendChild(link);
  item.appendChild(el("p", "search-excerpt", plain(result.excerpt)));
  /* the sections of the page that match, so a result jumps to the right place */
  const sections = (result.sub_results || [])
    .filter((sub) => sub.url && sub.url.indexOf("#") > 0 && sub.title)
    .slice(0, 3);
  if (sections.length) {
    const subs = el("ul", "search-sections");
    for (const sub of sections) {
      const li = el("li");
      const a = el("a", null, sub.title);
      a.href = pageHref(sub.url);
      li.appendChild(a);
      li.appendChild(el("span", "search-excerpt", ` ${plain(sub.excerpt)}`));
      subs.appendChild(li);
    }
    item.appendChild(subs);
  }
  return item;
};

const initSearch = () => {
  const form = document.querySelector("[data-search-form]");
  if (!form) return;
  const input = form.querySelector("input");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  let pagefind = null;

  /* the index comes in bundles (the site's pages, then lessons ten at a time), merged here */
  const merged = (form.getAttribute("data-search-merge") || "").split(" ").filter(Boolean);

  /* a dynamic import works from a classic script; it needs the site served (not file://) */
  const loadIndex = () => {
    pagefind ??= import(new URL("pagefind/pagefind.js", document.baseURI).href).then(async (pf) => {
      await pf.init();
      for (const bundle of merged) await pf.mergeIndex(new URL(`${bundle}/`, document.baseURI).href);
      return pf;
    });
    return pagefind;
  };

  const run = async (term) => {
    list.replaceChildren();
    if (!term.trim()) {
      status.textContent = "Type a word or phrase to search.";
      return;
    }
    status.textContent = "Searching…";
    try {
      const pf = await loadIndex();
      const search = await pf.search(term);
      const found = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      const results = found.filter((result) => result && result.url);
      for (const result of results) list.appendChild(searchResult(result));
      status.textContent = results.length
        ? `${results.length} result${results.length > 1 ? "s" : ""} for “${term}”.`
        : `No results for “${term}”.`;
    } catch (err) {
      status.textContent =
        "Search is unavailable when the site is opened as files; serve the folder (make serve).";
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  const initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) run(initial);
};
