// actorgraph viewer: wires the API client, the Cytoscape canvas, the
// panels and the URL state together. Pure logic lives in the sibling
// modules (tested with node --test); this file is the DOM glue.

import './app.css';
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { createApi, ApiError } from './api.js';
import { KINDS, POLARITIES, stylesheet, kindStyle } from './style.js';
import { decodeState, encodeState } from './urlstate.js';
import { nodeName, relText, pathSteps, pathText, cellText, confidenceText } from './format.js';
import { createHistory } from './history.js';
import { graphElements, nodeVisible, relVisible, isExportDocument } from './elements.js';
import { isDate } from './dates.js';
import { createUndo } from './undo.js';
import { EXAMPLES } from './queries.js';
import { h, clear, swatch } from './dom.js';
import { METRICS, communityColor, nodeSizes, ranked, metricText } from './metrics.js';

cytoscape.use(fcose);

// Above this many nodes the canvas trades edge labels and curves for speed.
const LARGE = 600;
// Above this many nodes the force phase of the layout takes seconds, so only
// the spectral phase runs.
const FORCE_MAX = 300;
const OVERVIEW_LIMIT = 300;
const EXPAND_LIMIT = 200;

const $ = (id) => document.getElementById(id);
const api = createApi({ base: document.baseURI });
const cypherHistory = createHistory(safeStorage());
const undo = createUndo(30);

/** Everything the viewer knows, beside what Cytoscape holds. */
const app = {
  state: decodeState(location.hash),
  nodes: new Map(), // id → API node
  rels: new Map(), // id → API relationship
  hidden: new Set(), // node ids hidden by the user
  typePolarity: new Map(),
  store: '',
  large: false,
  firstPaint: false,
  busy: 0,
  nameCache: new Map(), // key or id → Promise<node|null>
  paths: [],
};

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- status

function setBusy(delta) {
  app.busy += delta;
  document.body.dataset.busy = String(app.busy);
  $('cy').setAttribute('aria-busy', app.busy > 0 ? 'true' : 'false');
}

/** track runs an async task with the busy flag raised and reports failures. */
async function track(task, what) {
  setBusy(1);
  try {
    return await task();
  } catch (err) {
    report(err, what);
    return undefined;
  } finally {
    setBusy(-1);
  }
}

function status(text, isError = false) {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('err', isError);
}

function report(err, what) {
  const msg = err instanceof ApiError ? err.message : String(err?.message ?? err);
  status(what ? `${what}: ${msg}` : msg, true);
}

// ---------------------------------------------------------------- canvas

const cy = cytoscape({
  container: $('cy'),
  style: stylesheet(),
  minZoom: 0.05,
  maxZoom: 4,
  boxSelectionEnabled: true,
  selectionType: 'additive',
});

function setLarge(large) {
  if (large === app.large) return;
  app.large = large;
  cy.style(stylesheet({ large }));
  // Drawing edges while the viewport moves dominates the frame time on big
  // graphs; Cytoscape reads this renderer flag on every frame.
  const r = cy.renderer();
  if (r) {
    r.hideEdgesOnViewport = large;
    r.textureOnViewport = large;
  }
}

/**
 * addGraph puts a {nodes, relationships} document on the canvas. With
 * connect, relationships fetched earlier also appear once both their ends
 * are on the canvas; without, only g's own relationships are drawn.
 */
function addGraph(g, { around, connect = true } = {}) {
  for (const n of g.nodes ?? []) app.nodes.set(n.id, n);
  for (const r of g.relationships ?? []) app.rels.set(r.id, r);
  const { nodes } = graphElements({ nodes: g.nodes ?? [], relationships: [] }, app.typePolarity);
  const fresh = nodes.filter((n) => cy.getElementById(n.data.id).empty());
  const centre = around ? cy.getElementById(around) : null;
  if (centre && centre.nonempty()) {
    const p = centre.position();
    fresh.forEach((n, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, fresh.length);
      n.position = { x: p.x + 120 * Math.cos(a), y: p.y + 120 * Math.sin(a) };
    });
  }
  // Edges are built against every known node so that relationships to
  // nodes already on the canvas connect.
  const known = { nodes: [...app.nodes.values()], relationships: connect ? [...app.rels.values()] : (g.relationships ?? []) };
  cy.batch(() => {
    cy.add(fresh);
    const edges = graphElements(known, app.typePolarity).edges.filter(
      (e) => cy.getElementById(e.data.id).empty() && cy.getElementById(e.data.source).nonempty() && cy.getElementById(e.data.target).nonempty(),
    );
    cy.add(edges);
  });
  setLarge(cy.nodes().length > LARGE);
  applyVisibility();
  return fresh.length;
}

/**
 * replaceGraph clears the canvas and shows g instead. It draws a quick
 * spectral layout first (the first paint), then refines it with the force
 * phase when the graph is small enough for that to be quick.
 */
async function replaceGraph(g) {
  if (!app.firstPaint) performance.mark('actorgraph:first-graph-data');
  cy.elements().remove();
  app.hidden.clear();
  clearPathHighlight();
  addGraph(g, { connect: false });
  await runLayout({ randomize: true, quality: 'draft' });
  if (!app.firstPaint) performance.mark('actorgraph:first-graph-layout');
  if (app.firstPaint) await painted();
  else await markFirstPaint();
  if (visibleNodes().length <= FORCE_MAX) await runLayout();
}

