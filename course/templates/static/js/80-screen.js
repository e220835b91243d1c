/* -- small screens: lesson menu, glossary tips inside the screen, tables that scroll -- */
const NARROW = "(max-width: 52rem)";
const narrow = () => Boolean(window.matchMedia && window.matchMedia(NARROW).matches);

/* open by default (and without script); folded on a phone so the lesson comes first. Until
   this runs, layout.css keeps a phone's list hidden, so folding it moves nothing (it moved
   the whole page up once course.js ran: Lighthouse's layout shift of 0.16 on every page). */
const initLessonMenu = (menu) => {
  if (narrow()) menu.open = false;
  menu.classList.add("is-ready");
};

const initGlossaryTip = (term) => {
  const tip = term.querySelector(".gloss-tip");
  if (!tip) return;
  const place = () => {
    term.classList.remove("gloss-dismissed");
    tip.style.left = "0px";
    const box = tip.getBoundingClientRect();
    const room = document.documentElement.clientWidth - 8;
    let shift = 0;
    if (box.right > room) shift = room - box.right;
    if (box.left + shift < 8) shift = 8 - box.left;
    tip.style.left = `${shift}px`;
  };
  term.addEventListener("mouseenter", place);
  term.addEventListener("focusin", place);
  /* On a touch screen a tap opens the definition where the term is, instead of leaving
     the lesson for the glossary page; the open definition links to its glossary entry. */
  const link = term.querySelector("a");
  let touched = false;
  link.addEventListener("pointerdown", (event) => { touched = event.pointerType === "touch"; });
  const close = () => {
    /* dismissed too: the tapped link keeps focus, which would hold the definition open */
    term.classList.remove("gloss-open");
    term.classList.add("gloss-dismissed");
    link.setAttribute("aria-expanded", "false");
  };
  link.addEventListener("click", (event) => {
    if (!touched) return;
    event.preventDefault();
    if (term.classList.contains("gloss-open")) { close(); return; }  /* a second tap closes */
    each(".gloss.gloss-open", (other) => other.classList.remove("gloss-open"));
    if (!tip.querySelector(".gloss-more")) {
      const more = document.createElement("a");
      more.className = "gloss-more";
      more.href = link.href;
      more.textContent = "More in the glossary";
      tip.append(" ", more);
    }
    place();  /* also clears a dismissal */
    term.classList.add("gloss-open");
    link.setAttribute("aria-expanded", "true");
  });
};

/* a tap anywhere else closes an open definition */
document.addEventListener("click", (event) => {
  each(".gloss.gloss-open", (term) => {
    if (term.contains(event.target)) return;
    term.classList.remove("gloss-open");
    term.classList.add("gloss-dismissed");
    term.querySelector("a").setAttribute("aria-expanded", "false");
  });
});

let tableCount = 0;
const initTable = (table) => {
  if (table.closest(".table-scroll")) return;
  let wrap = table.parentNode;
  if (!wrap.classList.contains("course-table-wrap")) {
    wrap = el("div", "");
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(table);
  }
  wrap.classList.add("table-scroll");
  wrap.setAttribute("tabindex", "0");
  wrap.setAttribute("role", "region");
  /* each region needs its own name (axe: landmark-unique) */
  const caption = table.querySelector("caption, th");
  const name = caption ? caption.textContent.trim().slice(0, 60) : "";
  tableCount += 1;
  wrap.setAttribute(
    "aria-label",
    `Table ${tableCount}${name ? `: ${name}` : ""} (scrolls sideways on small screens)`,
  );
  const cue = () => wrap.classList.toggle("is-wide", wrap.scrollWidth > wrap.clientWidth + 1);
  cue();
  window.addEventListener("resize", cue);
};

/* printing: a claim card prints whole, its folded "Why this verdict?" open, and so do a
   lesson's folded recap and sources (browsers that cannot style a closed <details> for
   print get them opened, then closed again) */
const initPrintFolds = () => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details.claim-why:not([open]), details.course-fold:not([open])")];
    opened.forEach((fold) => { fold.open = true; });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((fold) => { fold.open = false; });
    opened = [];
  });
};

/* a link into a folded part (a citation into the sources, a skip link) opens the folds
   around its target first, so the reader lands on what they asked for */
const initOpenTargets = () => {
  const open = (hash) => {
    const id = decodeURIComponent((hash || "").slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    for (let node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) node.open = true;
    }
  };
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) open(link.getAttribute("href"));
  }, true);
  window.addEventListener("hashchange", () => open(location.hash));
  open(location.hash);
};
