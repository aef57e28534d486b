import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { EXAMPLES } from '../src/queries.js';
import { isPlanQuery, operatorFacts, planTitle, planOperators } from '../src/plan.js';

test('isPlanQuery sees EXPLAIN and PROFILE in front only', () => {
  assert.ok(isPlanQuery('EXPLAIN MATCH (n) RETURN n'));
  assert.ok(isPlanQuery('  profile\nMATCH (n) RETURN n'));
  assert.ok(!isPlanQuery('MATCH (n) RETURN n'));
  assert.ok(!isPlanQuery('MATCH (explain) RETURN explain'));
  assert.ok(!isPlanQuery('EXPLAINED'));
});

test('operatorFacts: index, estimate, and what PROFILE counted', () => {
  assert.deepEqual(operatorFacts({ operator: 'NodeUniqueIndexSeek', index: 'unique node key', estimatedRows: 1 }), ['index: unique node key', 'est. 1 row']);
  assert.deepEqual(operatorFacts({ operator: 'Expand(All)', estimatedRows: 2.254, rows: 18, timeMs: 0.0421 }), ['est. 2.25 rows', '18 rows', '0.042 ms']);
  assert.deepEqual(operatorFacts({ operator: 'Filter', estimatedRows: 12345.6, rows: 1200, dbHits: 2400, timeMs: 3.25 }), ['est. 12,346 rows', '1,200 rows', '2,400 db hits', '3.3 ms']);
});

test('planTitle and planOperators', () => {
  const plan = { mode: 'PROFILE', engine: 'neo4j', root: { operator: 'ProduceResults', estimatedRows: 3, rows: 3, children: [{ operator: 'Limit', estimatedRows: 3, children: [{ operator: 'AllNodesScan', estimatedRows: 10 }] }] } };
  assert.equal(planTitle(plan), 'PROFILE plan (neo4j, 3 rows)');
  assert.equal(planTitle({ mode: 'EXPLAIN', engine: 'actorgraph embedded', root: plan.root.children[0] }), 'EXPLAIN plan (actorgraph embedded)');
  assert.equal(planOperators(plan.root), 3);
});

// Every example query of the Cypher panel has its plan shape pinned by
// the Go test TestExplorerPlans (graph/memstore/testdata/plans), so that
// a change that loses an index seek in one of them fails there.
test('every example has a pinned plan', () => {
  const dir = new URL('../../../graph/memstore/testdata/plans/', import.meta.url);
  const pinned = readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8'));
  for (const e of EXAMPLES) {
    const header = '# ' + e.query.split('\n').join('\n# ') + '\n';
    assert.ok(pinned.some((p) => p.startsWith(header)), `${e.title}: no plan in graph/memstore/testdata/plans starts with\n${header}`);
  }
});
