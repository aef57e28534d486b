"""Check actorgraph's network metrics against NetworkX.

Usage: check_metrics.py CASE.json...

Each CASE.json is {"name", "graph": {"nodes", "relationships"}, "filter":
{"labels": [...], "types": [...]}, "metrics": <GET /api/metrics answer>}.
The graph is what the service exports; the filter, when given, is applied
here, so that our selection is checked too. NetworkX then builds its own
graphs from the relationships and computes every number independently:

- degree, inDegree, outDegree: a MultiDiGraph (each relationship counts);
- neighbors, PageRank (alpha 0.85, weight = number of relationships
  between the pair) and normalised betweenness (unweighted): the simple
  undirected graph;
- communities: labels are arbitrary, so we compare modularity. NetworkX
  computes the modularity of our partition (it must equal the one we
  report), and runs its own Louvain with SEEDS seeds. Louvain is a greedy
  heuristic whose result depends on the node order, so there is no one
  right answer; our partition passes when its modularity is at least that
  of a typical NetworkX run (the median over SEEDS seeds) minus Q_TOL.

Prints one line per case and exits 1 if any check fails.
"""

import json
import statistics
import sys

import networkx as nx

PR_TOL = 1e-7  # both sides iterate to ~1e-9 or better; see below
BC_TOL = 1e-9  # exact algorithm (Brandes) on both sides: rounding only
Q_EXACT_TOL = 1e-9  # the same formula on the same partition
# Louvain's result varies with the node order: on the graphs we check,
# NetworkX's own runs over SEEDS seeds spread by 0.001 to 0.007 on the
# bigger graphs and by 0.13 on a small view of 18 nodes (printed as the nx
# range). We answer with the best of five seeded runs, so our partition
# should be at least as good as NetworkX's median run; Q_TOL (0.01, above
# the spread on the bigger graphs) leaves room for the two implementations
# breaking ties differently, and no more: a partition worse than a
# typical Louvain run (a lost restart, a wrong merge level, communities
# not matching the graph) fails.
SEEDS = 20
Q_TOL = 0.01


def select(graph, flt):
    labels = set(flt.get("labels") or [])
    types = set(flt.get("types") or [])
    nodes = [n for n in graph["nodes"] if not labels or labels & set(n["labels"])]
    keep = {n["id"] for n in nodes}
    rels = [
        r
        for r in graph["relationships"]
        if r["start"] in keep and r["end"] in keep and (not types or r["type"] in types)
    ]
    return nodes, rels


def check(case):
    errors = []
    nodes, rels = select(case["graph"], case.get("filter") or {})
    res = case["metrics"]
    ours = {n["id"]: n for n in res["nodes"]}
    if set(ours) != {n["id"] for n in nodes}:
        errors.append(f"node sets differ: {len(ours)} in metrics, {len(nodes)} in the graph")
        return errors, ""

    multi = nx.MultiDiGraph()
    multi.add_nodes_from(ours)
    multi.add_edges_from((r["start"], r["end"]) for r in rels)
    multi.remove_edges_from(list(nx.selfloop_edges(multi)))
    simple = nx.Graph()
    simple.add_nodes_from(ours)
    for u, v in multi.edges():
        w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
        simple.add_edge(u, v, weight=w + 1)
    if res["relationships"] != multi.number_of_edges():
        errors.append(f"relationships: ours {res['relationships']}, networkx {multi.number_of_edges()}")

    for nid, m in ours.items():
        for field, want in (
            ("degree", multi.degree(nid)),
            ("inDegree", multi.in_degree(nid)),
            ("outDegree", multi.out_degree(nid)),
            ("neighbors", simple.degree(nid)),
        ):
            if m[field] != want:
                errors.append(f"{m['key']}: {field} ours {m[field]}, networkx {want}")

    # NetworkX's default tol (1e-6 per node, L1) is looser than ours;
    # ask it for more so that a difference is ours, not its.
    pr = nx.pagerank(simple, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000) if len(simple) else {}
    bc = nx.betweenness_centrality(simple, normalized=True)
    pr_diff = max((abs(ours[n]["pageRank"] - pr[n]) for n in ours), default=0.0)
    bc_diff = max((abs(ours[n]["betweenness"] - bc[n]) for n in ours), default=0.0)
    if pr_diff > PR_TOL:
        errors.append(f"PageRank differs by up to {pr_diff:.3g} (tolerance {PR_TOL})")
    if bc_diff > BC_TOL:
        errors.append(f"betweenness differs by up to {bc_diff:.3g} (tolerance {BC_TOL})")

    groups = {}
    for nid, m in ours.items():
        groups.setdefault(m["community"], set()).add(nid)
    sizes = {c["id"]: c["size"] for c in res["communities"]}
    if sizes != {c: len(g) for c, g in groups.items()}:
        errors.append("the communities list does not match the nodes' community ids")
    line = f"{case['name']}: {len(ours)} nodes, {multi.number_of_edges()} relationships; max |ΔPageRank| {pr_diff:.2g}, max |Δbetweenness| {bc_diff:.2g}"
    if simple.number_of_edges() == 0:
        if res["modularity"] != 0:
            errors.append(f"modularity {res['modularity']} on a graph without relationships")
        return errors, line
    q_ours = nx.community.modularity(simple, groups.values(), weight="weight")
    if abs(q_ours - res["modularity"]) > Q_EXACT_TOL:
        errors.append(f"reported modularity {res['modularity']}, networkx computes {q_ours} for the same partition")
    qs = [
        nx.community.modularity(simple, nx.community.louvain_communities(simple, weight="weight", seed=s), weight="weight")
        for s in range(SEEDS)
    ]
    median = statistics.median(qs)
    if q_ours < median - Q_TOL:
        errors.append(f"modularity {q_ours:.4f} is below networkx's median Louvain run ({median:.4f}, range {min(qs):.4f}..{max(qs):.4f}) by more than {Q_TOL}")
    line += f"; modularity ours {q_ours:.4f} ({len(groups)} communities), networkx louvain {min(qs):.4f}..{max(qs):.4f} (median {median:.4f})"
    return errors, line


def main(paths):
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        errors, line = check(case)
        print(("FAIL " if errors else "ok   ") + line if line else f"FAIL {case['name']}")
        for e in errors[:20]:
            print("     " + e)
        failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
