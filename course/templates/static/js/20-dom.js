/* -- small DOM helpers -- */
const each = (selector, fn) => document.querySelectorAll(selector).forEach(fn);

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};
