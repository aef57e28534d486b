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

/**
 * splitProblem separates a Cypher error into its message and position. The
 * server's detail repeats the position in Neo4j's words, followed by the
 * query line and a caret ("… (line 2, column 1 (offset: 10))\n"RETRUN n"\n ^");
 * the viewer shows the position once and draws its own caret, so that part
 * is cut. line and column come from the problem's fields when it has them.
 * @returns {{message: string, line: number, column: number}}
 */
export function splitProblem(problem, fallback = '') {
  let message = String(problem?.detail || problem?.title || fallback || '');
  let line = Number(problem?.line) || 0;
  let column = Number(problem?.column) || 0;
  const m = /\s*\(line (\d+), column (\d+)(?: \(offset: \d+\))?\)[\s\S]*$/.exec(message);
  if (m) {
    message = message.slice(0, m.index);
    line ||= Number(m[1]);
    column ||= Number(m[2]);
  }
  return { message: message.trim(), line, column };
}