function applyVisibility() {
  const { labels, types, asOf } = app.state;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const node = app.nodes.get(n.id());
      const ok = node ? nodeVisible(node, { labels, hidden: new Set() }) : true;
      n.toggleClass('filtered', !ok);
      n.toggleClass('hidden', app.hidden.has(n.id()));
    });
    cy.edges().forEach((e) => {
      const rel = app.rels.get(e.id());
      const ok = rel ? relVisible(rel, { types, asOf }) : true;
      e.toggleClass('filtered', !ok);
    });
  });
  const shown = visibleNodes().length;
  const total = cy.nodes().length;
  const edges = cy.edges().not('.filtered').filter((e) => e.source().visible() && e.target().visible()).length;
  // Counts on the canvas element let tests and assistive tools read what is shown.
  Object.assign($('cy').dataset, { nodes: String(shown), edges: String(edges), total: String(total) });
  status(shown === total ? `${total} nodes, ${edges} relationships` : `${shown} of ${total} nodes shown, ${edges} relationships`);
  markMetricsStale();
  $('undo').disabled = undo.size === 0;
}

const visibleNodes = () => cy.nodes().not('.filtered, .hidden');

/** fitTo brings eles into view without zooming in past a readable scale. */
function fitTo(eles, padding) {
  cy.fit(eles, padding);
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center(eles);
  }
}

let layoutRun = null;
function runLayout({ randomize = false, quality } = {}) {
  const eles = cy.elements().not('.filtered, .hidden').filter((e) => e.isNode() || (e.source().visible() && e.target().visible()));
  if (eles.empty()) return Promise.resolve();
  if (layoutRun) layoutRun.stop();
  const locked = eles.nodes(':locked');
  const n = eles.nodes().length;
  const q = quality ?? (n > FORCE_MAX ? 'draft' : 'default');
  const opts = {
    name: 'fcose',
    quality: q,
    randomize: randomize || q === 'draft',
    animate: false,
    fit: true,
    padding: 40,
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 90,
    nodeSeparation: 90,
    numIter: 1000,
    packComponents: true,
    nodeDimensionsIncludeLabels: q !== 'draft' && n <= FORCE_MAX,
  };
  if (locked.nonempty() && !opts.randomize) {
    opts.fixedNodeConstraint = locked.map((l) => ({ nodeId: l.id(), position: { ...l.position() } }));
  }
  return new Promise((resolve) => {
    layoutRun = eles.layout(opts);
    layoutRun.one('layoutstop', () => {
      layoutRun = null;
      if (q === 'draft') spread(eles.nodes());
      // A handful of nodes fitted to the window would be drawn huge.
      if (cy.zoom() > 1.5) {
        cy.zoom(1.5);
        cy.center(eles);
      }
      resolve();
    });
    layoutRun.run();
  });
}

/**
 * spread scales a draft (spectral only) layout out to about 60 px per node
 * side. The full force phase of fcose is too slow for thousands of nodes in
 * a browser, and the spectral result alone packs nodes on top of each other.
 */
function spread(nodes) {
  const bb = nodes.boundingBox();
  const size = Math.max(bb.w, bb.h, 1);
  const f = (Math.sqrt(nodes.length) * 60) / size;
  if (f <= 1) return;
  const cx = bb.x1 + bb.w / 2;
  const cyy = bb.y1 + bb.h / 2;
  cy.batch(() => nodes.not(':locked').positions((n) => ({ x: cx + (n.position('x') - cx) * f, y: cyy + (n.position('y') - cyy) * f })));
  cy.fit(nodes, 40);
}

/** painted resolves once the canvas has drawn its current state on screen. */
function painted() {
  return new Promise((resolve) => {
    cy.one('render', () => requestAnimationFrame(() => resolve()));
    cy.forceRender();
  });
}

async function markFirstPaint() {
  if (app.firstPaint || cy.nodes().empty()) return;
  app.firstPaint = true;
  // Taken once the laid-out graph is on screen; the e2e test reads it to
  // report the time to first paint of the seed graph.
  await painted();
  performance.mark('actorgraph:first-graph-paint');
}

// ---------------------------------------------------------------- undo

function snapshot() {
  return {
    nodes: cy.nodes().map((n) => ({ group: 'nodes', data: { ...n.data() }, position: { ...n.position() }, locked: n.locked(), classes: n.classes().filter((c) => c === 'focus') })),
    edges: cy.edges().map((e) => ({ group: 'edges', data: { ...e.data() } })),
    hidden: [...app.hidden],
    viewport: { zoom: cy.zoom(), pan: { ...cy.pan() } },
  };
}

function remember() {
  undo.push(snapshot());
  $('undo').disabled = false;
}

function doUndo() {
  const s = undo.pop();
  if (!s) return;
  cy.batch(() => {
    cy.elements().remove();
    cy.add(s.nodes);
    cy.add(s.edges);
  });
  app.hidden = new Set(s.hidden);
  cy.viewport(s.viewport);
  setLarge(cy.nodes().length > LARGE);
  applyVisibility();
  clearDetails();
  status(`Undone. ${cy.nodes().length} nodes on the canvas.`);
}

// ---------------------------------------------------------------- actions

/** isKey reports whether s is shaped like a node key (lower-case words joined by hyphens). */
const isKey = (s) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s);

/** lookup returns the API node for an id or key, fetching it once. */
function lookup(ref) {
  if (!ref) return Promise.resolve(null);
  for (const n of app.nodes.values()) if (n.id === ref || n.key === ref) return Promise.resolve(n);
  if (!app.nameCache.has(ref)) {
    app.nameCache.set(
      ref,
      api.node(ref).catch((err) => {
        if (err instanceof ApiError && err.status === 404) return null;
        app.nameCache.delete(ref);
        throw err;
      }),
    );
  }
  return app.nameCache.get(ref);
}

