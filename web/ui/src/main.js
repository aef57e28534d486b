// actorgraph viewer: builds the state store, the canvas and the panels and
// wires them together. The view state lives in one place (state.js): every
// change goes through setState, which applies it to the canvas and the
// panels, records undo and writes the URL. Actions that need the server
// (focus, expand, paths, Cypher, restoring a link) live here.

import './app.css';
import { createApi, ApiError } from './api.js';
import { browserAuth } from './token.js';
import { createCanvas, FORCE_MAX } from './canvas.js';
import { createStore } from './state.js';
import { decodeState, encodeState } from './urlstate.js';
import { createInputs, applyRules, pageRank } from './rules.js';
import { nodeName } from './format.js';
import { gradeParams, gradeInputs } from './grades.js';
import { createDetails } from './panels/details.js';
import { createFilters } from './panels/filters.js';
import { createTimeline } from './panels/timeline.js';
import { createPaths } from './panels/paths.js';
import { createCypherPanel } from './panels/cypherpanel.js';
import { createRulesPanel } from './panels/rules.js';
import { createLegend } from './panels/legend.js';
import { createViews } from './panels/views.js';
import { createSearch } from './panels/search.js';
import { createExports } from './panels/exports.js';
import { setupKeyboard } from './panels/keyboard.js';
import { createMetrics } from './panels/metrics.js';

const $ = (id) => document.getElementById(id);

// Until /api/limits answers; the server's own defaults.
const FALLBACK_LIMITS = { maxDepth: 4, maxNeighborhood: 5000, defaultNeighborhood: 500, maxSearch: 1000, defaultSearch: 20, maxK: 10, defaultK: 3, maxPathLength: 8, defaultPathLength: 6, maxSubgraph: 10000, maxBodyBytes: 1 << 20 };
// The overview shows this many actors at most, and an expand adds at most
// EXPAND nodes: more would bury the node the user asked about.
const OVERVIEW = 300;
const EXPAND = 200;

const api = createApi({ base: document.baseURI, auth: browserAuth() });
const typePolarity = new Map();
const canvas = createCanvas($('cy'), { typePolarity });
const inputs = createInputs();
// Evidence grades and stance plug into the style rules as inputs of their own.
for (const input of gradeInputs()) inputs.register(input);

/** What the viewer knows beside the view state. */
const app = {
  store: '',
  limits: { ...FALLBACK_LIMITS },
  overview: [], // node refs of the overview, shown while state.nodes is null
  busy: 0,
  firstPaint: false,
  counts: null,
  countsShown: '', // the counts text last written to the status line
};

const store = createStore({ initial: decodeState(location.hash), write: writeUrl });

function writeUrl(state) {
  const hash = encodeState(state);
  if (`#${hash}` === location.hash || (!hash && !location.hash)) return;
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
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
  // A message stands for the counts it was written with (see the subscriber below).
  app.countsShown = countsText(app.counts);
  const el = $('status');
  el.textContent = text;
  el.title = text;
  el.classList.toggle('err', isError);
}

function report(err, what) {
  const msg = err instanceof ApiError ? err.message : String(err?.message ?? err);
  status(what ? `${what}: ${msg}` : msg, true);
}

function countsText(c) {
  if (!c) return '';
  const nodes = c.nodes === c.total ? `${c.total} nodes` : `${c.nodes} of ${c.total} nodes shown`;
  return `${nodes}, ${c.edges} relationships${c.outOfRange ? ` (${c.outOfRange} outside the time range)` : ''}`;
}

// ---------------------------------------------------------------- state → canvas

const refsOf = (state) => state.nodes ?? app.overview;
const sameList = (a, b) => a === b || (a?.length === b?.length && a.every((v, i) => v === b[i]));

