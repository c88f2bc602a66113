// The engines, databases, schema, upload and tasks pages.

import { api, enc, upload } from './api.js';
import { h, fill, field, show as showNow, status, problem, table, format } from './dom.js';
import * as events from './events.js';
import { resultGrid } from './sql.js';
import { grantsPanel } from './admin.js';

/** A <select> of the databases this user may use (the API lists only those). */
export async function databaseSelect(id, selected) {
  const { databases } = await api('GET', '/api/databases');
  const select = h('select', { id, required: true },
    databases.map(d => h('option', { value: d.name, selected: d.name === selected }, d.name + ' (' + d.engine + ')')));
  return { select, databases };
}

// ---- engines ----

export async function enginesPage(ctx = {}) {
  const show = ctx.show || showNow;
  show('Engines', h('p', {}, 'Loading…'));
  let engines;
  try {
    ({ engines } = await api('GET', '/api/engines'));
  } catch (e) { show('Engines', problem(e)); return; }
  const started = engines.filter(e => e.state === 'STARTED');
  const search = h('input', { id: 'engine-search', type: 'search', placeholder: 'name or id' });
  const families = [...new Set(started.map(e => e.family))].sort();
  const family = h('select', { id: 'engine-family' }, h('option', { value: '' }, 'any'), families.map(f => h('option', { value: f }, f)));
  const validation = h('select', { id: 'engine-validation' }, h('option', { value: '' }, 'any'),
    h('option', { value: 'live' }, 'live'), h('option', { value: 'spec-only' }, 'spec-only'));
  const count = h('p', { id: 'engine-count', 'aria-live': 'polite' });
  const holder = h('div');
  const render = () => {
    const text = search.value.trim().toLowerCase();
    const shown = started.filter(e => (!text || e.id.includes(text) || (e.name || '').toLowerCase().includes(text))
      && (!family.value || e.family === family.value) && (!validation.value || e.validation === validation.value));
    count.textContent = shown.length + ' of ' + started.length + ' engines';
    fill(holder, table('Engines', ['Engine', 'ID', 'Family', 'Validation', 'Driver', 'Limit', 'Time grains'],
      shown.map(e => [e.name, e.id, e.family, e.validation, e.driverPresent ? 'present' : 'missing', e.limitMethod,
        h('details', {}, h('summary', {}, e.grains.length + ' grains'), e.grains.join(', '))]), { id: 'engines' }));
  };
  // selects announce a choice with 'change' (not every browser or driver sends 'input' for them)
  for (const control of [search, family, validation]) {
    control.addEventListener('input', render);
    control.addEventListener('change', render);
  }
  const failed = engines.filter(e => e.state !== 'STARTED');
  show('Engines', h('div', { class: 'filters' }, field('Search', search), field('SQL family', family), field('Validation', validation)),
    count, holder, failed.length ? h('p', {}, 'Not started: ' + failed.map(e => e.id + ' (' + (e.reason || e.state) + ')').join('; ')) : null);
  render();
}

// ---- databases ----

export async function databasesPage(ctx) {
  const { me } = ctx;
  const show = ctx.show || showNow;
  show('Databases', h('p', {}, 'Loading…'));
  let databases;
  try {
    ({ databases } = await api('GET', '/api/databases'));
  } catch (e) { show('Databases', problem(e)); return; }
  const admin = me.roles.includes('admin');
  const rows = databases.map(d => [d.name, d.engine, d.url, d.user, d.readOnly ? 'read-only' : 'read-write',
    h('span', { class: 'actions' },
      h('a', { href: '#/schema/' + enc(d.name) }, 'Browse ', h('span', { class: 'sr' }, d.name)), ' ',
      h('a', { href: '#/sql/' + enc(d.name) }, 'SQL ', h('span', { class: 'sr' }, 'on ' + d.name)), ' ',
      admin ? [h('a', { href: '#/test-db/' + enc(d.name) }, 'Test ', h('span', { class: 'sr' }, d.name)), ' ', removeButton(d.name)] : null)]);
  show('Databases',
    databases.length ? table('Registered databases', ['Name', 'Engine', 'URL', 'User', 'Mode', 'Actions'], rows, { id: 'databases' })
      : h('p', {}, admin ? 'No database yet: register one below.' : 'No database is granted to you yet; ask an admin.'),
    admin && databases.length ? grantsPanel(databases) : null,
    admin ? await registerForm() : null);
}

function removeButton(name) {
  const button = h('button', { type: 'button', class: 'danger' }, 'Remove ', h('span', { class: 'sr' }, name));
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) { armed = true; button.textContent = 'Confirm removing ' + name; return; }
    try { await api('DELETE', '/api/databases/' + enc(name)); status('Removed ' + name); window.dispatchEvent(new HashChangeEvent('hashchange')); }
    catch (e) { status(e.message); }
  });
  return button;
}