async function focusNode(ref, { record = true } = {}) {
  let ele = cy.nodes().filter((n) => n.id() === ref || n.data('key') === ref);
  if (ele.empty()) {
    const node = await api.node(ref);
    if (record) remember();
    const nb = await api.neighborhood(node.id, { limit: EXPAND_LIMIT });
    const wasEmpty = cy.nodes().empty();
    addGraph({ nodes: [node, ...nb.nodes], relationships: nb.relationships });
    await runLayout({ randomize: wasEmpty });
    ele = cy.getElementById(node.id);
  }
  if (ele.empty()) return;
  ele = ele.first();
  if (app.hidden.delete(ele.id())) applyVisibility();
  if (ele.hasClass('filtered')) status(`${nodeName(app.nodes.get(ele.id()))} is hidden by the kind filter.`);
  cy.nodes('.focus').removeClass('focus');
  ele.addClass('focus');
  cy.elements(':selected').unselect();
  ele.select();
  cy.animate({ center: { eles: ele }, zoom: Math.max(cy.zoom(), 1) }, { duration: 250 });
  app.state.focus = ele.data('key') || ele.id();
  writeUrl();
  showNodeDetails(ele.id());
  await markFirstPaint();
}

async function expand(id, types = []) {
  remember();
  const nb = await api.neighborhood(id, { types, limit: EXPAND_LIMIT });
  const added = addGraph(nb, { around: id });
  if (added) await runLayout();
  status(`${added} new node${added === 1 ? '' : 's'} around ${nodeName(app.nodes.get(id))}${nb.truncated ? ' (truncated)' : ''}.`);
  showNodeDetails(id);
}

function collapse(id) {
  const centre = cy.getElementById(id);
  // Leaves are neighbours whose every relationship on the canvas touches
  // this node; removing them folds the node back in.
  const leaves = centre.neighborhood('node').filter((n) => !n.locked() && !n.hasClass('focus') && n.connectedEdges().connectedNodes().difference(n).every((m) => m.id() === id));
  if (leaves.empty()) {
    status('Nothing to collapse: every neighbour is connected elsewhere.');
    return;
  }
  remember();
  cy.remove(leaves);
  applyVisibility();
  status(`Collapsed ${leaves.length} node${leaves.length === 1 ? '' : 's'}.`);
  showNodeDetails(id);
}

function hideNodes(ids) {
  if (!ids.length) return;
  remember();
  for (const id of ids) app.hidden.add(id);
  applyVisibility();
  clearDetails();
  status(`Hid ${ids.length} node${ids.length === 1 ? '' : 's'}. Undo brings ${ids.length === 1 ? 'it' : 'them'} back.`);
}

function togglePin(id) {
  const n = cy.getElementById(id);
  if (n.locked()) n.unlock();
  else n.lock();
  showNodeDetails(id);
}

/**
 * fetchOverview loads the first OVERVIEW_LIMIT actors (an empty search lists
 * them) and the relationships among them; null when there are none.
 */
async function fetchOverview() {
  const res = await api.search('', { limit: OVERVIEW_LIMIT });
  const ids = (res.nodes ?? []).map((n) => n.id);
  return ids.length ? api.subgraph(ids) : null;
}

async function showOverview(prefetched) {
  if (prefetched instanceof Error) throw prefetched;
  const g = prefetched === undefined ? await fetchOverview() : prefetched;
  if (!g) {
    status('The graph is empty, or the server lists no actors without a search. Search for an actor to begin.');
    return;
  }
  await replaceGraph(g);
}

// ---------------------------------------------------------------- details

function clearDetails() {
  clear($('details')).append(h('h2', {}, 'Details'), h('p', { class: 'muted' }, 'Search for an actor, or click a node or a relationship on the canvas.'));
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

function showNodeDetails(id) {
  const node = app.nodes.get(id);
  const ele = cy.getElementById(id);
  if (!node || ele.empty()) return clearDetails();
  const p = node.properties ?? {};
  const types = [...new Set([...app.typePolarity.keys()])].sort();
  const typeSelect = h('select', { 'aria-label': 'Relationship type to expand' }, h('option', { value: '' }, 'by type…'), types.map((t) => h('option', { value: t }, t)));
  const rels = ele.connectedEdges().not('.filtered').filter((e) => e.source().visible() || e.target().visible());
  const el = clear($('details'));
  el.dataset.kind = 'node';
  el.dataset.id = id;
  el.append(
    h('h2', { id: 'details-title' }, nodeName(node)),
    h('div', {}, kindChip(node.labels), h('span', { class: 'muted' }, node.key)),
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': 'Node actions' },
      h('button', { type: 'button', id: 'act-expand', onclick: () => track(() => expand(id), 'Expand') }, 'Expand'),
      typeSelect,
      h('button', { type: 'button', id: 'act-expand-type', onclick: () => typeSelect.value && track(() => expand(id, [typeSelect.value]), 'Expand') }, 'Expand type'),
      h('button', { type: 'button', id: 'act-collapse', onclick: () => collapse(id) }, 'Collapse'),
      h('button', { type: 'button', id: 'act-hide', onclick: () => hideNodes([id]) }, 'Hide'),
      h('button', { type: 'button', id: 'act-pin', 'aria-pressed': ele.locked() ? 'true' : 'false', onclick: () => togglePin(id) }, ele.locked() ? 'Unpin' : 'Pin'),
      h('button', { type: 'button', onclick: () => setPathEnd('from', node) }, 'Path from'),
      h('button', { type: 'button', onclick: () => setPathEnd('to', node) }, 'Path to'),
    ),
    p.description ? h('p', { dataset: { field: 'description' } }, p.description) : null,
    h('dl', {}, Array.isArray(p.aliases) && p.aliases.length ? [h('dt', {}, 'Also known as'), h('dd', { dataset: { field: 'aliases' } }, p.aliases.join('; '))] : null, propRows(p, ['name', 'aliases', 'description'])),
    h('h3', {}, `Relationships on the canvas (${rels.length})`),
    h(
      'ul',
      { class: 'rels' },
      rels.map((e) => {
        const r = app.rels.get(e.id());
        if (!r) return null;
        return h('li', {}, h('button', { type: 'button', class: 'rel-link', dataset: { rel: r.id }, onclick: () => selectRel(r.id) }, relText(r, app.nodes.get(r.start), app.nodes.get(r.end))));
      }),
    ),
  );
}