let selecting = false;
store.subscribe((state, prev, meta) => {
  const refs = refsOf(state);
  const membership = !sameList(refs, refsOf(prev)) || refs.length !== canvas.cy.nodes().length;
  if (membership) canvas.sync(refs);
  if (membership || gradeKey(state) !== gradeKey(prev)) refreshTies(state);
  if (membership || state.pos !== prev.pos) canvas.setPositions(state.pos);
  app.counts = canvas.applyVisibility(state);
  canvas.setMarks(state.marks !== false);
  const cy = canvas.cy;
  cy.batch(() => {
    cy.nodes('.focus').removeClass('focus');
    const f = canvas.idOf(state.focus);
    if (f) cy.getElementById(f).addClass('focus');
  });
  // Selection follows the state; the canvas's own select events are ignored meanwhile.
  selecting = true;
  const want = new Set(state.selected.map(canvas.idOf).filter(Boolean));
  cy.batch(() => {
    cy.elements(':selected').forEach((e) => {
      if (!want.has(e.id())) e.unselect();
    });
    for (const id of want) cy.getElementById(id).select();
  });
  selecting = false;
  applyStyleRules(state);
  if (meta.undo && state.view) canvas.setViewport(state.view);
  $('undo').disabled = !store.canUndo();
});

/**
 * refreshTies asks the server, in one call, for the corroboration of every
 * tie among the nodes on the canvas (POST /api/claims), for the single-
 * source and contested marks. The panel's GET /api/claims answers the same
 * for one tie (graph.Corroborate and CorroborateAmong share the counting).
 * Both count only the claims that pass the view's grade thresholds, the
 * ones the canvas draws: a tie whose only dissent is graded below them is
 * not marked contested. Ties depend only on their two ends and the
 * thresholds, so the answer stands until a node comes that it did not
 * cover or the thresholds change; one call runs at a time.
 *
 * A canvas with nodes the server never sent (an opened file) is sent
 * whole instead, as a document the server counts on its own, and the
 * answer carries every tie's claims: the evidence panel reads them from
 * fileTies, as the server holds nothing of the file. #cy's data-ties says
 * when the marks are up to date ("ready"), and "too-big" when the canvas
 * is more than the server takes in one request.
 */
const ties = { covered: new Set(), grades: '', running: false, again: false, file: null, waiting: [] };
const gradeKey = (state) => `${state?.minReliability ?? ''}/${state?.minCredibility ?? ''}`;
function refreshTies(state) {
  if (ties.running) {
    ties.again = true;
    return;
  }
  const ids = canvas.cy.nodes().map((n) => n.id());
  const grades = gradeKey(state);
  if (grades === ties.grades && ids.every((id) => ties.covered.has(id))) {
    $('cy').dataset.ties = 'ready';
    return;
  }
  const asked = ids.slice(0, app.limits.maxSubgraph);
  const file = asked.some((id) => !canvas.served(id));
  ties.running = true;
  $('cy').dataset.ties = 'loading';
  (file ? askFileTies(asked, gradeParams(state)) : api.ties(asked, gradeParams(state)))
    .then(
      (res) => {
        ties.file = file ? { grades, ties: res.tooBig ? null : res.ties } : null;
        canvas.setTies(res.ties);
        if (res.tooBig) {
          // Not covered: a smaller canvas is asked about again.
          $('cy').dataset.ties = 'too-big';
          return;
        }
        ties.covered = new Set(asked);
        ties.grades = grades;
      },
      // Without marks the canvas still stands, and the evidence panel still
      // says what the claims are: nothing to report in the status line.
      () => {
        ties.file = null;
        $('cy').dataset.ties = 'failed';
      },
    )
    .finally(() => {
      ties.running = false;
      const again = ties.again;
      ties.again = false;
      if (again) refreshTies(store.get());
      else if ($('cy').dataset.ties === 'loading') $('cy').dataset.ties = 'ready';
      if (!ties.running) {
        for (const w of ties.waiting) w.resolve(fileTiesNow(w.grades));
        ties.waiting = [];
      }
    });
}

const fileTiesNow = (grades) => (ties.file?.grades === grades ? ties.file.ties : null);

/**
 * fileTies resolves with the ties of the opened file on the canvas,
 * counted under the grade thresholds of state, once the call that counts
 * them has answered (a call under other thresholds may be running); null
 * when there are none (not a file, too big, or the call failed).
 */
function fileTies(state) {
  const grades = gradeKey(state);
  if (!ties.running) return Promise.resolve(fileTiesNow(grades));
  return new Promise((resolve) => ties.waiting.push({ grades, resolve }));
}

/**
 * askFileTies asks for the ties of a canvas that holds an opened file, once
 * the page is idle (a big file is being laid out meanwhile). The document
 * carries only what the counting reads (ends, sources, stances, grades);
 * the panel shows the claims from the canvas's own copies. One the server
 * would refuse as too large is not sent: no marks ({ties: [], tooBig}).
 */
