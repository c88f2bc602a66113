// Admin pages: the grants of each database (on the databases page) and test-db of a registered database, whose checks
// appear as they finish and whose HTML report opens at the end. The API refuses both to anyone but admins; the console
// only shows them to admins.

import { api, enc, token } from './api.js';
import { h, fill, field, show as showNow, status, problem, table } from './dom.js';
import * as events from './events.js';

// ---- grants ----

/** The grants card: pick a database, see who may use it, grant it to a user or take a grant back. */
export function grantsPanel(databases) {
  const select = h('select', { id: 'grants-database' }, databases.map(d => h('option', { value: d.name }, d.name)));
  const list = h('div', { id: 'grants-list', 'aria-live': 'polite' });
  const user = h('input', { id: 'grant-user', required: true, autocomplete: 'off', pattern: '[A-Za-z0-9_.:@-]+' });
  const message = h('div', { id: 'grant-message', 'aria-live': 'polite' });
  const add = h('form', { id: 'grant-add', class: 'inline-form' },
    field('User', user, 'a local user name, or jwt:<user claim> for an OIDC user'), h('button', { type: 'submit', id: 'grant-submit' }, 'Grant'));
  const path = () => '/api/databases/' + enc(select.value) + '/grants';
  const load = async () => {
    fill(list, h('p', {}, 'Loading…'));
    try {
      const { grants } = await api('GET', path());
      fill(list, grants.length ? table('Users granted ' + select.value, ['User', 'Granted by', 'Since', 'Actions'],
        grants.map(g => [g.user, g.grantedBy, g.at.replace('T', ' ').replace(/\..*$/, '').replace('Z', '') + ' UTC', revokeButton(g.user)]),
        { id: 'grants' }) : h('p', { id: 'grants' }, 'Nobody but admins may use ' + select.value + '.'));
    } catch (e) { fill(list, problem(e)); }
  };
  const revokeButton = name => {
    const button = h('button', { type: 'button', class: 'danger', 'data-user': name }, 'Remove grant', h('span', { class: 'sr' }, ' of ' + name));
    button.addEventListener('click', async () => {
      try {
        await api('DELETE', path(), { user: name });
        status('Removed the grant of ' + name + ' on ' + select.value);
        await load();
        select.focus();
      } catch (e) { fill(message, problem(e)); }
    });
    return button;
  };
  add.addEventListener('submit', async e => {
    e.preventDefault();
    if (!add.reportValidity()) return;
    fill(message);
    try {
      const grant = await api('POST', path(), { user: user.value.trim() });
      fill(message, h('p', {}, grant.created ? 'Granted ' + select.value + ' to ' + grant.user + '.' : grant.user + ' already had it.'));
      user.value = '';
      await load();
    } catch (error) { fill(message, problem(error)); }
  });
  select.addEventListener('change', load);
  load();
  return h('section', { id: 'grants-card', class: 'card', 'aria-labelledby': 'grants-title' },
    h('h3', { id: 'grants-title' }, 'Grants'),
    h('p', {}, 'Analysts use only the databases granted to them.'), field('Database', select), list, add, message);
}

// ---- test-db ----