/** The registration form, generated from the chosen engine's parameter JSON Schema. */
async function registerForm() {
  const { engines } = await api('GET', '/api/engines');
  const started = engines.filter(e => e.state === 'STARTED').sort((a, b) => a.name.localeCompare(b.name));
  const engine = h('select', { id: 'register-engine', required: true },
    started.map(e => h('option', { value: e.id, selected: e.id === 'postgresql' }, e.name + ' (' + e.id + ')')));
  const name = h('input', { id: 'register-name', required: true, pattern: '[A-Za-z0-9_.-]+', autocomplete: 'off' });
  const readOnly = h('input', { id: 'register-readonly', type: 'checkbox' });
  const parameters = h('fieldset', { id: 'register-parameters' });
  const message = h('div', { id: 'register-message', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'register-submit' }, 'Test and register');
  let schema = null;
  const load = async () => {
    fill(parameters, h('legend', {}, 'Connection parameters'), h('p', {}, 'Loading…'));
    try {
      schema = await api('GET', '/api/engines/' + enc(engine.value) + '/parameters');
      fill(parameters, h('legend', {}, schema.title || 'Connection parameters'), ...schemaFields(schema));
    } catch (e) {
      schema = null;
      fill(parameters, h('legend', {}, 'Connection'), e.status === 404
        ? h('p', {}, 'This engine takes no parameters: register it by JDBC URL.') : problem(e),
        field('JDBC URL', h('input', { id: 'p-url', required: true })), field('User', h('input', { id: 'p-user', autocomplete: 'off' })),
        field('Password', h('input', { id: 'p-password', type: 'password', autocomplete: 'new-password' })));
    }
  };
  engine.addEventListener('change', load);
  const form = h('form', { id: 'register', class: 'card', novalidate: true },
    h('h3', {}, 'Register a database'),
    h('p', {}, 'The server opens one test connection before registering; nothing is registered when it fails.'),
    field('Name', name, 'letters, digits, _ . -'), field('Engine', engine), parameters,
    h('div', { class: 'check' }, readOnly, h('label', { for: 'register-readonly' }, 'Read-only (refuse writes)')),
    submit, message);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    for (const marked of form.querySelectorAll('[aria-invalid]')) marked.removeAttribute('aria-invalid');
    for (const old of form.querySelectorAll('.field-error')) old.remove();
    if (!form.reportValidity()) return;
    const body = { name: name.value.trim(), readOnly: readOnly.checked };
    if (schema) {
      body.engine = engine.value;
      body.parameters = readParameters(schema);
    } else {
      body.url = document.getElementById('p-url').value.trim();
      const user = document.getElementById('p-user').value.trim();
      const password = document.getElementById('p-password').value;
      if (user) body.user = user;
      if (password) body.password = password;
    }
    submit.disabled = true;
    fill(message, h('p', {}, 'Testing the connection…'));
    try {
      await api('POST', '/api/databases', body);
      status('Registered ' + body.name);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      fill(message, problem(error));
      for (const [key, text] of Object.entries(error.body && error.body.fields || {})) {
        const input = document.getElementById('p-' + key);
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          input.after(h('small', { class: 'field-error', role: 'alert' }, text));
        }
      }
    } finally { submit.disabled = false; }
  });
  await load();
  return form;
}

/** One labelled control per top-level property (driver options stay out of the form: their allow-list is long). */
function schemaFields(schema) {
  const required = new Set(schema.required || []);
  return Object.entries(schema.properties || {}).filter(([, p]) => p.type !== 'object').map(([key, p]) => {
    const id = 'p-' + key;
    let control;
    if (p.enum) {
      control = h('select', { id }, required.has(key) ? null : h('option', { value: '' }, '(default)'),
        p.enum.map(v => h('option', { value: v, selected: v === p.default }, v)));
    } else if (p.type === 'boolean') {
      control = h('input', { id, type: 'checkbox', checked: p.default === true });
      return h('div', { class: 'check' }, control, h('label', { for: id }, key), h('small', {}, p.description || ''));
    } else {
      control = h('input', {
        id, type: p.format === 'password' ? 'password' : p.type === 'integer' || p.type === 'number' ? 'number' : 'text',
        min: p.minimum, max: p.maximum, maxlength: p.maxLength, required: required.has(key),
        placeholder: p.default !== undefined ? String(p.default) : null,
        autocomplete: p.format === 'password' ? 'new-password' : 'off',
      });
    }
    return field(key + (required.has(key) ? ' (required)' : ''), control, p.description);
  });
}

