// The paths panel: the k shortest paths between two actors, listed step by
// step and highlighted on the canvas. Paths over the same actors that use
// different relationships (two claims from different paragraphs) say what
// differs; paths that use a relation outside the time range say so.

import { h, clear } from '../dom.js';
import { pathSteps, pathText } from '../format.js';
import { relInRange } from '../dates.js';
import { gradeParams } from '../grades.js';

const $ = (id) => document.getElementById(id);

/** relDetail is the short text that tells one relationship from another of the same type between the same actors. */
export function relDetail(rel) {
  const p = rel?.properties ?? {};
  const parts = [];
  if (p.locator !== undefined && p.locator !== null && p.locator !== '') parts.push(`¶ ${p.locator}`);
  if (p.since) parts.push(`since ${p.since}`);
  if (!parts.length && p.attributedTo) parts.push(`per ${p.attributedTo}`);
  if (!parts.length && p.claim) parts.push(`“${String(p.claim).slice(0, 40)}${String(p.claim).length > 40 ? '…' : ''}”`);
  return parts.join(', ') || rel?.id?.slice(0, 8) || '';
}

/**
 * differingSteps returns, per path, the indexes of the steps whose
 * relationship differs from that of another path over the same actors.
 */
export function differingSteps(paths) {
  const out = paths.map(() => new Set());
  const groups = new Map();
  paths.forEach((p, i) => {
    const key = (p.nodes ?? []).map((n) => n.id).join('>');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  });
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (const i of members)
      for (const j of members) {
        if (i === j) continue;
        paths[i].relationships.forEach((r, s) => {
          if (paths[j].relationships[s]?.id !== r.id) out[i].add(s);
        });
      }
  }
  return out;
}

