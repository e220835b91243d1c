/* -- storage: every key is prefixed; failures (private mode, storage that throws on
   access) never break a page, and every value read back is checked by its shape -- */
const PREFIX = "acupuncture-course:";

/* What is stored under a key: { found: false } when nothing is, { found: true, value }
   when something is, with value undefined if it is not JSON. */
const read = (key) => {
  try {
    const text = window.localStorage.getItem(PREFIX + key);
    if (text === null) return { found: false };
    try {
      return { found: true, value: JSON.parse(text) };
    } catch (err) {
      return { found: true, value: undefined };
    }
  } catch (err) {
    return { found: false }; /* storage unavailable: nothing saved, nothing to read */
  }
};

const save = (key, value) => {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch (err) {
    /* storage may be disabled or full; the page still works for this visit */
  }
};

const forget = (key) => {
  try {
    window.localStorage.removeItem(PREFIX + key);
  } catch (err) {
    /* ignore */
  }
};

const courseKeys = () => {
  const found = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key && key.startsWith(PREFIX)) found.push(key.slice(PREFIX.length));
    }
  } catch (err) {
    /* storage unavailable */
  }
  return found;
};

/* Damaged values (edited by hand, an old format, another script on the same origin) count
   as no progress. One warning per page says so; nothing is thrown. */
let warned = false;
const ignoreDamaged = (key) => {
  if (warned) return;
  warned = true;
  console.warn(`Course progress: ignored saved answers that are damaged (${PREFIX}${key}).`);
};

const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/* One saved answer: the options chosen (authoring indices) and whether that was right.
   The same rule checks an imported progress file. */
const QUESTION_ID = /^[0-9a-z-]+$/;
const isAnswer = (entry) =>
  isPlainObject(entry) &&
  Array.isArray(entry.selected) &&
  entry.selected.length <= 20 &&
  entry.selected.every((n) => Number.isInteger(n) && n >= 0 && n < 20) &&
  typeof entry.correct === "boolean";

/* A quiz's saved answers, by question id: only well-formed answers are kept. */
const quizAnswers = (bank) => {
  const key = `quiz:${bank}`;
  const stored = read(key);
  if (!stored.found) return {};
  if (!isPlainObject(stored.value)) {
    ignoreDamaged(key);
    return {};
  }
  const answers = {};
  for (const [id, entry] of Object.entries(stored.value)) {
    if (QUESTION_ID.test(id) && isAnswer(entry)) answers[id] = entry;
    else ignoreDamaged(key);
  }
  return answers;
};
