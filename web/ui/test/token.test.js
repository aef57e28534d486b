import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createAuth, TOKEN_KEY } from '../src/token.js';
import { createApi, ApiError } from '../src/api.js';

function memoryStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    data,
  };
}

/** asker answers with the given values in turn and records each question. */
function asker(...answers) {
  const asked = [];
  return {
    asked,
    ask: async (q) => {
      asked.push(q);
      return answers.shift() ?? null;
    },
  };
}

test('the token is asked once for requests refused together, and kept in the given storage', async () => {
  const storage = memoryStorage();
  const { ask, asked } = asker('  tok-1234567890abcdef \n');
  const auth = createAuth({ storage, ask });
  assert.equal(auth.token(), null);
  const got = await Promise.all([auth.renew(null), auth.renew(null), auth.renew(null)]);
  assert.deepEqual(got, ['tok-1234567890abcdef', 'tok-1234567890abcdef', 'tok-1234567890abcdef']);
  assert.deepEqual(asked, [{ rejected: false }]);
  assert.equal(storage.data.get(TOKEN_KEY), 'tok-1234567890abcdef');
  assert.equal(auth.token(), 'tok-1234567890abcdef');
  // A request that failed with no token after another renewed it takes
  // the stored one without asking.
  assert.equal(await auth.renew(null), 'tok-1234567890abcdef');
  assert.equal(asked.length, 1);
});

test('a rejected token is dropped and asked for again; cancelling leaves none', async () => {
  const storage = memoryStorage({ [TOKEN_KEY]: 'old-token' });
  const { ask, asked } = asker('new-token', null);
  const auth = createAuth({ storage, ask });
  assert.equal(await auth.renew('old-token'), 'new-token');
  assert.deepEqual(asked, [{ rejected: true }]);
  assert.equal(await auth.renew('new-token'), null);
  assert.equal(storage.data.has(TOKEN_KEY), false);
  assert.equal(auth.token(), null);
});

test('storage that throws (blocked) does not break asking', async () => {
  const broken = {
    getItem() {
      throw new Error('blocked');
    },
    setItem() {
      throw new Error('blocked');
    },
    removeItem() {
      throw new Error('blocked');
    },
  };
  const auth = createAuth({ storage: broken, ask: async () => 'tok' });
  assert.equal(auth.token(), null);
  assert.equal(await auth.renew(null), 'tok');
});

// A real HTTP server that wants a token, so the header and the retry go
// through fetch as in the browser.
async function withTokenServer(token, fn) {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization ?? null });
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'Content-Type': 'application/problem+json', 'WWW-Authenticate': 'Bearer realm="actorgraph"' });
      res.end(JSON.stringify({ status: 401, title: 'Unauthorized', detail: 'this actorgraph requires an access token' }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${server.address().port}/`, seen);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

test('the API client sends the token as a Bearer header, never in the URL, and retries after asking', async () => {
  const token = 'the-right-token-0123456789';
  await withTokenServer(token, async (base, seen) => {
    const { ask, asked } = asker('a-wrong-token-0000000000', token);
    const storage = memoryStorage();
    const api = createApi({ base, auth: createAuth({ storage, ask }) });
    // Three calls at once: one question per refusal round, not per call.
    const results = await Promise.all([api.schema(), api.vocabulary(), api.cypher('RETURN 1')]);
    assert.deepEqual(results, [{ ok: true }, { ok: true }, { ok: true }]);
    assert.deepEqual(asked, [{ rejected: false }, { rejected: true }]);
    for (const s of seen) assert.ok(!s.url.includes(token) && !s.url.includes('wrong'), s.url);
    // Each call: without a token, with the wrong one, with the right one.
    const count = (auth) => seen.filter((s) => s.auth === auth).length;
    assert.equal(seen.length, 9);
    assert.deepEqual([count(null), count('Bearer a-wrong-token-0000000000'), count(`Bearer ${token}`)], [3, 3, 3]);
    // Later calls send the kept token straight away.
    const before = seen.length;
    await api.node('china');
    assert.equal(seen.length, before + 1);
    assert.equal(seen.at(-1).auth, `Bearer ${token}`);
  });
});

test('cancelling the question fails the call with the server\'s 401', async () => {
  await withTokenServer('the-right-token-0123456789', async (base) => {
    const api = createApi({ base, auth: createAuth({ storage: memoryStorage(), ask: async () => null }) });
    await assert.rejects(api.schema(), (err) => err instanceof ApiError && err.status === 401 && /requires an access token/.test(err.message));
  });
});

test('without auth a 401 is an ordinary failure', async () => {
  await withTokenServer('the-right-token-0123456789', async (base, seen) => {
    await assert.rejects(createApi({ base }).schema(), (err) => err instanceof ApiError && err.status === 401);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].auth, null);
  });
});
