// Network metrics in the viewer: which metrics there are, how a metric
// becomes a node size, a community a colour, and the ranked list. The
// numbers come from the server (POST /api/metrics); nothing here
// computes a metric.

/** METRICS are the per-node metrics the server answers, in menu order. */
export const METRICS = [
  { key: 'degree', label: 'Degree' },
  { key: 'pageRank', label: 'PageRank' },
  { key: 'betweenness', label: 'Betweenness' },
];

// Ten colours that stay apart from each other and from the kind colours'
// greys; communities past the tenth share a neutral grey.
export const COMMUNITY_COLORS = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#9c36b5', '#0c8599', '#d6336c', '#66a80f', '#5f3dc4', '#e8590c'];
export const OTHER_COMMUNITY = '#adb5bd';

/** communityColor returns the colour of community i (0 is the largest). */
export function communityColor(i) {
  return Number.isInteger(i) && i >= 0 && i < COMMUNITY_COLORS.length ? COMMUNITY_COLORS[i] : OTHER_COMMUNITY;
}

/**
 * nodeSizes maps each node id to a diameter between min and max, by the
 * square root of its value of metric relative to the largest (so that a
 * node's area, not its width, follows the metric). All-zero values give
 * every node the smallest size.
 */
export function nodeSizes(nodes, metric, { min = 22, max = 72 } = {}) {
  const top = Math.max(0, ...nodes.map((n) => Number(n[metric]) || 0));
  const out = new Map();
  for (const n of nodes) {
    const v = Math.max(0, Number(n[metric]) || 0);
    out.set(n.id, top > 0 ? min + (max - min) * Math.sqrt(v / top) : min);
  }
  return out;
}

/** ranked returns the first limit nodes by metric, highest first, ties by name then key. */
export function ranked(nodes, metric, limit = 15) {
  return [...nodes]
    .sort((a, b) => (b[metric] ?? 0) - (a[metric] ?? 0) || String(a.name).localeCompare(String(b.name)) || String(a.key).localeCompare(String(b.key)))
    .slice(0, limit);
}

/** metricText formats a value of metric for the list. */
export function metricText(metric, v) {
  if (metric === 'degree') return String(v ?? 0);
  return (Number(v) || 0).toFixed(3);
}

/**
 * metricsQuery turns the view state's filters into the query of POST
 * /api/metrics: the relationship types, and the date when the time range is
 * one date (the server takes one date, not a range: rangeIgnored says a
 * range was left out).
 */
export function metricsQuery({ types = [], time = { from: '', to: '' }, minReliability = '', minCredibility = '' } = {}) {
  const single = time.from && time.from === time.to;
  const q = { types: types.length ? [...types] : undefined, asOf: single ? time.from : undefined, rangeIgnored: !single && !!(time.from || time.to) };
  // The evidence grade thresholds, as the other graph calls send them.
  if (minReliability) q.minReliability = minReliability;
  if (minCredibility) q.minCredibility = minCredibility;
  return q;
}

/** metricsSignature names the view metrics describe: the node ids shown and the type and time filters. */
export function metricsSignature(ids, { types = [], time = { from: '', to: '' }, minReliability = '', minCredibility = '' } = {}) {
  return JSON.stringify([[...ids].sort(), [...types].sort(), time.from ?? '', time.to ?? '', minReliability, minCredibility]);
}
