// The SQL editor: run with a row limit, validate, estimate, or run as a task with live progress and cancel.

import { api, enc } from './api.js';
import { h, fill, field, show as showNow, problem, format } from './dom.js';
import * as events from './events.js';
import { downloadCsv } from './csv.js';

const PAGE_SIZE = 50;
let grids = 0;

/** A paginated grid of a query answer ({columns, rows, truncated}). */
export function resultGrid(answer) {
  const columns = answer.columns.map(c => c.name);
  const rows = answer.rows;
  let page = 0;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const body = h('tbody');
  const where = h('span', { class: 'where', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'grid-previous' }, 'Previous page');
  const next = h('button', { type: 'button', class: 'grid-next' }, 'Next page');
  const render = () => {
    const first = page * PAGE_SIZE;
    fill(body, ...rows.slice(first, first + PAGE_SIZE).map(row => h('tr', {}, row.map(cell => h('td', {}, format(cell))))));
    where.textContent = rows.length ? 'Rows ' + (first + 1) + '–' + Math.min(first + PAGE_SIZE, rows.length) + ' of ' + rows.length
      + (answer.truncated ? ' (more rows exist beyond the limit)' : '') : 'No rows';
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  };
  previous.addEventListener('click', () => { page--; render(); });
  next.addEventListener('click', () => { page++; render(); });
  render();
  const grid = ++grids;
  const bom = h('input', { type: 'checkbox', id: 'grid-bom-' + grid, class: 'grid-bom' });
  const exportCsv = h('button', { type: 'button', class: 'grid-export', disabled: !answer.columns.length },
    'Export CSV', h('span', { class: 'sr' }, ' (' + rows.length + ' rows)'));
  exportCsv.addEventListener('click', () => downloadCsv(answer, 'query-result.csv', bom.checked));
  return h('div', { class: 'grid' },
    h('div', { class: 'buttons' }, exportCsv,
      h('span', { class: 'check' }, bom, h('label', { for: 'grid-bom-' + grid }, 'UTF-8 byte order mark (for older spreadsheets)'))),
    h('div', { class: 'scroll' }, h('table', { class: 'result' }, h('caption', {}, 'Result'),
      h('thead', {}, h('tr', {}, answer.columns.map(c => h('th', { scope: 'col', title: c.nativeType }, c.name)))), body)),
    pages > 1 ? h('div', { class: 'pager' }, previous, ' ', where, ' ', next) : where);
}

export async function sqlPage(ctx) {
  const { args } = ctx;
  const show = ctx.show || showNow;
  const [database, initialSql] = args;
  show('SQL', h('p', {}, 'Loading…'));
  let databases;
  try { ({ databases } = await api('GET', '/api/databases')); } catch (e) { show('SQL', problem(e)); return; }
  if (!databases.length) { show('SQL', h('p', {}, 'No database to query.')); return; }
  const select = h('select', { id: 'sql-database' }, databases.map(d => h('option', { value: d.name, selected: d.name === database }, d.name + ' (' + d.engine + ')')));
  const editor = h('textarea', { id: 'sql-text', rows: 8, spellcheck: 'false' });
  editor.value = initialSql || 'SELECT 1';
  const limit = h('input', { id: 'sql-limit', type: 'number', min: 1, value: 1000 });
  const run = h('button', { type: 'submit', id: 'sql-run' }, 'Run');
  const runTask = h('button', { type: 'button', id: 'sql-run-task' }, 'Run as task');
  const validate = h('button', { type: 'button', id: 'sql-validate' }, 'Validate');
  const estimate = h('button', { type: 'button', id: 'sql-estimate' }, 'Estimate');
  const cancel = h('button', { type: 'button', id: 'sql-cancel', disabled: true, class: 'danger' }, 'Cancel task');
  const progress = h('progress', { id: 'sql-progress', max: 1, hidden: true, 'aria-label': 'Task progress' });
  const state = h('p', { id: 'sql-state', 'aria-live': 'polite' });
  const output = h('div', { id: 'sql-output' });
  let taskId = null;

  const body = () => ({ database: select.value, sql: editor.value, limit: parseInt(limit.value, 10) || 1000 });
  const busy = (on, text) => { for (const b of [run, runTask, validate, estimate]) b.disabled = on; if (text !== undefined) state.textContent = text; };

  const form = h('form', { id: 'sql-form', class: 'card' }, field('Database', select),
    field('SQL', editor, 'Ctrl+Enter runs'), field('Row limit', limit),
    h('div', { class: 'buttons' }, run, runTask, validate, estimate, cancel), progress, state);
  editor.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); } });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    busy(true, 'Running…');
    fill(output);
    const started = performance.now();
    try {
      const answer = await api('POST', '/api/query', body());
      state.textContent = answer.rowCount + ' rows in ' + Math.round(performance.now() - started) + ' ms';
      fill(output, resultGrid(answer));
    } catch (error) { state.textContent = 'Failed'; fill(output, problem(error)); }
    finally { busy(false); }
  });

  validate.addEventListener('click', async () => {
    busy(true, 'Validating…');
    try {
      const v = await api('POST', '/api/databases/' + enc(select.value) + '/validate', { sql: editor.value });
      state.textContent = v.valid ? 'Valid' : 'Not valid';
      fill(output, v.valid ? h('p', { id: 'validation' }, 'The database accepts this SQL (it was not run).')
        : h('ul', { id: 'validation', class: 'errors' }, v.errors.map(x => h('li', {}, 'line ' + x.line + ', column ' + x.column + ': ' + x.message))));
    } catch (error) { fill(output, problem(error)); } finally { busy(false); }
  });

  estimate.addEventListener('click', async () => {
    busy(true, 'Estimating…');
    try {
      const answer = await api('POST', '/api/databases/' + enc(select.value) + '/estimate', { sql: editor.value });
      state.textContent = 'Estimated (not run)';
      fill(output, h('div', { id: 'estimate' }, answer.statements.map((s, i) => h('div', {},
        h('p', {}, 'Statement ' + (i + 1) + ': ' + format(s.rows) + ' rows, cost ' + format(s.cost)),
        s.plan ? h('details', {}, h('summary', {}, 'Plan'), h('pre', {}, s.plan)) : null))));
    } catch (error) { fill(output, problem(error)); } finally { busy(false); }
  });

  runTask.addEventListener('click', async () => {
    busy(true, 'Submitting…');
    fill(output);
    try {
      const accepted = await api('POST', '/api/query/async', body());
      taskId = accepted.taskId;
      cancel.disabled = false;
      progress.hidden = false;
      progress.removeAttribute('value'); // indeterminate until the engine reports a fraction
      const report = s => {
        state.textContent = 'Task ' + taskId + ': ' + s.state + (s.taskError ? ' (' + s.taskError + ')' : '');
        if (s.progress && typeof s.progress.fraction === 'number') progress.value = s.progress.fraction;
      };
      report(accepted);
      const final = await events.follow(taskId, id => api('GET', '/api/tasks/' + enc(id)), report);
      cancel.disabled = true;
      progress.hidden = true;
      if (final.state === 'SUCCEEDED') fill(output, resultGrid(await api('GET', '/api/tasks/' + enc(taskId) + '/result')));
    } catch (error) { fill(output, problem(error)); cancel.disabled = true; progress.hidden = true; }
    finally { busy(false); }
  });

  cancel.addEventListener('click', async () => {
    if (!taskId) return;
    try { await api('DELETE', '/api/tasks/' + enc(taskId)); state.textContent = 'Task ' + taskId + ': cancel requested'; }
    catch (error) { fill(output, problem(error)); }
  });

  show('SQL', form, output);
  editor.focus();
}
