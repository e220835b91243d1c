/* -- course player: the single-SCO package (`make scorm`) launches player.html, one SCO
   that is the whole course. It holds the one SCORM session; the lessons open inside it, in
   its frame, and keep their answers in its record of every lesson, because an LMS that
   takes one SCO per package gives the course one record. -- */

/* The player around this page (same origin, the frame's parent), or null. */
const coursePlayer = () => {
  try {
    const parent = window.parent;
    if (!parent || parent === window) return null;
    const player = parent.coursePlayer;
    return player && typeof player.lesson === "function" ? player : null;
  } catch (err) {
    return null; /* another origin's window */
  }
};

/* cmi.suspend_data of the whole course (4,096 characters at most): a version, then one
   part per lesson that has anything, "~lesson-id", ":score" once its quiz was finished
   (0-100, or "c" for a lesson without one), and the lesson's answers as 15-lms.js keeps
   them ("|id.mask"): "2~01-back-pain:83|bp-a.1|bp-b.4~04-the-research|res-jama.2". Lesson
   ids, not positions, as for questions: the review lesson asks some questions again, and
   its answers are its own. */
const COURSE_VERSION = "2";
const COURSE_PART = /^([0-9a-z-]+)(?::(100|[1-9]?[0-9]|c))?$/;

const decodeCourse = (text) => {
  const lessons = {};
  if (!text) return lessons;
  const [version, ...parts] = text.split("~");
  if (version !== COURSE_VERSION) {
    ignoreDamaged("cmi.suspend_data");
    return lessons;
  }
  for (const part of parts) {
    const [head, ...entries] = part.split("|");
    const match = COURSE_PART.exec(head);
    if (!match) {
      ignoreDamaged("cmi.suspend_data");
      continue;
    }
    const score = match[2] === undefined ? null : match[2] === "c" ? "done" : Number(match[2]);
    lessons[match[1]] = { entries: entries.join("|"), score };
  }
  return lessons;
};

const encodeCourse = (lessons, order) => {
  const parts = order
    .filter((id) => lessons[id] && (lessons[id].entries || lessons[id].score !== null))
    .map((id) => {
      const { entries, score } = lessons[id];
      const mark = score === null ? "" : `:${score === "done" ? "c" : score}`;
      return `${id}${mark}${entries ? `|${entries}` : ""}`;
    });
  return parts.length ? [COURSE_VERSION, ...parts].join("~") : "";
};

/* A page's id from its address: ".../04-the-research.html" -> "04-the-research". */
const pageId = (path) => path.replace(/^.*\//, "").replace(/\.html$/, "");

/* The player page: the session, the course's record, the menu and the frame. */
const initCoursePlayer = (root) => {
  const frame = root.querySelector("iframe[data-player-frame]");
  const status = root.querySelector("[data-player-status]");
  const lessons = [...document.querySelectorAll(".site-nav a")].map((link) => ({
    id: pageId(link.getAttribute("href")),
    link,
  }));
  const ids = lessons.map((lesson) => lesson.id);
  const quizzes = (root.getAttribute("data-quiz-lessons") || "").split(" ").filter(Boolean);

  const api = findScormApi();
  const session = api ? scormSession(api) : null;
  const begun = session ? session.start("this course") : null;
  const started = Boolean(begun);
  const notice = !api ? NO_API : !begun ? notStarted("course") : begun.notice;
  if (notice) lmsNotice(notice, "lms-not-recorded", "status");
  const { recording, mastery } = begun || { recording: false, mastery: NaN };
  const record = started ? decodeCourse(session.get("cmi.suspend_data")) : {};
  let current = null;

  /* the course's score once every lesson's quiz is finished: the lessons' mean */
  const courseScore = () => {
    if (!quizzes.length) return "done";
    const scores = quizzes.map((id) => record[id] && record[id].score);
    if (!scores.every((score) => typeof score === "number")) return null;
    return Math.round(scores.reduce((sum, score) => sum + score, 0) / scores.length);
  };

  /* where each lesson stands, beside it in the menu and in one line above the lesson */
  const show = () => {
    let done = 0;
    for (const { id, link } of lessons) {
      const held = record[id];
      const finished = held && held.score !== null;
      if (finished && quizzes.includes(id)) done += 1;
      let mark = link.querySelector(".player-mark");
      if (!mark) {
        mark = el("span", "player-mark");
        link.append(" ", mark);
      }
      mark.textContent = finished ? "done" : held && held.entries ? "started" : "";
      link.classList.toggle("is-done", Boolean(finished));
      if (id === current) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    const score = courseScore();
    status.textContent =
      typeof score === "number"
        ? `Course finished: ${score} points out of 100 (the mean of the ${quizzes.length} lessons' quiz scores).`
        : `Lessons finished: ${done} of ${quizzes.length}. Finish every lesson's quiz to finish the course.`;
  };

  const keep = () => {
    show();
    if (!recording) return;
    session.set("cmi.suspend_data", encodeCourse(record, ids));
    if (current) session.set("cmi.core.lesson_location", current);
    session.report(courseScore(), mastery);
    session.commit();
  };

  /* what a page in the frame talks to (see connectLms); with no session, a lesson keeps
     its answers in the browser, as on the site */
  window.coursePlayer = {
    lesson(id) {
      if (!started || !ids.includes(id)) return null;
      const held = record[id];
      return {
        recording,
        loaded: held && held.entries ? `${SUSPEND_VERSION}|${held.entries}` : "",
        notice: null,
        keep(encoded, score) {
          const before = record[id] ? record[id].score : null;
          record[id] = {
            entries: encoded.split("|").slice(1).join("|"),
            score: score === null ? before : score,
          };
          keep();
        },
        journal: (item) => recording && session.journal(item),
      };
    },
  };

  /* The frame follows the menu; the menu and the bookmark follow the frame (a lesson's
     own pager moves it too). The site's pages open in the frame; the header's links and
     search as well. */
  const menu = document.querySelector("[data-nav-menu]");
  for (const { link } of lessons) {
    link.target = frame.name;
    link.addEventListener("click", () => {
      if (menu && narrow()) menu.open = false;
    });
  }
  each(".site-links a, .site-title", (link) => {
    link.target = frame.name;
  });
  each(".site-search", (form) => {
    form.target = frame.name;
  });
  frame.addEventListener("load", () => {
    let page = "";
    try {
      page = pageId(frame.contentWindow.location.pathname);
      document.title = frame.contentDocument.title;
    } catch (err) {
      /* a page of another origin: not a lesson */
    }
    current = ids.includes(page) ? page : current;
    keep();
  });

  /* where the learner was, or the first lesson not finished */
  const bookmark = started ? session.get("cmi.core.lesson_location") : "";
  const first = ids.includes(bookmark)
    ? bookmark
    : ids.find((id) => quizzes.includes(id) && !(record[id] && record[id].score !== null)) || ids[0];
  current = first;
  show();
  frame.src = `${first}.html`;
};

/* A page in the player's frame: the player's header and menu stand for its own; links
   within the course stay in the frame, links out of it open a new tab. */
const adaptPageForPlayer = () => {
  document.body.classList.add("in-player");
  each(".site-header, .site-nav", (node) => {
    node.hidden = true;
  });
  each("a[href]", (link) => {
    if (link.origin === window.location.origin) return;
    link.target = "_blank";
    link.rel = `${link.rel} noopener`.trim();
  });
};