function selectRel(id) {
  const e = cy.getElementById(id);
  cy.elements(':selected').unselect();
  e.select();
  showRelDetails(id);
  $('details').focus();
}

async function showRelDetails(id) {
  const rel = app.rels.get(id);
  if (!rel) return clearDetails();
  const p = rel.properties ?? {};
  const start = app.nodes.get(rel.start);
  const end = app.nodes.get(rel.end);
  const polarity = cy.getElementById(id).data('polarity') ?? 'neutral';
  const source = h('dd', { dataset: { field: 'source' } }, p.source ? String(p.source) : '—');
  const asserted = h('dd', { dataset: { field: 'attributedTo' } }, p.attributedTo ? String(p.attributedTo) : '—');
  const endButton = (n) => h('button', { type: 'button', class: 'linkish', onclick: () => track(() => focusNode(n.id), 'Focus') }, nodeName(n));
  const el = clear($('details'));
  el.dataset.kind = 'relationship';
  el.dataset.id = id;
  el.append(
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
      propRows(p, ['claim', 'attributedTo', 'source', 'locator', 'since', 'until', 'confidence', 'polarity']),
    ),
  );
  // The source is a node key; the asserter is a key or a plain name. Show
  // names once resolved, and ask the server only about things shaped like keys.
  const resolve = async (ref, dd) => {
    if (!ref || typeof ref !== 'string') return;
    try {
      const known = [...app.nodes.values()].find((n) => n.key === ref || nodeName(n) === ref);
      const node = known ?? (isKey(ref) ? await lookup(ref) : null);
      if (!node || $('details').dataset.id !== id) return;
      clear(dd).append(h('button', { type: 'button', class: 'linkish', title: `Show ${ref} on the canvas`, onclick: () => track(() => focusNode(node.id), 'Focus') }, nodeName(node)));
      if (node.properties?.url) dd.append(' ', h('a', { href: node.properties.url, rel: 'noopener noreferrer', target: '_blank' }, 'open'));
    } catch {
      // Keep the key: a missing source is shown as recorded.
    }
  };
  await Promise.all([resolve(p.source, source), resolve(p.attributedTo, asserted)]);
}

// ---------------------------------------------------------------- search

function setupSearch() {
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
    app.nodes.set(node.id, app.nodes.get(node.id) ?? node);
    track(() => focusNode(node.id), 'Focus');
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
      if (list.hidden || active < 0) {
        await lookupNow();
      }
      if (active >= 0) choose(active);
    } else if (ev.key === 'Escape') {
      if (!list.hidden) {
        ev.preventDefault();
        ev.stopPropagation();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

// ---------------------------------------------------------------- filters

function setupFilters(schema, vocab) {
  const labelBox = $('label-filters');
  const typeBox = $('type-filters');
  const counts = (list) => new Map((list ?? []).map((c) => [c.name, c.count]));
  const labelCounts = counts(schema?.labels);
  const typeCounts = counts(schema?.relationshipTypes);
  const labels = [...new Set([...KINDS.map((k) => k.label), ...labelCounts.keys()])].filter((l) => l !== 'Actor');
  const typeDesc = new Map((vocab?.relationshipTypes ?? []).map((t) => [t.name, t.description]));
  const types = [...new Set([...typeCounts.keys(), ...app.typePolarity.keys()])].sort();
  const check = (name, group, count, title) =>
    h(
      'label',
      { title: title ?? '' },
      h('input', { type: 'checkbox', value: name, dataset: { group }, checked: app.state[group].includes(name) }),
      name,
      count !== undefined ? h('span', { class: 'count' }, count) : null,
    );
  clear(labelBox).append(...labels.map((l) => check(l, 'labels', labelCounts.get(l))));
  clear(typeBox).append(...types.map((t) => check(t, 'types', typeCounts.get(t), typeDesc.get(t))));
  const onChange = (ev) => {
    const group = ev.target.dataset.group;
    if (!group) return;
    app.state[group] = [...document.querySelectorAll(`input[data-group=${group}]:checked`)].map((i) => i.value).sort();
    applyVisibility();
    writeUrl();
  };
  labelBox.addEventListener('change', onChange);
  typeBox.addEventListener('change', onChange);
  $('clear-filters').addEventListener('click', () => {
    document.querySelectorAll('.checks input').forEach((i) => (i.checked = false));
    app.state.labels = [];
    app.state.types = [];
    applyVisibility();
    writeUrl();
  });
}

function syncFilterInputs() {
  document.querySelectorAll('.checks input').forEach((i) => (i.checked = app.state[i.dataset.group]?.includes(i.value) ?? false));
  $('asof').value = app.state.asOf;
}

function setupAsOf() {
  const input = $('asof');
  input.value = app.state.asOf;
  const apply = () => {
    const v = input.value.trim();
    const ok = v === '' || isDate(v);
    input.classList.toggle('invalid', !ok);
    input.setAttribute('aria-invalid', ok ? 'false' : 'true');
    if (!ok) return status('As of: use YYYY, YYYY-MM or YYYY-MM-DD.', true);
    app.state.asOf = v;
    applyVisibility();
    writeUrl();
  };
  input.addEventListener('change', apply);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') apply();
    if (ev.key === 'Escape') {
      input.value = '';
      apply();
    }
  });
}

