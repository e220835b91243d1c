/* Start reveal.js for a course deck. Kept out of the page so the CSP can forbid inline scripts. */
(function () {
  "use strict";
  if (!window.Reveal) return;

  /* Predict, then reveal: on a slide, a claim card shows the quote and its article first;
     the verdict, then the evidence, appear on the next key presses, so the room can guess.
     The site keeps the verdict visible; only decks run this. */
  var counters = [];
  Array.prototype.forEach.call(document.querySelectorAll(".reveal .course-claim"), function (card) {
    var slide = card.closest("section");
    var entry = counters.filter(function (c) { return c.slide === slide; })[0];
    if (!entry) { entry = { slide: slide, next: 0 }; counters.push(entry); }
    var verdict = card.querySelector(".claim-verdict");
    var rest = card.querySelectorAll(".claim-in-short, .claim-evidence, .claim-sources");
    if (verdict) {
      verdict.classList.add("fragment");
      verdict.setAttribute("data-fragment-index", String(entry.next++));
    }
    var index = String(entry.next++);
    Array.prototype.forEach.call(rest, function (part) {
      part.classList.add("fragment");
      part.setAttribute("data-fragment-index", index);
    });
  });

  /* One question per slide: the first question stays on the quiz's own slide, under its
     heading, and each further one gets a slide of its own below it, in a copy of the quiz
     wrapper (same bank, same feedback), so the room reads one at a time and no slide
     announces questions it does not show. The deck starts fresh on every load, so the
     reset button (for the site's saved answers) is dropped. This runs before course.js
     wires the quizzes up. */
  Array.prototype.forEach.call(document.querySelectorAll(".reveal .course-quiz"), function (quiz) {
    var slide = quiz.closest("section");
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".course-question"));
    var head = quiz.querySelector(".course-quiz-head");
    var notes = slide.querySelector("aside.notes");
    var after = slide;
    var reset = quiz.querySelector(".course-reset");
    if (reset && questions.length) reset.remove();
    questions.forEach(function (question, i) {
      var section = document.createElement("section");
      section.setAttribute("aria-label", "Question " + (i + 1));
      var wrapper = quiz.cloneNode(false);
      wrapper.removeAttribute("aria-labelledby");
      wrapper.setAttribute("aria-label", "Quiz, question " + (i + 1));
      if (head) {
        var copy = head.cloneNode(true);
        Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (node) {
          node.removeAttribute("id");  /* ids stay unique */
        });
        wrapper.appendChild(copy);
      }
      /* after Check, the feedback takes the options' place (it names each chosen option),
         so question and feedback fit one slide; "Try again" brings the options back */
      var actions = question.querySelector(".course-question-actions");
      if (actions) {
        var retry = document.createElement("button");
        retry.type = "button";
        retry.className = "course-retry";
        retry.textContent = "Try again";
        retry.addEventListener("click", function () {
          question.classList.remove("is-correct", "is-wrong");
          question.querySelector(".course-feedback").replaceChildren();
          var first = question.querySelector("input");
          if (first) first.focus();
        });
        actions.appendChild(retry);
        /* a room that has not found the answer: show it, with the feedback that explains
           it, as if the right options had been chosen */
        var show = document.createElement("button");
        show.type = "button";
        show.className = "course-show-answer";
        show.textContent = "Show answer";
        show.addEventListener("click", function () {
          Array.prototype.forEach.call(question.querySelectorAll("input"), function (input) {
            input.checked = input.hasAttribute("data-correct");
          });
          var check = question.querySelector(".course-check");
          if (check) check.click();
        });
        actions.appendChild(show);
      }
      if (i === 0) return;  /* the first question stays where it is (with its buttons) */
      wrapper.appendChild(question);
      section.appendChild(wrapper);
      if (notes) section.appendChild(notes.cloneNode(true));
      after.parentNode.insertBefore(section, after.nextSibling);
      after = section;
    });
    var prompt = slide.querySelector(".course-quiz-head");
    if (prompt && questions.length > 1) prompt.setAttribute("data-questions", String(questions.length));
  });

  window.Reveal.initialize({
    hash: true,
    /* → and space step through every slide, a quiz's questions included, as a presenter
       expects; the up and down arrows go */
    navigationMode: "linear",
    controls: true,
    progress: true,
    center: false,
    slideNumber: "c/t",
    width: 1100,
    height: 760,
    margin: 0.04,
    transition: "none",
    pdfSeparateFragments: false,  /* a handout shows each slide once, every fragment visible */
    plugins: window.RevealNotes ? [window.RevealNotes] : []
  });
})();
