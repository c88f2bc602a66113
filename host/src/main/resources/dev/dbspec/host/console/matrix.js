// The matrix: every engine against one group of features at a time (Superset's features, capabilities, time grains...):
// claimed, not supported, or verified / failed live by a test-db run of this server. Engines are rows so that a filter
// keeps the table narrow; the table scrolls by itself, the page never does.

import { api } from './api.js';
import { h, fill, field, show as showNow, problem } from './dom.js';

const SYMBOL = { VERIFIED: '✓', CLAIMED: '●', FAILED: '✗', ABSENT: '·' };

export async function matrixPage(ctx = {}) {
  const show = ctx.show || showNow;
  show('Matrix', h('p', {}, 'Loading…'));
  let matrix;
  try { matrix = await api('GET', '/api/matrix'); } catch (e) { show('Matrix', problem(e)); return; }
  const groups = [...new Set(matrix.rows.map(r => r.group))];
  const search = h('input', { id: 'matrix-search', type: 'search', placeholder: 'name or id', autocomplete: 'off' });
  const group = h('select', { id: 'matrix-group' },
    groups.map(g => h('option', { value: g, selected: g === 'Superset features' }, g)));
  const feature = h('input', { id: 'matrix-feature', type: 'search', placeholder: 'e.g. cancel, P1D', autocomplete: 'off' });
  const liveOnly = h('input', { id: 'matrix-live', type: 'checkbox' });
  const count = h('p', { id: 'matrix-count', 'aria-live': 'polite' });
  const holder = h('div', { id: 'matrix-holder' });
  const legend = h('ul', { id: 'matrix-legend', class: 'legend' },
    Object.entries(matrix.legend).map(([cell, meaning]) => h('li', {}, h('span', { class: 'cell ' + cell, 'aria-hidden': 'true' }, SYMBOL[cell]), ' ', meaning)));

  const render = () => {
    const text = search.value.trim().toLowerCase();
    const featureText = feature.value.trim().toLowerCase();
    const engines = matrix.engines.filter(e => (!text || e.id.includes(text) || e.name.toLowerCase().includes(text)) && (!liveOnly.checked || e.live));
    const rows = matrix.rows.filter(r => r.group === group.value
      && (!featureText || r.feature.toLowerCase().includes(featureText) || r.checkId.toLowerCase().includes(featureText)));
    count.textContent = engines.length + ' of ' + matrix.engines.length + ' engines, ' + rows.length + ' ' + group.value.toLowerCase();
    if (!engines.length || !rows.length) { fill(holder, h('p', {}, 'Nothing matches the filter.')); return; }
    const head = h('tr', {}, h('th', { scope: 'col', class: 'engine' }, 'Engine'),
      rows.map(r => h('th', { scope: 'col', class: 'feature', title: r.checkId }, r.feature)),
      h('th', { scope: 'col' }, 'Claimed'));
    const body = engines.map(e => {
      const claimed = rows.filter(r => r.cells[e.id] !== 'ABSENT').length;
      return h('tr', {}, h('th', { scope: 'row', class: 'engine' }, e.name, e.live ? h('span', { class: 'live' }, ' live') : null),
        rows.map(r => {
          const cell = r.cells[e.id];
          return h('td', { class: 'cell ' + cell, title: r.feature + ': ' + matrix.legend[cell] },
            h('span', { 'aria-hidden': 'true' }, SYMBOL[cell]), h('span', { class: 'sr' }, matrix.legend[cell]));
        }),
        h('td', { class: 'total' }, claimed + ' / ' + rows.length));
    });
    fill(holder, h('div', { class: 'scroll matrix-scroll' }, h('table', { id: 'matrix', class: 'matrix' },
      h('caption', {}, 'Engines × ' + group.value), h('thead', {}, head), h('tbody', {}, body))));
  };
  for (const control of [search, group, feature, liveOnly]) {
    control.addEventListener('input', render);
    control.addEventListener('change', render);
  }
  show('Matrix',
    h('p', {}, 'What each engine claims, and what a test-db run on this server proved live (run one from the Test DB page).'),
    h('div', { class: 'filters', role: 'search' }, field('Engine', search), field('Features', group), field('Feature name', feature),
      h('div', { class: 'check' }, liveOnly, h('label', { for: 'matrix-live' }, 'Only engines tested live'))),
    legend, count, holder);
  render();
}
