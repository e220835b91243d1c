/* -- claim tests: the learner's result per Key Concept, before (lesson 00) and after
   (lesson 08). On the site it reads the saved answers of both tests and follows new ones;
   on a deck it starts empty and counts the room's answers on that deck. -- */
const initClaimResults = (table) => {
  const cells = [...table.querySelectorAll("[data-claim-result]")];
  const answers = {};
  if (!presenting) {
    for (const bank of new Set(cells.map((c) => c.getAttribute("data-bank")))) {
      answers[bank] = quizAnswers(bank);
    }
  }
  const fill = () => {
    const totals = {};
    for (const cell of cells) {
      const form = cell.getAttribute("data-claim-result");
      const entry = (answers[cell.getAttribute("data-bank")] || {})[cell.getAttribute("data-question")];
      totals[form] = totals[form] || { right: 0, all: 0 };
      totals[form].all += 1;
      if (entry && entry.correct) totals[form].right += 1;
      cell.textContent = entry ? (entry.correct ? "✔ right" : "✘ not yet") : "— not answered";
    }
    for (const cell of table.querySelectorAll("[data-claim-total]")) {
      const total = totals[cell.getAttribute("data-claim-total")];
      cell.textContent = total ? `${total.right} of ${total.all}` : "—";
    }
  };
  document.addEventListener("course-answer", (event) => {
    const { bank, id, entry } = event.detail;
    const mine = { ...(answers[bank] || {}) };
    if (entry) mine[id] = entry;
    else delete mine[id];
    answers[bank] = mine;
    fill();
  });
  fill();
};