async function askFileTies(ids, grades) {
  await new Promise((resolve) => (window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 1000 }) : setTimeout(resolve, 0)));
  const doc = canvas.asDocument(ids, ['source', 'stance', 'reliability', 'credibility']);
  return api.graphTies(doc, grades, { maxBytes: app.limits.maxBodyBytes });
}

let styled = false; // whether the style rules have written anything onto the canvas
function applyStyleRules(state) {
  // No rules and nothing to clear: describing every element (ruleItems)
  // would cost a tenth of a second on a big graph, for nothing.
  if (!state.rules.length && !styled) {
    app.ruleLegend = [];
    return;
  }
  const items = canvas.ruleItems();
  if (state.rules.some((r) => r.input === 'pagerank')) {
    const pr = pageRank(
      items.nodes.map((n) => n.id),
      items.pairs,
    );
    for (const n of items.nodes) n.metrics.pagerank = pr.get(n.id);
  }
  const { styles, legend } = applyRules(state.rules, items, inputs);
  canvas.applyStyles(styles);
  styled = styles.size > 0;
  app.ruleLegend = legend;
}

// ---------------------------------------------------------------- actions

/** currentRefs lists the node refs on the canvas now. */
const currentRefs = () => refsOf(store.get());

/**
 * addToCanvas puts the nodes named by refs on the canvas (recording undo)
 * and places the new ones without moving anything already drawn: around
 * anchor when given, else beside the nodes they connect to. Returns the
 * refs it added; needsLayout when the canvas was empty.
 */
function addToCanvas(refs, { anchor, patch = {}, record = true } = {}) {
  const current = currentRefs();
  const have = new Set(current);
  const fresh = [...new Set(refs)].filter((r) => !have.has(r) && canvas.idOf(r));
  const wasEmpty = canvas.cy.nodes().empty();
  store.setState({ ...patch, nodes: [...current, ...fresh] }, { undo: record });
  // Relationships fetched just now may join nodes already drawn.
  canvas.sync(currentRefs());
  if (!fresh.length || wasEmpty) return { fresh, needsLayout: wasEmpty && fresh.length > 0 };
  const ids = fresh.map(canvas.idOf);
  let pos;
  if (anchor && canvas.idOf(anchor)) {
    pos = canvas.placeAround(canvas.idOf(anchor), ids);
  } else {
    const near = canvas.placeNear(ids);
    pos = near.pos;
    if (near.unplaced.length) {
      const c = canvas.viewport();
      near.unplaced.forEach((id, i) => (pos[canvas.refOf(id)] = [c.x + 60 * Math.cos(i), c.y + 60 * Math.sin(i)]));
    }
  }
  canvas.setPositions(pos);
  store.setState({ pos: canvas.positions() }, { undo: false });
  return { fresh, needsLayout: false };
}

/** layoutAll lays out every visible node and records the positions. */
async function layoutAll({ randomize = false } = {}) {
  await canvas.layout({ randomize });
  store.setState({ pos: canvas.positions(), view: null }, { undo: false });
}

const isKey = (s) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s);

/** lookupNode returns the API node for a ref (key or id), from the cache or the server. */
const nameCache = new Map();
function lookupNode(ref) {
  if (!ref) return Promise.resolve(null);
  const id = canvas.idOf(ref);
  if (id && canvas.nodes.has(id)) return Promise.resolve(canvas.nodes.get(id));
  if (!nameCache.has(ref)) {
    nameCache.set(
      ref,
      api.node(ref).catch((err) => {
        if (err instanceof ApiError && err.status === 404) return null;
        nameCache.delete(ref);
        throw err;
      }),
    );
  }
  return nameCache.get(ref);
}

/**
 * resolveRef turns what the user typed (a key, an id or a name) into a node
 * ref: the canvas first, then the key or id on the server, then a search.
 */
async function resolveRef(text) {
  const t = text.trim();
  if (!t) throw new Error('name an actor');
  for (const n of canvas.nodes.values()) if (n.key === t || n.id === t || nodeName(n).toLowerCase() === t.toLowerCase()) return n.key || n.id;
  if (isKey(t) || /^[0-9a-f-]{36}$/i.test(t)) {
    const n = await lookupNode(t);
    if (n) return n.key || n.id;
  }
  const res = await api.search(t, { limit: 1 });
  const n = res.nodes?.[0];
  if (!n) throw new Error(`no actor matches "${t}"`);
  canvas.ingest({ nodes: [n] });
  return n.key || n.id;
}

