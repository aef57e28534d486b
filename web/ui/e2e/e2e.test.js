// End-to-end tests of the viewer in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; no browser is downloaded).
//
// ACTORGRAPH_URL points at a running `actorgraph serve`. Without it the
// tests are skipped locally and fail under CI=true, so CI cannot pass by
// running nothing. Screenshots go to e2e/artifacts/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = process.env.ACTORGRAPH_URL?.replace(/\/?$/, '/');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const skip = BASE ? false : 'ACTORGRAPH_URL is not set';

if (!BASE && process.env.CI === 'true') {
  test('ACTORGRAPH_URL must be set in CI', () => assert.fail('set ACTORGRAPH_URL to a running actorgraph server'));
}

let browser;
const origin = BASE ? new URL(BASE).origin : '';

before(async () => {
  if (skip) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
});

/**
 * open loads the viewer in a fresh 1280×720 page and records console
 * errors, page errors and requests to other origins, which check() asserts
 * are absent. Responses the test provokes on purpose (a Cypher error) may
 * be allowed by path.
 */
async function open(t, hash = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const allowed = new Set();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if ([...allowed].some((p) => url.includes(p))) return;
    problems.push(`console: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request left the origin: ${u}`);
  });
  await page.goto(BASE + hash);
  await ready(page);
  t.after(() => context.close());
  return {
    page,
    allow: (path) => allowed.add(path),
    check: () => assert.deepEqual(problems, [], 'no console errors, page errors or foreign requests'),
  };
}

async function ready(page) {
  await page.waitForSelector('body[data-ready=true][data-busy="0"]', { timeout: 30000 });
}

async function idle(page) {
  await page.waitForSelector('body[data-busy="0"]', { timeout: 30000 });
}

async function shot(page, name) {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
}

async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p);
    return { status: res.status, body: await res.json() };
  }, path);
}

/** canvasCounts returns the number of nodes the canvas shows. */
const canvasCounts = async (page) => Number(await page.getAttribute('#cy', 'data-nodes'));

async function searchAndFocus(page, text, expectName) {
  await page.fill('#search', text);
  const option = page.locator('#search-list [role=option]', { hasText: expectName }).first();
  await option.waitFor();
  await page.press('#search', 'Enter');
  await page.locator('#details-title', { hasText: expectName }).waitFor();
  await idle(page);
}

test('seed graph: first paint, legend, layout at 1280×720', { skip }, async (t) => {
  const { page, check } = await open(t);
  const marks = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return { script: at(document.querySelector('script[src]').src), data: at('actorgraph:first-graph-data'), layout: at('actorgraph:first-graph-layout'), paint: at('actorgraph:first-graph-paint') };
  });
  assert.ok(marks.paint !== null, 'the first graph paint was marked');
  // The page is tested under the server's real policy: a violation would
  // show up as a console error below.
  const csp = (await page.request.get(BASE)).headers()['content-security-policy'] ?? '';
  assert.match(csp, /style-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const ms = (v) => (v === null ? '?' : `${v.toFixed(0)} ms`);
  console.log(`first paint of the seed graph: ${ms(marks.paint)} after navigation start (data in at ${ms(marks.data)}, draft layout done at ${ms(marks.layout)})`);
  assert.ok((await canvasCounts(page)) > 0, 'the seed graph is on the canvas');
  assert.equal(await page.locator('#legend .item').count(), 14, '11 kinds and 3 polarities in the legend');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight);
  assert.equal(overflow, false, 'the page fits 1280×720 without scrolling');
  await shot(page, 'seed');
  check();
});