// ---------------------------------------------------------------- legend

function renderLegend() {
  const el = $('legend-body');
  el.append(h('h3', {}, 'Kinds'));
  for (const k of KINDS) el.append(h('span', { class: 'item' }, swatch(k), k.label));
  el.append(h('h3', {}, 'Relations'));
  for (const p of POLARITIES) el.append(h('span', { class: 'item' }, swatch(p), p.polarity));
}

// ---------------------------------------------------------------- metrics

// The metrics of the view, as the server computed them (POST
// /api/metrics with the shown nodes and the type and date filters);
// null until asked for. They describe the view at the time they were
// computed: a changed view says so until computed again.
let metrics = null;

async function computeMetrics() {
  const ids = visibleNodes().map((n) => n.id());
  if (!ids.length) {
    $('metric-summary').textContent = 'Nothing is shown to compute metrics for.';
    return;
  }
  const { types, asOf, labels } = app.state;
  try {
    metrics = { ...(await api.metrics(ids, { types, asOf, labels })), asOf, types };
  } catch (err) {
    metrics = null;
    applyMetrics();
    $('metric-summary').textContent = err instanceof ApiError ? err.message : String(err?.message ?? err);
    throw err;
  }
  applyMetrics();
}

/** applyMetrics sizes and colours the nodes and lists them by the chosen metric. */
function applyMetrics() {
  const metric = $('metric-size').value;
  const byCommunity = $('metric-community').checked;
  const sizes = metrics && metric ? nodeSizes(metrics.nodes, metric) : new Map();
  const community = new Map((metrics?.nodes ?? []).map((n) => [n.id, n.community]));
  let sized = 0;
  let coloured = 0;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const size = sizes.get(n.id());
      sized += size !== undefined ? 1 : 0;
      coloured += byCommunity && community.has(n.id()) ? 1 : 0;
      if (size !== undefined) n.data('msize', size);
      n.toggleClass('sized', size !== undefined);
      const c = community.get(n.id());
      if (c !== undefined) n.data('mcolor', communityColor(c));
      n.toggleClass('community', byCommunity && c !== undefined);
    });
  });
  // As with the counts: tests and assistive tools read what is styled.
  Object.assign($('cy').dataset, { sized: String(sized), coloured: String(coloured) });
  const list = clear($('metric-list'));
  const summary = $('metric-summary');
  delete summary.dataset.stale;
  if (!metrics) {
    summary.textContent = '';
    return;
  }
  const by = metric || 'pageRank';
  const label = METRICS.find((m) => m.key === by)?.label ?? by;
  summary.textContent = `${metrics.nodes.length} nodes, ${metrics.relationships} relationships, ${metrics.communities.length} communities (modularity ${metrics.modularity.toFixed(3)}). Ranked by ${label}:`;
  for (const n of ranked(metrics.nodes, by)) {
    list.append(
      h('li', { dataset: { key: n.key, community: String(n.community) } },
        h('button', { type: 'button', onclick: () => pickNode(n.id), title: `community ${n.community + 1}` },
          swatch({ shape: 'ellipse', color: communityColor(n.community) }), ' ', n.name || n.key, ' ',
          h('span', { class: 'muted' }, metricText(by, n[by])))),
    );
  }
}

function pickNode(id) {
  const ele = cy.getElementById(id);
  if (ele.empty()) return;
  cy.nodes(':selected').unselect();
  ele.select();
  cy.animate({ center: { eles: ele } }, { duration: 200 });
  showNodeDetails(id);
}

function setupMetrics() {
  $('metric-size').append(...METRICS.map((m) => h('option', { value: m.key }, m.label)));
  const onChange = () => (metrics ? applyMetrics() : track(computeMetrics, 'Metrics'));
  $('metric-size').addEventListener('change', onChange);
  $('metric-community').addEventListener('change', onChange);
  $('metric-run').addEventListener('click', () => track(computeMetrics, 'Metrics'));
  cy.on('add remove', markMetricsStale);
}

/** markMetricsStale says so when the view no longer is the one the metrics describe. */
function markMetricsStale() {
  if (!metrics) return;
  const shown = new Set(visibleNodes().map((n) => n.id()));
  const same = shown.size === metrics.nodes.length && metrics.nodes.every((n) => shown.has(n.id));
  if (same && metrics.asOf === app.state.asOf && String(metrics.types) === String(app.state.types)) return;
  $('metric-summary').dataset.stale = 'true';
  $('metric-summary').textContent = 'The view has changed: compute again for its metrics.';
}

