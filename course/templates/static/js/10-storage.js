/* -- storage: every key is prefixed; failures (private mode) never break a page -- */
const PREFIX = "acupuncture-course:";

const load = (key) => {
  try {
    return JSON.parse(window.localStorage.getItem(PREFIX + key) || "null");
  } catch (err) {
    return null;
  }
};

const save = (key, value) => {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch (err) {
    /* storage may be disabled; the page still works for this visit */
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

/* a quiz record is an object of answers; anything else in storage (damaged by hand, an
   old format) is read as "no answers" rather than breaking the page */
const record = (key) => {
  const value = load(key);
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
};

const quizAnswers = (bank) => record(`quiz:${bank}`);