test('browse: search China, expand, open a relationship with its evidence', { skip }, async (t) => {
  const { page, check } = await open(t);
  await searchAndFocus(page, 'China', 'China');
  assert.match(page.url(), /focus=china/);
  await page.click('#act-expand');
  await idle(page);
  const nb = await apiGet(page, 'api/nodes/china/neighborhood');
  assert.equal(nb.status, 200);
  const evidence = nb.body.relationships.find((r) => r.properties?.claim && r.properties?.source && r.properties?.locator !== undefined);
  assert.ok(evidence, 'the seed data has a relationship of China with claim, source and paragraph');
  const link = page.locator(`.rel-link[data-rel="${evidence.id}"]`);
  await link.click();
  await page.locator('#details[data-kind=relationship]').waitFor();
  assert.equal((await page.textContent('[data-field=claim]')).trim(), evidence.properties.claim);
  const doc = await apiGet(page, `api/nodes/${encodeURIComponent(evidence.properties.source)}`);
  assert.equal(doc.status, 200, 'the source document key resolves');
  await page.locator('[data-field=source] button', { hasText: doc.body.properties.name }).waitFor();
  assert.equal((await page.textContent('[data-field=locator]')).trim(), `¶ ${evidence.properties.locator}`);
  const title = await page.textContent('#details-title');
  assert.match(title, new RegExp(`—${evidence.type}→`));
  await shot(page, 'evidence');

  // Hide, then undo brings the node back.
  await searchAndFocus(page, 'China', 'China');
  // Expand along one relationship type only.
  const total = Number(await page.getAttribute('#cy', 'data-total'));
  await page.selectOption('#details select', 'SPIES_ON');
  await page.click('#act-expand-type');
  await idle(page);
  assert.ok(Number(await page.getAttribute('#cy', 'data-total')) >= total);
  await page.locator('#details-title', { hasText: 'China' }).waitFor();
  const before = await canvasCounts(page);
  await page.click('#act-hide');
  assert.equal(await canvasCounts(page), before - 1);
  await page.click('#undo');
  assert.equal(await canvasCounts(page), before);

  // The focus is in the URL: a reload comes back to China.
  await page.reload();
  await ready(page);
  await page.locator('#details-title', { hasText: 'China' }).waitFor();
  check();
});

test('as-of date hides relations outside since/until', { skip }, async (t) => {
  const { page, check } = await open(t);
  const edges = async () => Number(await page.getAttribute('#cy', 'data-edges'));
  const all = await edges();
  // Work out from the server's own data which relations held in 1990.
  const doc = await page.evaluate(async () => {
    const list = await (await fetch('api/nodes?limit=300')).json();
    const res = await fetch('api/export', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ nodes: list.nodes.map((n) => n.id) }) });
    return res.json();
  });
  const { relHeldOn } = await import('../src/dates.js');
  const held = doc.relationships.filter((r) => relHeldOn(r, '1990')).length;
  assert.equal(all, doc.relationships.length);
  assert.ok(held < all, 'the seed data has relations that began after 1990');
  await page.fill('#asof', '1990');
  await page.press('#asof', 'Enter');
  assert.equal(await edges(), held);
  await page.fill('#asof', '');
  await page.press('#asof', 'Enter');
  assert.equal(await edges(), all);
  check();
});

test('filters and as-of date live in the URL and survive a reload', { skip }, async (t) => {
  const { page, check } = await open(t);
  await page.check('input[data-group=labels][value=Country]');
  await page.fill('#asof', '2015');
  await page.press('#asof', 'Enter');
  const url = page.url();
  assert.match(url, /labels=Country/);
  assert.match(url, /asOf=2015/);
  const shown = await canvasCounts(page);
  await page.reload();
  await ready(page);
  assert.equal(await page.isChecked('input[data-group=labels][value=Country]'), true);
  assert.equal(await page.inputValue('#asof'), '2015');
  assert.equal(await canvasCounts(page), shown);
  check();
});

test('paths: greg-austin to china, highlighted and listed step by step', { skip }, async (t) => {
  const { page, check } = await open(t);
  await page.click('#tab-paths');
  await page.fill('#path-from', 'greg-austin');
  await page.fill('#path-to', 'china');
  await page.click('#path-form button[type=submit]');
  await idle(page);
  const want = await apiGet(page, 'api/paths?from=greg-austin&to=china&k=3&maxLength=6');
  assert.equal(want.status, 200);
  assert.ok(want.body.paths.length > 0, 'the seed data links Greg Austin to China');
  assert.equal(await page.locator('.path-item').count(), want.body.paths.length);
  const steps = await page.locator('.path-item').first().locator('.step').allTextContents();
  assert.equal(steps.length, want.body.paths[0].relationships.length);
  for (const s of steps) assert.match(s, /^.+ (—[A-Z_]+→|←[A-Z_]+—) .+$/, s);
  assert.match(steps[0], /^Greg Austin /);
  assert.match(steps.at(-1), / China$/);
  const highlighted = await page.evaluate(() => document.querySelectorAll('.path-item').length);
  assert.ok(highlighted > 0);
  assert.match(page.url(), /from=greg-austin/);
  await shot(page, 'paths');
  check();
});

