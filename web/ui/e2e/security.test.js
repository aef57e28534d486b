// End-to-end tests of the service's guards in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core):
//
// * DNS rebinding, for real: Chromium resolves evil.example to 127.0.0.1
//   (--host-resolver-rules), as a rebinding attacker's DNS would, and the
//   page it loads from there must get neither the viewer nor the data.
//   Needs ACTORGRAPH_URL, a server without a token.
// * Strict request types against the same server: a POST that is not JSON
//   gets 415, one with a foreign Origin 403, and nothing carries CORS
//   headers. scripts/test.sh runs this file on both stores.
// * The access token: ACTORGRAPH_TOKEN_URL is a server started with
//   --token-file holding ACTORGRAPH_E2E_TOKEN. The viewer asks once, keeps
//   the token for the tab, and the analyst browses, queries and exports.
//   That server writes its audit log to ACTORGRAPH_E2E_AUDIT_LOG: the
//   query and the export the page made each have their line there.
//
// Without the URLs the tests are skipped locally and fail under CI=true.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';

const BASE = process.env.ACTORGRAPH_URL?.replace(/\/?$/, '/');
const TOKEN_BASE = process.env.ACTORGRAPH_TOKEN_URL?.replace(/\/?$/, '/');
const TOKEN = process.env.ACTORGRAPH_E2E_TOKEN;
const AUDIT_LOG = process.env.ACTORGRAPH_E2E_AUDIT_LOG;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const skipRebind = BASE ? false : 'ACTORGRAPH_URL is not set';
const skipToken = TOKEN_BASE && TOKEN && AUDIT_LOG ? false : 'ACTORGRAPH_TOKEN_URL, ACTORGRAPH_E2E_TOKEN and ACTORGRAPH_E2E_AUDIT_LOG are not set';

if (process.env.CI === 'true' && (skipRebind || skipToken)) {
  test('the security e2e tests must run in CI', () => assert.fail(`${skipRebind || skipToken}: scripts/test.sh starts both servers`));
}

let browser;

before(async () => {
  if (skipRebind && skipToken) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // The attacker's name resolves to this machine, as after a rebinding.
      '--host-resolver-rules=MAP evil.example 127.0.0.1',
    ],
  });
});

after(async () => {
  await browser?.close();
});

async function ready(page) {
  await page.waitForSelector('body[data-ready=true][data-busy="0"]', { timeout: 30000 });
}

async function idle(page) {
  await page.waitForSelector('body[data-busy="0"]', { timeout: 30000 });
}

/** watch records page errors and console errors other than the refused requests a test provokes. */
function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/status of (401|403)/.test(m.text())) return; // Chromium logs every refused request
    problems.push(`console: ${m.text()}`);
  });
  return problems;
}

test('DNS rebinding: a page on evil.example that resolves to 127.0.0.1 gets neither the viewer nor the data', { skip: skipRebind }, async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const port = new URL(BASE).port;
  const res = await page.goto(`http://evil.example:${port}/`);
  assert.equal(res.status(), 403);
  const text = await page.textContent('body');
  assert.match(text, /--allowed-hosts/, 'the page names the flag');
  assert.match(text, /DNS rebinding/);
  assert.equal(await page.locator('#cy').count(), 0, 'the viewer is not served');
  // Script on the attacker's page, same-origin with evil.example:PORT now,
  // tries to read the graph.
  const tries = await page.evaluate(async () => {
    const out = [];
    for (const [path, init] of [
      ['/api/export', {}],
      ['/api/nodes/china', {}],
      ['/api/cypher', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'MATCH (n) RETURN n.name' }) }],
      ['/api/cypher', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ query: 'MATCH (n) RETURN n.name' }) }],
    ]) {
      const r = await fetch(path, init);
      out.push({ path, status: r.status, type: r.headers.get('content-type'), body: await r.text() });
    }
    return out;
  });
  for (const r of tries) {
    assert.equal(r.status, 403, `${r.path}: ${r.status}`);
    assert.match(r.type, /application\/problem\+json/);
    assert.doesNotMatch(r.body, /China/, 'no data in the refusal');
  }
  // The same browser reaches the real names.
  for (const host of ['127.0.0.1', 'localhost']) {
    const ok = await page.goto(`http://${host}:${port}/`);
    assert.equal(ok.status(), 200, host);
    await ready(page);
  }
});

