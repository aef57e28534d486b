// Text forms of graph elements: a node's display name, one readable step
// per relationship of a path, and table cells for Cypher results.

/** nodeName returns a node's name, falling back to its key, then its id. */
export function nodeName(node) {
  if (!node) return '?';
  const name = node.properties?.name;
  return typeof name === 'string' && name !== '' ? name : node.key || node.id || '?';
}

/**
 * relText renders one relationship between two named ends, arrow in the
 * direction of the relationship: "China —SPIES_ON→ United States".
 */
export function relText(rel, start, end) {
  return `${nodeName(start)} —${rel.type}→ ${nodeName(end)}`;
}

/**
 * pathSteps turns a path into one step per relationship, read from the
 * path's first node to its last. A step walked against the relationship's
 * direction keeps the arrow true: "A ←AUTHORED— B" means B authored A.
 * @returns {{from:string, to:string, type:string, forward:boolean, text:string, relId:string}[]}
 */
export function pathSteps(path) {
  const nodes = path.nodes ?? [];
  const rels = path.relationships ?? [];
  return rels.map((rel, i) => {
    const a = nodes[i];
    const b = nodes[i + 1];
    const forward = !a || rel.start === a.id;
    const from = nodeName(a);
    const to = nodeName(b);
    const text = forward ? `${from} —${rel.type}→ ${to}` : `${from} ←${rel.type}— ${to}`;
    return { from, to, type: rel.type, forward, text, relId: rel.id };
  });
}

/** pathText renders a whole path as one chain: "A —T→ B ←U— C". */
export function pathText(path) {
  const nodes = path.nodes ?? [];
  const rels = path.relationships ?? [];
  if (!rels.length) return nodes.length ? nodeName(nodes[0]) : '';
  let out = nodeName(nodes[0]);
  rels.forEach((rel, i) => {
    const forward = !nodes[i] || rel.start === nodes[i].id;
    out += forward ? ` —${rel.type}→ ` : ` ←${rel.type}— `;
    out += nodeName(nodes[i + 1]);
  });
  return out;
}

const isNode = (v) => v && typeof v === 'object' && Array.isArray(v.labels) && 'id' in v;
const isRel = (v) => v && typeof v === 'object' && typeof v.type === 'string' && 'start' in v && 'end' in v;
const isPath = (v) => v && typeof v === 'object' && Array.isArray(v.nodes) && Array.isArray(v.relationships);

/**
 * cellText renders one Cypher result value as short text for a table cell.
 * Nodes show their name and kind, relationships their type, paths their
 * chain; other values their JSON form.
 */
export function cellText(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isPath(v)) return pathText(v);
  if (isNode(v)) {
    const kind = v.labels.filter((l) => l !== 'Actor').join(':');
    return kind ? `${nodeName(v)} (${kind})` : nodeName(v);
  }
  if (isRel(v)) return `[:${v.type}]`;
  if (Array.isArray(v)) return `[${v.map(cellText).join(', ')}]`;
  return JSON.stringify(v);
}

/** confidenceText shows a 0..1 confidence as a percentage, other values as given. */
export function confidenceText(c) {
  if (typeof c === 'number' && c >= 0 && c <= 1) return `${Math.round(c * 100)}%`;
  if (c === undefined || c === null || c === '') return '';
  return String(c);
}