test('cypher: run a query, see table and graph (or the clear 501 message)', { skip }, async (t) => {
  const { page, allow, check } = await open(t);
  allow('/api/cypher'); // a 4xx/5xx answer is logged by Chromium itself
  await page.click('#tab-cypher');
  await page.selectOption('#cypher-examples', { label: 'Who spies on whom' });
  const editor = page.locator('#cypher-editor .cm-content');
  assert.match(await editor.textContent(), /SPIES_ON/);
  await editor.click();
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/cypher')), page.keyboard.press('Control+Enter')]);
  await idle(page);
  const health = await apiGet(page, 'api/health');
  if (res.status() === 501) {
    console.log(`cypher: the ${health.body.store} store answered 501; checking the message`);
    const box = page.locator('#cypher-error');
    await box.waitFor();
    assert.match(await box.textContent(), /Cypher is not available/);
    await shot(page, 'cypher-501');
  } else {
    assert.equal(res.status(), 200, `cypher answered ${res.status()}`);
    const body = await res.json();
    await page.locator('#results-table tbody tr').first().waitFor();
    assert.equal(await page.locator('#results-table tbody tr').count(), body.rows.length);
    assert.deepEqual(await page.locator('#results-table th').allTextContents(), body.columns);
    assert.equal(await canvasCounts(page), body.graph.nodes.length, 'the result graph is drawn');
    assert.match(page.url(), /cypher=/);
    await shot(page, 'cypher');

    // A syntax error is shown at its position.
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('MATCH (n)\nRETRUN n');
    const [bad] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/cypher')), page.click('#cypher-run')]);
    assert.equal(bad.status(), 400);
    const problem = await bad.json();
    await page.locator('#cypher-error').waitFor();
    const text = await page.textContent('#cypher-error');
    assert.ok(text.includes(problem.detail), text);
    if (problem.line) {
      assert.match(text, new RegExp(`Line ${problem.line}`));
      await page.locator('#cypher-editor .cm-lintRange-error').waitFor();
    }
    await shot(page, 'cypher-error');
  }
  // The query was remembered.
  const history = await page.evaluate(() => JSON.parse(localStorage.getItem('actorgraph.cypher.history') ?? '[]'));
  assert.ok(history.some((h) => /SPIES_ON/.test(h.query)));
  check();
});

test('export: the visible graph as actorgraph JSON and as PNG', { skip }, async (t) => {
  const { page, check } = await open(t);
  const visible = await canvasCounts(page);
  await page.click('#export-menu summary');
  const [req, download] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/api/export') && r.method() === 'POST'),
    page.waitForEvent('download'),
    page.click('#export-json'),
  ]);
  const sent = JSON.parse(req.postData()).nodes;
  assert.equal(sent.length, visible, 'every visible node is exported');
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(doc.format, 'actorgraph/v1');
  assert.deepEqual(doc.nodes.map((n) => n.id).sort(), [...sent].sort());
  assert.ok(Array.isArray(doc.relationships));
  console.log(`export: ${download.suggestedFilename()} with ${doc.nodes.length} nodes, ${doc.relationships.length} relationships`);

  await page.click('#export-menu summary');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
  check();
});

test('metrics: size by PageRank, colour by community, ranked list from /api/metrics', { skip }, async (t) => {
  const { page, check } = await open(t);
  const shown = await canvasCounts(page);
  await page.click('#tab-metrics');
  await page.selectOption('#metric-size', 'pageRank');
  await idle(page);
  await page.locator('#metric-list li').first().waitFor();
  // The server's own answer for the same nodes, asked here directly.
  const ids = await page.evaluate(async () => (await (await fetch('api/nodes?limit=300')).json()).nodes.map((n) => n.id));
  const res = await page.evaluate(async (nodes) => {
    const r = await fetch('api/metrics', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ nodes }) });
    return r.json();
  }, ids);
  assert.equal(res.nodes.length, shown, 'the overview shows every node the API lists');
  const top = [...res.nodes].sort((a, b) => b.pageRank - a.pageRank || a.name.localeCompare(b.name))[0];
  assert.equal(await page.getAttribute('#metric-list li:first-child', 'data-key'), top.key, 'the list starts with the node of highest PageRank');
  assert.equal(await page.locator('#metric-list li').count(), Math.min(15, shown));
  assert.equal(Number(await page.getAttribute('#cy', 'data-sized')), shown, 'every shown node is sized by the metric');
  assert.equal(Number(await page.getAttribute('#cy', 'data-coloured')), 0);
  await page.check('#metric-community');
  assert.equal(Number(await page.getAttribute('#cy', 'data-coloured')), shown, 'every shown node is coloured by its community');
  assert.match(await page.textContent('#metric-summary'), new RegExp(`${res.communities.length} communities`));
  await page.click('#metric-list li:first-child button');
  await page.locator('#details-title', { hasText: top.name }).waitFor();
  await shot(page, 'metrics');
  // A changed view says the metrics are of the old one until computed again.
  await page.fill('#asof', '1990');
  await page.press('#asof', 'Enter');
  assert.equal(await page.getAttribute('#metric-summary', 'data-stale'), 'true');
  await page.click('#metric-run');
  await idle(page);
  assert.equal(await page.getAttribute('#metric-summary', 'data-stale'), null);
  check();
});