/** send makes one HTTP request with exactly the given headers (fetch would add or refuse some). */
function send(url, { method = 'GET', headers = {}, body = '' } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'] ?? '', cors: res.headers['access-control-allow-origin'], body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('strict requests: a POST that is not JSON gets 415, one from a foreign origin 403, and no CORS headers, on this store', { skip: skipRebind }, async () => {
  const url = new URL('api/cypher', BASE);
  const body = JSON.stringify({ query: 'MATCH (n:Actor {key: $k}) RETURN n.name AS name', params: { k: 'china' } });
  const cases = [
    // A CORS "simple request": any site could send it without a preflight.
    { name: 'text/plain', headers: { 'Content-Type': 'text/plain' }, status: 415, detail: /application\/json/ },
    { name: 'form', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 415, detail: /application\/json/ },
    { name: 'no type', headers: {}, status: 415, detail: /application\/json/ },
    { name: 'foreign origin', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, status: 403, detail: /origin/i },
    { name: 'other port', headers: { 'Content-Type': 'application/json', Origin: `http://${url.hostname}:1` }, status: 403, detail: /origin/i },
    { name: 'same origin', headers: { 'Content-Type': 'application/json', Origin: url.origin }, status: 200 },
    { name: 'no origin', headers: { 'Content-Type': 'application/json; charset=utf-8' }, status: 200 },
  ];
  for (const c of cases) {
    const r = await send(url, { method: 'POST', headers: c.headers, body });
    assert.equal(r.status, c.status, `${c.name}: ${r.status} ${r.body.slice(0, 200)}`);
    assert.equal(r.cors, undefined, `${c.name}: no CORS header unless configured`);
    if (c.status === 200) {
      assert.match(r.body, /China/, `${c.name}: the query ran`);
    } else {
      assert.match(r.type, /application\/problem\+json/, c.name);
      assert.match(JSON.parse(r.body).detail, c.detail, c.name);
      assert.doesNotMatch(r.body, /China/, `${c.name}: no data in the refusal`);
    }
  }
});

