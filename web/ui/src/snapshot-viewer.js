// The read-only viewer inlined in a snapshot file (see snapshot.js): draws
// the saved elements where they were, styled as they were, and shows a
// node's properties or a relation's evidence on click. Bundled on its own
// (with Cytoscape) as a classic script, so it runs from a file:// page.

import cytoscape from 'cytoscape';
import { MARKS, markStyles } from './style.js';

const data = JSON.parse(document.getElementById('snapshot-data').textContent);
const byId = new Map(data.nodes.map((n) => [n.id, n]));
const relById = new Map(data.relationships.map((r) => [r.id, r]));
const nameOf = (n) => n?.properties?.name || n?.key || n?.id || '?';
const large = data.relationships.length > 1500;
const markOf = new Map(MARKS.map((m) => [m.mark, m]));

const cy = cytoscape({
  container: document.getElementById('cy'),
  elements: [
    ...data.nodes.map((n) => ({ group: 'nodes', data: { id: n.id, ...n.style, points: n.style.points ?? '-1 -1 1 -1 1 1 -1 1' }, position: { x: n.x, y: n.y } })),
    ...data.relationships.map((r) => ({ group: 'edges', data: { id: r.id, source: r.start, target: r.end, type: r.type, ...r.style, ...(markOf.has(r.evidence) ? { evidence: r.evidence } : {}) } })),
  ],
  layout: { name: 'preset', fit: true, padding: 30 },
  autoungrabify: true,
  boxSelectionEnabled: false,
  minZoom: 0.02,
  maxZoom: 4,
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        shape: 'data(shape)',
        'shape-polygon-points': 'data(points)',
        'background-color': 'data(color)',
        width: 'data(size)',
        height: 'data(size)',
        'border-width': 'data(borderWidth)',
        'border-color': 'data(borderColor)',
        'font-size': 15,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-outline-color': '#fff',
        'text-outline-width': 2,
        'text-max-width': 160,
        'text-wrap': 'ellipsis',
        'min-zoomed-font-size': 6,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'line-style': 'data(line)',
        'target-arrow-shape': 'triangle',
        'curve-style': large ? 'straight' : 'bezier',
        label: large ? '' : 'data(type)',
        'font-size': 11,
        color: '#444',
        'text-rotation': 'autorotate',
        'text-outline-color': '#fff',
        'text-outline-width': 2,
        'min-zoomed-font-size': 8,
      },
    },
    // The evidence marks as the viewer drew them (style.js stylesheet), on
    // the relations the snapshot saved them for (none when they were off).
    ...markStyles(large),
    { selector: 'node:selected', style: { 'border-color': '#0b7285', 'border-width': 4 } },
    { selector: 'edge:selected', style: { width: 5, 'overlay-opacity': 0.25, 'overlay-color': '#0b7285', 'overlay-padding': 4 } },
  ],
});

const info = document.getElementById('info');
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
};
const row = (label, field, value) => [el('dt', {}, label), el('dd', { 'data-field': field }, value === undefined || value === null || value === '' ? '—' : value)];
const named = (ref) => (ref ? (data.names[ref] ?? String(ref)) : '');
const text = (v) => (Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function showNode(id) {
  const n = byId.get(id);
  const p = n.properties ?? {};
  info.dataset.kind = 'node';
  info.replaceChildren(
    el('h2', { id: 'info-title' }, nameOf(n)),
    el('p', { class: 'muted' }, (n.labels ?? []).filter((l) => l !== 'Actor').join(', '), ' · ', n.key),
    p.description ? el('p', {}, p.description) : null,
    el('dl', {}, Object.entries(p).filter(([k]) => !['name', 'description'].includes(k)).flatMap(([k, v]) => row(k, k, text(v)))),
  );
}

function showRel(id) {
  const r = relById.get(id);
  const p = r.properties ?? {};
  info.dataset.kind = 'relationship';
  const skip = ['claim', 'attributedTo', 'source', 'locator', 'since', 'until', 'confidence'];
  info.replaceChildren(
    el('h2', { id: 'info-title' }, `${nameOf(byId.get(r.start))} —${r.type}→ ${nameOf(byId.get(r.end))}`),
    el('p', { class: 'muted' }, r.style.polarity ?? ''),
    markOf.has(r.evidence) ? el('p', { class: `evidence-flag ${r.evidence}`, 'data-evidence': r.evidence, title: markOf.get(r.evidence).title }, markOf.get(r.evidence).label) : null,
    p.claim ? el('blockquote', { class: 'claim', 'data-field': 'claim' }, p.claim) : el('p', { class: 'muted' }, 'No claim recorded.'),
    el(
      'dl',
      {},
      row('Asserted by', 'attributedTo', named(p.attributedTo)),
      row('Source', 'source', named(p.source)),
      row('Paragraph', 'locator', p.locator !== undefined && p.locator !== null ? `¶ ${p.locator}` : ''),
      row('Since', 'since', p.since),
      row('Until', 'until', p.until),
      row('Confidence', 'confidence', typeof p.confidence === 'number' && p.confidence <= 1 ? `${Math.round(p.confidence * 100)}%` : p.confidence),
      Object.entries(p)
        .filter(([k]) => !skip.includes(k))
        .flatMap(([k, v]) => row(k, k, text(v))),
    ),
  );
}

cy.on('tap', 'node', (ev) => showNode(ev.target.id()));
cy.on('tap', 'edge', (ev) => showRel(ev.target.id()));
// For tests and for anyone scripting the file from the console.
window.actorgraphSnapshot = { cy, data };
const marked = (m) => String(data.relationships.filter((r) => r.evidence === m).length);
Object.assign(document.getElementById('cy').dataset, { contested: marked('contested'), singleSource: marked('single') });
document.body.dataset.ready = 'true';
