// SVG export: Cytoscape's canvas renderer draws the graph into svgcanvas's
// Context, which records the 2D drawing calls as SVG elements. This is what
// the cytoscape-svg extension does; that package is GPL-3.0 and unmaintained,
// while svgcanvas (MIT) is maintained and this is a dozen lines over
// Cytoscape's own PNG export (bufferCanvasImage). It uses two internals of
// the renderer (drawElements, getCachedZSortedEles); the e2e test checks the
// result, so an upgrade that changes them fails loudly.

import { Context } from 'svgcanvas';
import { marksSvg, withMarks } from './marksvg.js';

/**
 * SvgContext is svgcanvas's Context minus one console error: Cytoscape
 * fills or strokes right after drawing a label, without beginning a path,
 * and svgcanvas then logs that it cannot apply a path to a text element
 * (and does nothing else). Skipping that case keeps the console clean and
 * the output the same.
 */
class SvgContext extends Context {
  __applyCurrentDefaultPath() {
    if (this.__currentElement.nodeName === 'path') super.__applyCurrentDefaultPath();
  }
}

/**
 * withCssomStyles runs fn while the page's document.createElement makes
 * elements whose setAttribute('style', ...) goes through the CSSOM instead.
 * svgcanvas parses a text's font by writing it into a span's style
 * attribute, which the page's CSP (style-src 'self') refuses, leaving every
 * label without its font; the CSSOM is allowed and parses alike. fn is
 * synchronous, so nothing else runs while the patch is in place.
 */
function withCssomStyles(fn) {
  const create = document.createElement;
  document.createElement = function (name, options) {
    const el = create.call(document, name, options);
    el.setAttribute = (k, v) => (k === 'style' ? (el.style.cssText = v) : Element.prototype.setAttribute.call(el, k, v));
    return el;
  };
  try {
    return fn();
  } finally {
    document.createElement = create;
  }
}

/**
 * toSvg returns the whole graph (every visible element) as an SVG document.
 * Cytoscape draws the evidence marks as the canvas shows them (badge,
 * italic label, shape at the middle) as anonymous paths and text; marks
 * adds, under that drawing, an element of its own per marked visible edge
 * (data field evidence) that says so (marksvg.js); false when the view
 * hides the marks (the stylesheet then draws none either). bg is a
 * rectangle under everything.
 * @param {import('cytoscape').Core} cy
 */
export function toSvg(cy, { scale = 1, bg = '#ffffff', padding = 20, marks = true } = {}) {
  const r = cy.renderer();
  const bb = cy.elements(':visible').boundingBox();
  const width = Math.ceil((bb.w + 2 * padding) * scale);
  const height = Math.ceil((bb.h + 2 * padding) * scale);
  const ctx = new SvgContext({ width, height, ctx: document.createElement('canvas').getContext('2d') });
  const paths = r.path2dEnabled();
  // svgcanvas records calls on the context; Path2D objects would bypass it.
  r.path2dEnabled(false);
  cy.elements().forEach((e) => {
    e._private.rscratch.pathCacheKey = null;
    e._private.rscratch.pathCache = null;
  });
  try {
    ctx.translate((padding - bb.x1) * scale, (padding - bb.y1) * scale);
    ctx.scale(scale, scale);
    withCssomStyles(() => r.drawElements(ctx, r.getCachedZSortedEles()));
  } finally {
    r.path2dEnabled(paths);
    cy.elements().forEach((e) => {
      e._private.rscratch.pathCacheKey = null;
      e._private.rscratch.pathCache = null;
    });
  }
  const items = marks
    ? cy
        .edges(':visible')
        .filter((e) => e.data('evidence'))
        .map((e) => ({ id: e.id(), type: e.data('type'), mark: e.data('evidence'), ...e.midpoint() }))
    : [];
  return withMarks(ctx.getSerializedSvg(true), marksSvg(items, { dx: padding - bb.x1, dy: padding - bb.y1, scale }), { bg });
}
