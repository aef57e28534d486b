// Query plans from EXPLAIN and PROFILE (the API's plan field), as text
// the Cypher panel shows in a tree, the way Neo4j Browser shows them. No
// DOM here, so it is tested under node.

/** isPlanQuery reports whether a query asks for its plan. */
export function isPlanQuery(text) {
  return /^\s*(EXPLAIN|PROFILE)\b/i.test(text);
}

function count(n) {
  if (!Number.isFinite(n)) return '?';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n < 10 ? n.toFixed(2).replace(/\.?0+$/, '') : Math.round(n).toLocaleString('en-US');
}

/**
 * operatorFacts lists what one operator says besides its name and details:
 * the index it reads, its estimated rows, and under PROFILE its rows, db
 * hits and time.
 * @returns {string[]}
 */
export function operatorFacts(op) {
  const facts = [];
  if (op.index) facts.push(`index: ${op.index}`);
  facts.push(`est. ${count(op.estimatedRows)} row${op.estimatedRows === 1 ? '' : 's'}`);
  if (op.rows != null) facts.push(`${count(op.rows)} row${op.rows === 1 ? '' : 's'}`);
  if (op.dbHits != null) facts.push(`${count(op.dbHits)} db hit${op.dbHits === 1 ? '' : 's'}`);
  if (op.timeMs != null) facts.push(`${op.timeMs < 0.1 ? op.timeMs.toFixed(3) : op.timeMs.toFixed(1)} ms`);
  return facts;
}

/** planTitle is the heading of a plan: its mode, engine and total rows. */
export function planTitle(plan) {
  const total = plan.root?.rows;
  const rows = total != null ? `, ${count(total)} row${total === 1 ? '' : 's'}` : '';
  return `${plan.mode} plan (${plan.engine}${rows})`;
}

/** planOperators counts the operators of a plan tree. */
export function planOperators(op) {
  return 1 + (op.children ?? []).reduce((n, c) => n + planOperators(c), 0);
}