// ---------------------------------------------------------------- tabs

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = (tab, focus = false) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) tab.focus();
    const name = tab.id.replace('tab-', '');
    app.state.tab = name === 'filters' ? '' : name;
    if (name === 'cypher') ensureEditor().catch((err) => report(err, 'Editor'));
    writeUrl();
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', (ev) => {
      const d = { ArrowRight: 1, ArrowLeft: -1 }[ev.key];
      if (d) select(tabs[(i + d + tabs.length) % tabs.length], true);
    });
  });
  return (name) => select($(`tab-${name || 'filters'}`));
}

// ---------------------------------------------------------------- paths

function setPathEnd(which, node) {
  $(`path-${which}`).value = node.key || node.id;
  selectTab('paths');
  $(`path-${which === 'from' ? 'to' : 'from'}`).focus();
}

/** resolveRef turns what the user typed (key, id or a name) into a node key. */
async function resolveRef(text) {
  const t = text.trim();
  for (const n of app.nodes.values()) if (n.key === t || n.id === t || nodeName(n).toLowerCase() === t.toLowerCase()) return n.key || n.id;
  const res = await api.search(t, { limit: 1 });
  const n = res.nodes?.[0];
  if (!n) throw new Error(`no actor matches "${t}"`);
  return n.key || n.id;
}

function clearPathHighlight() {
  cy.elements('.path').removeClass('path');
  cy.elements('.dim').removeClass('dim');
}

function highlightPath(i) {
  clearPathHighlight();
  const list = i === undefined ? app.paths : [app.paths[i]];
  const ids = new Set(list.flatMap((p) => [...p.nodes.map((n) => n.id), ...p.relationships.map((r) => r.id)]));
  cy.batch(() => {
    cy.elements().forEach((e) => (ids.has(e.id()) ? e.addClass('path') : e.addClass('dim')));
  });
  [...$('path-list').children].forEach((li, j) => li.classList.toggle('active', j === i));
  const eles = cy.elements('.path');
  if (eles.nonempty()) fitTo(eles, 60);
  $('legend').open = false; // keep the highlighted paths in view
}

async function findPaths() {
  const from = await resolveRef($('path-from').value);
  const to = await resolveRef($('path-to').value);
  const k = Number($('path-k').value) || 3;
  const maxLength = Number($('path-max').value) || 6;
  const direction = $('path-dir').value;
  const res = await api.paths({ from, to, k, maxLength, direction: direction === 'both' ? '' : direction });
  app.paths = res.paths ?? [];
  app.state.from = from;
  app.state.to = to;
  app.state.k = k;
  writeUrl();
  const list = clear($('path-list'));
  if (!app.paths.length) {
    list.append(h('li', { class: 'muted' }, `No path of at most ${maxLength} steps.`));
    clearPathHighlight();
    return;
  }
  remember();
  const g = { nodes: app.paths.flatMap((p) => p.nodes), relationships: app.paths.flatMap((p) => p.relationships) };
  if (addGraph(g)) await runLayout();
  app.paths.forEach((p, i) => {
    list.append(
      h(
        'li',
        { class: 'path-item' },
        h('button', { type: 'button', 'aria-label': `Highlight path ${i + 1}: ${pathText(p)}`, onclick: () => highlightPath(i) }, `${p.length ?? p.relationships.length} step${(p.length ?? p.relationships.length) === 1 ? '' : 's'}`),
        h('ol', { class: 'steps' }, pathSteps(p).map((s) => h('li', { class: 'step' }, h('button', { type: 'button', class: 'linkish', onclick: () => selectRel(s.relId) }, s.text)))),
      ),
    );
  });
  highlightPath();
  status(`${app.paths.length} path${app.paths.length === 1 ? '' : 's'} found.`);
}

function setupPaths() {
  $('path-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    track(findPaths, 'Paths');
  });
  if (app.state.from) $('path-from').value = app.state.from;
  if (app.state.to) $('path-to').value = app.state.to;
  if (app.state.k) $('path-k').value = String(app.state.k);
}

function refreshActorNames() {
  const dl = clear($('actor-names'));
  const names = [...app.nodes.values()].map(nodeName).sort();
  for (const n of new Set(names)) dl.append(h('option', { value: n }));
}

// ---------------------------------------------------------------- cypher

// CodeMirror is loaded on first use (its own chunk), so the graph does not
// wait for the editor to be parsed.
let editorPromise = null;
function ensureEditor() {
  editorPromise ??= import('./cypher.js').then(({ createCypherEditor }) =>
    createCypherEditor($('cypher-editor'), {
      doc: app.state.cypher,
      label: 'Cypher query',
      onRun: () => track(runCypher, 'Cypher'),
    }),
  );
  return editorPromise;
}

function setupCypher() {
  $('cypher-params').value = app.state.params;
  const ex = $('cypher-examples');
  EXAMPLES.forEach((e, i) => ex.append(h('option', { value: String(i) }, e.title)));
  ex.addEventListener('change', () => {
    const e = EXAMPLES[Number(ex.value)];
    if (!e) return;
    ex.value = '';
    $('cypher-params').value = e.params ?? '';
    ensureEditor().then((editor) => {
      editor.setValue(e.query);
      editor.focus();
    });
  });
  const hist = $('cypher-history');
  hist.addEventListener('change', () => {
    const e = cypherHistory.list()[Number(hist.value)];
    if (!e) return;
    hist.value = '';
    $('cypher-params').value = e.params ?? '';
    ensureEditor().then((editor) => {
      editor.setValue(e.query);
      editor.focus();
    });
  });
  renderHistory();
  $('cypher-run').addEventListener('click', () => track(runCypher, 'Cypher'));
  $('cypher-params').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      track(runCypher, 'Cypher');
    }
  });
  $('results-close').addEventListener('click', () => {
    $('results').hidden = true;
    cy.resize();
  });
}