function readParameters(schema) {
  const values = {};
  for (const [key, p] of Object.entries(schema.properties || {})) {
    const input = document.getElementById('p-' + key);
    if (!input) continue;
    if (p.type === 'boolean') { if (input.checked !== (p.default === true)) values[key] = input.checked; continue; }
    const text = input.value.trim();
    if (text === '') continue; // the engine's default
    values[key] = p.type === 'integer' ? parseInt(text, 10) : p.type === 'number' ? Number(text) : p.format === 'password' ? input.value : text;
  }
  return values;
}

// ---- schema browser ----

export async function schemaPage(ctx) {
  const { args } = ctx;
  const show = ctx.show || showNow;
  const [database, schema, tableName] = args;
  show('Schema', h('p', {}, 'Loading…'));
  let picker;
  try {
    picker = await databaseSelect('schema-database', database);
  } catch (e) { show('Schema', problem(e)); return; }
  if (!picker.databases.length) { show('Schema', h('p', {}, 'No database to browse.')); return; }
  const chosen = database || picker.databases[0].name;
  picker.select.value = chosen;
  picker.select.addEventListener('change', () => { location.hash = '#/schema/' + enc(picker.select.value); });
  const crumbs = h('nav', { 'aria-label': 'Where you are', class: 'crumbs' },
    h('a', { href: '#/schema/' + enc(chosen) }, chosen),
    schema ? [' / ', h('a', { href: '#/schema/' + enc(chosen) + '/' + enc(schema) }, schema)] : null,
    tableName ? [' / ', tableName] : null);
  const body = h('div', { id: 'schema-body' }, h('p', {}, 'Loading…'));
  show('Schema', field('Database', picker.select), crumbs, body);
  const base = '/api/databases/' + enc(chosen);
  try {
    if (tableName) {
      const t = await api('GET', base + '/tables/' + enc(schema) + '/' + enc(tableName));
      const sql = t.selectStar || 'SELECT * FROM ' + schema + '.' + tableName;
      fill(body, h('h3', {}, schema + '.' + t.name + ' (' + t.type + ')'), t.comment ? h('p', {}, t.comment) : null,
        table('Columns of ' + t.name, ['Column', 'Native type', 'Type', 'Nullable', 'Default', 'Key'],
          t.columns.map(c => [c.name, c.nativeType, c.genericType, c.nullable ? 'yes' : 'no', c.default,
            (t.primaryKey || []).includes(c.name) ? 'primary' : '']), { id: 'columns' }),
        t.partitions ? h('p', {}, 'Partitioned by ' + t.partitions.method + ' on ' + (t.partitions.keys || []).join(', ')
          + ': ' + (t.partitions.partitions || []).length + ' partitions') : null,
        h('h4', {}, 'Select star'), h('pre', { id: 'select-star' }, sql),
        h('a', { href: '#/sql/' + enc(chosen) + '/' + enc(sql), id: 'open-in-sql' }, 'Open in the SQL editor'));
    } else if (schema) {
      const tables = await api('GET', base + '/tables?schema=' + enc(schema));
      fill(body, tables.length ? table('Tables of ' + schema, ['Table', 'Type', 'Comment'],
        tables.map(t => [h('a', { href: '#/schema/' + enc(chosen) + '/' + enc(schema) + '/' + enc(t.name) }, t.name), t.type, t.comment]),
        { id: 'tables' }) : h('p', {}, 'No table in ' + schema + '.'));
    } else {
      const [catalogs, schemas] = await Promise.all([api('GET', base + '/catalogs'), api('GET', base + '/schemas')]);
      fill(body, h('p', { id: 'catalogs' }, 'Catalogs: ' + (catalogs.length ? catalogs.join(', ') : 'none')),
        h('h3', {}, 'Schemas'), h('ul', { id: 'schemas', class: 'links' },
          schemas.map(s => h('li', {}, h('a', { href: '#/schema/' + enc(chosen) + '/' + enc(s) }, s)))));
    }
  } catch (e) { fill(body, problem(e)); }
}

// ---- upload ----

