// Cypher query history, newest first, kept in localStorage so it survives a
// reload. Storage is passed in so tests (and private windows where storage
// throws) work the same way.

export const HISTORY_KEY = 'actorgraph.cypher.history';
export const HISTORY_MAX = 30;

/**
 * createHistory returns a small store over a Storage-like object
 * ({getItem, setItem}). A query run again moves to the front instead of
 * appearing twice.
 */
export function createHistory(storage, { key = HISTORY_KEY, max = HISTORY_MAX } = {}) {
  const read = () => {
    try {
      const v = JSON.parse(storage?.getItem(key) ?? '[]');
      return Array.isArray(v) ? v.filter((e) => e && typeof e.query === 'string') : [];
    } catch {
      return [];
    }
  };
  const write = (entries) => {
    try {
      storage?.setItem(key, JSON.stringify(entries));
    } catch {
      // Storage full or unavailable: history is a convenience, not data.
    }
  };
  return {
    list: read,
    add(query, params = '') {
      const q = String(query).trim();
      if (!q) return read();
      const entries = [{ query: q, params: String(params ?? '').trim() }, ...read().filter((e) => e.query !== q)].slice(0, max);
      write(entries);
      return entries;
    },
    clear() {
      write([]);
    },
  };
}
