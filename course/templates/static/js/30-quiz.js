/* -- quizzes: graded in the browser by the rule Question.grade follows in Python -- */
const initQuestion = (question, messages, onChange) => {
  const inputs = [...question.querySelectorAll("input")];
  const button = question.querySelector(".course-check");
  const output = question.querySelector(".course-feedback");
  const answers = question.querySelector(".course-answers");

  const selected = () => inputs.filter((i) => i.checked).map((i) => Number(i.value));

  const grade = (choice) => {
    const correct = inputs.filter((i) => i.hasAttribute("data-correct")).map((i) => Number(i.value));
    const ok = choice.length === correct.length && correct.every((c) => choice.includes(c));
    const missed = correct.filter((c) => !choice.includes(c)).length;
    const allChosenRight = choice.every((c) => correct.includes(c));
    let headline;
    if (!choice.length) headline = messages.empty;
    else if (ok) headline = messages.correct;
    else if (missed === 1 && allChosenRight) headline = messages["partial-one"];
    else if (missed && allChosenRight) headline = messages.partial.replace("{missed}", missed);
    else headline = messages.wrong;
    return { ok, answered: choice.length > 0, headline, correct };
  };

  const show = (choice) => {
    const result = grade(choice);
    const state = result.ok ? "is-correct" : result.answered ? "is-wrong" : "is-empty";
    const body = el("div", `course-feedback-body ${state}`);
    const head = el("p", "course-feedback-headline");
    const mark = result.ok ? "✔ " : result.answered ? "✘ " : "";
    head.appendChild(el("strong", null, mark + result.headline));
    body.appendChild(head);
    for (const index of choice) {
      const line = el("p", "course-feedback-option", result.correct.includes(index) ? "✔ " : "✘ ");
      // inputs are in display order; their values are authoring indices
      const input = inputs.find((i) => Number(i.value) === index);
      line.appendChild(el("em", null, input ? input.parentNode.textContent.trim() : ""));
      const text = answers.querySelector(`[data-option="${index}"]`);
      line.appendChild(document.createTextNode(`: ${text ? text.textContent : ""}`));
      body.appendChild(line);
    }
    if (result.ok) body.appendChild(answers.querySelector(".course-explanation").cloneNode(true));
    output.replaceChildren(body);
    question.classList.toggle("is-correct", result.ok);
    question.classList.toggle("is-wrong", result.answered && !result.ok);
    return result;
  };

  button.addEventListener("click", () => {
    const choice = selected();
    const result = show(choice);
    if (result.answered) {
      onChange(question.getAttribute("data-question-id"), { selected: choice, correct: result.ok });
    }
  });

  const values = inputs.map((i) => Number(i.value));
  const single = question.getAttribute("data-kind") !== "multiple";

  return {
    id: question.getAttribute("data-question-id"),
    /* a saved answer this question can hold: its own options, one of them if single */
    fits: (entry) =>
      entry.selected.length > 0 &&
      entry.selected.every((n) => values.includes(n)) &&
      (!single || entry.selected.length === 1),
    /* shows the saved answer graded afresh (a stored "correct" is never trusted) */
    restore(entry) {
      for (const i of inputs) i.checked = entry.selected.includes(Number(i.value));
      return show(entry.selected).ok;
    },
    clear() {
      for (const i of inputs) i.checked = false;
      output.replaceChildren();
      question.classList.remove("is-correct", "is-wrong");
    },
  };
};

/* On a deck the quiz is for the room: it starts empty and leaves the presenter's own
   answers (kept for the site) untouched. */
const presenting = Boolean(document.body && document.body.classList.contains("course-deck"));

/* Where a quiz block's answers are kept: load() what is saved, opened(answers) once they
   are shown, answer(answers, id, entry) to add one (returns the new answers), clear()
   the block's own. */
const roomStore = () => ({
  load: () => ({}),
  opened() {},
  answer: (answers, id, entry) => ({ ...answers, [id]: entry }),
  clear() {},
});

/* A block's answers in this browser. Blocks of one bank (the review lesson has two) and
   other tabs share the stored answers: each change is made to what is stored now. */
const browserStore = (bank, ids) => {
  const key = `quiz:${bank}`;
  return {
    load: () => quizAnswers(bank),
    opened() {},
    answer(answers, id, entry) {
      const next = { ...quizAnswers(bank), [id]: entry };
      save(key, next);
      return next;
    },
    clear() {
      const rest = Object.entries(quizAnswers(bank)).filter(([id]) => !ids.includes(id));
      if (rest.length) save(key, Object.fromEntries(rest));
      else forget(key);
    },
  };
};

/* The LMS connection of a lesson page in a SCORM player (15-lms.js); null elsewhere. */
let lms = null;

const initQuiz = (root) => {
  const bank = root.getAttribute("data-quiz");
  const key = `quiz:${bank}`;
  const messages = JSON.parse(root.getAttribute("data-messages"));
  const score = root.querySelector("[data-score]");
  const questions = [];
  let state = {};
  let store = null;

  const update = () => {
    score.textContent = String(questions.filter((q) => state[q.id] && state[q.id].correct).length);
  };

  /* other components (the claim tests' results) follow the answers as they are given */
  const announce = (id, entry) =>
    document.dispatchEvent(new CustomEvent("course-answer", { detail: { bank, id, entry } }));
  const onChange = (id, entry) => {
    state = store.answer(state, id, entry);
    update();
    announce(id, entry);
  };
  for (const node of root.querySelectorAll("[data-question-id]")) {
    questions.push(initQuestion(node, messages, onChange));
  }
  const order = questions.map((q) => q.id);
  if (presenting) store = roomStore();
  else if (lms && lms.connected) store = lms.store(bank, order);
  else store = browserStore(bank, order);
  state = store.load();
  for (const q of questions) {
    const entry = state[q.id];
    if (!entry) continue;
    if (q.fits(entry)) {
      state[q.id] = { selected: entry.selected, correct: q.restore(entry) };
    } else {
      delete state[q.id]; /* an answer to options this question does not have */
      ignoreDamaged(key);
    }
  }
  store.opened(state);
  const resetButton = root.querySelector(".course-reset");
  if (resetButton) {
    resetButton.addEventListener("click", () => {
      store.clear();
      for (const q of questions) announce(q.id, null);
      state = {};
      for (const q of questions) q.clear();
      update();
    });
  }
  update();
};
