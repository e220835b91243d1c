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
  /* the opener of this window, then of the top window (a popup player with frames) */
  const openers = [];
  for (const read of [() => window.opener, () => window.top.opener]) {
    try {
      const opener = read();
      if (opener && !openers.includes(opener)) openers.push(opener);
    } catch (err) {
      /* another origin's window */
    }
  }
  return search(window) || openers.reduce((found, opener) => found || search(opener), null);
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

/* SCORM 1.2's CMITimeSpan, HHHH:MM:SS.SS (counted in hundredths, so never "60.00") */
const timeSpan = (ms) => {
  const hundredths = Math.round(Math.max(0, ms) / 10);
  const hours = Math.min(9999, Math.floor(hundredths / 360000));
  const minutes = Math.floor((hundredths % 360000) / 6000);
  const seconds = ((hundredths % 6000) / 100).toFixed(2).padStart(5, "0");
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}:${seconds}`;
};

const FINISHED = ["passed", "failed", "completed"];

/* SCORM 1.2 choice responses are single characters a-z, comma separated: an option is
   the letter of its authoring index (the same option whatever order it is shown in). */
const letters = (indices) =>
  [...indices].sort((x, y) => x - y).map((n) => "abcdefghijklmnopqrstuvwxyz"[n]).join(",");

/* CMITime, the time of day an answer was given (HH:MM:SS) */
const clockTime = (date) =>
  [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");

/* One interaction record for an answer, as SCORM 1.2 journals them: a new entry n per
   answer given (an LMS's item report then shows how each question was answered, first
   tries included). The question's kind and right options are read from its page. */
const interactionOf = (id, entry) => {
  const node = document.querySelector(`[data-question-id="${CSS.escape(id)}"]`);
  if (!node) return null;
  const kind = node.getAttribute("data-kind");
  const right = [...node.querySelectorAll("input[data-correct]")].map((i) => Number(i.value));
  const trueFalse = kind === "true-false";
  const response = (indices) => (trueFalse ? (indices[0] === 0 ? "t" : "f") : letters(indices));
  return {
    id,
    type: trueFalse ? "true-false" : "choice",
    student_response: response(entry.selected),
    result: entry.correct ? "correct" : "wrong",
    pattern: response(right),
  };
};

/* The package's launch marker: the manifest launches each SCO with "?lms=scorm12" (its
   item's parameters), so a page that has it and finds no API knows an LMS meant to track
   it and says so; the site as published, framed by anyone, stays silent. */
const launchedByLms = () => {
  try {
    return new URLSearchParams(window.location.search).get("lms") === "scorm12";
  } catch (err) {
    return false;
  }
};

const NO_API =
  "Your course's system (LMS) could not be reached, so it is not recording this visit. " +
  "Your answers are kept in this browser only. To have them recorded, open the course again from your LMS.";
const notStarted = (what) =>
  `Your course is not recording this visit. To have your answers recorded, open the ${what} again from your course's menu.`;

/* A SCORM 1.2 session with ``api``, the one place that calls it. Every answer comes back
   as a string ("" for none: some players return undefined or null). What keeps the
   learner's record (answers, status, score, exit, time) is checked: a refusal (a "false"
   from LMSSetValue or LMSCommit) gets the LMS's own error code and words once in the
   console, and once on this page, which keeps the answers. Interaction records stay
   unchecked: SCORM 1.2 makes them optional. */
