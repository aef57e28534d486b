// A tiny element builder. The viewer never assigns HTML strings: text from
// the graph (names, claims) is always set as text, so it cannot inject markup.

/**
 * h creates an element. attrs keys starting with "on" add listeners; "class"
 * sets className; "dataset" merges data-* attributes; other keys become
 * attributes (false/null/undefined skip them). Children may be strings,
 * nodes, arrays, or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * fill replaces el's children with children, taken as h takes them: null,
 * undefined and false are left out. (The DOM's own append writes them as
 * the text "null".)
 */
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/** clear removes all children of el. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/**
 * swatch draws a legend symbol: a small SVG of the given shape and colour,
 * or a line; mid ({shape: 'diamond'|'circle', color, fill}) puts an
 * evidence mark at the middle of the line, as the canvas does.
 */
export function swatch({ shape, color, line, mid }) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '14');
  svg.setAttribute('viewBox', '0 0 16 14');
  svg.setAttribute('aria-hidden', 'true');
  let el;
  if (line) {
    el = document.createElementNS(ns, 'line');
    for (const [k, v] of Object.entries({ x1: 1, y1: 7, x2: 15, y2: 7, stroke: color, 'stroke-width': 3 })) el.setAttribute(k, v);
    if (line === 'dashed') el.setAttribute('stroke-dasharray', '3 2');
    if (line === 'dotted') el.setAttribute('stroke-dasharray', '1 2');
    if (mid) {
      const m = mid.shape === 'diamond' ? document.createElementNS(ns, 'polygon') : document.createElementNS(ns, 'circle');
      if (mid.shape === 'diamond') m.setAttribute('points', '8,2 13,7 8,12 3,7');
      else for (const [k, v] of Object.entries({ cx: 8, cy: 7, r: 3.5 })) m.setAttribute(k, v);
      const hollow = mid.fill === 'hollow';
      for (const [k, v] of Object.entries({ fill: hollow ? '#ffffff' : mid.color, stroke: mid.color, 'stroke-width': hollow ? 1.5 : 1 })) m.setAttribute(k, v);
      svg.append(el);
      el = m;
    }
  } else {
    const points = {
      diamond: '8,1 15,7 8,13 1,7',
      star: '8,1 10,5.5 15,5.5 11,8.5 12.5,13 8,10.5 3.5,13 5,8.5 1,5.5 6,5.5',
      hexagon: '4,1 12,1 15,7 12,13 4,13 1,7',
      'round-hexagon': '4,1 12,1 15,7 12,13 4,13 1,7',
      'round-pentagon': '8,1 15,6 12,13 4,13 1,6',
      'round-octagon': '5,1 11,1 15,5 15,9 11,13 5,13 1,9 1,5',
      'round-tag': '1,2 11,2 15,7 11,12 1,12',
    }[shape];
    if (points) {
      el = document.createElementNS(ns, 'polygon');
      el.setAttribute('points', points);
    } else if (shape === 'ellipse') {
      el = document.createElementNS(ns, 'circle');
      for (const [k, v] of Object.entries({ cx: 8, cy: 7, r: 6 })) el.setAttribute(k, v);
    } else {
      el = document.createElementNS(ns, 'rect');
      for (const [k, v] of Object.entries({ x: 1, y: 1, width: 14, height: 12, rx: shape === 'rectangle' ? 0 : 3 })) el.setAttribute(k, v);
    }
    el.setAttribute('fill', color);
  }
  svg.append(el);
  return svg;
}