async function focusNode(ref, { record = true } = {}) {
  let id = canvas.idOf(ref);
  const onCanvas = id && canvas.cy.getElementById(id).nonempty();
  if (!onCanvas) {
    const node = await api.node(ref);
    const nb = await api.neighborhood(node.id, { limit: EXPAND, ...gradeParams(store.get()) });
    canvas.ingest({ nodes: [node, ...nb.nodes], relationships: nb.relationships });
    id = node.id;
    const r = canvas.refOf(id);
    const { needsLayout } = addToCanvas([r, ...nb.nodes.map((n) => n.key || n.id)], { record, patch: { focus: r, selected: [r] } });
    if (needsLayout) await layoutAll({ randomize: true });
  }
  const r = canvas.refOf(id);
  const s = store.get();
  store.setState({ focus: r, selected: [r], hidden: s.hidden.filter((h) => h !== r) }, { undo: record && onCanvas });
  const ele = canvas.cy.getElementById(id);
  if (ele.hasClass('filtered')) status(`${nodeName(canvas.nodes.get(id))} is hidden by the kind filter.`);
  canvas.cy.animate({ center: { eles: ele }, zoom: Math.max(canvas.cy.zoom(), 1) }, { duration: 250 });
  await markFirstPaint();
}

async function expand(id, types = []) {
  const nb = await api.neighborhood(id, { types, limit: EXPAND, ...gradeParams(store.get()) });
  canvas.ingest(nb);
  const ref = canvas.refOf(id);
  const name = nodeName(canvas.nodes.get(id));
  const refs = nb.nodes.map((n) => n.key || n.id).filter((r) => r !== ref);
  const { fresh } = addToCanvas(refs, { anchor: ref });
  const along = types.length ? ` along ${types.join(', ')}` : '';
  if (fresh.length) {
    const eles = canvas.cy.collection(fresh.map((r) => canvas.cy.getElementById(canvas.idOf(r)))).union(canvas.cy.getElementById(id));
    canvas.keepOnScreen(id, eles);
    store.setState({ view: canvas.viewport() }, { undo: false });
    status(`${fresh.length} new node${fresh.length === 1 ? '' : 's'} around ${name}${along}${nb.truncated ? ` (the first ${EXPAND}: there are more)` : ''}.`);
  } else if (!refs.length) {
    status(`${name} has no relations${along}.`);
  } else {
    // Nothing new: say where the neighbours are instead of "0 new nodes".
    const s = store.get();
    const hidden = refs.filter((r) => s.hidden.includes(r)).length;
    const filtered = refs.filter((r) => canvas.cy.getElementById(canvas.idOf(r)).hasClass('filtered')).length;
    const notes = [hidden ? `${hidden} hidden by you` : '', filtered ? `${filtered} hidden by the kind filter` : ''].filter(Boolean).join(', ');
    status(`All ${refs.length} neighbour${refs.length === 1 ? ' is' : 's are'} of ${name}${along} already on the canvas${notes ? ` (${notes})` : ''}; they are selected.`);
    store.setState({ selected: [ref, ...refs] }, { undo: false });
  }
  return fresh.length;
}

function collapse(id) {
  const centre = canvas.cy.getElementById(id);
  const focus = canvas.idOf(store.get().focus);
  // Leaves are neighbours whose every relationship on the canvas touches
  // this node; removing them folds the node back in.
  const leaves = centre.neighborhood('node').filter((n) => !n.locked() && n.id() !== focus && n.connectedEdges().connectedNodes().difference(n).every((m) => m.id() === id));
  if (leaves.empty()) {
    status('Nothing to collapse: every neighbour is connected elsewhere.');
    return;
  }
  const gone = new Set(leaves.map((n) => canvas.refOf(n.id())));
  store.setState((s) => ({ nodes: refsOf(s).filter((r) => !gone.has(r)), selected: s.selected.filter((r) => !gone.has(r)) }));
  status(`Collapsed ${gone.size} node${gone.size === 1 ? '' : 's'}.`);
}

