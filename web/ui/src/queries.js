// Example Cypher queries about the seed article's graph, and the mapping of
// a server error position to an editor range. No DOM here, so it is tested
// under node.

/** Example queries about the seed article's graph. */
export const EXAMPLES = [
  {
    title: 'Who spies on whom',
    query: 'MATCH (a:Actor)-[r:SPIES_ON]->(b:Actor)\nRETURN a, r, b',
  },
  {
    title: "Greg Austin's writings",
    query: 'MATCH (p:Person {key: $author})-[r:AUTHORED]->(d:Document)\nRETURN p, r, d',
    params: '{"author": "greg-austin"}',
  },
  {
    title: 'Paths from the United States to China',
    query: "MATCH p = (a:Actor {key: 'united-states'})-[*1..3]-(b:Actor {key: 'china'})\nRETURN p\nLIMIT 10",
  },
  {
    title: 'Conflict relations and their claims',
    query: "MATCH (a)-[r]->(b)\nWHERE r.polarity = 'conflict'\nRETURN a.name AS from, type(r) AS relation, b.name AS to, r.claim AS claim\nORDER BY from",
  },
  {
    title: 'How many actors of each kind',
    query: 'MATCH (n:Actor)\nUNWIND labels(n) AS label\nWITH label, count(*) AS actors\nWHERE label <> \'Actor\'\nRETURN label, actors\nORDER BY actors DESC',
  },
];

/**
 * errorRange turns a 1-based line and column into a document range covering
 * the word at that position (at least one character), clamped to the text.
 */
export function errorRange(text, line, column) {
  const lines = text.split('\n');
  const li = Math.min(Math.max(1, Number(line) || 1), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < li; i++) offset += lines[i].length + 1;
  const lineText = lines[li];
  const col = Math.min(Math.max(1, Number(column) || 1), Math.max(1, lineText.length)) - 1;
  let end = col;
  while (end < lineText.length && /\w/.test(lineText[end])) end++;
  if (end === col) end = Math.min(col + 1, lineText.length);
  const from = offset + Math.min(col, lineText.length);
  return { from, to: Math.max(from, offset + end) };
}
