/* The audience page: join with the room code, then follow the presenter over a WebSocket.
   The open question is shown with its options (lettered as on the presenter's chart); one
   answer per question, changeable until voting closes; after the reveal, the right
   answer and what the presenter's slide says of the options chosen. The socket comes
   back by itself if the server restarts: the device cookie and every count survive. */
(() => {
  "use strict";
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const $ = (id) => document.getElementById(id);
  const show = (id, on) => {
    $(id).hidden = !on;
  };
  let shown = { id: null, state: null };
  let current = null;
  let retry = 250;

  const post = async (url, data) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(data),
      credentials: "same-origin",
    });
    let body = {};
    try {
      body = await response.json();
    } catch (err) {
      /* no JSON: the status says it */
    }
    return { ok: response.ok, status: response.status, body };
  };

  const option = (question, o, n) => {
    const label = document.createElement("label");
    label.className = "option";
    const input = document.createElement("input");
    input.type = question.multiple ? "checkbox" : "radio";
    input.name = "option";
    input.value = String(o.index);
    const letter = document.createElement("span");
    letter.className = "letter";
    letter.textContent = LETTERS[n];
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = o.text;
    label.append(input, letter, text);
    return label;
  };

  const chosen = () => [...document.querySelectorAll("#options input:checked")].map((i) => Number(i.value));

  const render = (message) => {
    show("join", false);
    const question = message.question;
    current = question ? { ...question, state: message.state } : null;
    show("waiting", !question);
    show("question", Boolean(question));
    if (!question) {
      shown = { id: null, state: null };
      return;
    }
    const fresh = shown.id !== question.id;
    if (fresh) {
      $("prompt").textContent = question.prompt;
      $("options").replaceChildren(...question.options.map((o, n) => option(question, o, n)));
      $("problem").textContent = "";
      $("status").textContent = "";
    }
    const yours = message.yours || [];
    if (fresh || shown.state !== message.state) {
      for (const input of document.querySelectorAll("#options input")) {
        input.checked = yours.includes(Number(input.value));
      }
    }
    const open = message.state === "open";
    for (const input of document.querySelectorAll("#options input")) input.disabled = !open;
    $("send").hidden = !open;
    if (open) {
      /* a status region: a screen reader hears that a new question has come */
      $("status").textContent = yours.length
        ? "Answer recorded. You can change it until voting closes."
        : "A new question: choose your answer, then Send answer.";
    } else if (message.state === "closed") {
      $("status").textContent = yours.length ? "Voting is closed. Your answer is counted." : "Voting is closed.";
    }
    const feedback = $("feedback");
    feedback.replaceChildren();
    if (message.state === "revealed") {
      const right = question.correct;
      const mine = yours.every((i) => right.includes(i)) && yours.length === right.length;
      $("status").textContent = yours.length ? (mine ? "You got it right." : "Not this time.") : "The answer:";
      for (const label of document.querySelectorAll("#options .option")) {
        const index = Number(label.querySelector("input").value);
        label.classList.toggle("is-right", right.includes(index));
        label.classList.toggle("is-chosen-wrong", yours.includes(index) && !right.includes(index));
        if (right.includes(index) && !label.querySelector(".mark")) {
          const mark = document.createElement("strong");
          mark.className = "mark";
          mark.textContent = "✔ The right answer";
          label.querySelector(".text").append(mark);
        }
      }
      for (const index of yours.length ? yours : right) {
        const text = question.feedback[String(index)];
        if (!text) continue;
        const p = document.createElement("p");
        const letter = LETTERS[question.options.findIndex((o) => o.index === index)];
        p.textContent = `${letter}: ${text}`;
        feedback.append(p);
      }
      if (question.explanation) {
        const p = document.createElement("p");
        p.textContent = question.explanation;
        feedback.append(p);
      }
    }
    shown = { id: question.id, state: message.state };
  };

  const connect = () => {
    const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/phone`);
    socket.addEventListener("open", () => {
      retry = 250;
      show("offline", false);
    });
    socket.addEventListener("message", (event) => render(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      if (event.code === 4403) {
        startJoin();
        return;
      }
      show("offline", true);
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 2000);
    });
  };

  const join = async (code) => {
    const result = await post("/api/join", { room: code });
    if (result.ok) {
      $("join-problem").textContent = "";
      history.replaceState(null, "", "/");
      connect();
      return true;
    }
    $("join-problem").textContent = result.body.error || "Could not join the room.";
    return false;
  };

  let joining = false;
  const startJoin = async () => {
    const code = new URLSearchParams(location.search).get("room");
    if (code && !joining) {
      joining = true; /* the code from the QR code: joined without typing */
      if (await join(code)) return;
    }
    show("join", true);
    show("waiting", false);
    show("question", false);
    $("code").focus();
  };

  $("join").addEventListener("submit", (event) => {
    event.preventDefault();
    join($("code").value.trim());
  });

  $("answer").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!current) return;
    const options = chosen();
    if (!options.length) {
      $("problem").textContent = "Choose an answer first.";
      return;
    }
    $("send").disabled = true;
    const result = await post("/api/answer", { question: current.id, options });
    $("send").disabled = false;
    if (result.ok) {
      $("problem").textContent = "";
      $("status").textContent = "Answer recorded. You can change it until voting closes.";
    } else if (result.status === 403) {
      startJoin();
    } else {
      $("problem").textContent = result.body.error || "The answer was not recorded: send it again.";
    }
  });

  connect();
})();
