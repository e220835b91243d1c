/* -- explorable figures: radio buttons switch images pre-rendered at build time -- */
const initExplorable = (root) => {
  const image = root.querySelector("[data-explorable-image]");
  const caption = root.querySelector("[data-explorable-caption]");
  const status = root.querySelector("[data-explorable-status]");
  const groups = [...root.querySelectorAll("fieldset")];

  const update = () => {
    const key = groups
      .map((group) => {
        const checked = group.querySelector("input:checked");
        return checked ? checked.value : "0";
      })
      .join("-");
    const state = root.querySelector(`[data-explorable-states] [data-key="${key}"]`);
    if (!state) return;
    const phone = root.querySelector("[data-explorable-phone]");
    if (phone && state.hasAttribute("data-phone-src")) {
      /* the phone layout of this state (a <picture> source), and what the page says of it */
      phone.srcset = state.getAttribute("data-phone-src");
      phone.width = Number(state.getAttribute("data-phone-width"));
      phone.height = Number(state.getAttribute("data-phone-height"));
      image.setAttribute("data-phone-pt", state.getAttribute("data-phone-pt"));
      image.setAttribute("data-phone-inches", state.getAttribute("data-phone-inches"));
    }
    image.src = state.getAttribute("data-src");
    const full = root.querySelector("[data-explorable-full]");
    if (full) full.href = state.getAttribute("data-src");
    image.alt = state.getAttribute("data-alt");
    image.width = Number(state.getAttribute("data-width"));
    image.height = Number(state.getAttribute("data-height"));
    caption.textContent = state.getAttribute("data-caption");
    status.textContent = `Showing: ${state.getAttribute("data-showing")}`;
  };

  root.addEventListener("change", update);
  update();
};
