/* -- all-claims page: filter by article, topic and verdict -- */
const initClaimsFilter = () => {
  const form = document.querySelector("[data-claims-filter]");
  if (!form) return;
  const rows = [...document.querySelectorAll("[data-claim-row]")];
  const count = document.querySelector("[data-claims-count]");
  const apply = () => {
    const article = form.elements.article.value;
    const topic = form.elements.topic.value;
    const verdict = form.elements.verdict.value;
    let shown = 0;
    for (const row of rows) {
      const ok =
        (!article || row.getAttribute("data-articles").split(" ").includes(article)) &&
        (!topic || row.getAttribute("data-topic") === topic) &&
        (!verdict || row.getAttribute("data-verdict") === verdict);
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    count.textContent =
      shown === rows.length ? `Showing all ${shown} claims.` : `Showing ${shown} of ${rows.length} claims.`;
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
};