test('keyboard: tab to search, pick with arrows and Enter, Escape clears', { skip }, async (t) => {
  const { page, check } = await open(t);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.keyboard.type('chin');
  await page.locator('#search-list [role=option]').first().waitFor();
  assert.equal(await page.getAttribute('#search', 'aria-expanded'), 'true');
  await page.keyboard.press('Enter');
  await page.locator('#details-title', { hasText: 'China' }).waitFor();
  await page.keyboard.press('Escape');
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea, [role=tab]')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.getAttribute('aria-label') || el.textContent.trim() || el.labels?.length || el.title))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, [], 'every control has an accessible name');
  check();
});

/** bigGraph makes an actorgraph/v1 document of n nodes and m relationships. */
function bigGraph(n, m) {
  const kinds = ['Country', 'Bloc', 'PublicBody', 'Organization', 'Company', 'Person', 'Group', 'Agreement', 'Event', 'Document', 'Topic'];
  const types = [['SPIES_ON', 'conflict'], ['COOPERATES_WITH', 'cooperation'], ['MENTIONS', 'neutral'], ['ALLIED_WITH', 'cooperation'], ['CRITICIZES', 'conflict']];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const id = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const nodes = Array.from({ length: n }, (_, i) => ({ id: id(i), key: `actor-${i}`, labels: ['Actor', kinds[i % kinds.length]], properties: { name: `Actor ${i}` } }));
  const relationships = Array.from({ length: m }, (_, j) => {
    // Mostly local links plus some long ones, like a real actor graph.
    const a = Math.floor(rand() * n);
    const b = rand() < 0.8 ? (a + 1 + Math.floor(rand() * 20)) % n : Math.floor(rand() * n);
    const [type, polarity] = types[j % types.length];
    return { id: id(n + j), type, start: id(a), end: id(b === a ? (a + 1) % n : b), properties: { polarity } };
  });
  return { format: 'actorgraph/v1', exportedAt: '2026-01-01T00:00:00Z', nodes, relationships };
}

test('large graph: 2,000 nodes and 5,000 relationships stay usable while panning', { skip, timeout: 180000 }, async (t) => {
  const { page, check } = await open(t);
  const file = join(ARTIFACTS, 'big-graph.json');
  await writeFile(file, JSON.stringify(bigGraph(2000, 5000)));
  const started = Date.now();
  await page.setInputFiles('#open-file', file);
  await page.locator('#status', { hasText: 'Opened' }).waitFor({ timeout: 120000 });
  await idle(page);
  console.log(`large graph: loaded and laid out in ${Date.now() - started} ms`);
  assert.equal(await canvasCounts(page), 2000);

  // Pan programmatically the way a mouse drag does (pointer events on the
  // canvas, one move per frame) and count animation frames meanwhile.
  const before = await page.locator('#cy').screenshot();
  const { frames, seconds } = await page.evaluate(async () => {
    const el = document.querySelector('#cy');
    const target = el.querySelector('canvas');
    const box = el.getBoundingClientRect();
    // Start the drag on empty background (the layout leaves a margin), so
    // it pans the view instead of dragging a node.
    const x = box.left + 15;
    const y = box.top + 15;
    const ev = (type, dx, dy) => new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x + dx, clientY: y + dy, button: 0, buttons: type === 'mouseup' ? 0 : 1, view: window });
    target.dispatchEvent(ev('mousedown', 0, 0));
    let frames = 0;
    const t0 = performance.now();
    const duration = 3000;
    await new Promise((done) => {
      const tick = (now) => {
        frames++;
        const k = (now - t0) / duration;
        if (k >= 1) return done();
        const dx = 150 + 150 * Math.sin(k * Math.PI * 3);
        target.dispatchEvent(ev('mousemove', dx, dx / 3));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    target.dispatchEvent(ev('mousemove', 120, 40));
    target.dispatchEvent(ev('mouseup', 120, 40));
    return { frames, seconds: (performance.now() - t0) / 1000 };
  });
  await page.waitForTimeout(200);
  const afterPan = await page.locator('#cy').screenshot();
  assert.notDeepEqual(afterPan, before, 'the view moved');
  console.log(`large graph: ${(frames / seconds).toFixed(1)} frames/s while panning (${frames} frames in ${seconds.toFixed(2)} s)`);
  await shot(page, 'large-graph');
  check();
});
