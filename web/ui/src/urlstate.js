// The shareable part of the view lives in the URL hash, so a view reloads and
// can be sent to someone else. Only what the user chose is kept: focus,
// filters, the "as of" date, a path query, the open tab and the Cypher query.

const LIST_KEYS = ['labels', 'types'];
const KEYS = ['focus', 'asOf', 'minReliability', 'minCredibility', 'from', 'to', 'k', 'tab', 'cypher', 'params'];

/** An empty view state. */
export function emptyState() {
  return { focus: '', labels: [], types: [], asOf: '', minReliability: '', minCredibility: '', from: '', to: '', k: 0, tab: '', cypher: '', params: '' };
}

/**
 * encodeState turns a view state into a hash fragment (without the "#"),
 * omitting empty fields so the URL stays short. Keys keep a fixed order so
 * the same view always yields the same URL.
 */
export function encodeState(state) {
  const q = new URLSearchParams();
  for (const key of ['focus', 'labels', 'types', 'asOf', 'minReliability', 'minCredibility', 'from', 'to', 'k', 'tab', 'cypher', 'params']) {
    const v = state[key];
    if (LIST_KEYS.includes(key)) {
      if (Array.isArray(v) && v.length) q.set(key, [...v].sort().join(','));
    } else if (key === 'k') {
      if (Number.isInteger(v) && v > 0) q.set(key, String(v));
    } else if (typeof v === 'string' && v !== '') {
      q.set(key, v);
    }
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
  for (const key of LIST_KEYS) {
    const v = q.get(key);
    if (v) state[key] = [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))].sort();
  }
  for (const key of KEYS) {
    const v = q.get(key);
    if (v === null) continue;
    if (key === 'k') {
      const k = Number(v);
      if (Number.isInteger(k) && k > 0 && k <= 10) state.k = k;
    } else if (key === 'tab') {
      if (['filters', 'paths', 'cypher'].includes(v)) state.tab = v;
    } else if (key === 'minReliability') {
      if (['A', 'B', 'C', 'D', 'E'].includes(v)) state.minReliability = v;
    } else if (key === 'minCredibility') {
      if (['1', '2', '3', '4', '5'].includes(v)) state.minCredibility = v;
    } else {
      state[key] = v;
    }
  }
  return state;
}
