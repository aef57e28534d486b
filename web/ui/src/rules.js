// Style rules: size, colour and border of nodes (width and colour of
// relationships) driven by any property or metric. Pure logic, no DOM and
// no Cytoscape, so it is tested under node.
//
// A rule is plain data, kept in the URL and in saved views:
//   {target: 'node' | 'edge', channel: 'size' | 'color' | 'border', input: 'degree' | 'prop:confidence' | ...}
//
// Inputs come from a registry. Metrics computed in the browser (degree,
// PageRank) and the properties found in the data are registered here;
// evidence grades and stance register the same way (grades.js gradeInputs,
// through createInputs().register), as will metrics the server provides, and
// every rule, the rule editor and the legend pick them up without change.

export const CHANNELS = {
  node: [
    { id: 'size', label: 'Size' },
    { id: 'color', label: 'Colour' },
    { id: 'border', label: 'Border' },
  ],
  edge: [
    { id: 'size', label: 'Width' },
    { id: 'color', label: 'Colour' },
  ],
};

// Viridis stops: ordered, readable in grey, safe for the common colour blindnesses.
export const SEQUENTIAL = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
// Tableau 10: distinct categories.
export const CATEGORICAL = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const OTHER = '#6c757d';

const RANGES = {
  node: { size: [18, 64], border: [1, 9] },
  edge: { size: [1, 9] },
};

/**
 * An input reads one value per item. kind 'number' maps onto a range,
 * 'category' onto distinct colours. value(item) receives
 * {id, labels, kind, type, polarity, props, metrics} and returns a number,
 * a string, or undefined for "no value".
 */
const builtins = [
  { id: 'degree', target: 'node', label: 'Degree (visible relations)', kind: 'number', metric: true, value: (it) => it.metrics?.degree },
  { id: 'pagerank', target: 'node', label: 'PageRank', kind: 'number', metric: true, value: (it) => it.metrics?.pagerank },
  { id: 'kind', target: 'node', label: 'Kind', kind: 'category', value: (it) => it.kind },
  { id: 'polarity', target: 'edge', label: 'Polarity', kind: 'category', value: (it) => it.polarity },
  { id: 'type', target: 'edge', label: 'Relationship type', kind: 'category', value: (it) => it.type },
];

/** createInputs returns a registry of inputs, starting with the built-in ones. */
export function createInputs() {
  const byId = new Map(builtins.map((i) => [`${i.target}:${i.id}`, i]));
  return {
    /** register adds or replaces an input, e.g. a server metric or an evidence grade. */
    register(input) {
      byId.set(`${input.target}:${input.id}`, input);
    },
    /** get finds an input; "prop:NAME" inputs exist for any property name. */
    get(target, id) {
      const known = byId.get(`${target}:${id}`);
      if (known) return known;
      if (typeof id === 'string' && id.startsWith('prop:')) {
        const name = id.slice(5);
        return { id, target, label: name, kind: 'auto', value: (it) => it.props?.[name] };
      }
      return null;
    },
    /**
     * list returns the inputs that apply to target: registered ones, then
     * one per property name seen on the items (sorted).
     */
    list(target, items = []) {
      const own = [...byId.values()].filter((i) => i.target === target);
      const names = new Set();
      for (const it of items) for (const [k, v] of Object.entries(it.props ?? {})) if (isScalar(v)) names.add(k);
      for (const i of own) if (i.id.startsWith('prop:')) names.delete(i.id.slice(5));
      const skip = target === 'node' ? ['name', 'description', 'aliases'] : ['claim'];
      return [...own, ...[...names].filter((n) => !skip.includes(n)).sort().map((n) => this.get(target, `prop:${n}`))];
    },
  };
}

const isScalar = (v) => typeof v === 'number' || (typeof v === 'string' && v !== '') || typeof v === 'boolean';

/** numeric turns a value into a number when it is one (numbers, numeric strings, 'YYYY…' dates by year). */
function numeric(v) {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  if (typeof v === 'string' && /^\d{4}(-\d{2}){0,2}$/.test(v)) return Number(v.slice(0, 4));
  return undefined;
}

