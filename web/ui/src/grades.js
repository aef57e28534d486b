// Admiralty grades of evidence (reliability A–F of the source, credibility
// 1–6 of the claim) and the stance of a source towards a claim. The
// thresholds repeat the server's rule (graph.GradeFilter) so that moving
// the filter needs no round trip; an end-to-end test holds the two to the
// same answer.

export const RELIABILITY = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'cannot be judged',
};

export const CREDIBILITY = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'cannot be judged',
};

/** gradeText shows a grade with its meaning, e.g. "B (usually reliable)"; '' when absent. */
export function gradeText(grade, table) {
  if (grade === undefined || grade === null || grade === '') return '';
  const meaning = table[grade];
  return meaning ? `${grade} (${meaning})` : String(grade);
}

/**
 * passGrades reports whether a relationship meets the thresholds: a
 * reliability at least minReliability (A best; F and none never pass) and
 * a credibility at least minCredibility (1 best; 6 and none never pass).
 * Empty thresholds pass everything.
 */
export function passGrades(rel, { minReliability = '', minCredibility = '' } = {}) {
  const p = rel?.properties ?? {};
  if (minReliability) {
    const r = p.reliability;
    if (typeof r !== 'string' || !(r in RELIABILITY) || r === 'F' || r > minReliability) return false;
  }
  if (minCredibility) {
    const c = p.credibility;
    if (!Number.isInteger(c) || c < 1 || c > Number(minCredibility)) return false;
  }
  return true;
}

/**
 * weakEvidence reports whether a relationship rests on weak evidence: a
 * doubtful, improbable or unjudged claim (credibility 4–6), an unreliable
 * or unjudged source (D–F), or a source that disputes or denies it.
 */
export function weakEvidence(rel) {
  const p = rel?.properties ?? {};
  if (Number.isInteger(p.credibility) && p.credibility >= 4) return true;
  if (typeof p.reliability === 'string' && p.reliability >= 'D') return true;
  return p.stance === 'disputed' || p.stance === 'denied';
}

/**
 * gradeParams returns the view's grade thresholds as API parameters
 * (neighbourhood, paths, export), so the server drops what the canvas hides.
 */
export function gradeParams(state) {
  return { minReliability: state?.minReliability ?? '', minCredibility: state?.minCredibility ?? '' };
}

/**
 * findTie picks, from a GET /api/claims answer, the tie a relationship
 * belongs to: same type, same ends (by node key), either way round when
 * the type is symmetric. startRef and endRef are the ends' keys.
 */
export function findTie(claims, rel, startRef, endRef) {
  return (
    (claims?.ties ?? []).find(
      (t) => t.type === rel?.type && ((t.start === startRef && t.end === endRef) || (t.symmetric && t.start === endRef && t.end === startRef)),
    ) ?? null
  );
}

const tieKey = (type, start, end) => `${type}\u0000${start}\u0000${end}`;

/**
 * tieIndex indexes a POST /api/claims answer (every tie among the nodes on
 * the canvas) for tieOf: each tie under its type and ends, a symmetric
 * tie under both orders, the rule of findTie.
 */
export function tieIndex(ties) {
  const index = new Map();
  for (const t of ties ?? []) {
    index.set(tieKey(t.type, t.start, t.end), t);
    if (t.symmetric) index.set(tieKey(t.type, t.end, t.start), t);
  }
  return index;
}

/** tieOf returns the tie of a relationship from a tieIndex, as findTie would pick it; null if none. */
export function tieOf(index, rel, startRef, endRef) {
  return index?.get(tieKey(rel?.type, startRef, endRef)) ?? null;
}

/**
 * evidenceMark names the canvas mark of a tie: 'contested' when a source
 * disputes or denies it (whatever supports it), else 'single' when one
 * source alone supports it, else ''.
 */
export function evidenceMark(tie) {
  if (tie?.contested) return 'contested';
  if (tie?.singleSource) return 'single';
  return '';
}

/** claimGrades shows a claim's grades compactly, e.g. "B2"; '' when ungraded. */
export function claimGrades(props) {
  const r = typeof props?.reliability === 'string' ? props.reliability : '';
  const c = Number.isInteger(props?.credibility) ? String(props.credibility) : '';
  return r || c ? `${r || '?'}${c || '?'}` : '';
}

export const STANCES = ['asserted', 'reported', 'disputed', 'denied'];

/**
 * gradeInputs returns the style-rule inputs (rules.js) for the evidence of
 * a relationship: credibility and reliability as numbers (1 best; A=1 …
 * F=6), stance and weak evidence as categories. They take the ids of the
 * property inputs they replace (prop:NAME), so a rule written against the
 * plain property keeps working and the rule editor lists each once.
 */
export function gradeInputs() {
  const rel = Object.keys(RELIABILITY);
  return [
    { id: 'prop:credibility', target: 'edge', label: 'Claim credibility (1 best … 6)', kind: 'number', value: (it) => (Number.isInteger(it.props?.credibility) && it.props.credibility in CREDIBILITY ? it.props.credibility : undefined) },
    { id: 'prop:reliability', target: 'edge', label: 'Source reliability (A=1 best … F=6)', kind: 'number', value: (it) => (rel.includes(it.props?.reliability) ? rel.indexOf(it.props.reliability) + 1 : undefined) },
    { id: 'prop:stance', target: 'edge', label: 'Stance of the source', kind: 'category', value: (it) => (STANCES.includes(it.props?.stance) ? it.props.stance : undefined) },
    { id: 'weak', target: 'edge', label: 'Weak evidence', kind: 'category', value: (it) => (weakEvidence({ properties: it.props }) ? 'weak' : 'not weak') },
  ];
}
