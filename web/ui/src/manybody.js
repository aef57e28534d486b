// A many-body (repulsion) force for d3-force's simulation, the same
// Barnes–Hut approximation as d3's forceManyBody (same theta test, same
// distance bounds, same treatment of coincident points), on a quadtree kept
// in typed arrays that are reused from tick to tick. d3's builds a tree of
// objects each tick and visits it through closures: on a 2,000-node graph
// that was 14 ms a tick, most of the layout worker's time before the first
// drawing, a good part of it garbage collection.

/**
 * manyBody returns the force. Its settings follow d3's: strength (a number
 * for every node), theta, distanceMin and distanceMax.
 */
export function manyBody() {
  let nodes = [];
  let random = Math.random;
  let strength = -30;
  let theta2 = 0.81;
  let distanceMin2 = 1;
  let distanceMax2 = Infinity;

  // The tree: cell k covers a square; kids[4k..4k+3] are its quadrants
  // (0: none), head[k] the first point of a leaf (-1: none), next[i] the
  // point after i in the same leaf (coincident points share one).
  let cap = 0;
  let kids = new Int32Array(0);
  let head = new Int32Array(0);
  let width = new Float64Array(0);
  let cx = new Float64Array(0);
  let cy = new Float64Array(0);
  let value = new Float64Array(0);
  let next = new Int32Array(0);
  let stack = new Int32Array(0);
  let cells = 0;

  function grow(need) {
    if (need <= cap) return;
    const size = Math.max(need, 2 * cap, 64);
    const k4 = new Int32Array(4 * size);
    k4.set(kids);
    kids = k4;
    const h = new Int32Array(size);
    h.set(head);
    head = h;
    for (const name of ['width', 'cx', 'cy', 'value']) {
      const a = new Float64Array(size);
      a.set({ width, cx, cy, value }[name]);
      if (name === 'width') width = a;
      else if (name === 'cx') cx = a;
      else if (name === 'cy') cy = a;
      else value = a;
    }
    cap = size;
  }

  function cell(w) {
    grow(cells + 1);
    const k = cells++;
    kids.fill(0, 4 * k, 4 * k + 4);
    head[k] = -1;
    width[k] = w;
    return k;
  }

  // The deepest a point goes before it is kept with the one already there.
  // d3 has no such cap (it splits until the two separate); here points
  // closer than the root square's size / 2^48 share a leaf, as coincident
  // points do, and only their forces on each other differ from d3's.
  const MAX_DEPTH = 48;

  function build() {
    const n = nodes.length;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const { x, y } = nodes[i];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    // The root square as d3-quadtree's cover makes it: from the floor of
    // the smallest coordinates, doubled until it holds every point. Its
    // cells are then d3's, and so is each theta decision.
    x0 = Math.floor(x0);
    y0 = Math.floor(y0);
    let size = 1;
    while (x0 + size <= x1 || y0 + size <= y1) size *= 2;
    cells = 0;
    grow(2 * n + 1);
    if (next.length < n) next = new Int32Array(n);
    const root = cell(size);
    for (let i = 0; i < n; i++) {
      const px = nodes[i].x;
      const py = nodes[i].y;
      // As d3-quadtree's addAll: a point with no position stays out of
      // the tree, so it harms no other node's force.
      if (Number.isNaN(px) || Number.isNaN(py)) continue;
      let k = root;
      let bx = x0;
      let by = y0;
      let w = size;
      for (let depth = 0; ; depth++) {
        const first = head[k];
        const internal = first === -1 && (kids[4 * k] | kids[4 * k + 1] | kids[4 * k + 2] | kids[4 * k + 3]) !== 0;
        if (!internal) {
          if (first === -1) {
            head[k] = i;
            next[i] = -1;
            break;
          }
          const q = nodes[first];
          if ((q.x === px && q.y === py) || depth >= MAX_DEPTH) {
            next[i] = first;
            head[k] = i;
            break;
          }
          // Split the leaf: its points move down one level.
          head[k] = -1;
          const h = w / 2;
          const qi = (q.x >= bx + h ? 1 : 0) | (q.y >= by + h ? 2 : 0);
          const c = cell(h);
          kids[4 * k + qi] = c + 1;
          head[c] = first;
        }
        const h = w / 2;
        const right = px >= bx + h;
        const below = py >= by + h;
        const qi = (right ? 1 : 0) | (below ? 2 : 0);
        if (right) bx += h;
        if (below) by += h;
        w = h;
        let c = kids[4 * k + qi] - 1;
        if (c < 0) {
          c = cell(w);
          kids[4 * k + qi] = c + 1;
        }
        k = c;
      }
    }
    if (stack.length < cells + 4 * MAX_DEPTH + 8) stack = new Int32Array(2 * cells + 4 * MAX_DEPTH + 8);
    // Strength and centre of each cell, children before parents: cells are
    // created after their parent, so walking them backwards does it.
    for (let k = cells - 1; k >= 0; k--) {
      let s = 0;
      let weight = 0;
      let x = 0;
      let y = 0;
      if (head[k] !== -1) {
        for (let p = head[k]; p !== -1; p = next[p]) s += strength;
        cx[k] = nodes[head[k]].x;
        cy[k] = nodes[head[k]].y;
      } else {
        for (let q = 0; q < 4; q++) {
          const c = kids[4 * k + q] - 1;
          if (c < 0) continue;
          const v = value[c];
          const a = Math.abs(v);
          if (!a) continue;
          s += v;
          weight += a;
          x += a * cx[c];
          y += a * cy[c];
        }
        cx[k] = x / weight;
        cy[k] = y / weight;
      }
      value[k] = s;
    }
  }

  const jiggle = () => (random() - 0.5) * 1e-6;

  function force(alpha) {
    const n = nodes.length;
    if (!n) return;
    build();
    for (let i = 0; i < n; i++) {
      const node = nodes[i];
      const nx = node.x;
      const ny = node.y;
      let vx = 0;
      let vy = 0;
      let top = 0;
      stack[top++] = 0;
      while (top > 0) {
        const k = stack[--top];
        const v = value[k];
        if (!v) continue;
        let x = cx[k] - nx;
        let y = cy[k] - ny;
        const w = width[k];
        let l = x * x + y * y;
        const leaf = head[k] !== -1;
        if ((w * w) / theta2 < l) {
          // Far enough: the cell acts as one body.
          if (l < distanceMax2) {
            if (x === 0) (x = jiggle()), (l += x * x);
            if (y === 0) (y = jiggle()), (l += y * y);
            if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
            vx += (x * v * alpha) / l;
            vy += (y * v * alpha) / l;
          }
          continue;
        }
        if (!leaf) {
          // Too close to count as one body: look inside (as d3 does, even
          // past distanceMax, since some of its points may be nearer).
          for (let q = 3; q >= 0; q--) {
            const c = kids[4 * k + q] - 1;
            if (c >= 0) stack[top++] = c;
          }
          continue;
        }
        if (l >= distanceMax2) continue;
        if (head[k] !== i || next[i] !== -1) {
          if (x === 0) (x = jiggle()), (l += x * x);
          if (y === 0) (y = jiggle()), (l += y * y);
          if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
        }
        for (let p = head[k]; p !== -1; p = next[p]) {
          if (p === i) continue;
          const f = (strength * alpha) / l;
          vx += x * f;
          vy += y * f;
        }
      }
      node.vx += vx;
      node.vy += vy;
    }
  }

  force.initialize = (ns, rnd) => {
    nodes = ns;
    random = rnd ?? Math.random;
  };
  force.strength = (s) => ((strength = +s), force);
  force.theta = (t) => ((theta2 = t * t), force);
  force.distanceMin = (d) => ((distanceMin2 = d * d), force);
  force.distanceMax = (d) => ((distanceMax2 = d * d), force);
  return force;
}