export async function uploadPage(ctx) {
  const { args } = ctx;
  const show = ctx.show || showNow;
  show('Upload', h('p', {}, 'Loading…'));
  let picker;
  try { picker = await databaseSelect('upload-database', args[0]); } catch (e) { show('Upload', problem(e)); return; }
  const tableName = h('input', { id: 'upload-table', required: true, autocomplete: 'off' });
  const schema = h('input', { id: 'upload-schema', autocomplete: 'off' });
  const mode = h('select', { id: 'upload-mode' }, ['create', 'append', 'replace'].map(m => h('option', { value: m }, m)));
  const header = h('input', { id: 'upload-header', type: 'checkbox', checked: true });
  const file = h('input', { id: 'upload-file', type: 'file', accept: '.csv,text/csv', required: true });
  const sent = h('progress', { id: 'upload-sent', max: 1, value: 0, 'aria-label': 'Bytes sent' });
  const state = h('p', { id: 'upload-state', 'aria-live': 'polite' });
  const result = h('div', { id: 'upload-result' });
  const submit = h('button', { type: 'submit', id: 'upload-submit' }, 'Upload');
  const form = h('form', { id: 'upload', class: 'card' }, field('Database', picker.select), field('Table', tableName),
    field('Schema', schema, 'empty: the database default'), field('Mode', mode),
    h('div', { class: 'check' }, header, h('label', { for: 'upload-header' }, 'The first row names the columns')),
    field('CSV file', file), submit, h('div', { class: 'progress' }, h('label', {}, 'Sent ', sent)), state, result);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const query = new URLSearchParams({ table: tableName.value.trim(), mode: mode.value, header: String(header.checked) });
    if (schema.value.trim()) query.set('schema', schema.value.trim());
    const database = picker.select.value;
    submit.disabled = true;
    fill(result);
    try {
      const accepted = await upload('/api/databases/' + enc(database) + '/upload?' + query, file.files[0], (loaded, total) => {
        sent.max = total; sent.value = loaded; state.textContent = 'Sending: ' + loaded + ' of ' + total + ' bytes';
      });
      state.textContent = 'Task ' + accepted.taskId + ': QUEUED';
      const final = await events.follow(accepted.taskId, id => api('GET', '/api/tasks/' + enc(id)), s => {
        state.textContent = 'Task ' + accepted.taskId + ': ' + s.state
          + (s.progress && s.progress.rowsDone !== undefined ? ', ' + s.progress.rowsDone + ' rows done' : '')
          + (s.taskError ? ' (' + s.taskError + ')' : '');
      });
      if (final.state === 'SUCCEEDED') {
        const target = (schema.value.trim() ? schema.value.trim() + '.' : '') + tableName.value.trim();
        const rows = await api('POST', '/api/query', { database, sql: 'SELECT * FROM ' + target, limit: 100, cache: false });
        fill(result, h('h3', {}, 'Rows of ' + target), resultGrid(rows));
      }
    } catch (error) { fill(state, problem(error)); }
    finally { submit.disabled = false; }
  });
  show('Upload', h('p', {}, 'Streams a CSV file into a table; the server loads it as a task and reports rows as they land.'), form);
}

// ---- tasks ----

export function tasksPage(ctx = {}) {
  const show = ctx.show || showNow;
  const list = h('tbody', { id: 'events-body' });
  const channel = h('p', { id: 'channel', 'aria-live': 'polite' });
  const addRow = event => list.prepend(h('tr', {}, h('td', {}, String(event.seq)), h('td', {}, event.taskId), h('td', {}, event.taskType),
    h('td', {}, event.state), h('td', {}, event.progress ? format(event.progress) : ''), h('td', {}, event.taskError || '')));
  events.received().filter(e => e.type === 'task').forEach(addRow);
  const showChannel = () => { channel.textContent = events.isLive() ? 'Live: events arrive over the WebSocket.' : 'Not connected: reconnecting…'; };
  showChannel();
  const unsubscribe = events.subscribe(event => {
    if (!document.body.contains(list)) { unsubscribe(); return; }
    if (event.type === 'channel') showChannel(); else if (event.type === 'task') addRow(event);
  });
  const id = h('input', { id: 'task-id', required: true, autocomplete: 'off' });
  const answer = h('div', { id: 'task-answer', 'aria-live': 'polite' });
  const lookup = h('form', { id: 'task-lookup', class: 'card' }, h('h3', {}, 'Look up a task'), field('Task id', id),
    h('button', { type: 'submit' }, 'Look up'), answer);
  lookup.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const s = await api('GET', '/api/tasks/' + enc(id.value.trim()));
      const cancel = h('button', { type: 'button', onclick: async () => {
        try { await api('DELETE', '/api/tasks/' + enc(s.taskId)); status('Cancel requested'); } catch (err) { status(err.message); }
      } }, 'Cancel task');
      fill(answer, h('p', {}, s.taskId + ': ' + s.type + ', ' + s.state + (s.taskError ? ' (' + s.taskError + ')' : '')),
        ['QUEUED', 'RUNNING'].includes(s.state) ? cancel : null);
    } catch (err) { fill(answer, problem(err)); }
  });
  show('Tasks', channel, h('div', { class: 'scroll' }, h('table', { id: 'events' }, h('caption', {}, 'Your task events, newest first'),
    h('thead', {}, h('tr', {}, ['#', 'Task', 'Type', 'State', 'Progress', 'Error'].map(c => h('th', { scope: 'col' }, c)))), list)),
    lookup);
}
