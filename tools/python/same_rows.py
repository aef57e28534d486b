"""Compare the rows of two `actorgraph query -json` results as sets of
facts: list cells of [name, value] pairs (a node's or relationship's
properties, whose order Neo4j does not fix) are compared as dicts, and
lists of labels as sets.

    python3 same_rows.py A.json B.json

Exits non-zero, printing the first difference, when they differ. Standard
library only: it runs before any virtualenv exists.
"""

import json
import sys


def norm(cell):
    if isinstance(cell, list) and all(isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) for x in cell):
        return tuple(sorted((k, json.dumps(v, sort_keys=True)) for k, v in cell))
    if isinstance(cell, list) and all(isinstance(x, str) for x in cell):
        return tuple(sorted(cell))
    return json.dumps(cell, sort_keys=True)


def rows(path):
    with open(path, encoding="utf-8") as f:
        res = json.load(f)
    if res["stats"]["truncated"]:
        sys.exit(f"{path}: the result was truncated")
    return res["columns"], sorted(tuple(norm(c) for c in row) for row in res["rows"])


def main(a, b):
    ca, ra = rows(a)
    cb, rb = rows(b)
    if ca != cb:
        sys.exit(f"columns differ: {ca} vs {cb}")
    if not ra:
        sys.exit(f"{a}: no rows")
    if ra != rb:
        for x, y in zip(ra, rb):
            if x != y:
                sys.exit(f"rows differ:\n  {a}: {x}\n  {b}: {y}")
        sys.exit(f"row counts differ: {len(ra)} vs {len(rb)}")
    print(f"same {len(ra)} rows")


if __name__ == "__main__":
    main(*sys.argv[1:])
