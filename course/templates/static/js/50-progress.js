/* -- progress: the review lesson's table, print buttons, and the index's per-lesson
   progress with export, import and reset -- */
/* Counts for a bank of ``total`` questions (answers kept for questions a bank no longer
   has cannot push a count past it). */
const answeredAndCorrect = (bank, total) => {
  const answers = Object.values(quizAnswers(bank));
  return {
    answered: Math.min(answers.length, total),
    correct: Math.min(answers.filter((entry) => entry.correct).length, total),
  };
};

const fillProgressTable = (table) => {
  for (const row of table.querySelectorAll("[data-progress-bank]")) {
    const total = Number(row.getAttribute("data-progress-total"));
    const { answered, correct } = answeredAndCorrect(row.getAttribute("data-progress-bank"), total);
    row.querySelector("[data-progress-answered]").textContent = `${answered} of ${total}`;
    row.querySelector("[data-progress-correct]").textContent = String(correct);
  }
};

const initPrint = (button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
};

const showLessonProgress = () => {
  each("[data-lesson-progress]", (target) => {
    const total = Number(target.getAttribute("data-progress-total"));
    const { answered, correct } = answeredAndCorrect(target.getAttribute("data-lesson-progress"), total);
    target.textContent = !answered
      ? "Quiz: not started"
      : `Quiz: ${answered} of ${total} answered, ${correct} correct` +
        (correct === total ? " (complete)" : "");
  });
};

/* Validate a whole exported file before writing anything, so a wrong or damaged file
   leaves the answers already in this browser exactly as they were. */
const checkImport = (text) => {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { error: "the file is not valid JSON." };
  }
  if (!data || typeof data !== "object" || data.course !== "acupuncture-for-back-pain") {
    return { error: "this is not a progress file exported from this course." };
  }
  if (!data.quizzes || typeof data.quizzes !== "object" || Array.isArray(data.quizzes)) {
    return { error: "the file has no quiz answers." };
  }
  const quizzes = {};
  const keys = Object.keys(data.quizzes);
  for (const key of keys) {
    const answers = data.quizzes[key];
    if (!/^quiz:[0-9a-z-]+$/.test(key) || !isPlainObject(answers)) {
      return { error: `the entry ${JSON.stringify(key)} is not a quiz.` };
    }
    for (const [id, entry] of Object.entries(answers)) {
      if (!QUESTION_ID.test(id) || !isAnswer(entry)) {
        return { error: `the answer ${JSON.stringify(id)} in ${key} is damaged.` };
      }
    }
    quizzes[key] = answers;
  }
  if (!keys.length) return { error: "the file has no quiz answers." };
  return { quizzes };
};

const exportProgress = (message) => {
  const data = { course: "acupuncture-for-back-pain", exported: new Date().toISOString(), quizzes: {} };
  /* only well-formed answers: the file must import again */
  for (const key of courseKeys().filter((k) => k.startsWith("quiz:"))) {
    const answers = quizAnswers(key.slice("quiz:".length));
    if (Object.keys(answers).length) data.quizzes[key] = answers;
  }
  const blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
  const link = document.createElement("a");
  const url = URL.createObjectURL(blob);
  link.href = url;
  link.download = "acupuncture-course-progress.json";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // free the blob once the browser has taken the download (some need a moment)
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  if (message) message.textContent = "Progress exported.";
};

const resetProgress = (message) => {
  const sure = window.confirm(
    "Delete all your quiz answers kept in this browser? " +
      "This cannot be undone. Export your progress first if you want to keep it.",
  );
  if (!sure) {
    if (message) message.textContent = "Nothing was reset.";
    return;
  }
  courseKeys().forEach(forget);
  showLessonProgress();
  if (message) message.textContent = "Progress reset.";
};

const importProgress = (input, message) => {
  const file = input.files && input.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    const result = checkImport(String(reader.result));
    if (result.error) {
      if (message) message.textContent = `Not imported: ${result.error} Nothing was changed.`;
    } else {
      for (const [key, answers] of Object.entries(result.quizzes)) save(key, answers);
      showLessonProgress();
      if (message) {
        message.textContent = `Imported your answers for ${Object.keys(result.quizzes).length} lesson(s).`;
      }
    }
    input.value = "";
  };
  reader.readAsText(file);
};

const initProgressActions = () => {
  const message = document.querySelector("[data-progress-message]");
  const exportButton = document.querySelector("[data-progress-export]");
  const resetButton = document.querySelector("[data-progress-reset]");
  const importInput = document.querySelector("[data-progress-import]");
  showLessonProgress();
  if (exportButton) exportButton.addEventListener("click", () => exportProgress(message));
  if (resetButton) resetButton.addEventListener("click", () => resetProgress(message));
  if (importInput) importInput.addEventListener("change", () => importProgress(importInput, message));
};