function renderHistory() {
  const hist = clear($('cypher-history'));
  hist.append(h('option', { value: '' }, 'History…'));
  cypherHistory.list().forEach((e, i) => hist.append(h('option', { value: String(i), title: e.query }, e.query.replace(/\s+/g, ' ').slice(0, 60))));
}

function showCypherError(editor, problem, fallback) {
  const box = $('cypher-error');
  clear(box);
  box.hidden = false;
  box.classList.toggle('notice', problem?.status === 501);
  if (problem?.status === 501) {
    box.append(h('strong', {}, 'Cypher is not available on this server. '), problem.detail || problem.title || 'The store does not run Cypher queries yet.', app.store ? h('span', { class: 'code' }, `store: ${app.store}`) : null);
    return;
  }
  const where = problem?.line ? `Line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}: ` : '';
  box.append(where, problem?.detail || problem?.title || fallback, problem?.code ? h('span', { class: 'code' }, problem.code) : null);
  if (problem?.line) editor.showError(problem.line, problem.column, problem.detail || problem.title);
}

async function runCypher() {
  const editor = await ensureEditor();
  const q = editor.getValue().trim();
  const paramText = $('cypher-params').value.trim();
  $('cypher-error').hidden = true;
  editor.clearError();
  if (!q) return showCypherError(editor, null, 'Write a query first.');
  let params = {};
  if (paramText) {
    try {
      params = JSON.parse(paramText);
      if (!params || typeof params !== 'object' || Array.isArray(params)) throw new Error('parameters must be a JSON object');
    } catch (err) {
      return showCypherError(editor, null, `Parameters: ${err.message}`);
    }
  }
  app.state.cypher = q;
  app.state.params = paramText;
  app.state.tab = 'cypher';
  writeUrl();
  cypherHistory.add(q, paramText);
  renderHistory();
  let res;
  try {
    res = await api.cypher(q, params);
  } catch (err) {
    if (err instanceof ApiError) {
      showCypherError(editor, err.problem, err.message);
      status(err.status === 501 ? 'Cypher is not available on this store.' : 'The query failed.', true);
      return;
    }
    throw err;
  }
  renderTable(res);
  const g = res.graph ?? { nodes: [], relationships: [] };
  if (g.nodes?.length) {
    remember();
    await replaceGraph(g);
  }
  const s = res.stats ?? {};
  status(`${s.rows ?? res.rows?.length ?? 0} row${s.rows === 1 ? '' : 's'} in ${s.elapsedMs ?? '?'} ms${s.truncated ? ' (truncated)' : ''}; ${g.nodes?.length ?? 0} nodes drawn.`);
}

function renderTable(res) {
  const table = clear($('results-table'));
  const cols = res.columns ?? [];
  table.append(h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))));
  const pick = (row) => {
    // Select what the row names on the canvas: its nodes, relationships and paths.
    const ids = new Set();
    const collect = (v) => {
      if (!v || typeof v !== 'object') return;
      if (Array.isArray(v)) return v.forEach(collect);
      if (typeof v.id === 'string') ids.add(v.id);
      if (Array.isArray(v.nodes)) v.nodes.forEach(collect);
      if (Array.isArray(v.relationships)) v.relationships.forEach(collect);
    };
    row.forEach(collect);
    const eles = cy.elements().filter((e) => ids.has(e.id()));
    if (eles.empty()) return;
    cy.elements(':selected').unselect();
    eles.select();
    fitTo(eles, 80);
    const first = eles.nodes().first();
    if (first.nonempty()) showNodeDetails(first.id());
    else showRelDetails(eles.first().id());
  };
  table.append(
    h(
      'tbody',
      {},
      (res.rows ?? []).map((row) =>
        h(
          'tr',
          { tabindex: '0', onclick: () => pick(row), onkeydown: (ev) => ev.key === 'Enter' && pick(row) },
          row.map((v) => h('td', {}, cellText(v))),
        ),
      ),
    ),
  );
  $('legend').open = false; // the results take the room the legend had
  $('results-title').textContent = `Results: ${res.rows?.length ?? 0} row${res.rows?.length === 1 ? '' : 's'}${res.stats?.truncated ? ' (truncated)' : ''}`;
  $('results').hidden = false;
  cy.resize();
}

// ---------------------------------------------------------------- export

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** exportIds returns the selected nodes, or every visible node when none is selected. */
function exportIds() {
  const selected = cy.nodes(':selected').not('.filtered, .hidden');
  const nodes = selected.length > 1 ? selected : visibleNodes();
  return nodes.map((n) => n.id());
}

async function exportAs(format) {
  $('export-menu').open = false;
  const ids = exportIds();
  if (!ids.length) return status('Nothing to export: the canvas is empty.', true);
  const { blob, filename } = await api.exportFile(ids, format);
  download(blob, filename);
  status(`Exported ${ids.length} nodes as ${format === 'graphml' ? 'GraphML' : 'actorgraph JSON'}.`);
}

function exportPng() {
  $('export-menu').open = false;
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  download(blob, 'actorgraph.png');
}