export function createPaths(ctx) {
  const { api, store, canvas, app, status, track, resolveRef, addToCanvas } = ctx;
  const list = $('path-list');
  let paths = [];
  let highlighted = null;

  function setup() {
    $('path-k').max = String(app.limits.maxK);
    $('path-max').max = String(app.limits.maxPathLength);
    $('path-k').value = String(app.limits.defaultK);
    $('path-max').value = String(app.limits.defaultPathLength);
    const s = store.get().path;
    if (s.from) $('path-from').value = s.from;
    if (s.to) $('path-to').value = s.to;
    if (s.k) $('path-k').value = String(s.k);
    if (s.len) $('path-max').value = String(s.len);
    if (s.dir) $('path-dir').value = s.dir;
    $('path-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      track(
        () =>
          find({
            from: $('path-from').value,
            to: $('path-to').value,
            k: Number($('path-k').value) || 0,
            len: Number($('path-max').value) || 0,
            dir: $('path-dir').value === 'both' ? '' : $('path-dir').value,
            pick: -1,
          }),
        'Paths',
      );
    });
  }

  async function find({ from: fromText, to: toText, k, len, dir, pick = -1, record = true }) {
    const from = await resolveRef(fromText);
    const to = await resolveRef(toText);
    $('path-from').value = from;
    $('path-to').value = to;
    const kk = Math.min(k || app.limits.defaultK, app.limits.maxK);
    const ll = Math.min(len || app.limits.defaultPathLength, app.limits.maxPathLength);
    const res = await api.paths({ from, to, k: kk, maxLength: ll, direction: dir, ...gradeParams(store.get()) });
    paths = res.paths ?? [];
    const g = { nodes: paths.flatMap((p) => p.nodes), relationships: paths.flatMap((p) => p.relationships) };
    canvas.ingest(g);
    const path = { from, to, k: k ? kk : 0, len: len ? ll : 0, dir, pick: pick < paths.length ? pick : -1 };
    highlighted = null;
    addToCanvas(
      g.nodes.map((n) => n.key || n.id),
      { patch: { path, tab: store.get().tab || (record ? 'paths' : '') }, record },
    );
    renderList(store.get());
    if (!paths.length) status(`No path of at most ${ll} steps from ${from} to ${to}.`);
    else status(`${paths.length} path${paths.length === 1 ? '' : 's'} found.`);
  }

  function renderList(state) {
    clear(list);
    if (!state.path.from || !state.path.to) return;
    if (!paths.length) {
      list.append(h('li', { class: 'muted' }, 'No path within the length limit.'));
      return;
    }
    const diffs = differingSteps(paths);
    paths.forEach((p, i) => {
      const steps = pathSteps(p);
      const n = steps.length;
      const inRange = p.relationships.every((r) => relInRange(r, state.time));
      const differs = [...diffs[i]].sort((a, b) => a - b);
      const diffText = differs.length ? `; differs in step ${differs.map((s) => `${s + 1} (${relDetail(p.relationships[s])})`).join(', ')}` : '';
      list.append(
        h(
          'li',
          { class: `path-item${i === state.path.pick ? ' active' : ''}${inRange ? '' : ' out-of-range'}` },
          h(
            'button',
            { type: 'button', class: 'path-pick', 'aria-pressed': i === state.path.pick ? 'true' : 'false', 'aria-label': `Highlight path ${i + 1} on the canvas: ${pathText(p)}${diffText}`, onclick: () => store.setState((s) => ({ path: { ...s.path, pick: s.path.pick === i ? -1 : i } }), { undo: false }) },
            `Highlight path ${i + 1} · ${n} step${n === 1 ? '' : 's'}`,
          ),
          inRange ? null : h('div', { class: 'path-note' }, 'Uses a relation outside the time range.'),
          h(
            'ol',
            { class: 'steps' },
            steps.map((s, j) =>
              h(
                'li',
                { class: 'step' },
                h('span', { class: 'step-n', 'aria-hidden': 'true' }, `${j + 1}.`),
                h(
                  'button',
                  { type: 'button', class: 'linkish', onclick: () => store.setState({ selected: [s.relId] }, { undo: false }) },
                  s.text,
                  diffs[i].has(j) ? [' ', h('span', { class: 'diff' }, relDetail(p.relationships[j]))] : null,
                ),
              ),
            ),
          ),
        ),
      );
    });
  }

  function highlight(state) {
    if (!paths.length || !state.path.from) {
      if (highlighted) canvas.highlight(null);
      highlighted = null;
      return;
    }
    const chosen = state.path.pick >= 0 && paths[state.path.pick] ? [paths[state.path.pick]] : paths;
    const ids = new Set(chosen.flatMap((p) => [...p.nodes.map((n) => n.id), ...p.relationships.map((r) => r.id)]));
    const key = [...ids].sort().join();
    if (key === highlighted) return;
    highlighted = key;
    canvas.highlight(ids);
    // The results of a query belong to the Cypher tab: they give the path the room.
    if (!$('results').hidden) {
      $('results').hidden = true;
      canvas.cy.resize();
    }
    const eles = canvas.cy.elements('.path');
    if (eles.nonempty()) canvas.fitTo(eles, 60);
  }

  return {
    setup,
    find,
    render(state, prev) {
      const p = state.path;
      if (prev && (p.from !== prev.path.from || p.to !== prev.path.to) && !(p.from && p.to)) paths = [];
      if (!prev || p !== prev.path || state.time !== prev.time) renderList(state);
      highlight(state);
      // The server finds paths under the grade thresholds: when they change, ask again.
      const regraded = prev && (state.minReliability !== prev.minReliability || state.minCredibility !== prev.minCredibility);
      if (regraded && p.from && p.to && prev.path.from === p.from && prev.path.to === p.to) {
        track(() => find({ from: p.from, to: p.to, k: p.k, len: p.len, dir: p.dir, record: false }), 'Paths');
      }
    },
    setEnd(which, node) {
      $(`path-${which}`).value = node.key || node.id;
      store.setState({ tab: 'paths' }, { undo: false });
      $(`path-${which === 'from' ? 'to' : 'from'}`).focus();
    },
    get list() {
      return paths;
    },
  };
}
