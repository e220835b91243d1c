/* Course interactions for the static site and slides: quizzes graded in the browser.
 * No network, no kernel. Questions, answers and feedback come from the page, which
 * was rendered from the same YAML as the Jupyter widget. State lives in localStorage.
 */
(function () {
  "use strict";

  var PREFIX = "acupuncture-course:";

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
      /* storage may be disabled (private mode); the quiz still works for this visit */
    }
  }
  function forget(key) {
    try {
      window.localStorage.removeItem(PREFIX + key);
    } catch (err) {
      /* ignore */
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

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
        var label = inputs[index].parentNode.textContent.trim();
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

  function initQuiz(root) {
    var key = "quiz:" + root.getAttribute("data-quiz");
    var messages = JSON.parse(root.getAttribute("data-messages"));
    var state = load(key) || {};
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
        state = load(key) || {};
        state[id] = entry;
        save(key, state);
        update();
      }));
    });
    questions.forEach(function (q) {
      if (state[q.id] && Array.isArray(state[q.id].selected)) q.restore(state[q.id]);
    });
    root.querySelector(".course-reset").addEventListener("click", function () {
      forget(key);
      state = {};
      questions.forEach(function (q) { q.clear(); });
      update();
    });
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-quiz]"), initQuiz);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Explorable figures: radio buttons switch between images pre-rendered at build time. */
(function () {
  "use strict";

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
      image.alt = state.getAttribute("data-alt");
      image.width = Number(state.getAttribute("data-width"));
      image.height = Number(state.getAttribute("data-height"));
      caption.textContent = state.getAttribute("data-caption");
      status.textContent = "Showing: " + state.getAttribute("data-showing");
    }

    root.addEventListener("change", update);
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-explorable-id]"), initExplorable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Progress summary and printing: read the quiz answers kept in localStorage. */
(function () {
  "use strict";
  var PREFIX = "acupuncture-course:";

  function saved(bank) {
    try {
      return JSON.parse(window.localStorage.getItem(PREFIX + "quiz:" + bank) || "{}") || {};
    } catch (err) {
      return {};
    }
  }

  function fill(table) {
    Array.prototype.forEach.call(table.querySelectorAll("[data-progress-bank]"), function (row) {
      var answers = saved(row.getAttribute("data-progress-bank"));
      var ids = Object.keys(answers);
      var correct = ids.filter(function (id) { return answers[id] && answers[id].correct; });
      row.querySelector("[data-progress-answered]").textContent =
        ids.length + " of " + row.getAttribute("data-progress-total");
      row.querySelector("[data-progress-correct]").textContent = String(correct.length);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-progress-summary]"), fill);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