const scormSession = (api) => {
  const call = (name, ...args) => {
    try {
      const result = api[name](...args);
      return result === undefined || result === null ? "" : String(result);
    } catch (err) {
      return "";
    }
  };
  let open = false;
  let started = 0;
  let refusedOnce = false;
  let interactions = 0;
  const refused = (name, element) => {
    if (refusedOnce) return;
    refusedOnce = true;
    const code = call("LMSGetLastError");
    const words = call("LMSGetErrorString", code);
    const what = element ? `${name}("${element}")` : name;
    console.warn(`The LMS refused ${what}: error ${code || "?"}${words ? ` (${words})` : ""}.`);
    lmsNotice(
      "Your course did not save your answers from this visit. They are still on this page, " +
        "but you may have to answer again next time. If this keeps happening, tell your course's organiser.",
      "lms-not-saved",
      "alert",
    );
  };
  const get = (element) => (open ? call("LMSGetValue", element) : "");
  const set = (element, value) => {
    if (!open) return false;
    const ok = call("LMSSetValue", element, String(value)) === "true";
    if (!ok) refused("LMSSetValue", element);
    return ok;
  };
  const note = (element, value) => open && call("LMSSetValue", element, String(value)) === "true";
  const commit = () => {
    if (open && call("LMSCommit", "") !== "true") refused("LMSCommit");
  };
  let recording = false;
  /* time and exit as they stand ("suspend" keeps the answers for the next visit until
     the record is passed or completed), committed */
  const closing = () => {
    set("cmi.core.session_time", timeSpan(Date.now() - started));
    const done = ["passed", "completed"].includes(get("cmi.core.lesson_status"));
    if (recording) set("cmi.core.exit", done ? "" : "suspend");
    commit();
  };
  return {
    /* The session begun for ``what`` ("this lesson", "this course"): whether it records
       (a review launch shows the answers and changes nothing; browse is a look around),
       the manifest's mastery score as the LMS passes it on (NaN without one), and the
       notice for a launch that records nothing. Null when the LMS will not start one
       (one already finished, e.g. the frame was reloaded). From then on, leaving the page
       records its time and exit: a page put in the back/forward cache may come back, or
       may never, so it commits and keeps its session; a page really left finishes it; a
       phone may discard a hidden page without pagehide, so what is recorded is sent
       first. */
    start(what) {
      open = call("LMSInitialize", "") === "true";
      started = Date.now();
      if (!open) return null;
      interactions = Number.parseInt(get("cmi.interactions._count"), 10) || 0;
      const mode = get("cmi.core.lesson_mode");
      recording = mode !== "review" && mode !== "browse";
      if (mode === "browse" && get("cmi.core.lesson_status") === "not attempted") {
        set("cmi.core.lesson_status", "browsed");
      }
      const masteryText = get("cmi.student_data.mastery_score");
      window.addEventListener("pagehide", (event) => {
        if (!open) return;
        closing();
        if (event.persisted) return;
        call("LMSFinish", "");
        open = false;
      });
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState !== "hidden" || !open) return;
        set("cmi.core.session_time", timeSpan(Date.now() - started));
        commit();
      });
      return {
        recording,
        mastery: masteryText.trim() === "" ? NaN : Number(masteryText),
        notice: recording
          ? null
          : `You are ${mode === "review" ? "reviewing" : "browsing"} ${what}: your course does not record your answers.`,
      };
    },
    get,
    set,
    commit,
    /* Status and score. A score goes to the LMS only with everything it scores finished:
       an LMS that lets the mastery score override the status (Moodle does, by default)
       would turn a score sent half way into "failed". A finished record is never set back
       to "incomplete"; finishing again gives its new result. ``score`` is null until then,
       "done" for a record without questions. */
    report(score, mastery) {
      if (score === "done") {
        set("cmi.core.lesson_status", "completed");
      } else if (score !== null) {
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", score);
        if (Number.isFinite(mastery)) set("cmi.core.lesson_status", score >= mastery ? "passed" : "failed");
        else set("cmi.core.lesson_status", "completed");
      } else if (!FINISHED.includes(get("cmi.core.lesson_status"))) {
        set("cmi.core.lesson_status", "incomplete");
      }
    },
    /* each answer given, as an interaction record (cmi.interactions is a journal in SCORM
       1.2: entries are only ever added, at the count the LMS reports) */
    journal(item) {
      const at = `cmi.interactions.${interactions}`;
      if (!note(`${at}.id`, item.id)) return; /* an LMS without interactions */
      note(`${at}.time`, clockTime(new Date()));
      note(`${at}.type`, item.type);
      note(`${at}.correct_responses.0.pattern`, item.pattern);
      note(`${at}.weighting`, 1);
      note(`${at}.student_response`, item.student_response);
      note(`${at}.result`, item.result);
      interactions += 1;
    },
  };
};

/* A lesson's answers as one record, whichever quiz block shows them (the review lesson
   has two): the blocks' stores write into it, and ``sink`` takes it where it is kept (the
   LMS, or the course player's record of every lesson). A sink is { recording, loaded (the
   saved answers, as suspend data), notice, keep(encoded, score), journal(item) }; score
   is null until every scored question is answered. */
