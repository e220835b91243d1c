/* -- LMS: inside a SCORM 1.2 player (the package `make scorm` writes) a lesson page is a
   SCO. It reports its status and quiz score and keeps the learner's answers in the LMS.
   Outside one (the site as published, opened from files, a deck) none of this runs and
   nothing is logged. -- */

/* The standard search (ADL's SCORM 1.2 run-time guide): the API object on this window or
   one of its parents, then on the window that opened it and that window's parents. A
   window of another origin throws on reading; it is passed over, never reported. */
const findScormApi = () => {
  const search = (start) => {
    let win = start;
    for (let hops = 0; win && hops <= 10; hops++) {
      try {
        const api = win.API;
        if (api && typeof api.LMSInitialize === "function") return api;
      } catch (err) {
        /* another origin's window */
      }
      let parent = null;
      try {
        parent = win.parent;
      } catch (err) {
        /* no parent to read */
      }
      if (!parent || parent === win) break;
      win = parent;
    }
    return null;
  };
  let opener = null;
  try {
    opener = window.opener;
  } catch (err) {
    /* ignore */
  }
  return search(window) || (opener ? search(opener) : null);
};

/* suspend_data (at most 4,096 characters in SCORM 1.2): a version, then one entry per
   answered question, "id.mask", the options chosen as a bit mask of their authoring
   indices in base 36: "1|res-jama.2|res-points.5". Question ids, not positions, so an
   updated package keeps each answer on its question; whether an answer was right is not
   stored, the page grades it afresh. */
const SUSPEND_VERSION = "1";
const SUSPEND_ENTRY = /^([0-9a-z-]+)\.([0-9a-z]{1,4})$/;
const MAX_OPTIONS = 20; /* the bound isAnswer keeps */

const encodeAnswers = (answers, order) => {
  const entries = order
    .filter((id) => answers[id])
    .map((id) => `${id}.${answers[id].selected.reduce((mask, n) => mask | (1 << n), 0).toString(36)}`);
  return entries.length ? [SUSPEND_VERSION, ...entries].join("|") : "";
};

/* Answers by question id; anything that does not fit the format is left out, with the
   one warning the page gives for damaged saved answers. */
const decodeAnswers = (text, key) => {
  const answers = {};
  if (!text) return answers;
  const [version, ...entries] = text.split("|");
  if (version !== SUSPEND_VERSION) {
    ignoreDamaged(key);
    return answers;
  }
  for (const entry of entries) {
    const match = SUSPEND_ENTRY.exec(entry);
    const mask = match ? parseInt(match[2], 36) : 0;
    if (!match || mask <= 0 || mask >= 1 << MAX_OPTIONS) {
      ignoreDamaged(key);
      continue;
    }
    const selected = [];
    for (let n = 0; n < MAX_OPTIONS; n++) if (mask & (1 << n)) selected.push(n);
    answers[match[1]] = { selected, correct: false };
  }
  return answers;
};

