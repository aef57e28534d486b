// Conversion from the API's nodes and relationships to Cytoscape element
// definitions, and the visibility rules (show-only filters, time range,
// hidden set) that decide which elements the canvas shows.

import { kindOf, polarityOf } from './style.js';
import { nodeName } from './format.js';
import { relInRange } from './dates.js';
import { passGrades, weakEvidence } from './grades.js';

/** nodeElement returns the Cytoscape definition of an API node. */
export function nodeElement(node) {
  return {
    group: 'nodes',
    data: { id: node.id, key: node.key ?? '', name: nodeName(node), kind: kindOf(node.labels), labels: node.labels ?? [] },
  };
}

/** edgeElement returns the Cytoscape definition of an API relationship. */
export function edgeElement(rel, typePolarity) {
  return {
    group: 'edges',
    data: { id: rel.id, source: rel.start, target: rel.end, type: rel.type, polarity: polarityOf(rel, typePolarity), weak: weakEvidence(rel) ? 1 : 0 },
  };
}

/**
 * graphElements converts a {nodes, relationships} document into element
 * definitions, dropping relationships whose ends are missing (Cytoscape
 * refuses dangling edges) and duplicates.
 */
export function graphElements(g, typePolarity) {
  const nodes = new Map();
  for (const n of g?.nodes ?? []) if (n && n.id && !nodes.has(n.id)) nodes.set(n.id, nodeElement(n));
  const edges = new Map();
  for (const r of g?.relationships ?? []) {
    if (!r || !r.id || edges.has(r.id)) continue;
    if (!nodes.has(r.start) || !nodes.has(r.end)) continue;
    edges.set(r.id, edgeElement(r, typePolarity));
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/**
 * nodeVisible reports whether a node passes the show-only label filter
 * (empty means every label) and is not hidden by the user.
 */
export function nodeVisible(node, { labels = [], hidden = new Set() } = {}) {
  if (hidden.has(node.id)) return false;
  if (!labels.length) return true;
  return (node.labels ?? []).some((l) => labels.includes(l));
}

/**
 * relVisible reports whether a relationship passes the type filter, the
 * evidence grade thresholds (minReliability A–E, minCredibility 1–5; see
 * grades.js) and the time range ({from, to}; an as-of date is a range of
 * one date). Its ends' visibility is checked by the caller.
 */
export function relVisible(rel, { types = [], time, minReliability = '', minCredibility = '' } = {}) {
  if (types.length && !types.includes(rel.type)) return false;
  if (!passGrades(rel, { minReliability, minCredibility })) return false;
  return relInRange(rel, time);
}

/** isExportDocument reports whether v looks like an actorgraph/v1 export. */
export function isExportDocument(v) {
  return !!v && typeof v === 'object' && typeof v.format === 'string' && v.format.startsWith('actorgraph/') && Array.isArray(v.nodes) && Array.isArray(v.relationships);
}
