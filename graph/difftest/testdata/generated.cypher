## Queries over the generated graph: gen.PreferentialAttachment(2000,
## 8000, seed 20151); keys n0 … n1999, labels Actor plus one of Person,
## Organization, Company, PublicBody, Group, Country; relationships of
## eight types, a tenth with since and some with until. Hubs are the low
## keys. Format: see doc.go.

# name: gen-count-nodes-by-label
# ordered
MATCH (n) UNWIND labels(n) AS l WITH l WHERE l <> '_Node' RETURN l AS label, count(*) AS n ORDER BY label
;;
# name: gen-count-rels-by-type
# ordered
# bench
MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t
;;
# name: gen-node-by-key
# bench
MATCH (n:Actor {key: 'n42'}) RETURN n.name, n.aliases
;;
# name: gen-node-by-key-param
# params: {"key": "n1500"}
MATCH (n {key: $key}) RETURN n
;;
# name: gen-name-prefix
# bench
MATCH (n:Actor) WHERE n.name STARTS WITH 'Ba' RETURN n.key, n.name
;;
# name: gen-name-contains-case-insensitive
MATCH (n:Person) WHERE toLower(n.name) CONTAINS 'shou' RETURN n.key
;;
# name: gen-name-regex
MATCH (n:Company) WHERE n.name =~ '[KT]r[aeiou].*n' RETURN n.key, n.name
;;
# name: gen-alias-lookup
MATCH (n) WHERE any(a IN n.aliases WHERE a STARTS WITH 'Ch') RETURN n.key, n.aliases
;;
# name: gen-degree-top-20
# ordered
# bench
MATCH (n)-[r]-() RETURN n.key AS key, count(r) AS degree ORDER BY degree DESC, key LIMIT 20
;;
# name: gen-out-degree-histogram
# ordered
MATCH (n) OPTIONAL MATCH (n)-[r]->() WITH n, count(r) AS out RETURN out, count(*) AS nodes ORDER BY out
;;
# name: gen-in-degree-by-label
# ordered
MATCH (n:Actor)<-[r]-() WITH [l IN labels(n) WHERE l <> 'Actor' AND l <> '_Node'][0] AS kind, count(r) AS inRels RETURN kind, inRels ORDER BY kind
;;
# name: gen-neighbours-of-hub
# bench
MATCH (a {key: 'n0'})-[r]-(b) RETURN type(r), b.key
;;
# name: gen-two-hop-count
# bench
MATCH (a {key: 'n7'})-[]-()-[]-(c) RETURN count(*) AS walks, count(DISTINCT c) AS reached
;;
# name: gen-two-hop-typed-directed
# bench
MATCH (a:Person)-[:COOPERATES_WITH]->(b)-[:SUPPLIES]->(c:Company) RETURN a.key, b.key, c.key
;;
# name: gen-two-hop-friends-of-friends
# ordered
# bench
MATCH (a {key: 'n150'})-[:COOPERATES_WITH|AFFILIATED_WITH]-(b)-[:COOPERATES_WITH|AFFILIATED_WITH]-(c) WHERE c <> a AND NOT (a)--(c) RETURN c.key AS key, count(DISTINCT b) AS via ORDER BY via DESC, key LIMIT 25
;;
# name: gen-triangle-count
MATCH (a {key: 'n3'})--(b)--(c)--(a) WHERE b.key < c.key RETURN count(*) AS triangles
;;
# name: gen-var-length-1-3-directed
MATCH (a {key: 'n1999'})-[*1..3]->(b) RETURN count(DISTINCT b) AS reached
;;
# name: gen-var-length-typed
MATCH p = (a {key: 'n1200'})-[:MEMBER_OF|RIVALS*1..4]-(b:Country) RETURN b.key, min(length(p)) AS hops
;;
# name: gen-var-length-exact-2-undirected
MATCH (a {key: 'n999'})-[*2]-(b) RETURN b.key AS key, count(*) AS ways
;;
# name: gen-shortest-path
# bench
MATCH p = shortestPath((a {key: 'n1998'})-[*..8]-(b {key: 'n1997'})) RETURN length(p) AS len
;;
# name: gen-shortest-path-directed
MATCH p = shortestPath((a {key: 'n1500'})-[*..10]->(b {key: 'n0'})) RETURN length(p) AS len
;;
# name: gen-all-shortest-paths-count
MATCH p = allShortestPaths((a {key: 'n1234'})-[*..8]-(b {key: 'n1777'})) RETURN count(p) AS paths, min(length(p)) AS len
;;
# name: gen-shortest-path-typed
MATCH p = shortestPath((a {key: 'n500'})-[:RIVALS|SPIES_ON*..8]-(b {key: 'n1'})) RETURN length(p) AS len
;;
# name: gen-optional-match
# ordered
MATCH (n:Country) OPTIONAL MATCH (n)-[r:SPIES_ON]->(m:Country) RETURN n.key AS k, m.key AS spied ORDER BY k, spied
;;
# name: gen-dated-relationships
MATCH (a)-[r]->(b) WHERE r.since >= '2015' RETURN r.since AS since, count(*) AS n
;;
# name: gen-dated-until
# ordered
MATCH (a)-[r]->(b) WHERE r.until IS NOT NULL AND r.since < '1995' RETURN a.key AS a, type(r) AS t, b.key AS b, r.since AS s, r.until AS u ORDER BY s, u, a, b, t
;;
# name: gen-held-on-date
MATCH ()-[r]->() WHERE r.since <= '2000' AND (r.until IS NULL OR r.until >= '2000') RETURN count(r) AS held
;;
# name: gen-collect-neighbour-keys
# lists: unordered
MATCH (a {key: 'n12'})-->(b) RETURN collect(b.key) AS out
;;
# name: gen-collect-by-type
# lists: unordered
MATCH (a {key: 'n1'})-[r]-(b) RETURN type(r) AS t, collect(b.key) AS keys, count(*) AS n
;;
# name: gen-with-filter-aggregate
# ordered
MATCH (n:PublicBody)-[r]->() WITH n, count(r) AS out WHERE out > 8 RETURN n.key AS key, out ORDER BY out DESC, key
;;
# name: gen-avg-degree-per-label
# ordered
MATCH (n) WITH n, COUNT { (n)--() } AS d UNWIND labels(n) AS l WITH l, d WHERE l <> '_Node' RETURN l, avg(d) AS avgDegree, max(d) AS maxDegree ORDER BY l
;;
# name: gen-avg-degree-per-label-no-subquery
# ordered
MATCH (n) OPTIONAL MATCH (n)-[r]-() WITH n, count(r) AS d UNWIND labels(n) AS l WITH l, d WHERE l <> '_Node' RETURN l, avg(d) AS avgDegree, max(d) AS maxDegree, sum(d) AS total ORDER BY l
;;
# name: gen-isolated-or-leaf
MATCH (n) WHERE size([(n)--() | 1]) = 1 RETURN count(n) AS leaves
;;
# name: gen-mutual-relationships
MATCH (a)-[r1]->(b)-[r2]->(a) WHERE a.key < b.key RETURN a.key, b.key, type(r1), type(r2)
;;
# name: gen-self-loops
MATCH (a)-[r]->(a) RETURN a.key, type(r)
;;
# name: gen-order-skip-limit
# ordered
# bench
MATCH (n:Organization) RETURN n.key AS key, n.name AS name ORDER BY name, key SKIP 100 LIMIT 15
;;
# name: gen-distinct-names-count
MATCH (n) RETURN count(DISTINCT n.name) AS names, count(n) AS nodes
;;
# name: gen-shared-first-words
# ordered
# lists: unordered
MATCH (n) WITH split(n.name, ' ')[0] AS word, collect(n.key) AS keys WHERE size(keys) > 1 RETURN word, keys ORDER BY word
;;
# name: gen-union
MATCH (n {key: 'n10'})-->(m) RETURN m.key AS key UNION MATCH (n {key: 'n11'})-->(m) RETURN m.key AS key
;;
# name: gen-unwind-param-keys
# params: {"keys": ["n5", "n50", "n500", "n5000"]}
UNWIND $keys AS k OPTIONAL MATCH (n {key: k}) RETURN k, n.name AS name
;;
# name: gen-pattern-comprehension-sizes
# ordered
MATCH (n) WHERE n.key IN ['n0', 'n1', 'n2', 'n3'] RETURN n.key AS key, size([(n)-->(m) | m]) AS out, size([(n)<--(m) | m]) AS in ORDER BY key
;;
# name: gen-case-buckets
# ordered
MATCH (n)-[r]-() WITH n, count(r) AS d RETURN CASE WHEN d >= 100 THEN 'hub' WHEN d >= 10 THEN 'mid' ELSE 'leaf' END AS bucket, count(*) AS n ORDER BY bucket
;;
# name: gen-exists-subquery
MATCH (n:Country) WHERE EXISTS { (n)-[:SPIES_ON]->(:Country) } RETURN n.key
;;
# name: gen-not-pattern
MATCH (n:Group) WHERE NOT (n)-->() RETURN count(n) AS onlyIncoming
;;
# name: gen-path-nodes-relationships
MATCH p = (a {key: 'n1800'})-[*2]->(c) RETURN [x IN nodes(p) | x.key] AS keys, [r IN relationships(p) | type(r)] AS types
;;
# name: gen-return-nodes-and-rels
MATCH (a {key: 'n77'})-[r]-(b) RETURN a, r, b
;;
# name: gen-string-functions
# ordered
MATCH (n) WHERE n.key IN ['n100', 'n101', 'n102'] RETURN n.key AS key, toUpper(n.name) AS up, size(n.name) AS len, split(n.name, ' ') AS words, substring(n.name, 1, 3) AS sub, left(n.key, 2) AS l ORDER BY key
;;
# name: gen-qpp-plus
MATCH (a {key: 'n1900'}) (()-[]->()){1,3} (b) RETURN b.key AS key, count(*) AS ways
;;
# name: gen-years-stats
MATCH ()-[r]->() WHERE r.since IS NOT NULL WITH toInteger(r.since) AS y RETURN min(y) AS first, max(y) AS last, avg(y) AS mean, stDev(y) AS sd, percentileDisc(y, 0.5) AS median, count(*) AS n
;;
# name: gen-duration-years
# ordered
MATCH (a)-[r]->(b) WHERE r.until IS NOT NULL WITH a, b, r, toInteger(left(r.until, 4)) - toInteger(r.since) AS years RETURN years, count(*) AS n ORDER BY years
;;
# name: gen-label-pairs
# ordered
MATCH (a)-[r:SPIES_ON]->(b) WITH [l IN labels(a) WHERE l <> 'Actor' AND l <> '_Node'][0] AS from, [l IN labels(b) WHERE l <> 'Actor' AND l <> '_Node'][0] AS to RETURN from, to, count(*) AS n ORDER BY from, to
;;
# name: gen-hub-neighbour-labels
# ordered
MATCH (a {key: 'n0'})--(b) UNWIND labels(b) AS l WITH l WHERE l <> '_Node' RETURN l, count(*) AS n ORDER BY l
;;
# name: gen-common-neighbours
# ordered
MATCH (a {key: 'n0'})--(x)--(b) WHERE b.key IN ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'] AND b <> a RETURN b.key AS key, count(DISTINCT x) AS shared, count(*) AS ways ORDER BY key
;;
# name: gen-jaccard-like
# ordered
MATCH (a {key: 'n20'})--(x) WITH a, collect(DISTINCT x) AS na MATCH (b:Country)--(y) WHERE b <> a WITH na, b, collect(DISTINCT y) AS nb RETURN b.key AS key, size([n IN na WHERE n IN nb]) AS shared, size(nb) AS deg ORDER BY shared DESC, key LIMIT 10
;;
# name: gen-reachable-within-3
MATCH (a {key: 'n1650'})-[*..3]-(b) RETURN count(DISTINCT b) AS reached
;;
# name: gen-paths-with-rel-filter
MATCH p = (a {key: 'n321'})-[rs*1..3]->(b) WHERE all(r IN rs WHERE r.since IS NULL) RETURN length(p) AS len, count(*) AS n
;;
# name: gen-name-word-counts
# ordered
MATCH (n) RETURN size(split(n.name, ' ')) AS words, count(*) AS n ORDER BY words
;;
# name: gen-alias-unwind
# ordered
MATCH (n) UNWIND n.aliases AS a RETURN left(a, 1) AS initial, count(*) AS n ORDER BY initial
;;
# name: gen-optional-chain
MATCH (n:Country) WHERE n.key STARTS WITH 'n1' OPTIONAL MATCH (n)-[:MEMBER_OF]->(o)-[:MEMBER_OF]->(p) RETURN n.key, o.key, p.key
;;
## Temporal: since is a year ('1995'), until a month ('1997-03').
# name: gen-temporal-since-by-decade
# ordered
MATCH ()-[r]->() WHERE r.since IS NOT NULL RETURN date.truncate('decade', date(r.since)) AS decade, count(*) AS n ORDER BY decade
;;
# name: gen-temporal-held-on
MATCH ()-[r]->() WHERE date(r.since) <= date('2000-06-01') AND (r.until IS NULL OR date(r.until) >= date('2000-06-01')) RETURN count(r) AS held
;;
# name: gen-temporal-string-against-date
## Null on both stores: a string never compares with a date.
MATCH ()-[r]->() WHERE r.since < date('2000') RETURN count(r) AS n
;;
# name: gen-temporal-tenure-years
# ordered
MATCH ()-[r]->() WHERE r.until IS NOT NULL WITH duration.between(date(r.since), date(r.until)) AS d RETURN d.years AS years, count(*) AS n, min(d) AS shortest, max(d) AS longest ORDER BY years
;;
# name: gen-temporal-longest-ties
# ordered
MATCH (a)-[r]->(b) WHERE r.until IS NOT NULL RETURN a.key AS a, type(r) AS t, b.key AS b, duration.inMonths(date(r.since), date(r.until)).months AS months ORDER BY months DESC, a, b, t LIMIT 10
;;
# name: gen-temporal-active-years
# ordered
UNWIND range(1990, 2020, 5) AS y WITH date({year: y}) AS d MATCH ()-[r]->() WHERE date(r.since) <= d AND (r.until IS NULL OR date(r.until) >= d) RETURN d.year AS year, count(r) AS active ORDER BY year
;;
## Counts the store answers from its statistics, and degrees from its
## adjacency offsets (see graph/cypher/rewrite.go): each form against Neo4j.
# name: gen-count-all-nodes
MATCH (n) RETURN count(n) AS nodes, count(*) AS rows
;;
# name: gen-count-label
MATCH (n:Company) RETURN count(*) AS companies
;;
# name: gen-count-missing-label
MATCH (n:Nothing) RETURN count(n) AS n
;;
# name: gen-count-rels-total
MATCH ()-[r]->() RETURN count(r) AS rels
;;
# name: gen-count-rels-typed
MATCH ()-[r:SPIES_ON|RIVALS]->() RETURN count(*) AS n
;;
# name: gen-count-rels-by-type-typed
# ordered
MATCH (a)<-[r:SPIES_ON|RIVALS]-(b) RETURN type(r) AS t, count(a) AS n ORDER BY n DESC, t
;;
# name: gen-count-rels-by-type-skip-where
# ordered
MATCH ()-[r]->() WITH type(r) AS t, count(*) AS n WHERE n > 1000 RETURN t, n ORDER BY t
;;
# name: gen-count-rels-undirected
MATCH ()-[r]-() RETURN count(r) AS twice
;;
# name: gen-degree-out-by-label
# ordered
MATCH (n:Country)-[r]->() RETURN n.key AS key, count(r) AS out ORDER BY out DESC, key LIMIT 10
;;
# name: gen-degree-in-typed
# ordered
MATCH (n)<-[:SPIES_ON]-(m) RETURN n.key AS key, count(m) AS spied ORDER BY spied DESC, key LIMIT 10
;;
# name: gen-degree-filtered
# ordered
MATCH (n)-[r]-() WHERE n.name STARTS WITH 'Ka' RETURN n.key AS key, count(*) AS d ORDER BY d DESC, key LIMIT 10
;;
# name: gen-degree-histogram
# ordered
MATCH (n:Person)-[r]-() WITH n, count(r) AS d RETURN d, count(*) AS people ORDER BY d LIMIT 15
;;
# name: gen-degree-count-subquery
# ordered
MATCH (n:Group) RETURN n.key AS key, COUNT { (n)--() } AS d, COUNT { (n)-[:MEMBER_OF]->() } AS memberOf, COUNT { (n)<--() } AS inbound ORDER BY d DESC, key LIMIT 10
;;
# name: gen-degree-exists-subquery
MATCH (n:Country) WHERE NOT EXISTS { (n)<-[:SPIES_ON]-() } RETURN count(n) AS unspied
;;
# name: gen-degree-self-loops
# ordered
MATCH (a)-[r]->(a) WITH a MATCH (a)-[r]-() RETURN a.key AS key, count(r) AS d, COUNT { (a)--() } AS d2 ORDER BY key LIMIT 10
;;
# name: gen-name-prefix-seek
# ordered
MATCH (n:Company) WHERE n.name STARTS WITH 'Tra' RETURN n.key AS key ORDER BY key
;;
# name: gen-key-equality-in-where
MATCH (n) WHERE n.key = 'n777' RETURN n.name
;;
# name: gen-shortest-path-key-where
MATCH (a), (b) WHERE a.key = 'n1990' AND b.key = 'n3' MATCH p = shortestPath((a)-[*..8]-(b)) RETURN length(p) AS len
