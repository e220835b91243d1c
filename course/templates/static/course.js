/* Course interactions for the static site and slides, with no network and no kernel:
 * quizzes graded in the browser, explorable figures, progress (kept in localStorage),
 * the claims filter and the search page. Everything reads the page, which was rendered
 * from the same course data as the Jupyter widgets.
 */
(function () {
  "use strict";

  var PREFIX = "acupuncture-course:";

  /* -- storage: every key is prefixed; failures (private mode) never break a page -- */
  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(PREFIX + key) || "null");
    } catch (err) {
      return null;
    }
  }
  function save(key, value) {
    try {
      window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch (err) {
      /* storage may be disabled; the page still works for this visit */
    }
  }
  function forget(key) {
    try {
      window.localStorage.removeItem(PREFIX + key);
    } catch (err) {
      /* ignore */
    }
  }
  function courseKeys() {
    var found = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(PREFIX) === 0) found.push(key.slice(PREFIX.length));
      }
    } catch (err) { /* storage unavailable */ }
    return found;
  }
  /* a quiz record is an object of answers; anything else in storage (damaged by hand, an
     old format) is read as "no answers" rather than breaking the page */
  function record(key) {
    var value = load(key);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  }
  function quizAnswers(bank) {
    return record("quiz:" + bank);
  }
  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* -- quizzes -- */
  function initQuestion(question, messages, onChange) {
    var inputs = Array.prototype.slice.call(question.querySelectorAll("input"));
    var button = question.querySelector(".course-check");
    var output = question.querySelector(".course-feedback");
    var answers = question.querySelector(".course-answers");

    function selected() {
      return inputs.filter(function (i) { return i.checked; })
        .map(function (i) { return Number(i.value); });
    }

    function grade(choice) {
      var correct = inputs.filter(function (i) { return i.hasAttribute("data-correct"); })
        .map(function (i) { return Number(i.value); });
      var ok = choice.length === correct.length &&
        correct.every(function (c) { return choice.indexOf(c) >= 0; });
      var missed = correct.filter(function (c) { return choice.indexOf(c) < 0; }).length;
      var allChosenRight = choice.every(function (c) { return correct.indexOf(c) >= 0; });
      var headline;
      if (!choice.length) headline = messages.empty;
      else if (ok) headline = messages.correct;
      else if (missed && allChosenRight) headline = messages.partial.replace("{missed}", missed);
      else headline = messages.wrong;
      return { ok: ok, answered: choice.length > 0, headline: headline, correct: correct };
    }

    function show(choice) {
      var result = grade(choice);
      var body = el("div", "course-feedback-body " +
        (result.ok ? "is-correct" : (result.answered ? "is-wrong" : "is-empty")));
      var head = el("p", "course-feedback-headline");
      head.appendChild(el("strong", null,
        (result.ok ? "✔ " : (result.answered ? "✘ " : "")) + result.headline));
      body.appendChild(head);
      choice.forEach(function (index) {
        var isRight = result.correct.indexOf(index) >= 0;
        var line = el("p", "course-feedback-option", (isRight ? "✔ " : "✘ "));
        // inputs are in display order; their values are authoring indices
        var input = inputs.filter(function (i) { return Number(i.value) === index; })[0];
        var label = input ? input.parentNode.textContent.trim() : "";
        line.appendChild(el("em", null, label));
        var text = answers.querySelector('[data-option="' + index + '"]');
        line.appendChild(document.createTextNode(": " + (text ? text.textContent : "")));
        body.appendChild(line);
      });
      if (result.ok) {
        body.appendChild(answers.querySelector(".course-explanation").cloneNode(true));
      }
      output.replaceChildren(body);
      question.classList.toggle("is-correct", result.ok);
      question.classList.toggle("is-wrong", result.answered && !result.ok);
      return result;
    }

    button.addEventListener("click", function () {
      var choice = selected();
      var result = show(choice);
      if (result.answered) onChange(question.getAttribute("data-question-id"),
        { selected: choice, correct: result.ok });
    });

    return {
      id: question.getAttribute("data-question-id"),
      restore: function (entry) {
        inputs.forEach(function (i) {
          i.checked = entry.selected.indexOf(Number(i.value)) >= 0;
        });
        show(entry.selected);
      },
      clear: function () {
        inputs.forEach(function (i) { i.checked = false; });
        output.replaceChildren();
        question.classList.remove("is-correct", "is-wrong");
      }
    };
  }

  /* On a deck the quiz is for the room: it starts empty and leaves the presenter's own
     answers (kept for the site) untouched. */
  var presenting = document.body && document.body.classList.contains("course-deck");

  function initQuiz(root) {
    var key = "quiz:" + root.getAttribute("data-quiz");
    var messages = JSON.parse(root.getAttribute("data-messages"));
    var state = presenting ? {} : record(key);
    var score = root.querySelector("[data-score]");
    var questions = [];

    function update() {
      var count = questions.filter(function (q) {
        return state[q.id] && state[q.id].correct;
      }).length;
      score.textContent = String(count);
    }

    Array.prototype.forEach.call(root.querySelectorAll("[data-question-id]"), function (node) {
      questions.push(initQuestion(node, messages, function (id, entry) {
        if (!presenting) {
          state = record(key);
          state[id] = entry;
          save(key, state);
        } else {
          state[id] = entry;
        }
        update();
      }));
    });
    questions.forEach(function (q) {
      if (state[q.id] && Array.isArray(state[q.id].selected)) q.restore(state[q.id]);
    });
    var resetButton = root.querySelector(".course-reset");
    if (resetButton) resetButton.addEventListener("click", function () {
      if (!presenting) forget(key);
      state = {};
      questions.forEach(function (q) { q.clear(); });
      update();
    });
    update();
  }


  /* -- explorable figures: radio buttons switch images pre-rendered at build time -- */
  function initExplorable(root) {
    var image = root.querySelector("[data-explorable-image]");
    var caption = root.querySelector("[data-explorable-caption]");
    var status = root.querySelector("[data-explorable-status]");
    var groups = Array.prototype.slice.call(root.querySelectorAll("fieldset"));

    function update() {
      var key = groups.map(function (group) {
        var checked = group.querySelector("input:checked");
        return checked ? checked.value : "0";
      }).join("-");
      var state = root.querySelector('[data-explorable-states] [data-key="' + key + '"]');
      if (!state) return;
      image.src = state.getAttribute("data-src");
      var full = root.querySelector("[data-explorable-full]");
      if (full) full.href = state.getAttribute("data-src");
      image.alt = state.getAttribute("data-alt");
      image.width = Number(state.getAttribute("data-width"));
      image.height = Number(state.getAttribute("data-height"));
      caption.textContent = state.getAttribute("data-caption");
      status.textContent = "Showing: " + state.getAttribute("data-showing");
    }

    root.addEventListener("change", update);
    update();
  }


  /* -- progress summary (review lesson) and print buttons -- */
  function fillProgressTable(table) {
    Array.prototype.forEach.call(table.querySelectorAll("[data-progress-bank]"), function (row) {
      var answers = quizAnswers(row.getAttribute("data-progress-bank"));
      var ids = Object.keys(answers);
      var correct = ids.filter(function (id) { return answers[id] && answers[id].correct; });
      row.querySelector("[data-progress-answered]").textContent =
        ids.length + " of " + row.getAttribute("data-progress-total");
      row.querySelector("[data-progress-correct]").textContent = String(correct.length);
    });
  }
  function initPrint(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  /* -- index: progress per lesson, export and reset -- */
  function showLessonProgress() {
    each("[data-lesson-progress]", function (target) {
      var answers = quizAnswers(target.getAttribute("data-lesson-progress"));
      var ids = Object.keys(answers);
      var total = Number(target.getAttribute("data-progress-total"));
      var correct = ids.filter(function (id) { return answers[id] && answers[id].correct; }).length;
      target.textContent = !ids.length ? "Quiz: not started" : "Quiz: " + ids.length + " of " + total +
        " answered, " + correct + " correct" + (correct === total ? " (complete)" : "");
    });
  }
  function initProgressActions() {
    var message = document.querySelector("[data-progress-message]");
    var exportButton = document.querySelector("[data-progress-export]");
    var resetButton = document.querySelector("[data-progress-reset]");
    showLessonProgress();
    if (exportButton) {
      exportButton.addEventListener("click", function () {
        var data = { course: "acupuncture-for-back-pain", exported: new Date().toISOString(), quizzes: {} };
        courseKeys().forEach(function (key) { data.quizzes[key] = load(key); });
        var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
        var link = document.createElement("a");
        var url = URL.createObjectURL(blob);
        link.href = url;
        link.download = "acupuncture-course-progress.json";
        document.body.appendChild(link);
        link.click();
        link.remove();
        // free the blob once the browser has taken the download (some need a moment)
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        if (message) message.textContent = "Progress exported.";
      });
    }
    if (resetButton) {
      resetButton.addEventListener("click", function () {
        var sure = window.confirm("Delete all your quiz answers kept in this browser? " +
          "This cannot be undone. Export your progress first if you want to keep it.");
        if (!sure) {
          if (message) message.textContent = "Nothing was reset.";
          return;
        }
        courseKeys().forEach(forget);
        showLessonProgress();
        if (message) message.textContent = "Progress reset.";
      });
    }
    var importInput = document.querySelector("[data-progress-import]");
    if (importInput) {
      importInput.addEventListener("change", function () {
        var file = importInput.files && importInput.files[0];
        if (!file) return;
        var reader = new FileReader();
        reader.onload = function () {
          var result = checkImport(String(reader.result));
          if (result.error) {
            if (message) message.textContent = "Not imported: " + result.error + " Nothing was changed.";
          } else {
            Object.keys(result.quizzes).forEach(function (key) { save(key, result.quizzes[key]); });
            showLessonProgress();
            if (message) message.textContent = "Imported your answers for " +
              Object.keys(result.quizzes).length + " lesson(s).";
          }
          importInput.value = "";
        };
        reader.readAsText(file);
      });
    }
  }

  /* Validate a whole exported file before writing anything, so a wrong or damaged file
     leaves the answers already in this browser exactly as they were. */
  function checkImport(text) {
    var data;
    try { data = JSON.parse(text); } catch (err) { return { error: "the file is not valid JSON." }; }
    if (!data || typeof data !== "object" || data.course !== "acupuncture-for-back-pain") {
      return { error: "this is not a progress file exported from this course." };
    }
    if (!data.quizzes || typeof data.quizzes !== "object" || Array.isArray(data.quizzes)) {
      return { error: "the file has no quiz answers." };
    }
    var quizzes = {};
    var keys = Object.keys(data.quizzes);
    for (var k = 0; k < keys.length; k++) {
      var key = keys[k];
      var answers = data.quizzes[key];
      if (!/^quiz:[0-9a-z-]+$/.test(key) || !answers || typeof answers !== "object" || Array.isArray(answers)) {
        return { error: "the entry " + JSON.stringify(key) + " is not a quiz." };
      }
      var ids = Object.keys(answers);
      for (var q = 0; q < ids.length; q++) {
        var entry = answers[ids[q]];
        var fine = /^[0-9a-z-]+$/.test(ids[q]) && entry && typeof entry === "object" &&
          Array.isArray(entry.selected) && typeof entry.correct === "boolean" &&
          entry.selected.every(function (n) { return Number.isInteger(n) && n >= 0 && n < 20; });
        if (!fine) return { error: "the answer " + JSON.stringify(ids[q]) + " in " + key + " is damaged." };
      }
      quizzes[key] = answers;
    }
    if (!keys.length) return { error: "the file has no quiz answers." };
    return { quizzes: quizzes };
  }

  /* -- all-claims page: filter by article, topic and verdict -- */
  function initClaimsFilter() {
    var form = document.querySelector("[data-claims-filter]");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-claim-row]"));
    var count = document.querySelector("[data-claims-count]");
    function apply() {
      var article = form.elements.article.value;
      var topic = form.elements.topic.value;
      var verdict = form.elements.verdict.value;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!article || row.getAttribute("data-articles").split(" ").indexOf(article) >= 0) &&
          (!topic || row.getAttribute("data-topic") === topic) &&
          (!verdict || row.getAttribute("data-verdict") === verdict);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === rows.length ? "Showing all " + shown + " claims." :
        "Showing " + shown + " of " + rows.length + " claims.";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  /* -- search page: Pagefind's static index, loaded from this site only -- */
  /* Pagefind gives site-absolute URLs; the site may sit in a sub-folder or be opened
     from files, so links are made relative, and "/" becomes the index page */
  function pageHref(url) {
    var path = String(url).replace(/^\//, "");
    return path === "" || path.charAt(0) === "#" ? "index.html" + path : path.replace(/\/(#|$)/, "/index.html$1");
  }
  function plain(html) {
    return String(html || "").replace(/<[^>]+>/g, "");
  }

  function initSearch() {
    var form = document.querySelector("[data-search-form]");
    if (!form) return;
    var input = form.querySelector("input");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var pagefind = null;

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", document.baseURI).href).then(function (pf) {
          return pf.init().then(function () { return pf; });
        });
      }
      return pagefind;
    }

    function run(term) {
      list.replaceChildren();
      if (!term.trim()) {
        status.textContent = "Type a word or phrase to search.";
        return;
      }
      status.textContent = "Searching…";
      load().then(function (pf) { return pf.search(term); }).then(function (search) {
        return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }));
      }).then(function (results) {
        results = results.filter(function (result) { return result && result.url; });
        results.forEach(function (result) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = pageHref(result.url);
          link.textContent = (result.meta && result.meta.title) || pageHref(result.url);
          var excerpt = document.createElement("p");
          excerpt.className = "search-excerpt";
          excerpt.textContent = plain(result.excerpt);
          item.appendChild(link);
          item.appendChild(excerpt);
          /* the sections of the page that match, so a result jumps to the right place */
          var sections = (result.sub_results || []).filter(function (sub) {
            return sub.url && sub.url.indexOf("#") > 0 && sub.title;
          }).slice(0, 3);
          if (sections.length) {
            var subs = el("ul", "search-sections");
            sections.forEach(function (sub) {
              var li = el("li");
              var a = el("a", null, sub.title);
              a.href = pageHref(sub.url);
              li.appendChild(a);
              li.appendChild(el("span", "search-excerpt", " " + plain(sub.excerpt)));
              subs.appendChild(li);
            });
            item.appendChild(subs);
          }
          list.appendChild(item);
        });
        status.textContent = results.length ? results.length + " result" + (results.length > 1 ? "s" : "") +
          " for “" + term + "”." : "No results for “" + term + "”.";
      }).catch(function () {
        status.textContent = "Search is unavailable when the site is opened as files; serve the folder (make serve).";
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
      run(input.value);
    });
    var initial = new URLSearchParams(window.location.search).get("q") || "";
    input.value = initial;
    if (initial) run(initial);
  }

  /* -- small screens: lesson menu, glossary tips inside the screen, tables that scroll -- */
  var NARROW = "(max-width: 52rem)";

  function initLessonMenu(menu) {
    /* open by default (and without script); folded on a phone so the lesson comes first */
    if (window.matchMedia && window.matchMedia(NARROW).matches) menu.open = false;
  }

  function initGlossaryTip(term) {
    var tip = term.querySelector(".gloss-tip");
    if (!tip) return;
    function place() {
      term.classList.remove("gloss-dismissed");
      tip.style.left = "0px";
      var box = tip.getBoundingClientRect();
      var room = document.documentElement.clientWidth - 8;
      var shift = 0;
      if (box.right > room) shift = room - box.right;
      if (box.left + shift < 8) shift = 8 - box.left;
      tip.style.left = shift + "px";
    }
    term.addEventListener("mouseenter", place);
    term.addEventListener("focusin", place);
  }

  var tableCount = 0;
  function initTable(table) {
    if (table.closest(".table-scroll")) return;
    var wrap = table.parentNode;
    if (!wrap.classList.contains("course-table-wrap")) {
      wrap = el("div", "");
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    }
    wrap.classList.add("table-scroll");
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    /* each region needs its own name (axe: landmark-unique) */
    var caption = table.querySelector("caption, th");
    var name = caption ? caption.textContent.trim().slice(0, 60) : "";
    tableCount += 1;
    wrap.setAttribute("aria-label", "Table " + tableCount + (name ? ": " + name : "") +
      " (scrolls sideways on small screens)");
    function cue() {
      wrap.classList.toggle("is-wide", wrap.scrollWidth > wrap.clientWidth + 1);
    }
    cue();
    window.addEventListener("resize", cue);
  }

  function init() {
    each("[data-nav-menu]", initLessonMenu);
    each(".gloss", initGlossaryTip);
    each("main table", initTable);
    document.addEventListener("keydown", function (event) {
      /* WCAG 1.4.13: a definition that pops up can be dismissed without moving focus */
      if (event.key === "Escape") each(".gloss", function (g) { g.classList.add("gloss-dismissed"); });
    });
    each("[data-quiz]", initQuiz);
    each("[data-explorable-id]", initExplorable);
    each("[data-progress-summary]", fillProgressTable);
    each("[data-print]", initPrint);
    initProgressActions();
    initClaimsFilter();
    initSearch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
