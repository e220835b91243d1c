// The author preview's live reload and problem overlay. `python -m course preview` adds
// this script to every page as it serves it; the built site never contains it.
(() => {
  "use strict";
  const events = new EventSource(
    `/__preview__/events?page=${encodeURIComponent(location.pathname)}`,
  );
  let overlay = null;

  function where(problem) {
    let text = problem.file || "";
    if (text && problem.line) text += `:${problem.line}`;
    if (problem.item) text += `${text ? " " : ""}[${problem.item}]`;
    return text;
  }

  function show(problems) {
    clear();
    overlay = document.createElement("section");
    overlay.id = "course-preview-problems";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "course-preview-problems-title");
    const title = document.createElement("h2");
    title.id = "course-preview-problems-title";
    title.textContent =
      problems.length === 1
        ? "The preview cannot show your last save: 1 problem"
        : `The preview cannot show your last save: ${problems.length} problems`;
    const list = document.createElement("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      const place = where(problem);
      if (place) {
        const code = document.createElement("code");
        code.textContent = place;
        item.append(code, " ");
      }
      item.append(problem.message);
      list.append(item);
    }
    const hint = document.createElement("p");
    hint.textContent = "Fix it and save: this box goes away by itself. The page below is the last good one.";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", clear);
    overlay.append(title, list, hint, close);
    document.body.append(overlay);
  }

  function clear() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  events.addEventListener("open", () => {
    document.documentElement.dataset.coursePreview = "live";
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("problems", (event) => show(JSON.parse(event.data)));
  events.addEventListener("clear", clear);
})();
