// Dates of year, month or day precision (YYYY, YYYY-MM, YYYY-MM-DD), and the
// "held on" test the server applies to a relationship's since/until. The
// viewer repeats it so moving the "as of" control needs no round trip.

/**
 * parseDate returns {year, month, day} (month/day 0 when absent) or null.
 * @param {string} s
 */
export function parseDate(s) {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 0;
  const day = m[3] ? Number(m[3]) : 0;
  if (m[2] && (month < 1 || month > 12)) return null;
  if (m[3]) {
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  }
  return { year, month, day };
}

const first = (d) => d.year * 10000 + (d.month || 1) * 100 + (d.day || 1);
const last = (d) => d.year * 10000 + (d.month || 12) * 100 + (d.day || 31);

/** isDate reports whether s is a valid YYYY[-MM[-DD]] date. */
export const isDate = (s) => parseDate(s) !== null;

/**
 * heldOn reports whether a relation with the given since/until held on asOf.
 * Partial dates cover their whole year or month; unparseable bounds and an
 * unparseable asOf are ignored, as on the server.
 */
export function heldOn(since, until, asOf) {
  const a = parseDate(asOf);
  if (!a) return true;
  const s = parseDate(since);
  if (s && first(s) > last(a)) return false;
  const u = parseDate(until);
  if (u && last(u) < first(a)) return false;
  return true;
}

/**
 * heldDuring reports whether a relation with the given since/until held at
 * some time between from and to (both YYYY[-MM[-DD]], either may be empty
 * for an open end). heldDuring(s, u, d, d) is heldOn(s, u, d).
 */
export function heldDuring(since, until, from, to) {
  const a = parseDate(from);
  const b = parseDate(to);
  const s = parseDate(since);
  const u = parseDate(until);
  if (b && s && first(s) > last(b)) return false;
  if (a && u && last(u) < first(a)) return false;
  return true;
}

/** relInRange applies heldDuring to a relationship and a {from, to} range. */
export function relInRange(rel, time) {
  if (!time || (!time.from && !time.to)) return true;
  const p = rel.properties ?? {};
  return heldDuring(p.since, p.until, time.from, time.to);
}

/**
 * yearSpan returns [first, last] year named by the relationships' since and
 * until, or null when none is dated.
 */
export function yearSpan(rels) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rels) {
    for (const v of [r.properties?.since, r.properties?.until]) {
      const d = parseDate(v);
      if (!d) continue;
      lo = Math.min(lo, d.year);
      hi = Math.max(hi, d.year);
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** relHeldOn applies heldOn to a relationship's properties. */
export function relHeldOn(rel, asOf) {
  if (!asOf) return true;
  const p = rel.properties ?? {};
  return heldOn(p.since, p.until, asOf);
}