function hideNodes(refs) {
  if (!refs.length) return;
  store.setState((s) => ({ hidden: [...new Set([...s.hidden, ...refs])], selected: s.selected.filter((r) => !refs.includes(r)) }));
  status(`Hid ${refs.length} node${refs.length === 1 ? '' : 's'}. Undo brings ${refs.length === 1 ? 'it' : 'them'} back.`);
}

function select(refs) {
  store.setState({ selected: refs }, { undo: false });
}

/** fetchOverview loads the first OVERVIEW actors (an empty search lists them) and the relationships among them. */
async function fetchOverview() {
  const res = await api.search('', { limit: Math.min(OVERVIEW, app.limits.maxSearch) });
  const ids = (res.nodes ?? []).map((n) => n.id);
  return ids.length ? api.subgraph(ids) : { nodes: [], relationships: [] };
}

/** fetchNodes loads the nodes named by refs and the relationships among them, in requests the server accepts. */
async function fetchNodes(refs) {
  const out = { nodes: [], relationships: [] };
  const size = app.limits.maxSubgraph;
  if (refs.length > size) {
    // Relationships across chunks would be missed: ask for the overview-sized part only.
    status(`The view names ${refs.length} nodes; this server sends ${size} at a time, so only the first ${size} are shown.`, true);
  }
  const g = await api.subgraph(refs.slice(0, size));
  out.nodes.push(...(g.nodes ?? []));
  out.relationships.push(...(g.relationships ?? []));
  return out;
}

/**
 * restore shows a view described by a state (from the URL or a saved view):
 * it fetches what the canvas needs, applies the state in one setState, lays
 * out only what has no position, and finds the path again when it names one.
 */
async function restore(s, { record = true, prefetched } = {}) {
  let overview = app.overview;
  if (s.nodes) {
    const missing = s.nodes.filter((r) => !canvas.idOf(r));
    if (missing.length) canvas.ingest(await fetchNodes(s.nodes));
    const known = s.nodes.filter((r) => canvas.idOf(r));
    if (known.length < s.nodes.length) status(`${s.nodes.length - known.length} node${s.nodes.length - known.length === 1 ? '' : 's'} of this view no longer exist on the server.`, true);
    s = { ...s, nodes: known.map((r) => canvas.refOf(canvas.idOf(r))) };
  } else {
    const g = prefetched ?? (await fetchOverview());
    canvas.ingest(g);
    overview = (g.nodes ?? []).map((n) => n.key || n.id);
    app.overview = overview;
  }
  // A link that only names a focus (older links) still opens on the overview,
  // with the focused node's neighbourhood added when it is not part of it.
  let focusAdd = [];
  if (s.focus && !canvas.idOf(s.focus)) {
    const node = await api.node(s.focus).catch(() => null);
    if (node) {
      const nb = await api.neighborhood(node.id, { limit: EXPAND, ...gradeParams(s) });
      canvas.ingest({ nodes: [node, ...nb.nodes], relationships: nb.relationships });
      focusAdd = [node, ...nb.nodes].map((n) => n.key || n.id);
    } else {
      status(`No actor "${s.focus}" on this server.`, true);
      s = { ...s, focus: '' };
    }
  }
  if (s.focus) s = { ...s, focus: canvas.refOf(canvas.idOf(s.focus)) ?? s.focus };
  const fallbackSel = s.focus && !s.selected.length ? [s.focus] : s.selected;
  const wasEmpty = canvas.cy.nodes().empty();
  store.setState({ ...s, selected: fallbackSel, nodes: s.nodes }, { undo: record && !wasEmpty, reason: 'restore' });
  if (focusAdd.length) addToCanvas(focusAdd, { record: false });
  const onCanvas = canvas.onCanvas();
  const placed = onCanvas.filter((r) => s.pos?.[r]);
  if (!placed.length) {
    await canvas.layout({ randomize: true });
    store.setState({ pos: canvas.positions() }, { undo: false });
  } else if (placed.length < onCanvas.length) {
    const near = canvas.placeNear(onCanvas.filter((r) => !s.pos?.[r]).map(canvas.idOf));
    canvas.setPositions(near.pos);
    store.setState({ pos: canvas.positions() }, { undo: false });
  }
  if (s.view) canvas.setViewport(s.view);
  else canvas.fitTo();
  await markFirstPaint();
  if (s.path.from && s.path.to) await paths.find({ from: s.path.from, to: s.path.to, k: s.path.k, len: s.path.len, dir: s.path.dir, pick: s.path.pick, record: false });
  if (s.focus) {
    const f = canvas.cy.getElementById(canvas.idOf(s.focus));
    if (f.nonempty() && !s.view) canvas.cy.center(f);
  }
}

