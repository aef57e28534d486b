"""Read actorgraph's exports with the libraries their users run.

    python check_formats.py ftm FILE
    python check_formats.py gexf FILE.gexf FILE.graphml
    python check_formats.py stix FILE

Each command exits non-zero, naming what is wrong, when the library
refuses the file or reads something other than what was written. It checks
nothing by hand that the library can check: the checks here are that the
library's reading equals our writing.
"""

import json
import sys


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check_ftm(path):
    from followthemoney import model
    from followthemoney.types import registry
    from followthemoney.proxy import EntityProxy

    with open(path, encoding="utf-8") as f:
        entities = [json.loads(line) for line in f if line.strip()]
    schemata = {e["id"]: e["schema"] for e in entities}
    if len(schemata) != len(entities):
        fail("entity ids are not unique")
    for e in entities:
        schema = model.get(e["schema"])
        where = f"{e['schema']} {e['id']}"
        if schema is None:
            fail(f"{where}: no such schema")
        if schema.abstract:
            fail(f"{where}: schema is abstract")
        schema.validate(e)  # raises InvalidData: required properties, value types
        for name in schema.required:
            if not e["properties"].get(name):
                fail(f"{where}: required property {name} missing")
        for name, values in e["properties"].items():
            prop = schema.get(name)
            if prop is None:
                fail(f"{where}: {schema.name} has no property {name}")
            for v in values:
                if not prop.type.validate(v):
                    fail(f"{where}: {name} value {v!r} is not a valid {prop.type.name}")
                if prop.type == registry.entity:
                    if v not in schemata:
                        # proof may name a document left out of a partial export
                        if name != "proof":
                            fail(f"{where}: {name} refers to {v!r}, not in the file")
                        continue
                    target = model.get(schemata[v])
                    if not target.is_a(prop.range):
                        fail(f"{where}: {name} is a {target.name}, not a {prop.range.name}")
        # The library's own reading, cleaning every value, keeps them all.
        proxy = EntityProxy.from_dict(e, cleaned=False)
        got = {k: sorted(v) for k, v in proxy.to_dict()["properties"].items()}
        want = {k: sorted(v) for k, v in e["properties"].items()}
        if got != want:
            fail(f"{where}: followthemoney reads {got}, we wrote {want}")
    edges = sum(1 for e in entities if model.get(e["schema"]).edge)
    print(f"ftm ok: {len(entities) - edges} things, {edges} intervals, every one valid for its schema")


def check_gexf(gexf_path, graphml_path):
    import networkx as nx

    gx = nx.read_gexf(gexf_path, version="1.3")
    gm = nx.read_graphml(graphml_path)
    if gx.number_of_nodes() != gm.number_of_nodes():
        fail(f"GEXF has {gx.number_of_nodes()} nodes, GraphML {gm.number_of_nodes()}")
    if gx.number_of_edges() != gm.number_of_edges():
        fail(f"GEXF has {gx.number_of_edges()} edges, GraphML {gm.number_of_edges()}")
    for n, attrs in gm.nodes(data=True):
        if n not in gx.nodes:
            fail(f"node {n} is in GraphML, not in GEXF")
        got = {k: v for k, v in gx.nodes[n].items() if k not in ("label", "spells")}
        if got != attrs:
            fail(f"node {n}: GEXF attributes {got} != GraphML {attrs}")
        if gx.nodes[n]["label"] != attrs.get("name", attrs["key"]):
            fail(f"node {n}: label {gx.nodes[n]['label']!r} is not its name")

    def by_id(g):
        out = {}
        # Both readers key a multigraph's edges by the file's edge id, and
        # keep it as the attribute id in a simple graph.
        if g.is_multigraph():
            for u, v, k, d in g.edges(keys=True, data=True):
                out[k] = (u, v, d)
        else:
            for u, v, d in g.edges(data=True):
                out[d["id"]] = (u, v, d)
        return out

    ex, em = by_id(gx), by_id(gm)
    if set(ex) != set(em):
        fail("edge ids differ between GEXF and GraphML")
    spells = 0
    for i, (u, v, d) in em.items():
        gu, gv, gd = ex[i]
        if (gu, gv) != (u, v):
            fail(f"edge {i}: ends differ")
        got = {k: x for k, x in gd.items() if k not in ("label", "spells", "id")}
        want = {k: x for k, x in d.items() if k != "id"}
        if got != want:
            fail(f"edge {i}: GEXF attributes {got} != GraphML {want}")
        if gd["label"] != d["type"]:
            fail(f"edge {i}: label {gd['label']!r} is not its type")
        # since/until become the spell Gephi's timeline plays.
        if "since" in d or "until" in d:
            if "spells" not in gd or len(gd["spells"]) != 1:
                fail(f"edge {i} has since/until but no spell")
            start, end = gd["spells"][0]
            if "since" in d and not start.startswith(str(d["since"])):
                fail(f"edge {i}: spell starts {start}, since is {d['since']}")
            if "until" in d and not end.startswith(str(d["until"])):
                fail(f"edge {i}: spell ends {end}, until is {d['until']}")
            spells += 1
        elif "spells" in gd:
            fail(f"edge {i} has a spell but no since/until")
    print(f"gexf ok: {gx.number_of_nodes()} nodes, {gx.number_of_edges()} edges ({spells} with spells), attributes equal to GraphML's")


def check_stix(path):
    import stix2

    with open(path, encoding="utf-8") as f:
        text = f.read()
    bundle = stix2.parse(text, allow_custom=False)
    objs = bundle.objects
    ids = {o.id for o in objs}
    if len(ids) != len(objs):
        fail("object ids are not unique")
    for o in objs:
        refs = []
        if o.type == "relationship":
            refs = [o.source_ref, o.target_ref]
        elif o.type == "report":
            refs = list(o.object_refs)
        for r in refs:
            if r not in ids:
                fail(f"{o.id} refers to {r}, not in the bundle")
    counts = {}
    for o in objs:
        counts[o.type] = counts.get(o.type, 0) + 1
    print("stix ok: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))


def main(argv):
    if len(argv) < 2:
        fail(__doc__)
    cmd, args = argv[1], argv[2:]
    {"ftm": check_ftm, "gexf": check_gexf, "stix": check_stix}[cmd](*args)


if __name__ == "__main__":
    main(sys.argv)
