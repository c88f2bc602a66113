// The console's shell: sign-in, the pages the user's role allows, and hash routing (#/engines, #/sql...).

import { api, token, setToken, forget } from './api.js';
import { h, fill, show, status } from './dom.js';
import * as events from './events.js';
import { enginesPage, databasesPage, schemaPage, uploadPage, tasksPage } from './pages.js';
import { sqlPage } from './sql.js';
import { matrixPage } from './matrix.js';
import { testDbPage } from './admin.js';

/** Every page with the least role that may open it (the API enforces the same; this only hides what would be refused). */
const PAGES = [
  { id: 'engines', title: 'Engines', role: 'viewer', open: enginesPage },
  { id: 'matrix', title: 'Matrix', role: 'viewer', open: matrixPage },
  { id: 'databases', title: 'Databases', role: 'analyst', open: databasesPage },
  { id: 'schema', title: 'Schema', role: 'analyst', open: schemaPage },
  { id: 'sql', title: 'SQL', role: 'analyst', open: sqlPage },
  { id: 'upload', title: 'Upload', role: 'analyst', open: uploadPage },
  { id: 'tasks', title: 'Tasks', role: 'analyst', open: tasksPage },
  { id: 'test-db', title: 'Test DB', role: 'admin', open: testDbPage },
];

let me = null;
let navigations = 0;

function allowed(page) { return me && me.roles.includes(page.role); }

function route() {
  if (!me) return;
  const [id, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = PAGES.find(p => p.id === id && allowed(p)) || PAGES.find(allowed);
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === page.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  status('');
  // a page renders only while it is the latest navigation: a slow page never overwrites the one opened after it
  const generation = ++navigations;
  const guarded = (...content) => { if (generation === navigations) show(...content); };
  page.open({ me, args: rest.map(decodeURIComponent), show: guarded });
}

async function signIn(value) {
  me = await api('GET', '/api/me', undefined, { token: value });
  setToken(value);
  const nav = document.getElementById('nav');
  fill(nav, h('ul', {}, PAGES.filter(allowed).map(p =>
    h('li', {}, h('a', { href: '#/' + p.id, 'data-page': p.id, id: 'nav-' + p.id }, p.title)))));
  nav.hidden = false;
  fill(document.getElementById('who'), 
    h('span', { id: 'principal' }, me.name + ' (' + me.role + ')'), ' ',
    h('button', { type: 'button', id: 'signout', onclick: signOut }, 'Sign out'));
  if (me.roles.includes('analyst')) events.connect();
  route();
}

function signOut() {
  forget();
  events.disconnect();
  location.hash = '';
  location.reload();
}

function loginForm() {
  const form = document.getElementById('login');
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const input = document.getElementById('token');
    const message = document.getElementById('login-message');
    message.textContent = 'Checking the token…';
    try {
      await signIn(input.value.trim());
      input.value = '';
    } catch (error) {
      message.textContent = 'The server refused this token (' + (error.code || 'error') + '): ' + error.message;
    }
  });
  document.getElementById('token').focus();
}

window.addEventListener('hashchange', route);
const kept = token();
loginForm();
if (kept) {
  signIn(kept).catch(() => forget());
}
