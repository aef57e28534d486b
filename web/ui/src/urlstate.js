// The view state and its two portable forms: the URL hash (so a view reloads
// and can be sent to someone) and the saved-view document. Every URL key is
// defined once, in FIELDS below; nothing else in the viewer names one.
//
// Nodes are referred to by key (their stable slug; the id when a node has no
// key), so a link or a saved view works on any server holding the same data.

/** An empty view state. */
export function emptyState() {
  return {
    focus: '',
    labels: [],
    types: [],
    time: { from: '', to: '' },
    minReliability: '', // '' or A–E: hide relations whose source is graded below
    minCredibility: '', // '' or 1–5: hide relations whose claim is graded below
    marks: true, // draw the single-source and contested marks on the relations
    path: { from: '', to: '', k: 0, len: 0, dir: '', pick: -1 },
    tab: '',
    cypher: '',
    params: '',
    nodes: null, // null: the overview; else the node refs on the canvas
    hidden: [],
    selected: [],
    pos: null, // null: laid out on load; else {ref: [x, y]}
    view: null, // null: fitted; else {zoom, x, y}, x/y the model point at the centre
    rules: [],
  };
}

export const TABS = ['filters', 'paths', 'cypher', 'style', 'metrics'];
export const DIRECTIONS = ['out', 'in'];
// The grade thresholds a view may set: F and 6 ("cannot be judged") are no
// threshold, as on the server (graph.ParseGradeFilter).
export const MIN_RELIABILITY = ['A', 'B', 'C', 'D', 'E'];
export const MIN_CREDIBILITY = ['1', '2', '3', '4', '5'];
// A URL past this many canvas nodes would be unwieldy: such views are kept
// as saved views instead, and the link restores the overview.
export const URL_MAX_NODES = 400;
export const URL_MAX_POSITIONS = 400;

const sortedList = (v) => [...new Set(String(v).split(',').map((s) => s.trim()).filter(Boolean))].sort();
const int = (lo, hi) => (v) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : undefined;
};
const round = (v) => Math.round(v * 10) / 10;

/**
 * FIELDS maps each URL key to the state field it carries: get reads the
 * field as a string ('' to omit it), set writes a decoded value back.
 */
const FIELDS = [
  { key: 'focus', get: (s) => s.focus, set: (s, v) => (s.focus = v) },
  { key: 'labels', get: (s) => [...s.labels].sort().join(','), set: (s, v) => (s.labels = sortedList(v)) },
  { key: 'types', get: (s) => [...s.types].sort().join(','), set: (s, v) => (s.types = sortedList(v)) },
  // A single date is the as-of date; a range is written from..to.
  { key: 'asOf', get: (s) => (s.time.from && s.time.from === s.time.to ? s.time.from : ''), set: (s, v) => (s.time = { from: v, to: v }) },
  {
    key: 'during',
    get: (s) => ((s.time.from || s.time.to) && s.time.from !== s.time.to ? `${s.time.from}..${s.time.to}` : ''),
    set: (s, v) => {
      const m = /^([^.]*)\.\.([^.]*)$/.exec(v);
      if (m) s.time = { from: m[1], to: m[2] };
    },
  },
  { key: 'minReliability', get: (s) => s.minReliability, set: (s, v) => (s.minReliability = MIN_RELIABILITY.includes(v) ? v : '') },
  { key: 'minCredibility', get: (s) => s.minCredibility, set: (s, v) => (s.minCredibility = MIN_CREDIBILITY.includes(v) ? v : '') },
  { key: 'marks', get: (s) => (s.marks === false ? 'off' : ''), set: (s, v) => (s.marks = v !== 'off') },
  { key: 'from', get: (s) => s.path.from, set: (s, v) => (s.path.from = v) },
  { key: 'to', get: (s) => s.path.to, set: (s, v) => (s.path.to = v) },
  { key: 'k', get: (s) => (s.path.k > 0 ? String(s.path.k) : ''), set: (s, v) => (s.path.k = int(1, 100)(v) ?? 0) },
  { key: 'len', get: (s) => (s.path.len > 0 ? String(s.path.len) : ''), set: (s, v) => (s.path.len = int(1, 100)(v) ?? 0) },
  { key: 'dir', get: (s) => s.path.dir, set: (s, v) => (s.path.dir = DIRECTIONS.includes(v) ? v : '') },
  { key: 'pick', get: (s) => (s.path.pick >= 0 ? String(s.path.pick) : ''), set: (s, v) => (s.path.pick = int(0, 100)(v) ?? -1) },
  { key: 'tab', get: (s) => s.tab, set: (s, v) => (s.tab = TABS.includes(v) ? v : '') },
  { key: 'cypher', get: (s) => s.cypher, set: (s, v) => (s.cypher = v) },
  { key: 'params', get: (s) => s.params, set: (s, v) => (s.params = v) },
  {
    key: 'nodes',
    get: (s) => (Array.isArray(s.nodes) && s.nodes.length <= URL_MAX_NODES ? [...s.nodes].sort().join(',') || '-' : ''),
    set: (s, v) => (s.nodes = v === '-' ? [] : sortedList(v)),
  },
  { key: 'hide', get: (s) => [...s.hidden].sort().join(','), set: (s, v) => (s.hidden = sortedList(v)) },
  { key: 'sel', get: (s) => [...s.selected].sort().join(','), set: (s, v) => (s.selected = sortedList(v)) },
  {
    key: 'pos',
    get: (s) => {
      const entries = Object.entries(s.pos ?? {});
      if (!entries.length || entries.length > URL_MAX_POSITIONS || entries.some(([k]) => /[_.]/.test(k))) return '';
      return entries
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, [x, y]]) => `${k}_${Math.round(x)}_${Math.round(y)}`)
        .join('.');
    },
    set: (s, v) => {
      const pos = {};
      for (const part of v.split('.')) {
        const m = /^(.+)_(-?\d+)_(-?\d+)$/.exec(part);
        if (m) pos[m[1]] = [Number(m[2]), Number(m[3])];
      }
      s.pos = Object.keys(pos).length ? pos : null;
    },
  },
  {
    key: 'view',
    get: (s) => (s.view ? `${Number(s.view.zoom.toFixed(3))}_${Math.round(s.view.x)}_${Math.round(s.view.y)}` : ''),
    set: (s, v) => {
      const [zoom, x, y] = v.split('_').map(Number);
      if ([zoom, x, y].every(Number.isFinite) && zoom > 0) s.view = { zoom, x, y };
    },
  },
  {
    key: 'style',
    get: (s) => (s.rules.length ? JSON.stringify(s.rules) : ''),
    set: (s, v) => {
      try {
        const rules = JSON.parse(v);
        if (Array.isArray(rules)) s.rules = rules.filter((r) => r && typeof r === 'object');
      } catch {
        // a hand-edited link: drop the rules, keep the rest
      }
    },
  },
];

