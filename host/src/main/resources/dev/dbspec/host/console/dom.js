// Builds elements from data with textContent only: nothing a server or a database returns is parsed as HTML.

/** h('p', {class: 'x', onclick: fn}, 'text', child...) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

/** Replaces an element's children; null, undefined and false are left out (replaceChildren would write "null"). */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A labelled control: <div class="field"><label for=id>text</label>control</div>. */
export function field(label, control, hint) {
  const hintId = hint ? control.id + '-hint' : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control,
    hint ? h('small', { id: hintId }, hint) : null);
}

/** Replaces the view's content and moves focus to its heading, so keyboard and screen-reader users land on it. */
export function show(title, ...content) {
  const view = document.getElementById('view');
  fill(view, h('h2', { id: 'page-title', tabindex: '-1' }, title), ...content);
  document.title = title + ' · dbspec console';
  document.getElementById('page-title').focus();
}

/** Says something in the status line (a polite live region). */
export function status(text) {
  document.getElementById('status').textContent = text;
}

/** An error box for a failed call: its code and the server's message. */
export function problem(error) {
  return h('p', { class: 'error', role: 'alert' }, error.code ? error.code + ': ' + error.message : String(error.message || error));
}

/** A table of rows (arrays) under named columns. */
export function table(caption, columns, rows, attributes = {}) {
  return h('div', { class: 'scroll' }, h('table', attributes, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(row => h('tr', {}, row.map(cell => h('td', {}, cell instanceof Node ? cell : format(cell))))))));
}

export function format(value) {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