/* SCORM 1.2's CMITimeSpan, HHHH:MM:SS.SS */
const timeSpan = (ms) => {
  const seconds = Math.max(0, ms) / 1000;
  const hours = Math.min(9999, Math.floor(seconds / 3600));
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = (seconds % 60).toFixed(2).padStart(5, "0");
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}:${rest}`;
};

/* The launched lesson's connection to the LMS, or null when there is none: not a lesson
   page, no API found, or an API that will not start a session (one already finished). */
const connectLms = () => {
  const body = document.body;
  if (!body || !body.classList.contains("lesson-page")) return null;
  const api = findScormApi();
  if (!api) return null;
  /* every answer as a string; "" for none (some players return undefined or null) */
  const call = (name, ...args) => {
    try {
      const result = api[name](...args);
      return result === undefined || result === null ? "" : String(result);
    } catch (err) {
      return "";
    }
  };
  if (call("LMSInitialize", "") !== "true") return null;
  const started = Date.now();
  let open = true;
  const set = (element, value) => open && call("LMSSetValue", element, String(value));
  const commit = () => open && call("LMSCommit", "");
  /* the manifest's mastery score, passed on by the LMS; without one a finished quiz is
     "completed" rather than passed or failed */
  const masteryText = call("LMSGetValue", "cmi.student_data.mastery_score");
  const mastery = masteryText.trim() === "" ? NaN : Number(masteryText);

  /* What the LMS records for a quiz of ``order`` questions with these answers: the score
     out of 100 so far, and the status once every question has an answer. */
  const report = (answers, order) => {
    const answered = order.filter((id) => answers[id]).length;
    const correct = order.filter((id) => answers[id] && answers[id].correct).length;
    const score = order.length ? Math.round((100 * correct) / order.length) : 100;
    let status = "incomplete";
    if (answered === order.length) {
      if (Number.isFinite(mastery)) status = score >= mastery ? "passed" : "failed";
      else status = "completed";
    }
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    /* no score before the first answer; after a reset, the recorded one goes back to 0 */
    if (answered || call("LMSGetValue", "cmi.core.score.raw") !== "") {
      set("cmi.core.score.raw", answered ? score : 0);
    }
    set("cmi.core.lesson_status", status);
    commit();
  };

  const finish = () => {
    if (!open) return;
    set("cmi.core.session_time", timeSpan(Date.now() - started));
    set("cmi.core.exit", "suspend"); /* the answers are there when the learner comes back */
    commit();
    call("LMSFinish", "");
    open = false;
  };
  window.addEventListener("pagehide", finish);
  /* a phone may discard a hidden page without pagehide: what is recorded is sent first */
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") commit();
  });

  const quiz = document.querySelector("[data-quiz]");
  return {
    /* the lesson's quiz bank, whose answers live in the LMS (null: the lesson has none) */
    bank: quiz ? quiz.getAttribute("data-quiz") : null,
    /* A quiz store (see 30-quiz.js) backed by cmi.suspend_data. Answers are mirrored to
       this browser's storage so the site's own progress pages, opened from the lesson in
       a new tab, count them; the LMS's copy is the one the lesson starts from. */
    store(bank, order) {
      const key = `quiz:${bank}`;
      const keep = (answers) => {
        set("cmi.suspend_data", encodeAnswers(answers, order));
        report(answers, order);
        if (Object.keys(answers).length) save(key, answers);
        else forget(key);
      };
      return {
        load: () => decodeAnswers(call("LMSGetValue", "cmi.suspend_data"), key),
        opened: keep,
        answer(answers, id, entry) {
          const next = { ...answers, [id]: entry };
          keep(next);
          return next;
        },
        clear: () => keep({}),
      };
    },
    /* a lesson without a quiz is done once opened */
    noQuiz: () => report({}, []),
  };
};

/* Inside the LMS the lesson stays in the player's frame: moving between lessons is the
   player's menu (the site's lesson menu and pager go), and every other link opens the
   site in a new tab without a way back to the player's API, so nothing there reports
   into this lesson's record. Links within the page stay as they are. */
const adaptPageForLms = () => {
  document.body.classList.add("in-lms");
  each(".site-nav", (nav) => {
    nav.hidden = true;
  });
  each(".lesson-pager", (pager) => {
    const note = el(
      "p",
      "lms-note",
      "To go to another lesson, use your course's menu. Other course pages open in a new tab.",
    );
    pager.replaceWith(note);
  });
  const here = window.location.href.split("#")[0];
  each("a[href]", (link) => {
    if (link.href.split("#")[0] === here) return;
    link.target = "_blank";
    link.rel = `${link.rel} noopener`.trim();
  });
  each("form[action]", (form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const url = new URL(form.action, window.location.href);
      url.search = new URLSearchParams(new FormData(form)).toString();
      window.open(url.href, "_blank", "noopener");
    });
  });
};