export async function testDbPage(ctx) {
  const { args } = ctx;
  const show = ctx.show || showNow;
  show('Test DB', h('p', {}, 'Loading…'));
  let databases;
  try { ({ databases } = await api('GET', '/api/databases')); } catch (e) { show('Test DB', problem(e)); return; }
  if (!databases.length) { show('Test DB', h('p', {}, 'No database registered yet.')); return; }
  const select = h('select', { id: 'testdb-database' },
    databases.map(d => h('option', { value: d.name, selected: d.name === args[0] }, d.name + ' (' + d.engine + ')')));
  const run = h('button', { type: 'submit', id: 'testdb-run' }, 'Run test-db');
  const cancel = h('button', { type: 'button', id: 'testdb-cancel', class: 'danger', disabled: true }, 'Cancel');
  const state = h('p', { id: 'testdb-state', 'aria-live': 'polite' });
  const done = h('progress', { id: 'testdb-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Checks finished' });
  const rows = h('tbody', { id: 'testdb-checks-body' });
  const checks = h('div', { class: 'scroll' }, h('table', { id: 'testdb-checks' }, h('caption', {}, 'Checks, as they finish'),
    h('thead', {}, h('tr', {}, ['#', 'Check', 'Result', 'Time', 'Detail'].map(c => h('th', { scope: 'col' }, c)))), rows));
  const summary = h('div', { id: 'testdb-summary', 'aria-live': 'polite' });
  let taskId = null;
  let shown = 0;
  let reportUrl = null;

  const update = s => {
    const p = s.progress || {};
    const list = p.checks || [];
    for (; shown < list.length; shown++) {
      const c = list[shown];
      rows.append(h('tr', { class: 'testdb-check ' + c.status, 'data-id': c.id },
        h('td', {}, String(shown + 1)), h('td', {}, c.title, h('br'), h('code', {}, c.id)),
        h('td', { class: 'status ' + c.status }, c.status.toLowerCase()), h('td', {}, c.millis + ' ms'), h('td', {}, c.detail || '')));
    }
    state.textContent = 'Task ' + taskId + ': ' + s.state + (p.checksDone !== undefined
      ? ', ' + p.checksDone + ' checks done (' + p.passed + ' passed, ' + p.failed + ' failed, ' + p.skipped + ' skipped)' : '')
      + (s.taskError ? ' (' + s.taskError + ')' : '');
  };

  const form = h('form', { id: 'testdb-form', class: 'card' },
    h('p', {}, 'Runs dbspec test-db against a registered database: every claim of its engine checked live, in scratch tables the '
      + 'checks drop again. The database must not be read-only.'),
    field('Database', select), h('div', { class: 'buttons' }, run, cancel), done, state);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    run.disabled = true;
    fill(rows);
    fill(summary);
    shown = 0;
    if (reportUrl) { URL.revokeObjectURL(reportUrl); reportUrl = null; }
    state.textContent = 'Submitting…';
    try {
      const accepted = await api('POST', '/api/databases/' + enc(select.value) + '/test-db');
      taskId = accepted.taskId;
      cancel.disabled = false;
      done.hidden = false;
      done.removeAttribute('value');
      update(accepted);
      const final = await events.follow(taskId, id => api('GET', '/api/tasks/' + enc(id)), update);
      cancel.disabled = true;
      done.hidden = true;
      if (final.state === 'SUCCEEDED') {
        const result = await api('GET', '/api/tasks/' + enc(taskId) + '/result');
        const html = await reportOf(taskId);
        reportUrl = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
        const open = h('button', { type: 'button', id: 'testdb-open-report' }, 'Open the HTML report');
        open.addEventListener('click', () => window.open(reportUrl, '_blank'));
        fill(summary, h('p', { id: 'testdb-verdict', class: result.success ? 'good' : 'error' },
          (result.success ? 'PASSED: ' : 'FAILED: ') + result.passed + ' passed, ' + result.failed + ' failed, ' + result.skipped
          + ' skipped; Superset score verified live ' + result.supersetVerified + ' / ' + result.supersetMax),
        h('div', { class: 'buttons' }, open,
          h('a', { href: reportUrl, download: 'test-db-' + result.database + '.html', id: 'testdb-download-report' }, 'Download the report')));
        open.focus();
      }
    } catch (error) { fill(summary, problem(error)); cancel.disabled = true; done.hidden = true; state.textContent = 'Not run'; }
    finally { run.disabled = false; }
  });
  cancel.addEventListener('click', async () => {
    if (!taskId) return;
    try { await api('DELETE', '/api/tasks/' + enc(taskId)); status('Cancel requested'); } catch (error) { fill(summary, problem(error)); }
  });
  show('Test DB', form, summary, checks);
}

/** The report page's HTML, fetched with this tab's token (a new window cannot send it). */
async function reportOf(taskId) {
  const response = await fetch('/api/tasks/' + enc(taskId) + '/report', {
    headers: { Authorization: 'Bearer ' + token() }, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error('the report could not be read (HTTP ' + response.status + ')');
  return response.text();
}

