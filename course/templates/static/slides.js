/* Start reveal.js for a course deck. Kept out of the page so the CSP can forbid inline scripts. */
(function () {
  "use strict";
  if (!window.Reveal) return;
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
