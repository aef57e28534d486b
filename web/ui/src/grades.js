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
