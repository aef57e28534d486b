// The details panel: the selected node (with its relations that are shown
// on the canvas) or the selected relationship with its evidence. It
// re-renders whenever what is visible changes, so a relation hidden by a
// filter, a grade threshold or the time range leaves the panel too. A
// relationship's evidence shows its grades and stance, and the claims for
// and against the same tie from GET /api/claims (corroboration).

import { h, fill } from '../dom.js';
import { kindStyle } from '../style.js';
import { nodeName, relText, cellText, confidenceText } from '../format.js';
import { relInRange } from '../dates.js';
import { gradeText, claimGrades, findTie, passGrades, gradeParams, RELIABILITY, CREDIBILITY } from '../grades.js';

const $ = (id) => document.getElementById(id);
const isKey = (s) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s);

export function createDetails(ctx) {
  const { api, canvas, store, track, lookupNode } = ctx;
  const el = $('details');
  let shown = '';
  // Counts renders: an answer that comes after the panel was drawn again
  // (another selection, new grade thresholds) is dropped.
  let drawn = 0;

  function empty(note) {
    drawn++;
    shown = '';
    delete el.dataset.kind;
    delete el.dataset.id;
    fill(el, h('h2', {}, 'Details'), h('p', { class: 'muted' }, note ?? 'Search for an actor, or click a node or a relationship on the canvas.'));
  }

  function kindChip(labels) {
    const k = kindStyle(labels);
    const chip = h('span', { class: 'chip' }, k.label);
    chip.style.backgroundColor = k.color; // CSSOM, allowed by the CSP
    return chip;
  }

  function propRows(props, skip) {
    const rows = [];
    for (const [k, v] of Object.entries(props ?? {})) {
      if (skip.includes(k) || v === null || v === undefined || v === '') continue;
      rows.push(h('dt', {}, k), h('dd', { dataset: { field: k } }, Array.isArray(v) ? v.join(', ') : cellText(v)));
    }
    return rows;
  }

  function showNode(id) {
    drawn++;
    const { actions } = ctx;
    const node = canvas.nodes.get(id);
    const ele = canvas.cy.getElementById(id);
    if (!node || ele.empty()) return empty();
    shown = id;
    const p = node.properties ?? {};
    const types = [...new Set(canvas.cy.edges().map((e) => e.data('type')))].sort();
    const typeSelect = h('select', { 'aria-label': 'Relationship type to expand' }, h('option', { value: '' }, 'by type…'), types.map((t) => h('option', { value: t }, t)));
    // Only the relations the canvas shows: filters and the time range apply here too.
    const visible = new Set(canvas.visibleEdges().map((e) => e.id()));
    const rels = ele.connectedEdges().filter((e) => visible.has(e.id()));
    const hiddenCount = ele.connectedEdges().length - rels.length;
    const ref = canvas.refOf(id);
    el.dataset.kind = 'node';
    el.dataset.id = id;
    fill(
      el,
      h('h2', { id: 'details-title' }, nodeName(node)),
      h('div', {}, kindChip(node.labels), h('span', { class: 'muted' }, node.key)),
      h(
        'div',
        { class: 'actions', role: 'group', 'aria-label': 'Node actions' },
        h('button', { type: 'button', id: 'act-expand', title: 'Add the neighbours of this node (Enter on the canvas)', onclick: () => track(() => actions.expand(id), 'Expand') }, 'Expand'),
        typeSelect,
        h('button', { type: 'button', id: 'act-expand-type', onclick: () => typeSelect.value && track(() => actions.expand(id, [typeSelect.value]), 'Expand') }, 'Expand type'),
        h('button', { type: 'button', id: 'act-collapse', onclick: () => actions.collapse(id) }, 'Collapse'),
        h('button', { type: 'button', id: 'act-hide', onclick: () => actions.hideNodes([ref]) }, 'Hide'),
        h('button', { type: 'button', id: 'act-pin', 'aria-pressed': ele.locked() ? 'true' : 'false', onclick: () => (ele.locked() ? ele.unlock() : ele.lock(), showNode(id)) }, ele.locked() ? 'Unpin' : 'Pin'),
        h('button', { type: 'button', onclick: () => ctx.paths.setEnd('from', node) }, 'Path from'),
        h('button', { type: 'button', onclick: () => ctx.paths.setEnd('to', node) }, 'Path to'),
      ),
      p.description ? h('p', { dataset: { field: 'description' } }, p.description) : null,
      h('dl', {}, Array.isArray(p.aliases) && p.aliases.length ? [h('dt', {}, 'Also known as'), h('dd', { dataset: { field: 'aliases' } }, p.aliases.join('; '))] : null, propRows(p, ['name', 'aliases', 'description'])),
      h('h3', {}, `Relationships shown (${rels.length})`),
      hiddenCount ? h('p', { class: 'muted', id: 'details-hidden-rels' }, `${hiddenCount} more on the canvas are hidden by the filters or the time range.`) : null,
      h(
        'ul',
        { class: 'rels' },
        rels.map((e) => {
          const r = canvas.rels.get(e.id());
          if (!r) return null;
          return h('li', {}, h('button', { type: 'button', class: 'rel-link', dataset: { rel: r.id }, onclick: () => selectRel(r.id) }, relText(r, canvas.nodes.get(r.start), canvas.nodes.get(r.end))));
        }),
      ),
    );
  }

  function selectRel(id) {
    store.setState({ selected: [id] }, { undo: false });
    el.focus();
  }

  function showRel(id) {
    drawn++;
    const { actions } = ctx;
    const rel = canvas.rels.get(id);
    if (!rel) return empty();
    const state = store.get();
    const e = canvas.cy.getElementById(id);
    if (e.nonempty() && e.hasClass('filtered')) {
      const why = !relInRange(rel, state.time)
        ? 'The relationship you were looking at is outside the time range, so it is hidden.'
        : !passGrades(rel, state)
          ? 'The relationship you were looking at is graded below the Source ≥ or Claim ≥ threshold, so it is hidden.'
          : 'The relationship you were looking at is hidden by the type filter.';
      return empty(why);
    }
    shown = id;
    const p = rel.properties ?? {};
    const start = canvas.nodes.get(rel.start);
    const end = canvas.nodes.get(rel.end);
    const polarity = canvas.polarity(rel);
    const source = h('dd', { dataset: { field: 'source' } }, p.source ? String(p.source) : '—');
    const asserted = h('dd', { dataset: { field: 'attributedTo' } }, p.attributedTo ? String(p.attributedTo) : '—');
    const endButton = (n) => h('button', { type: 'button', class: 'linkish', onclick: () => track(() => actions.focusNode(n.key || n.id), 'Focus') }, nodeName(n));
    el.dataset.kind = 'relationship';
    el.dataset.id = id;
    fill(
      el,
      h('h2', { id: 'details-title' }, relText(rel, start, end)),
      h('div', {}, h('span', { class: `chip pol-${polarity}` }, polarity), h('span', { class: 'muted' }, rel.type)),
      h('p', {}, start ? endButton(start) : '?', ` —${rel.type}→ `, end ? endButton(end) : '?'),
      p.claim ? h('blockquote', { class: 'claim', dataset: { field: 'claim' } }, p.claim) : h('p', { class: 'muted' }, 'No claim recorded.'),
      h(
        'dl',
        {},
        h('dt', {}, 'Asserted by'),
        asserted,
        h('dt', {}, 'Source'),
        source,
        h('dt', {}, 'Paragraph'),
        h('dd', { dataset: { field: 'locator' } }, p.locator !== undefined && p.locator !== null ? `¶ ${p.locator}` : '—'),
        h('dt', {}, 'Since'),
        h('dd', { dataset: { field: 'since' } }, p.since ?? '—'),
        h('dt', {}, 'Until'),
        h('dd', { dataset: { field: 'until' } }, p.until ?? '—'),
        h('dt', {}, 'Confidence'),
        h('dd', { dataset: { field: 'confidence' } }, confidenceText(p.confidence) || '—'),
        h('dt', {}, 'Source reliability'),
        h('dd', { dataset: { field: 'reliability' } }, gradeText(p.reliability, RELIABILITY) || '—'),
        h('dt', {}, 'Claim credibility'),
        h('dd', { dataset: { field: 'credibility' } }, gradeText(p.credibility, CREDIBILITY) || '—'),
        h('dt', {}, 'Stance'),
        h('dd', { dataset: { field: 'stance' } }, p.stance ?? '—'),
        propRows(p, ['claim', 'attributedTo', 'asserter', 'source', 'locator', 'since', 'until', 'confidence', 'polarity', 'reliability', 'credibility', 'stance']),
      ),
    );
    corroboration(rel, id, state);
    // The source is a node key; the asserter is a key or a plain name. Show
    // names once resolved, and ask the server only about things shaped like keys.
    const resolve = async (ref, dd) => {
      if (!ref || typeof ref !== 'string') return;
      try {
        const known = [...canvas.nodes.values()].find((n) => n.key === ref || nodeName(n) === ref);
        const node = known ?? (isKey(ref) ? await lookupNode(ref) : null);
        if (!node || el.dataset.id !== id) return;
        fill(dd, h('button', { type: 'button', class: 'linkish', title: `Show ${ref} on the canvas`, onclick: () => track(() => actions.focusNode(node.key || node.id), 'Focus') }, nodeName(node)));
        if (node.properties?.url) dd.append(' ', h('a', { href: node.properties.url, rel: 'noopener noreferrer', target: '_blank' }, 'open'));
      } catch {
        // Keep the key: a missing source is shown as recorded.
      }
    };
    Promise.all([resolve(p.source, source), resolve(p.asserter ?? p.attributedTo, asserted)]);
  }

  // corroboration adds every claim for and against this tie (GET /api/claims),
  // with the single-source and contested marks the server works out. Like
  // the canvas's marks, it counts only the claims at or above the view's
  // grade thresholds, and says so when they are set. The rest of the panel
  // stands without it when the call fails.
  async function corroboration(rel, id, state) {
    const at = drawn;
    let claims;
    const grades = gradeParams(state);
    try {
      // The ties of an opened file come with the canvas's marks (the
      // server holds nothing of the file to answer GET /api/claims).
      const fromFile = !canvas.served(rel.start) || !canvas.served(rel.end);
      claims = fromFile ? { ties: await ctx.fileTies(state) } : await api.claims({ a: rel.start, b: rel.end, types: [rel.type], ...grades });
    } catch {
      return;
    }
    if (at !== drawn || el.dataset.id !== id || el.querySelector('.corroboration')) return;
    const ref = (nid) => canvas.nodes.get(nid)?.key || nid;
    const tie = findTie(claims, rel, ref(rel.start), ref(rel.end));
    if (!tie) return;
    const sourceName = (key) => {
      const n = [...canvas.nodes.values()].find((x) => x.key === key);
      return n ? nodeName(n) : (key ?? '?');
    };
    const item = (r) => {
      // The ties of an opened file carry only what the counting reads: the
      // claim itself is in the canvas's copy.
      const q = (canvas.rels.get(r.id) ?? r).properties ?? {};
      const grades = claimGrades(q);
      const note = [sourceName(q.source), q.locator !== undefined && q.locator !== null ? `¶ ${q.locator}` : '', q.stance ?? 'asserted', grades].filter(Boolean).join('; ');
      return h('li', { class: 'claim-item', dataset: { rel: r.id } }, q.claim ?? r.type, h('span', { class: 'muted' }, ` (${note})`));
    };
    const flags = h('div', { class: 'flags' });
    if (tie.singleSource) flags.append(h('span', { class: 'chip flag', dataset: { flag: 'single-source' }, title: 'Every claim for this tie comes from one source' }, 'single source'));
    if (tie.contested) flags.append(h('span', { class: 'chip flag contested', dataset: { flag: 'contested' }, title: 'Some source disputes or denies this tie' }, 'contested'));
    const n = (k, one) => `${k} ${one}${k === 1 ? '' : 's'}`;
    el.append(
      h(
        'section',
        { class: 'corroboration', dataset: { supporting: String(tie.supporting), disputing: String(tie.disputing) } },
        h('h3', {}, `Corroboration: ${n(tie.supporting, 'source')} for, ${tie.disputing} against`),
        thresholdNote(grades),
        flags,
        h('h4', {}, `For (${n(tie.for?.length ?? 0, 'claim')})`),
        tie.for?.length ? h('ul', { class: 'claims-for' }, tie.for.map(item)) : h('p', { class: 'muted' }, 'No claim for.'),
        h('h4', {}, `Against (${n(tie.against?.length ?? 0, 'claim')})`),
        tie.against?.length ? h('ul', { class: 'claims-against' }, tie.against.map(item)) : h('p', { class: 'muted' }, 'No claim against.'),
      ),
    );
  }

  // thresholdNote says which claims corroboration counted when the view
  // has grade thresholds; nothing when it has none.
  function thresholdNote({ minReliability, minCredibility }) {
    const parts = [minReliability && `source reliability ${minReliability} or better`, minCredibility && `claim credibility ${minCredibility} or better`].filter(Boolean);
    return parts.length ? h('p', { class: 'muted threshold-note' }, `Counting only claims with ${parts.join(' and ')}, as on the canvas.`) : null;
  }

  const visKeys = ['labels', 'types', 'time', 'minReliability', 'minCredibility', 'hidden', 'nodes'];

  return {
    render(state, prev) {
      const ref = state.selected[0] ?? '';
      const id = canvas.idOf(ref) ?? '';
      const changed = !prev || id !== shown || visKeys.some((k) => state[k] !== prev[k]) || (prev && prev.selected[0] !== ref);
      if (!changed) return;
      if (!id) return empty();
      if (canvas.nodes.has(id)) showNode(id);
      else if (canvas.rels.has(id)) showRel(id);
      else empty();
    },
    refresh() {
      const id = shown;
      if (canvas.nodes.has(id)) showNode(id);
    },
  };
}
