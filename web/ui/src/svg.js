// SVG export: Cytoscape's canvas renderer draws the graph into svgcanvas's
// Context, which records the 2D drawing calls as SVG elements. This is what
// the cytoscape-svg extension does; that package is GPL-3.0 and unmaintained,
// while svgcanvas (MIT) is maintained and this is a dozen lines over
// Cytoscape's own PNG export (bufferCanvasImage). It uses two internals of
// the renderer (drawElements, getCachedZSortedEles); the e2e test checks the
// result, so an upgrade that changes them fails loudly.

import { Context } from 'svgcanvas';

/**
 * toSvg returns the whole graph (every visible element) as an SVG document.
 * @param {import('cytoscape').Core} cy
 */
export function toSvg(cy, { scale = 1, bg = '#ffffff', padding = 20 } = {}) {
  const r = cy.renderer();
  const bb = cy.elements(':visible').boundingBox();
  const width = Math.ceil((bb.w + 2 * padding) * scale);
  const height = Math.ceil((bb.h + 2 * padding) * scale);
  const ctx = new Context({ width, height });
  const paths = r.path2dEnabled();
  // svgcanvas records calls on the context; Path2D objects would bypass it.
  r.path2dEnabled(false);
  cy.elements().forEach((e) => {
    e._private.rscratch.pathCacheKey = null;
    e._private.rscratch.pathCache = null;
  });
  try {
    if (bg) {
      ctx.fillStyle = bg;
      ctx.fillRect(0, 0, width, height);
    }
    ctx.translate((padding - bb.x1) * scale, (padding - bb.y1) * scale);
    ctx.scale(scale, scale);
    r.drawElements(ctx, r.getCachedZSortedEles());
  } finally {
    r.path2dEnabled(paths);
    cy.elements().forEach((e) => {
      e._private.rscratch.pathCacheKey = null;
      e._private.rscratch.pathCache = null;
    });
  }
  return ctx.getSerializedSvg(true);
}