test('access token: asked once, kept for the tab only, sent on every API call, never in a URL', { skip: skipToken, timeout: 120000 }, async (t) => {
  const origin = new URL(TOKEN_BASE).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watch(page);
  const urls = [];
  const apiCalls = [];
  page.on('framenavigated', (f) => urls.push(f.url()));
  page.on('request', (r) => {
    urls.push(r.url());
    if (r.url().startsWith(`${origin}/api/`)) apiCalls.push({ url: r.url(), method: r.method(), auth: r.headers().authorization ?? null });
  });
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });

  // Without a token the API refuses, but health answers and says nothing
  // about the data.
  const direct = await page.request.get(`${TOKEN_BASE}api/nodes/china`);
  assert.equal(direct.status(), 401);
  assert.match(direct.headers()['www-authenticate'] ?? '', /^Bearer /);
  const health = await page.request.get(`${TOKEN_BASE}api/health`);
  assert.equal(health.status(), 200);
  assert.deepEqual(Object.keys(await health.json()).sort(), ['status', 'store']);

  await page.goto(TOKEN_BASE);
  const dialog = page.locator('dialog#token-dialog[open]');
  await dialog.waitFor();
  assert.equal(await page.locator('dialog#token-dialog').count(), 1, 'one question for all the refused requests');
  assert.equal(await page.getAttribute('#token-input', 'type'), 'password');

  // A wrong token is refused and asked for again.
  await page.fill('#token-input', 'not-the-token-0123456789');
  await page.press('#token-input', 'Enter');
  await page.locator('dialog#token-dialog[open] #token-help', { hasText: 'not accepted' }).waitFor();
  await page.fill('#token-input', TOKEN);
  await page.click('dialog#token-dialog button[type=submit]');
  await ready(page);
  assert.equal(await page.locator('dialog#token-dialog').count(), 0);
  assert.ok(Number(await page.getAttribute('#cy', 'data-nodes')) > 0, 'the seed graph is on the canvas');

  // Browse: search, focus, expand.
  await page.fill('#search', 'China');
  await page.locator('#search-list [role=option]', { hasText: 'China' }).first().waitFor();
  await page.press('#search', 'Enter');
  await page.locator('#details-title', { hasText: 'China' }).waitFor();
  await idle(page);
  await page.click('#act-expand');
  await idle(page);

  // Query: a POST from the page, with its Origin, as JSON.
  await page.click('#tab-cypher');
  await page.selectOption('#cypher-examples', { label: 'Who spies on whom' });
  await page.locator('#cypher-editor .cm-content').click();
  const [cypher] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/cypher')), page.keyboard.press('Control+Enter')]);
  assert.equal(cypher.status(), 200);
  const cypherBody = JSON.parse(cypher.request().postData());
  const cypherRows = (await cypher.json()).rows.length;
  await page.locator('#results-table tbody tr').first().waitFor();

  // Export: a POST whose answer is downloaded.
  await page.click('#export-menu summary');
  const [download, exported] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => r.url().includes('/api/export?format=json') && r.request().method() === 'POST'),
    page.click('#export-json'),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(doc.format, 'actorgraph/v1');
  assert.ok(doc.nodes.length > 0);

  // The audit log has a line for the query and one for the export, found
  // by the request ids the page was answered with.
  const audit = (await readFile(AUDIT_LOG, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const q = audit.find((l) => l.requestId === cypher.headers()['x-request-id']);
  assert.ok(q, 'the query has an audit line');
  assert.equal(q.event, 'cypher');
  assert.equal(q.query, cypherBody.query);
  assert.deepEqual(q.params ?? [], Object.keys(cypherBody.params ?? {}).sort());
  assert.equal(q.rows, cypherRows);
  assert.equal(q.status, 200);
  assert.match(q.client, /^127\.0\.0\.1:\d+$/);
  assert.ok(q.elapsedMs >= 0 && !Number.isNaN(Date.parse(q.time)));
  const x = audit.find((l) => l.requestId === exported.headers()['x-request-id']);
  assert.ok(x, 'the export has an audit line');
  assert.deepEqual([x.event, x.method, x.rows, x.status], ['export', 'POST', doc.nodes.length, 200]);
  assert.ok(!JSON.stringify(audit).includes(TOKEN), 'the token is not in the audit log');

  // Where the token is, and is not.
  const stored = await page.evaluate(() => ({
    session: sessionStorage.getItem('actorgraph.token'),
    local: Object.keys(localStorage).map((k) => localStorage.getItem(k)),
    cookie: document.cookie,
  }));
  assert.equal(stored.session, TOKEN);
  assert.ok(!stored.local.some((v) => v.includes(TOKEN)), 'the token is not in localStorage');
  assert.equal(stored.cookie, '');

  // A reload in the same tab does not ask again.
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('dialog#token-dialog').count(), 0, 'not asked again after a reload');
  assert.ok(Number(await page.getAttribute('#cy', 'data-nodes')) > 0);

  for (const u of urls) assert.ok(!u.includes(TOKEN), `the token appeared in a URL: ${u}`);
  const signedIn = apiCalls.filter((c) => c.auth === `Bearer ${TOKEN}`);
  assert.ok(signedIn.some((c) => c.method === 'POST' && c.url.includes('/api/cypher')));
  assert.ok(signedIn.some((c) => c.method === 'POST' && c.url.includes('/api/export')));
  const firstOk = apiCalls.findIndex((c) => c.auth === `Bearer ${TOKEN}`);
  const after = apiCalls.slice(firstOk).filter((c) => !c.url.includes('/api/health'));
  assert.deepEqual(after.filter((c) => c.auth !== `Bearer ${TOKEN}`), [], 'every API call after signing in carries the token');
  assert.equal(dialogs, 0, 'no browser prompt() was used');
  assert.deepEqual(problems, []);

  // Another tab of the same browser has its own sessionStorage: asked
  // again. Cancelling leaves an empty canvas and says why.
  const other = await context.newPage();
  const otherProblems = watch(other);
  await other.goto(TOKEN_BASE);
  await other.locator('dialog#token-dialog[open]').waitFor();
  await other.click('dialog#token-dialog button[type=button]');
  await ready(other);
  assert.equal(Number(await other.getAttribute('#cy', 'data-nodes')), 0, 'no data without the token');
  assert.match(await other.textContent('#status'), /access token/);
  assert.deepEqual(otherProblems, []);
});