async function showOverview() {
  const g = await fetchOverview();
  canvas.ingest(g);
  app.overview = (g.nodes ?? []).map((n) => n.key || n.id);
  if (!app.overview.length) {
    status('The graph is empty, or the server lists no actors without a search. Search for an actor to begin.');
  }
  store.setState({ nodes: null, focus: '', hidden: [], selected: [], pos: null, view: null });
  await layoutAll({ randomize: true });
  status(countsText(app.counts));
}

/** painted resolves once the canvas has drawn its current state on screen. */
function painted() {
  return new Promise((resolve) => {
    canvas.cy.one('render', () => requestAnimationFrame(() => resolve()));
    canvas.cy.forceRender();
  });
}

async function markFirstPaint() {
  if (app.firstPaint || canvas.cy.nodes().empty()) return;
  app.firstPaint = true;
  // Taken once the laid-out graph is on screen; the e2e test reads it to
  // report the time to first paint of the seed graph.
  await painted();
  performance.mark('actorgraph:first-graph-paint');
  // Start the layout worker while the page is idle, so that a big graph
  // opened later does not wait for it to load.
  (window.requestIdleCallback ?? setTimeout)(() => canvas.startWorker());
}

/**
 * replaceCanvas shows g instead of what the canvas had (query results, an
 * opened file: served false, its nodes may not be on the server).
 */
async function replaceCanvas(g, patch = {}, { served = true } = {}) {
  performance.mark('actorgraph:replace-start');
  canvas.ingest(g, { served });
  const refs = (g.nodes ?? []).map((n) => n.key || n.id);
  canvas.highlight(null);
  const reset = { nodes: refs, view: null, hidden: [], selected: [], focus: '', ...patch };
  if (refs.length > FORCE_MAX) {
    // A big graph is laid out (in the worker) before it is drawn, so the
    // canvas draws it once, in place, instead of 2,000 nodes in a heap first.
    status(`Laying out ${refs.length} nodes…`);
    const pos = await canvas.layoutGraph(g);
    store.setState({ ...reset, pos });
    canvas.fitTo();
  } else {
    store.setState({ ...reset, pos: null });
    await layoutAll({ randomize: true });
  }
  await painted();
  performance.mark('actorgraph:replace-laid-out');
}

// ---------------------------------------------------------------- panels

const ctx = {
  api,
  store,
  canvas,
  inputs,
  app,
  status,
  report,
  track,
  countsText,
  lookupNode,
  resolveRef,
  currentRefs,
  addToCanvas,
  layoutAll,
  replaceCanvas,
  restore,
  fileTies,
  actions: { focusNode, expand, collapse, hideNodes, select, showOverview },
};
const details = createDetails(ctx);
ctx.details = details;
const filters = createFilters(ctx);
const timeline = createTimeline(ctx);
const paths = createPaths(ctx);
ctx.paths = paths;
const cypherPanel = createCypherPanel(ctx);
const rulesPanel = createRulesPanel(ctx);
const legend = createLegend(ctx);
ctx.legend = legend;
createViews(ctx);
createSearch(ctx);
createExports(ctx);
const metricsPanel = createMetrics(ctx);

store.subscribe((state, prev, meta) => {
  details.render(state, prev);
  filters.render(state);
  timeline.render(state);
  paths.render(state, prev);
  rulesPanel.render(state);
  legend.render(state);
  metricsPanel.render(state);
  // The counts replace the status line only when they change, so a message
  // ("Opened file.json …") is not wiped by a pan or a selection.
  const counts = countsText(app.counts);
  if ((!app.busy || meta.reason === 'undo') && counts !== app.countsShown) status(counts);
});