function setupExport() {
  $('export-json').addEventListener('click', () => track(() => exportAs('json'), 'Export'));
  $('export-graphml').addEventListener('click', () => track(() => exportAs('graphml'), 'Export'));
  $('export-png').addEventListener('click', exportPng);
  $('open-file').addEventListener('change', (ev) => {
    const file = ev.target.files?.[0];
    if (!file) return;
    track(async () => {
      const doc = JSON.parse(await file.text());
      if (!isExportDocument(doc)) throw new Error('not an actorgraph export (format actorgraph/v1)');
      remember();
      await replaceGraph(doc);
      status(`Opened ${file.name}: ${doc.nodes.length} nodes, ${doc.relationships.length} relationships.`);
    }, 'Open file').finally(() => (ev.target.value = ''));
  });
}

// ---------------------------------------------------------------- url

function writeUrl() {
  const hash = encodeState(app.state);
  const url = hash ? `#${hash}` : location.pathname + location.search;
  if (`#${hash}` !== location.hash) history.replaceState(null, '', url);
}

// ---------------------------------------------------------------- events

let selectTab = () => {};

function setupCanvasEvents() {
  cy.on('tap', 'node', (ev) => showNodeDetails(ev.target.id()));
  cy.on('tap', 'edge', (ev) => showRelDetails(ev.target.id()));
  cy.on('dbltap', 'node', (ev) => track(() => expand(ev.target.id()), 'Expand'));
  cy.on('tap', (ev) => {
    if (ev.target === cy) {
      clearPathHighlight();
      [...$('path-list').children].forEach((li) => li.classList.remove('active'));
    }
  });
  cy.on('add remove', () => scheduleNames());
  const canvas = $('cy');
  canvas.addEventListener('keydown', (ev) => {
    const step = 60;
    const pan = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[ev.key];
    if (pan) {
      ev.preventDefault();
      cy.panBy({ x: pan[0], y: pan[1] });
    } else if (ev.key === '+' || ev.key === '=') {
      cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } });
    } else if (ev.key === '-') {
      cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } });
    } else if (ev.key === 'f') {
      cy.fit(undefined, 40);
    } else if (ev.key === 'Delete' || ev.key === 'h') {
      hideNodes(cy.nodes(':selected').map((n) => n.id()));
    } else if (ev.key === 'Enter') {
      const n = cy.nodes(':selected').first();
      if (n.nonempty()) track(() => expand(n.id()), 'Expand');
    }
  });
}

let namesTimer = 0;
function scheduleNames() {
  clearTimeout(namesTimer);
  namesTimer = setTimeout(refreshActorNames, 300);
}

function setupGlobalKeys() {
  document.addEventListener('keydown', (ev) => {
    const inText = ev.target instanceof HTMLElement && (ev.target.matches('input, textarea, select') || ev.target.isContentEditable || ev.target.closest?.('.editor'));
    if (ev.key === 'Escape') {
      if ($('export-menu').open) {
        $('export-menu').open = false;
        $('export-menu').querySelector('summary').focus();
        return;
      }
      if (!inText) {
        cy.elements(':selected').unselect();
        clearPathHighlight();
        clearDetails();
      }
    } else if ((ev.ctrlKey || ev.metaKey) && ev.key === 'z' && !inText) {
      ev.preventDefault();
      doUndo();
    }
  });
  $('undo').addEventListener('click', doUndo);
  $('fit').addEventListener('click', () => cy.fit(cy.elements().not('.filtered, .hidden'), 40));
  $('relayout').addEventListener('click', () => track(() => runLayout({ randomize: false }), 'Layout'));
  $('overview').addEventListener('click', () =>
    track(async () => {
      remember();
      app.state.focus = '';
      writeUrl();
      await showOverview();
    }, 'Overview'),
  );
  window.addEventListener('hashchange', () => {
    const prev = app.state;
    app.state = decodeState(location.hash);
    syncFilterInputs();
    applyVisibility();
    if (app.state.focus && app.state.focus !== prev.focus) track(() => focusNode(app.state.focus), 'Focus');
  });
}

// ---------------------------------------------------------------- boot

async function boot() {
  document.body.dataset.busy = '0';
  renderLegend();
  selectTab = setupTabs();
  setupSearch();
  setupAsOf();
  setupPaths();
  setupMetrics();
  setupExport();
  setupCanvasEvents();
  setupGlobalKeys();
  const tab = app.state.tab;
  setupCypher();
  await track(async () => {
    // The overview is fetched alongside the metadata: the first paint waits
    // for the slowest of them, not for their sum.
    const wantOverview = !app.state.focus && !(app.state.cypher && app.state.tab === 'cypher');
    const overview = wantOverview ? fetchOverview().catch((err) => err) : null;
    const [vocab, schema, health] = await Promise.all([api.vocabulary().catch(() => null), api.schema().catch(() => null), api.health().catch(() => null)]);
    app.store = health?.store ?? '';
    document.body.dataset.store = app.store;
    for (const t of vocab?.relationshipTypes ?? []) app.typePolarity.set(t.name, t.polarity);
    setupFilters(schema, vocab);
    if (tab) selectTab(tab);
    if (app.state.cypher && app.state.tab === 'cypher') await runCypher();
    if (cy.nodes().nonempty()) {
      await markFirstPaint();
    } else if (app.state.focus) {
      await focusNode(app.state.focus, { record: false });
    } else {
      await showOverview(await overview);
    }
    if (app.state.from && app.state.to) await findPaths();
  }, 'Loading');
  document.body.dataset.ready = 'true';
}

boot();
