// The search box: suggestions as you type (a combobox with a listbox), Enter
// or a click focuses the actor on the canvas.

import { h, clear } from '../dom.js';
import { kindStyle } from '../style.js';
import { nodeName } from '../format.js';

const $ = (id) => document.getElementById(id);

export function createSearch({ api, canvas, track, report, actions }) {
  const input = $('search');
  const list = $('search-list');
  let items = [];
  let active = -1;
  let timer = 0;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    if (i >= 0) input.setAttribute('aria-activedescendant', `sugg-${i}`);
  };
  const choose = (i) => {
    const node = items[i];
    if (!node) return;
    close();
    input.value = nodeName(node);
    canvas.ingest({ nodes: [node] });
    track(() => actions.focusNode(node.key || node.id), 'Focus');
  };
  const render = (q) => {
    clear(list);
    items.forEach((n, i) => {
      const alias = (n.properties?.aliases ?? []).find((a) => q && a.toLowerCase().includes(q.toLowerCase()) && !nodeName(n).toLowerCase().includes(q.toLowerCase()));
      list.append(
        h(
          'li',
          { id: `sugg-${i}`, role: 'option', 'aria-selected': 'false', onmousedown: (ev) => ev.preventDefault(), onclick: () => choose(i) },
          h('span', {}, nodeName(n), alias ? h('span', { class: 'alias' }, ` (${alias})`) : null),
          h('span', { class: 'kind' }, kindStyle(n.labels).label),
        ),
      );
    });
    if (!items.length) list.append(h('li', { role: 'option', 'aria-disabled': 'true', class: 'muted' }, 'No match'));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(items.length ? 0 : -1);
  };
  const lookupNow = async () => {
    const q = input.value.trim();
    if (!q) return close();
    const mine = ++seq;
    try {
      const res = await api.search(q, { limit: 10 });
      if (mine !== seq) return;
      items = res.nodes ?? [];
      render(q);
    } catch (err) {
      report(err, 'Search');
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(lookupNow, 150);
  });
  input.addEventListener('keydown', async (ev) => {
    if (ev.key === 'ArrowDown' && items.length) {
      ev.preventDefault();
      if (list.hidden) render(input.value.trim());
      else highlight((active + 1) % items.length);
    } else if (ev.key === 'ArrowUp' && items.length) {
      ev.preventDefault();
      highlight((active - 1 + items.length) % items.length);
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      clearTimeout(timer);
      if (list.hidden || active < 0) await lookupNow();
      if (active >= 0) choose(active);
    } else if (ev.key === 'Escape' && !list.hidden) {
      ev.preventDefault();
      ev.stopPropagation();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  // Names of the actors on the canvas, offered by the path form's inputs.
  let namesTimer = 0;
  canvas.cy.on('add remove', () => {
    clearTimeout(namesTimer);
    namesTimer = setTimeout(() => {
      const dl = clear($('actor-names'));
      const names = new Set([...canvas.nodes.values()].map(nodeName).sort());
      for (const n of names) dl.append(h('option', { value: n }));
    }, 300);
  });
}
