// Client for the actorgraph HTTP API. Every failure becomes an ApiError
// carrying the problem+json fields, so the UI can show the server's own
// words (and, for Cypher, the error position).

/** ApiError is a failed API call; fields follow RFC 9457 problem details. */
export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

const list = (v) => (Array.isArray(v) ? v.filter(Boolean).join(',') : v);

/** query builds a query string from an object, skipping empty values. */
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const s = list(v);
    if (s === undefined || s === null || s === '' || s === 0) continue;
    q.set(k, String(s));
  }
  const out = q.toString();
  return out ? `?${out}` : '';
}

/** metricsParams is the query of the metrics calls (GET and POST /api/metrics). */
const metricsParams = ({ types, asOf, labels, minReliability, minCredibility } = {}) => query({ types, asOf, labels, minReliability, minCredibility });

/** filenameFromDisposition extracts the file name of a Content-Disposition header. */
export function filenameFromDisposition(header, fallback) {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/**
 * createApi returns the API methods over a fetch function. base is the URL
 * the paths are resolved against (the page's own origin in the browser).
 * auth, when given, supplies the access token (see token.js): it is sent
 * as a Bearer credential, and a 401 asks auth for another and tries again.
 */
export function createApi({ fetch: f = globalThis.fetch.bind(globalThis), base, auth } = {}) {
  const url = (path) => new URL(path, base).toString();

  async function failure(res) {
    let problem = {};
    try {
      const text = await res.text();
      problem = text ? JSON.parse(text) : {};
    } catch {
      problem = {};
    }
    if (!problem || typeof problem !== 'object') problem = {};
    if (!problem.status) problem.status = res.status;
    if (!problem.title) problem.title = res.statusText || `HTTP ${res.status}`;
    return new ApiError(res.status, problem);
  }

  async function send(path, init = {}) {
    let token = auth?.token() ?? null;
    for (;;) {
      const headers = { Accept: 'application/json', ...(init.headers ?? {}) };
      if (token) headers.Authorization = `Bearer ${token}`;
      let res;
      try {
        res = await f(url(path), { ...init, headers });
      } catch (err) {
        throw new ApiError(0, { title: 'Network error', detail: `The server could not be reached (${err.message}).` });
      }
      if (res.status === 401 && auth) {
        const next = await auth.renew(token);
        if (next) {
          token = next;
          continue;
        }
      }
      if (!res.ok) throw await failure(res);
      return res;
    }
  }

  const json = async (path, init) => (await send(path, init)).json();
  const postText = (text) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
  const post = (body) => postText(JSON.stringify(body));
  const enc = encodeURIComponent;

  return {
    health: () => json('api/health'),
    schema: () => json('api/schema'),
    vocabulary: () => json('api/vocabulary'),
    /** limits returns the server's bounds (max k, path length, neighbourhood size, ...). */
    limits: () => json('api/limits'),
    search: (q, { label, limit } = {}) => json(`api/nodes${query({ q, label, limit })}`),
    node: (id) => json(`api/nodes/${enc(id)}`),
    // minReliability (A–E) and minCredibility (1–5), where taken, drop the
    // relationships graded below them on the server (graph.GradeFilter).
    neighborhood: (id, { depth, types, direction, asOf, limit, minReliability, minCredibility } = {}) =>
      json(`api/nodes/${enc(id)}/neighborhood${query({ depth, types, direction, asOf, limit, minReliability, minCredibility })}`),
    paths: ({ from, to, k, maxLength, types, direction, minReliability, minCredibility }) =>
      json(`api/paths${query({ from, to, k, maxLength, types, direction, minReliability, minCredibility })}`),
    /**
     * claims returns every claim for and against each tie between two nodes
     * (GET /api/claims), counting only claims that meet minReliability and
     * minCredibility where taken.
     */
    claims: ({ a, b, types, minReliability, minCredibility }) => json(`api/claims${query({ a, b, types, minReliability, minCredibility })}`),
    /** ties returns the corroboration of every tie among the given nodes, without the claims (POST /api/claims); grades as for claims. */
    ties: (ids, { minReliability, minCredibility } = {}) => json(`api/claims${query({ minReliability, minCredibility })}`, post({ nodes: ids })),
    /**
     * graphTies returns every tie of doc (an actorgraph/v1 document, e.g. an
     * opened file), counted in doc alone, each with its claims (POST
     * /api/claims with a graph); grades as for claims. A body longer than
     * maxBytes, which the server would refuse, is not sent: {ties: [],
     * tooBig: true}.
     */
    async graphTies(doc, { minReliability, minCredibility } = {}, { maxBytes = Infinity } = {}) {
      const body = JSON.stringify({ graph: doc });
      if (new TextEncoder().encode(body).length > maxBytes) return { ties: [], tooBig: true };
      return json(`api/claims${query({ minReliability, minCredibility })}`, postText(body));
    },
    subgraph: (ids) => json('api/export', post({ nodes: ids })),
    cypher: (q, params = {}) => json('api/cypher', post({ query: q, params })),
    /** metrics returns network metrics of the given nodes and the relationships among them. */
    metrics: (ids, opts) => json(`api/metrics${metricsParams(opts)}`, post({ nodes: ids })),
    /** graphMetrics returns the metrics of doc (an actorgraph/v1 document, e.g. an opened file) alone; options as for metrics. */
    graphMetrics: (doc, opts) => json(`api/metrics${metricsParams(opts)}`, post({ graph: doc })),
    /** exportFile returns {blob, filename} for the given node ids and format. */
    async exportFile(ids, format, { minReliability, minCredibility } = {}) {
      const res = await send(`api/export${query({ format, minReliability, minCredibility })}`, post({ nodes: ids }));
      const blob = await res.blob();
      return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition'), `actorgraph.${format || 'json'}`) };
    },
  };
}
