/* -- search page: Pagefind's static index, loaded from this site only -- */
/* Pagefind gives site-absolute URLs (a merged bundle's may carry the host); the site may
   sit in a sub-folder or be opened from files, so links are made relative, and "/" becomes
   the index page */
const pageHref = (url) => {
  let path = String(url);
  try {
    const parsed = new URL(path, document.baseURI);
    if (parsed.origin === window.location.origin) path = parsed.pathname + parsed.hash;
  } catch (err) { /* a relative address: kept as it is */ }
  const base = new URL(".", document.baseURI).pathname;
  if (path.startsWith(base)) path = path.slice(base.length);
  path = path.replace(/^\//, "");
  return path === "" || path.startsWith("#")
    ? `index.html${path}`
    : path.replace(/\/(#|$)/, "/index.html$1");
};

/* A learner asks a question: lessons answer it, then the course's own pages, then the
   reference pages (every word of the course is in those too, so they would often win). */
const PAGE_RANK = [
  [/^\d\d-[a-z0-9-]+\.html/, 0],
  [/^summary\.html/, 0],
  [/^(index|glossary|articles|how-we-checked|concepts)\.html/, 1],
];
const pageRank = (href) => {
  for (const [pattern, rank] of PAGE_RANK) if (pattern.test(href)) return rank;
  return 2;
};

/* An excerpt keeps Pagefind's highlighted words: its HTML is escaped text and <mark>s,
   rebuilt here as text nodes and <mark> elements (never as HTML) */
const excerpt = (html, className) => {
  const out = el("span", className);
  const parts = String(html || "").split(/(<mark>.*?<\/mark>)/);
  const text = (s) => {
    const area = document.createElement("textarea");
    area.innerHTML = s.replace(/<[^>]+>/g, "");
    return area.value;
  };
  for (const part of parts) {
    const marked = part.match(/^<mark>(.*?)<\/mark>$/);
    if (marked) out.appendChild(el("mark", null, text(marked[1])));
    else if (part) out.appendChild(document.createTextNode(text(part)));
  }
  return out;
};

const searchResult = (result) => {
  const item = el("li");
  const link = el("a", null, (result.meta && result.meta.title) || pageHref(result.url));
  link.href = pageHref(result.url);
  item.appendChild(link);
  const summary = el("p", "search-excerpt");
  summary.appendChild(excerpt(result.excerpt));
  item.appendChild(summary);
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
      li.appendChild(document.createTextNode(" "));
      li.appendChild(excerpt(sub.excerpt, "search-excerpt"));
      subs.appendChild(li);
    }
    item.appendChild(subs);
  }
  return item;
};

/* Spelling: a query word the course never uses is replaced by the nearest word it does
   use (search-words.json, written by the build from the pages), one or two letters away */
const editDistance = (a, b, limit) => {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let prevPrev = null;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (prevPrev && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2] + 1);  /* two letters swapped */
      }
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
};

const corrected = (term, words) => {
  let changed = false;
  const fixed = term.split(/\s+/).map((word) => {
    const lower = word.toLowerCase().replace(/[^a-z0-9'-]/g, "");
    if (lower.length < 4 || words.has(lower)) return word;
    const limit = lower.length <= 6 ? 1 : 2;
    let best = null;
    let bestDistance = limit + 1;
    for (const [candidate, count] of words) {
      const d = editDistance(lower, candidate, limit);
      if (d < bestDistance || (d === bestDistance && best && count > words.get(best))) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best === null || bestDistance > limit) return word;
    changed = true;
    return best;
  });
  return changed ? fixed.join(" ") : null;
};

const initSearch = () => {
  const form = document.querySelector("[data-search-form]");
  if (!form) return;
  const input = form.querySelector("input");
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  let pagefind = null;
  let vocabulary = null;

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
  const loadWords = () => {
    vocabulary ??= fetch(new URL("search-words.json", document.baseURI).href)
      .then((response) => (response.ok ? response.json() : {}))
      .then((counts) => new Map(Object.entries(counts)))
      .catch(() => new Map());
    return vocabulary;
  };

  const find = async (pf, term) => {
    const search = await pf.search(term);
    const found = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    const results = found.filter((result) => result && result.url);
    /* stable: within a rank, Pagefind's own order */
    return results
      .map((result, index) => ({ result, index, rank: pageRank(pageHref(result.url)) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .slice(0, 10)
      .map((entry) => entry.result);
  };

  const run = async (term) => {
    list.replaceChildren();
    if (!term.trim()) {
      status.textContent = "Type a word or phrase to search.";
      return;
    }
    status.textContent = "Searching…";
    try {
      const [pf, words] = await Promise.all([loadIndex(), loadWords()]);
      const fixed = corrected(term, words);
      const shown = fixed || term;
      const results = await find(pf, shown);
      for (const result of results) list.appendChild(searchResult(result));
      const said = fixed ? `Showing results for “${fixed}” (you typed “${term}”): ` : "";
      status.textContent = said + (results.length
        ? `${results.length} result${results.length > 1 ? "s" : ""} for “${shown}”.`
        : `No results for “${shown}”.`);
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