// ---------------------------------------------------------------- tabs

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const show = (name, focus = false) => {
    for (const t of tabs) {
      const on = t.id === `tab-${name}`;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
      if (on && focus) t.focus();
    }
    cypherPanel.shown(name === 'cypher');
    if (name === 'style') rulesPanel.refresh();
  };
  tabs.forEach((t, i) => {
    const name = t.id.replace('tab-', '');
    t.addEventListener('click', () => store.setState({ tab: name === 'filters' ? '' : name }, { undo: false }));
    t.addEventListener('keydown', (ev) => {
      const d = { ArrowRight: 1, ArrowLeft: -1 }[ev.key];
      if (!d) return;
      const next = tabs[(i + d + tabs.length) % tabs.length].id.replace('tab-', '');
      store.setState({ tab: next === 'filters' ? '' : next }, { undo: false });
      show(next, true);
    });
  });
  let shownTab = null;
  store.subscribe((state) => {
    const name = state.tab || 'filters';
    if (name !== shownTab) {
      shownTab = name;
      show(name);
    }
  });
  show(store.get().tab || 'filters');
}

// ---------------------------------------------------------------- canvas events

function setupCanvasEvents() {
  const cy = canvas.cy;
  const refOfEle = (e) => (e.isNode() ? canvas.refOf(e.id()) : e.id());
  cy.on('tap', 'node, edge', (ev) => select([refOfEle(ev.target)]));
  cy.on('dbltap', 'node', (ev) => track(() => expand(ev.target.id()), 'Expand'));
  cy.on('tap', (ev) => {
    if (ev.target !== cy) return;
    store.setState((s) => ({ selected: [], path: s.path.pick >= 0 ? { ...s.path, pick: -1 } : s.path }), { undo: false });
    canvas.highlight(null);
  });
  cy.on('boxend', () => setTimeout(() => select(cy.$(':selected').map(refOfEle)), 0));
  cy.on('unselect', () => {
    if (!selecting && cy.$(':selected').empty() && store.get().selected.length) setTimeout(() => !selecting && cy.$(':selected').empty() && select([]), 0);
  });
  cy.on('dragfree', 'node', () => store.setState({ pos: canvas.positions() }));
  // A big graph is drawn before its layout has settled (canvas.layoutGraph);
  // the link and undo get the settled positions.
  cy.on('layoutsettled', () => store.setState({ pos: canvas.positions() }, { undo: false }));
  let viewTimer = 0;
  cy.on('viewport', () => {
    clearTimeout(viewTimer);
    viewTimer = setTimeout(() => store.setState({ view: canvas.viewport() }, { undo: false }), 300);
  });
}

function setupToolbar() {
  $('undo').addEventListener('click', doUndo);
  $('fit').addEventListener('click', () => canvas.fitTo());
  $('relayout').addEventListener('click', () => track(() => layoutAll(), 'Layout'));
  $('overview').addEventListener('click', () => track(showOverview, 'Overview'));
  window.addEventListener('hashchange', () => {
    if (location.hash === `#${encodeState(store.get())}`) return;
    track(() => restore(decodeState(location.hash)), 'Link');
  });
}

function doUndo() {
  if (store.undo()) status(`Undone. ${countsText(app.counts)}.`);
}

// ---------------------------------------------------------------- boot

async function boot() {
  document.body.dataset.busy = '0';
  setupTabs();
  setupCanvasEvents();
  setupToolbar();
  setupKeyboard({ ...ctx, doUndo });
  const initial = store.get();
  await track(async () => {
    // The overview is fetched alongside the metadata: the first paint waits
    // for the slowest of them, not for their sum.
    const overview = initial.nodes ? null : fetchOverview().catch((err) => err);
    const [vocab, schema, health, limits] = await Promise.all([
      api.vocabulary().catch(() => null),
      api.schema().catch(() => null),
      api.health().catch(() => null),
      api.limits().catch(() => null),
    ]);
    app.store = health?.store ?? '';
    document.body.dataset.store = app.store;
    if (limits) Object.assign(app.limits, limits);
    for (const t of vocab?.relationshipTypes ?? []) typePolarity.set(t.name, t.polarity);
    filters.setup(schema, vocab);
    paths.setup();
    cypherPanel.setup();
    performance.mark('actorgraph:first-graph-data');
    const pre = overview ? await overview : undefined;
    if (pre instanceof Error) throw pre;
    await restore(initial, { record: false, prefetched: pre });
    performance.mark('actorgraph:first-graph-layout');
    cypherPanel.restored(initial);
  }, 'Loading');
  if (!$('status').classList.contains('err')) status(countsText(app.counts));
  document.body.dataset.ready = 'true';
}

boot();
