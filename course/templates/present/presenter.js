/* The presenter's deck in a live room (added by `course present` as it serves the deck;
   the deck's files never carry it). On the title slide: the QR code and address phones
   join with. On a question slide (a quiz question, or a claim before its verdict): the
   question opens for the room, a panel beside the slide shows the answers as a live bar
   chart with the counts joined and answered, and "Close voting" (C) and "Reveal" (R)
   act on it; J shows how to join, large, over any slide. Leaving the question slides puts
   the phones back to waiting. */
(() => {
  "use strict";
  const Reveal = window.Reveal;
  /* not in the speaker view's copies of the deck (current and upcoming slide): only the
     deck the room sees drives the room */
  if (!Reveal || window.parent !== window || /receiver/i.test(location.search)) return;
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let info = null;
  let room = null;
  let here = null; /* the room question of the slide shown, or null */

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const post = (action, question) =>
    fetch("/api/control", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action, question }),
      credentials: "same-origin",
    });

  /* the room question a slide shows: its quiz question, or its claim */
  const questionOf = (slide) => {
    if (!slide || !info) return null;
    const quiz = slide.querySelector("[data-question-id]");
    const claim = slide.querySelector("[data-claim-id]");
    const id = quiz ? quiz.getAttribute("data-question-id") : claim ? `claim-${claim.getAttribute("data-claim-id")}` : null;
    return info.questions.find((q) => q.id === id) || null;
  };

  const joinBox = (big) => {
    const box = el("div", big ? "room-join room-join-big" : "room-join");
    const img = el("img", "room-qr");
    img.src = "/qr.svg";
    img.alt = `QR code of ${info.join}`;
    const words = el("p", "room-join-words");
    words.append("Answer on your phone: ", el("strong", "room-address", info.audience.replace(/^https?:\/\//, "")));
    words.append(el("br"), "Room code ", el("strong", "room-code", info.code));
    box.append(img, words);
    return box;
  };

  /* the panel beside a question slide */
  const panel = el("aside", "room-panel");
  panel.setAttribute("aria-label", "The room's answers");
  const counts = el("p", "room-counts");
  counts.setAttribute("aria-live", "polite");
  const state = el("p", "room-state");
  const chart = el("ol", "room-chart");
  const buttons = el("p", "room-buttons");
  const closeButton = el("button", "room-close", "Close voting (C)");
  const revealButton = el("button", "room-reveal", "Reveal (R)");
  closeButton.type = revealButton.type = "button";
  buttons.append(closeButton, revealButton);

  const letterOptions = (slide, question) => {
    if (question.kind === "verdict") return;
    slide.querySelectorAll(`[data-question-id="${CSS.escape(question.id)}"] .course-option`).forEach((label, n) => {
      if (!label.querySelector(".room-letter")) label.prepend(el("span", "room-letter", LETTERS[n]));
    });
  };

  const draw = () => {
    if (!here || !room) return;
    const live = room.current === here.id;
    const status = (live && room.state) || room.states[here.id] || "open";
    const total = live ? room.answered || 0 : 0;
    counts.textContent = `${room.joined} joined · ${total} answered`;
    state.textContent =
      status === "open" ? "Voting open" : status === "closed" ? "Voting closed" : "Answer revealed";
    const rows = here.options.map((o, n) => {
      const count = live && room.counts ? room.counts[String(o.index)] || 0 : 0;
      const row = el("li", "room-row");
      const right = status === "revealed" && here.correct.includes(o.index);
      row.classList.toggle("is-right", right);
      const label = el("span", "room-label", here.kind === "verdict" ? o.text : LETTERS[n]);
      if (here.kind !== "verdict") label.title = o.text;
      const bar = el("span", "room-bar");
      const fill = el("span", "room-fill");
      fill.style.width = `${total ? Math.round((100 * count) / total) : 0}%`;
      bar.append(fill);
      const number = el("span", "room-number", `${count}${right ? " ✔" : ""}`);
      row.append(label, bar, number);
      row.setAttribute("aria-label", `${label.textContent}: ${count}${right ? ", the right answer" : ""}`);
      return row;
    });
    chart.replaceChildren(...rows);
    closeButton.textContent = status === "open" ? "Close voting (C)" : "Re-open voting (C)";
    closeButton.disabled = status === "revealed";
    revealButton.disabled = status === "revealed";
  };

  const slideChanged = () => {
    const slide = Reveal.getCurrentSlide();
    const question = questionOf(slide);
    here = question;
    document.body.classList.toggle("room-question", Boolean(question));
    if (question) {
      letterOptions(slide, question);
      post("show", question.id);
    } else {
      post("hide", null);
    }
    draw();
    setTimeout(() => Reveal.layout(), 0);
  };

  const toggleVoting = () => {
    if (!here || !room) return;
    const status = room.current === here.id ? room.state : room.states[here.id];
    if (status === "revealed") return;
    post(status === "open" ? "close" : "open", here.id);
  };

  /* the reveal: the phones get the answer, and a claim's slide shows its verdict */
  const reveal = () => {
    if (!here) return;
    post("reveal", here.id);
    const slide = Reveal.getCurrentSlide();
    const verdict = slide && slide.querySelector(".claim-verdict.fragment:not(.visible)");
    for (let n = 0; verdict && !verdict.classList.contains("visible") && n < 10; n++) Reveal.nextFragment();
  };

  const listen = () => {
    const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/presenter`);
    socket.addEventListener("message", (event) => {
      room = JSON.parse(event.data);
      draw();
    });
    socket.addEventListener("close", (event) => {
      if (event.code !== 4403) setTimeout(listen, 500);
    });
  };

  const start = async () => {
    const response = await fetch("/api/room", { credentials: "same-origin" });
    if (!response.ok) return;
    info = await response.json();
    room = info.room;
    const title = document.querySelector(".reveal .slides > section");
    if (title) title.append(joinBox(true));
    const overlay = joinBox(false);
    overlay.classList.add("room-join-overlay");
    document.body.append(overlay);
    panel.append(counts, state, chart, buttons, joinBox(false));
    document.body.append(panel);
    closeButton.addEventListener("click", toggleVoting);
    revealButton.addEventListener("click", reveal);
    Reveal.addKeyBinding({ keyCode: 67, key: "C", description: "Close or re-open voting" }, toggleVoting);
    Reveal.addKeyBinding({ keyCode: 82, key: "R", description: "Reveal the answer to the room" }, reveal);
    Reveal.addKeyBinding({ keyCode: 74, key: "J", description: "Show or hide how to join, large" }, () =>
      document.body.classList.toggle("room-joining"),
    );
    Reveal.on("slidechanged", slideChanged);
    listen();
    slideChanged();
  };

  if (Reveal.isReady()) start();
  else Reveal.on("ready", start);
})();