/** URL_KEYS lists every key the URL may carry, in the order it is written. */
export const URL_KEYS = FIELDS.map((f) => f.key);

/**
 * encodeState turns a view state into a hash fragment (without the "#"),
 * omitting empty fields so the URL stays short. Keys keep a fixed order so
 * the same view always yields the same URL.
 */
export function encodeState(state) {
  const s = { ...emptyState(), ...state };
  const q = new URLSearchParams();
  for (const f of FIELDS) {
    const v = f.get(s);
    if (typeof v === 'string' && v !== '') q.set(f.key, v);
  }
  return q.toString();
}

/**
 * decodeState parses a hash fragment (with or without "#") into a view
 * state. Unknown keys are ignored and malformed values dropped, since a
 * shared link may have been edited by hand.
 */
export function decodeState(hash) {
  const state = emptyState();
  const q = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  for (const f of FIELDS) {
    const v = q.get(f.key);
    if (v !== null && v !== '') f.set(state, v);
  }
  return state;
}

/** sameState reports whether two states would write the same URL and view. */
export function sameState(a, b) {
  return encodeState(a) === encodeState(b) && JSON.stringify(a.pos) === JSON.stringify(b.pos) && JSON.stringify(a.nodes) === JSON.stringify(b.nodes);
}

export const VIEW_FORMAT = 'actorgraph-view/v1';

/** viewDocument wraps a state as a saved-view document (the JSON a user exports). */
export function viewDocument(name, state, savedAt = new Date().toISOString()) {
  const s = { ...emptyState(), ...state };
  const { focus, labels, types, time, minReliability, minCredibility, marks, path, nodes, hidden, selected, pos, view, rules } = s;
  return { format: VIEW_FORMAT, name: String(name), savedAt, state: { focus, labels, types, time, minReliability, minCredibility, marks, path, nodes, hidden, selected, pos, view, rules } };
}

/**
 * readViewDocument checks a parsed saved-view document and returns its name
 * and state, or throws an Error saying what is wrong with it.
 */
export function readViewDocument(doc) {
  if (!doc || typeof doc !== 'object' || doc.format !== VIEW_FORMAT) throw new Error(`not a saved view (format ${VIEW_FORMAT})`);
  const st = doc.state;
  if (!st || typeof st !== 'object') throw new Error('the saved view has no state');
  // Go through the URL codec so a file is held to the same rules as a link,
  // but keep what a URL leaves out (large node lists and positions).
  const state = decodeState(encodeState({ ...emptyState(), ...st, nodes: null, pos: null }));
  const refs = (v) => (Array.isArray(v) ? [...new Set(v.filter((x) => typeof x === 'string' && x))].sort() : null);
  state.nodes = refs(st.nodes);
  const pos = {};
  for (const [k, v] of Object.entries(st.pos && typeof st.pos === 'object' ? st.pos : {})) {
    if (Array.isArray(v) && v.length === 2 && v.every(Number.isFinite)) pos[k] = [v[0], v[1]];
  }
  state.pos = Object.keys(pos).length ? pos : null;
  return { name: typeof doc.name === 'string' && doc.name ? doc.name : 'Imported view', state };
}