/** validRule reports whether r is a rule the registry can apply. */
export function validRule(r, inputs) {
  return !!r && (r.target === 'node' || r.target === 'edge') && CHANNELS[r.target].some((c) => c.id === r.channel) && !!inputs.get(r.target, r.input);
}

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** ramp returns the colour at t (0..1) along the sequential palette. */
export function ramp(t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (SEQUENTIAL.length - 1);
  const i = Math.min(SEQUENTIAL.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(SEQUENTIAL[i]);
  const b = hexToRgb(SEQUENTIAL[i + 1]);
  return `#${a.map((c, j) => Math.round(c + (b[j] - c) * f).toString(16).padStart(2, '0')).join('')}`;
}

const fmt = (v) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

/**
 * applyRules evaluates the rules over the items (the elements shown) and
 * returns {styles, legend}: styles maps an item id to
 * {size, color, borderWidth, borderColor} (only the channels some rule
 * sets), legend has one entry per rule describing its scale. Later rules
 * win on the same channel. Numbers are scaled between the smallest and
 * largest value shown, so the scale follows filters and the time range.
 */
export function applyRules(rules, { nodes = [], edges = [] }, inputs) {
  const styles = new Map();
  const legend = [];
  for (const rule of rules) {
    if (!validRule(rule, inputs)) continue;
    const items = rule.target === 'node' ? nodes : edges;
    const input = inputs.get(rule.target, rule.input);
    const raw = items.map((it) => [it.id, input.value(it)]).filter(([, v]) => v !== undefined && v !== null && v !== '');
    let kind = input.kind;
    if (kind === 'auto') kind = raw.length && raw.every(([, v]) => numeric(v) !== undefined) ? 'number' : 'category';
    // A size needs an order: categories have none (a border gets a colour per category instead).
    if (kind === 'category' && rule.channel === 'size') {
      legend.push({ rule, title: title(rule, input), kind, entries: [], note: 'needs a numeric input' });
      continue;
    }
    const set = (id, patch) => styles.set(id, { ...(styles.get(id) ?? {}), ...patch });
    if (kind === 'number') {
      const vals = raw.map(([id, v]) => [id, numeric(v)]).filter(([, v]) => v !== undefined);
      const lo = Math.min(...vals.map(([, v]) => v));
      const hi = Math.max(...vals.map(([, v]) => v));
      const t = (v) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
      const [a, b] = RANGES[rule.target][rule.channel] ?? [0, 1];
      const at = (v) => (rule.channel === 'color' ? { color: ramp(t(v)) } : rule.channel === 'border' ? { borderWidth: a + (b - a) * t(v), borderColor: '#212529' } : { size: a + (b - a) * t(v) });
      for (const [id, v] of vals) set(id, at(v));
      const samples = vals.length ? (hi > lo ? [0, 0.25, 0.5, 0.75, 1].map((k) => lo + (hi - lo) * k) : [lo]) : [];
      legend.push({ rule, title: title(rule, input), kind, min: vals.length ? lo : null, max: vals.length ? hi : null, samples: samples.map((v) => ({ label: fmt(v), ...at(v) })) });
    } else {
      const counts = new Map();
      for (const [, v] of raw) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      // The most frequent categories get their own colour, the rest share one.
      const order = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([v]) => v);
      const own = order.length <= CATEGORICAL.length ? order.length : CATEGORICAL.length - 1;
      const colorOf = new Map(order.map((v, i) => [v, i < own ? CATEGORICAL[i] : OTHER]));
      const at = (v) => (rule.channel === 'border' ? { borderColor: colorOf.get(v), borderWidth: 4 } : { color: colorOf.get(v) });
      for (const [id, v] of raw) set(id, at(String(v)));
      const shown = order.slice(0, own);
      const entries = shown.map((v) => ({ label: v, count: counts.get(v), ...at(v) }));
      if (order.length > shown.length) entries.push({ label: `${order.length - shown.length} more`, count: order.slice(shown.length).reduce((n, v) => n + counts.get(v), 0), ...(rule.channel === 'border' ? { borderColor: OTHER, borderWidth: 4 } : { color: OTHER }) });
      legend.push({ rule, title: title(rule, input), kind, entries });
    }
  }
  return { styles, legend };
}

function title(rule, input) {
  const channel = CHANNELS[rule.target].find((c) => c.id === rule.channel)?.label ?? rule.channel;
  return `${rule.target === 'node' ? 'Node' : 'Relation'} ${channel.toLowerCase()} by ${input.label}`;
}

/**
 * pageRank computes PageRank over an undirected view of the given edges
 * ([source, target] id pairs), damping 0.85, to a tolerance of 1e-6. Nodes
 * without edges keep the teleport share. Returned values sum to 1.
 */
export function pageRank(ids, pairs, { damping = 0.85, iterations = 100, tol = 1e-6 } = {}) {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const nbrs = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    nbrs[i].push(j);
    nbrs[j].push(i);
  }
  let pr = new Float64Array(n).fill(1 / Math.max(1, n));
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(n).fill((1 - damping) / n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (!nbrs[i].length) dangling += pr[i];
      else for (const j of nbrs[i]) next[j] += (damping * pr[i]) / nbrs[i].length;
    }
    for (let i = 0; i < n; i++) next[i] += (damping * dangling) / n;
    let diff = 0;
    for (let i = 0; i < n; i++) diff += Math.abs(next[i] - pr[i]);
    pr = next;
    if (diff < tol) break;
  }
  return new Map(ids.map((id, i) => [id, pr[i]]));
}
