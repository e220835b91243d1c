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

  window.Reveal.initialize({
    hash: true,
    controls: true,
    progress: true,
    center: false,
    slideNumber: "c/t",
    width: 1100,
    height: 760,
    margin: 0.04,
    transition: "none",
    plugins: window.RevealNotes ? [window.RevealNotes] : []
  });
})();
