import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createApi, ApiError, query, filenameFromDisposition } from '../src/api.js';

test('query skips empty values and joins lists', () => {
  assert.equal(query({}), '');
  assert.equal(query({ q: '', limit: 0, label: undefined }), '');
  assert.equal(query({ depth: 2, types: ['SPIES_ON', 'AUTHORED'], asOf: '2015' }), '?depth=2&types=SPIES_ON%2CAUTHORED&asOf=2015');
  assert.equal(query({ q: 'a b&c' }), '?q=a+b%26c');
});

test('filenameFromDisposition', () => {
  const cases = [
    [null, 'f.json', 'f.json'],
    ['attachment', 'f.json', 'f.json'],
    ['attachment; filename="graph.json"', 'x', 'graph.json'],
    ['attachment; filename=graph.graphml', 'x', 'graph.graphml'],
    ["attachment; filename=\"a.json\"; filename*=UTF-8''caf%C3%A9.json", 'x', 'café.json'],
  ];
  for (const [h, fb, want] of cases) assert.equal(filenameFromDisposition(h, fb), want, String(h));
});

// A real HTTP server stands in for actorgraph so requests and problem
// documents go through fetch exactly as in the browser.
async function withServer(handler, fn) {
  const seen = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    seen.push({ method: req.method, url: req.url, body, type: req.headers['content-type'] });
    handler(req, res, body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fn(createApi({ base: `http://127.0.0.1:${server.address().port}/` }), seen);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

test('requests hit the documented paths', async () => {
  await withServer(
    (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Disposition': 'attachment; filename="x.graphml"' });
      res.end('{"ok":true}');
    },
    async (api, seen) => {
      await api.search('chi', { limit: 5 });
      await api.node('united states');
      await api.neighborhood('china', { depth: 1, types: ['SPIES_ON'], asOf: '2015' });
      await api.paths({ from: 'greg-austin', to: 'china', k: 3 });
      await api.subgraph(['a', 'b']);
      await api.cypher('RETURN 1', { x: 1 });
      const file = await api.exportFile(['a'], 'graphml');
      assert.equal(file.filename, 'x.graphml');
      await api.claims({ a: 'china', b: 'united-states', types: ['SPIES_ON'] });
      await api.neighborhood('china', { limit: 50, minReliability: 'B', minCredibility: '' });
      await api.paths({ from: 'a', to: 'b', k: 2, minReliability: '', minCredibility: '3' });
      await api.exportFile(['a'], 'json', { minReliability: 'C', minCredibility: '2' });
      assert.deepEqual(
        seen.map((s) => `${s.method} ${s.url} ${s.body}`),
        [
          'GET /api/nodes?q=chi&limit=5 ',
          'GET /api/nodes/united%20states ',
          'GET /api/nodes/china/neighborhood?depth=1&types=SPIES_ON&asOf=2015 ',
          'GET /api/paths?from=greg-austin&to=china&k=3 ',
          'POST /api/export {"nodes":["a","b"]}',
          'POST /api/cypher {"query":"RETURN 1","params":{"x":1}}',
          'POST /api/export?format=graphml {"nodes":["a"]}',
          'GET /api/claims?a=china&b=united-states&types=SPIES_ON ',
          'GET /api/nodes/china/neighborhood?limit=50&minReliability=B ',
          'GET /api/paths?from=a&to=b&k=2&minCredibility=3 ',
          'POST /api/export?format=json&minReliability=C&minCredibility=2 {"nodes":["a"]}',
        ],
      );
      assert.equal(seen[4].type, 'application/json');
    },
  );
});

test('a posted graph goes as one body, and one too big for the server is not sent', async () => {
  await withServer(
    (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ties":[]}');
    },
    async (api, seen) => {
      const doc = { format: 'actorgraph/v1', nodes: [{ id: 'a' }], relationships: [] };
      const body = JSON.stringify({ graph: doc });
      assert.deepEqual(await api.graphTies(doc, { minCredibility: '2' }, { maxBytes: body.length }), { ties: [] });
      assert.deepEqual(await api.graphTies(doc, {}, { maxBytes: body.length - 1 }), { ties: [], tooBig: true });
      await api.metrics(['a'], { types: ['SPIES_ON'], minReliability: 'B' });
      await api.graphMetrics(doc, { asOf: '2015' });
      assert.deepEqual(
        seen.map((s) => `${s.method} ${s.url} ${s.body}`),
        [`POST /api/claims?minCredibility=2 ${body}`, 'POST /api/metrics?types=SPIES_ON&minReliability=B {"nodes":["a"]}', `POST /api/metrics?asOf=2015 ${body}`],
      );
    },
  );
});

test('problem documents become ApiError with their fields', async () => {
  const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: "Invalid input 'RETRUN'", code: 'Neo.ClientError.Statement.SyntaxError', line: 2, column: 1, requestId: 'r1' };
  await withServer(
    (req, res) => {
      if (req.url.startsWith('/api/cypher')) {
        res.writeHead(400, { 'Content-Type': 'application/problem+json' });
        res.end(JSON.stringify(problem));
      } else {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html>gateway</html>');
      }
    },
    async (api) => {
      await assert.rejects(api.cypher('MATCH (n)\nRETRUN n'), (err) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.status, 400);
        assert.equal(err.message, "Invalid input 'RETRUN'");
        assert.deepEqual(err.problem, problem);
        return true;
      });
      await assert.rejects(api.health(), (err) => err instanceof ApiError && err.status === 502 && err.problem.status === 502);
    },
  );
});

test('network failure is an ApiError with status 0', async () => {
  const api = createApi({ base: 'http://127.0.0.1:1/', fetch: () => Promise.reject(new Error('refused')) });
  await assert.rejects(api.health(), (err) => err instanceof ApiError && err.status === 0 && /refused/.test(err.message));
});
