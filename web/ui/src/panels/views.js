// Saved views: the whole view (nodes, positions, filters, time range,
// selection, style rules, viewport) under a name, kept in this browser's
// storage, and downloaded or opened as a small JSON file another analyst
// can open on their own server.

import { h, clear } from '../dom.js';
import { viewDocument, readViewDocument } from '../urlstate.js';

const $ = (id) => document.getElementById(id);
export const VIEWS_KEY = 'actorgraph.views';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'view';

export function createViews(ctx) {
  const { store, canvas, status, track, restore, currentRefs } = ctx;
  const read = () => {
    try {
      const v = JSON.parse(storage()?.getItem(VIEWS_KEY) ?? '[]');
      return Array.isArray(v) ? v.filter((d) => d && d.format && d.name) : [];
    } catch {
      return [];
    }
  };
  const write = (docs) => {
    try {
      storage()?.setItem(VIEWS_KEY, JSON.stringify(docs));
      return true;
    } catch (err) {
      status(`Could not save in this browser: ${err.message}`, true);
      return false;
    }
  };

  /** current describes the view on screen, with every node and position (not bounded like the URL). */
  const current = (name) => viewDocument(name, { ...store.get(), nodes: currentRefs(), pos: canvas.positions(), view: canvas.viewport() });

  async function open(doc) {
    const { name, state } = readViewDocument(doc);
    await restore({ ...store.get(), ...state, tab: store.get().tab, cypher: store.get().cypher, params: store.get().params });
    $('views-menu').open = false;
    status(`Opened the view “${name}”: ${ctx.countsText(ctx.app.counts)}.`);
  }

  function render() {
    const list = clear($('view-list'));
    const docs = read();
    if (!docs.length) list.append(h('li', { class: 'muted' }, 'No saved views yet.'));
    docs.forEach((d, i) =>
      list.append(
        h(
          'li',
          { dataset: { view: d.name } },
          h('button', { type: 'button', class: 'open', title: `Open “${d.name}”`, onclick: () => track(() => open(d), 'View') }, d.name),
          h('span', { class: 'when' }, (d.savedAt ?? '').slice(0, 10)),
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Delete the view ${d.name}`,
              onclick: () => {
                write(read().filter((_, j) => j !== i));
                render();
              },
            },
            '×',
          ),
        ),
      ),
    );
  }

  $('view-save').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const name = $('view-name').value.trim();
    if (!name) return;
    const doc = current(name);
    if (write([doc, ...read().filter((d) => d.name !== name)])) {
      render();
      status(`Saved the view “${name}” in this browser (${doc.state.nodes.length} nodes).`);
    }
  });
  $('view-export').addEventListener('click', () => {
    const name = $('view-name').value.trim() || 'view';
    download(new Blob([JSON.stringify(current(name), null, 1)], { type: 'application/json' }), `actorgraph-view-${slug(name)}.json`);
    status(`Downloaded the view “${name}”.`);
  });
  $('view-import').addEventListener('change', (ev) => {
    const file = ev.target.files?.[0];
    if (!file) return;
    track(async () => {
      const doc = JSON.parse(await file.text());
      const { name } = readViewDocument(doc);
      write([doc, ...read().filter((d) => d.name !== name)]);
      render();
      await open(doc);
    }, 'Open view').finally(() => (ev.target.value = ''));
  });
  $('views-menu').addEventListener('toggle', () => $('views-menu').open && render());
  render();
}
