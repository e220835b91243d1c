/* -- all-claims page: filter by article, topic, verdict and skill (?concept=id preselects) -- */
const initClaimsFilter = () => {
  const form = document.querySelector("[data-claims-filter]");
  if (!form) return;
  const rows = [...document.querySelectorAll("[data-claim-row]")];
  const count = document.querySelector("[data-claims-count]");
  const apply = () => {
    const article = form.elements.article.value;
    const topic = form.elements.topic.value;
    const verdict = form.elements.verdict.value;
    const concept = form.elements.concept.value;
    let shown = 0;
    for (const row of rows) {
      const ok =
        (!article || row.getAttribute("data-articles").split(" ").includes(article)) &&
        (!topic || row.getAttribute("data-topic") === topic) &&
        (!verdict || row.getAttribute("data-verdict") === verdict) &&
        (!concept || row.getAttribute("data-concepts").split(" ").includes(concept));
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    count.textContent =
      shown === rows.length ? `Showing all ${shown} claims.` : `Showing ${shown} of ${rows.length} claims.`;
  };
  const asked = new URLSearchParams(window.location.search).get("concept");
  if (asked && [...form.elements.concept.options].some((o) => o.value === asked)) {
    form.elements.concept.value = asked;
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
};
