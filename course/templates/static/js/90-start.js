/* -- start: each feature finds its elements on the page -- */
const init = () => {
  lms = connectLms();
  if (coursePlayer()) adaptPageForPlayer();
  else if (lms) adaptPageForLms(lms.notice);
  each("[data-nav-menu]", initLessonMenu);
  each("[data-course-player]", initCoursePlayer);
  each(".gloss", initGlossaryTip);
  each("main table", initTable);
  document.addEventListener("keydown", (event) => {
    /* WCAG 1.4.13: a definition that pops up can be dismissed without moving focus */
    if (event.key === "Escape") each(".gloss", (g) => g.classList.add("gloss-dismissed"));
  });
  each("[data-quiz]", initQuiz);
  if (lms) lms.ready();
  each("[data-claim-results]", initClaimResults);
  each("[data-explorable-id]", initExplorable);
  each("[data-progress-summary]", fillProgressTable);
  each("[data-print]", initPrint);
  initPrintFolds();
  initOpenTargets();
  initProgressActions();
  initClaimsFilter();
  initSearch();
};

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