const lessonRecord = (sink) => {
  const banks = new Map(); /* quiz bank -> its question ids on this page */
  const unscored = new Set(); /* the claim tests: answers kept and reported, no score */
  for (const node of document.querySelectorAll("[data-quiz] [data-question-id]")) {
    const block = node.closest("[data-quiz]");
    const bank = block.getAttribute("data-quiz");
    if (!banks.has(bank)) banks.set(bank, []);
    banks.get(bank).push(node.getAttribute("data-question-id"));
    if (block.getAttribute("data-scored") === "false") unscored.add(node.getAttribute("data-question-id"));
  }
  const order = [...new Set([...banks.values()].flat())];
  const scored = order.filter((id) => !unscored.has(id));
  const loaded = decodeAnswers(sink.loaded, "cmi.suspend_data");
  let answers = {};

  const score = () => {
    if (!scored.length) return "done"; /* a lesson without a quiz: done once read */
    if (!scored.every((id) => answers[id])) return null;
    return Math.round((100 * scored.filter((id) => answers[id].correct).length) / scored.length);
  };
  /* Into the sink, then mirrored into this browser's storage by bank, so the site's own
     progress pages (opened from the lesson in a new tab) count the answers. */
  const keep = () => {
    if (!sink.recording) return;
    sink.keep(encodeAnswers(answers, order), score());
    for (const [bank, ids] of banks) {
      const mine = Object.fromEntries(ids.filter((id) => answers[id]).map((id) => [id, answers[id]]));
      if (Object.keys(mine).length) save(`quiz:${bank}`, mine);
      else forget(`quiz:${bank}`);
    }
  };
  return {
    connected: true,
    notice: sink.notice,
    /* The store of a quiz block showing ``ids`` (see 30-quiz.js). The record's answers are
       the ones the lesson starts from; the browser's own are not used here. */
    store: (bank, ids) => ({
      load: () => ({ ...loaded }),
      opened(state) {
        for (const id of ids) {
          if (state[id]) answers[id] = state[id];
        }
      },
      answer(state, id, entry) {
        answers = { ...answers, [id]: entry };
        const item = sink.recording ? interactionOf(id, entry) : null;
        if (item) sink.journal(item);
        keep();
        return answers;
      },
      clear() {
        answers = Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));
        keep();
      },
    }),
    /* once every block has shown its answers: what the lesson holds goes to the sink */
    ready: keep,
  };
};

/* The launched lesson's connection to the LMS, or null when there is none (not a lesson
   page, or no LMS that meant to track it). In the single-SCO package's player the lesson
   keeps its answers in the player's record of the course (16-player.js); otherwise the
   lesson is a SCO of its own. When the API will not start a session the connection does
   not record, and the page says so. */
const connectLms = () => {
  const body = document.body;
  if (!body || !body.classList.contains("lesson-page")) return null;
  const player = coursePlayer();
  if (player) {
    const main = document.querySelector("main[data-lesson-id]");
    const sink = main && player.lesson(main.getAttribute("data-lesson-id"));
    return sink ? lessonRecord(sink) : null;
  }
  const api = findScormApi();
  if (!api) return launchedByLms() ? { connected: false, notice: NO_API, ready() {} } : null;
  const session = scormSession(api);
  const begun = session.start("this lesson");
  if (!begun) return { connected: false, notice: notStarted("lesson"), ready() {} };
  const { recording, mastery, notice } = begun;
  return lessonRecord({
    recording,
    loaded: session.get("cmi.suspend_data"),
    notice,
    keep(encoded, score) {
      session.set("cmi.suspend_data", encoded);
      session.report(score, mastery);
      session.commit();
    },
    journal: (item) => session.journal(item),
  });
};

/* A note to the learner about the LMS, at the top of the lesson. */
const lmsNotice = (text, kind, role) => {
  const main = document.querySelector("main");
  if (!main) return;
  const warning = el("p", `lms-note ${kind}`, text);
  warning.setAttribute("role", role);
  main.prepend(warning);
};

/* Inside the LMS the lesson stays in the player's frame: moving between lessons is the
   player's menu (the site's lesson menu and pager go), and every other link opens the
   site in a new tab without a way back to the player's API, so nothing there reports
   into this lesson's record. Links within the page stay as they are. */
const adaptPageForLms = (notice) => {
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
  if (notice) lmsNotice(notice, "lms-not-recorded", "status");
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
