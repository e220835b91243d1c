/* -- small screens: lesson menu, glossary tips inside the screen, tables that scroll -- */
const NARROW = "(max-width: 52rem)";

/* open by default (and without script); folded on a phone so the lesson comes first */
const initLessonMenu = (menu) => {
  if (window.matchMedia && window.matchMedia(NARROW).matches) menu.open = false;
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
};

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
