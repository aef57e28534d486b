## Queries over the article graph (seeds/*.yaml), of the kind an analyst
## types into Neo4j Browser. Format: see doc.go. Keep ORDER BY total
## (break ties on a key or id) wherever "# ordered" is set.

# name: count-all-nodes
MATCH (n) RETURN count(n) AS nodes
;;
# name: count-all-relationships
MATCH ()-[r]->() RETURN count(r) AS rels
;;
# name: countries-by-name
# ordered
MATCH (c:Country) RETURN c.name AS name, c.country AS code ORDER BY name
;;
# name: node-by-key-property-map
MATCH (n {key: 'china'}) RETURN n.name, n.country, n.aliases
;;
# name: node-by-key-where
MATCH (n) WHERE n.key = 'united-states' RETURN n
;;
# name: label-and-property
MATCH (p:Person {name: 'Greg Austin'}) RETURN p.key AS key, p.description IS NOT NULL AS described
;;
# name: two-labels
MATCH (n:Actor:Country) RETURN n.key ORDER BY n.key
# ordered
;;
# name: label-disjunction
# known: rows internal-label
MATCH (n) WHERE n:Person OR n:Company RETURN n.key AS key, labels(n) AS labels ORDER BY key
# ordered
# lists: unordered
;;
# name: label-expression-or
MATCH (n:Person|Company) RETURN count(*) AS c
;;
# name: label-expression-not
MATCH (n:Actor&!Country) RETURN count(*) AS c
;;
# name: labels-of-node
# known: rows internal-label
# lists: unordered
MATCH (n {key: 'nsa'}) RETURN labels(n) AS labels
;;
# name: outgoing-from-china
MATCH (:Country {key: 'china'})-[r]->(m) RETURN type(r) AS type, m.key AS target
;;
# name: incoming-to-china
MATCH (m)-[r]->(:Country {key: 'china'}) RETURN type(r) AS type, m.key AS source
;;
# name: undirected-around-russia
MATCH (:Country {key: 'russia'})-[r]-(m) RETURN type(r), m.key, startNode(r).key AS from
;;
# name: type-alternation
MATCH (a)-[r:SPIES_ON|ATTACKS|TARGETED]->(b) RETURN a.key, type(r), b.key
;;
# name: type-alternation-old-colon
MATCH (a)-[r:SPIES_ON|:THREATENS]->(b:Country) RETURN a.key, type(r), b.key
;;
# name: relationship-property-filter
MATCH (a)-[r:CRITICIZES]->(b) WHERE r.confidence >= 0.8 RETURN a.key, b.key, r.locator ORDER BY r.locator, b.key, a.key
# ordered
;;
# name: relationship-inline-props
MATCH (a)-[r {polarity: 'cooperation'}]->(b) RETURN a.key, b.key, r.claim
;;
# name: whole-relationship
MATCH (:Person {key: 'barack-obama'})-[r:LEADS]->(o) RETURN r, o
;;
# name: relationship-properties-map
MATCH ()-[r:LEADS]->() RETURN properties(r) AS p
;;
# name: node-properties-map
# known: rows internal-properties
MATCH (n {key: 'soviet-union'}) RETURN properties(n) AS p
;;
# name: node-keys
# known: rows internal-properties
# lists: unordered
MATCH (n {key: 'opm'}) RETURN keys(n) AS k
;;
# name: relationship-keys
# lists: unordered
MATCH (:Person {key: 'barack-obama'})-[r]->() RETURN keys(r) AS k
;;
# name: start-end-node
MATCH ()-[r:MEDIATES]->() RETURN startNode(r).key AS s, endNode(r).key AS e, r.until AS until
;;
# name: two-hop-outgoing
MATCH (a:Person {key: 'greg-austin'})-->()-->(c) RETURN c.key AS key, count(*) AS ways ORDER BY ways DESC, key
# ordered
;;
# name: two-hop-undirected-distinct
MATCH (a {key: 'japan'})--()--(c) WHERE c <> a RETURN DISTINCT c.key
;;
# name: var-length-1-2
MATCH (a {key: 'opm'})-[*1..2]->(b) RETURN DISTINCT b.key
;;
# name: var-length-exact-2
MATCH p = (a {key: 'mandiant'})-[*2]->(b) RETURN b.key, length(p)
;;
# name: var-length-typed-upper
MATCH (a)-[:PART_OF*..3]->(b {key: 'united-states'}) RETURN a.key, count(*) AS paths
;;
# name: var-length-undirected-bounded
MATCH (a {key: 'polity'})-[*1..3]-(b:Country) RETURN b.key, count(*) AS walks
;;
# name: var-length-zero
MATCH (a {key: 'nsa'})-[*0..1]->(b) RETURN b.key
;;
# name: var-length-rel-list
MATCH (a {key: 'pentagon'})-[rs:PART_OF*1..3]->(b) RETURN b.key, [r IN rs | type(r)] AS types, size(rs) AS hops
;;
# name: optional-match-missing
MATCH (c:Country) OPTIONAL MATCH (c)-[r:MEDIATES]->(m) RETURN c.key, type(r), m.key
;;
# name: optional-match-count
MATCH (c:Country) OPTIONAL MATCH (c)<-[:THREATENS]-(t) RETURN c.key AS country, count(t) AS threats ORDER BY threats DESC, country
# ordered
;;
# name: optional-match-null-property
OPTIONAL MATCH (n {key: 'no-such-node'}) RETURN n, n.name
;;
# name: where-starts-with
MATCH (n) WHERE n.key STARTS WITH 'us-' RETURN n.key
;;
# name: where-ends-with
MATCH (n) WHERE n.name ENDS WITH 'Party' RETURN n.key
;;
# name: where-contains
MATCH (n) WHERE n.description CONTAINS 'cyber' AND n:Country RETURN n.key
;;
# name: where-regex
MATCH (n) WHERE n.name =~ 'Jo.*' RETURN n.key, n.name
;;
# name: where-regex-case-insensitive
MATCH (n) WHERE n.name =~ '(?i).*china.*' RETURN n.key
;;
# name: where-in-list
MATCH (n) WHERE n.key IN ['china', 'russia', 'nowhere'] RETURN n.key, n.country
;;
# name: where-in-property-list
MATCH (n) WHERE 'PRC' IN n.aliases RETURN n.key
;;
# name: where-is-null
MATCH (n:Country) WHERE n.aliases IS NULL RETURN n.key
;;
# name: where-is-not-null
MATCH (n) WHERE n.endDate IS NOT NULL RETURN n.key, n.endDate
;;
# name: where-not-and-or-xor
MATCH (n:Actor) WHERE (n:Person OR n:Country) AND NOT n.key STARTS WITH 'j' XOR n.country = 'USA' RETURN n.key
;;
# name: where-comparison-chain
MATCH ()-[r]->() WHERE 10 <= r.locator < 14 RETURN r.locator, type(r)
;;
# name: where-inequality
MATCH ()-[r:COOPERATES_WITH]->() WHERE r.confidence <> 0.7 RETURN r.confidence
;;
# name: where-pattern-predicate
MATCH (n:Country) WHERE (n)-[:SPIES_ON]->() RETURN n.key
;;
# name: where-not-pattern-predicate
MATCH (n:Country) WHERE NOT (n)<-[:SPIES_ON]-() RETURN n.key
;;
# name: where-exists-subquery
MATCH (n:Person) WHERE EXISTS { (n)-[:AUTHORED]->(:Document) } RETURN n.key
;;
# name: where-exists-subquery-where
MATCH (n) WHERE EXISTS { MATCH (n)-[r:CRITICIZES]->(m) WHERE r.confidence > 0.75 } RETURN n.key
;;
# name: count-subquery
MATCH (n:Country) RETURN n.key AS key, COUNT { (n)--() } AS degree ORDER BY degree DESC, key
# ordered
;;
# name: aggregate-count-by-type
MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY n DESC, type
# ordered
;;
# name: aggregate-count-by-label
# known: rows internal-label
MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label
# ordered
;;
# name: aggregate-sum-avg-min-max
MATCH ()-[r]->() RETURN sum(r.locator) AS s, avg(r.confidence) AS a, min(r.confidence) AS lo, max(r.locator) AS hi
;;
# name: aggregate-grouped-stats
MATCH ()-[r]->() RETURN r.polarity AS polarity, count(r) AS n, avg(r.confidence) AS conf, min(r.locator) AS first ORDER BY polarity
# ordered
;;
# name: aggregate-collect
# lists: unordered
MATCH (a)-[:AUTHORED]->(d:Document) RETURN d.key AS doc, collect(a.key) AS authors
;;
# name: aggregate-collect-distinct
# lists: unordered
MATCH (a)-[r]->(:Country {key: 'china'}) RETURN collect(DISTINCT type(r)) AS types
;;
# name: aggregate-count-distinct
MATCH (a)-[r]->(b) RETURN count(DISTINCT a) AS sources, count(DISTINCT b) AS targets, count(DISTINCT r.attributedTo) AS sayers
;;
# name: aggregate-no-rows
MATCH (n:NoSuchLabel) RETURN count(n) AS c, sum(n.x) AS s, avg(n.x) AS a, collect(n) AS l, max(n.x) AS m
;;
# name: aggregate-with-null-values
MATCH (n:Country) RETURN count(n.aliases) AS withAliases, count(*) AS all
;;
# name: order-skip-limit
MATCH (n) RETURN n.key ORDER BY n.key SKIP 5 LIMIT 7
# ordered
;;
# name: order-desc-multi
MATCH (a)-[r]->(b) RETURN r.locator AS loc, r.confidence AS conf, a.key AS a, b.key AS b, type(r) AS t ORDER BY loc DESC, conf, a, b, t LIMIT 20
# ordered
;;
# name: order-by-null-last
MATCH (n:Country) RETURN n.key AS key, n.endDate AS ended ORDER BY ended, key
# ordered
;;
# name: order-by-expression-not-returned
MATCH (n:Person) RETURN n.name ORDER BY size(n.description), n.key
# ordered
;;
# name: with-pipeline
MATCH (a)-[r]->(b) WITH a, count(r) AS out WHERE out >= 5 RETURN a.key AS key, out ORDER BY out DESC, key
# ordered
;;
# name: with-order-limit-then-match
MATCH (n:Country) WITH n ORDER BY n.key LIMIT 3 MATCH (n)-[r]->(m) RETURN n.key, type(r), m.key
;;
# name: with-distinct
MATCH (a)-[r]->() WITH DISTINCT r.attributedTo AS who RETURN who ORDER BY who
# ordered
;;
# name: unwind-literal
UNWIND [3, 1, 2] AS x RETURN x, x * x AS sq
;;
# name: unwind-property-list
MATCH (n {key: 'united-states'}) UNWIND n.aliases AS alias RETURN alias
;;
# name: unwind-empty-and-null
# empty
UNWIND [] AS x RETURN x UNION ALL UNWIND null AS x RETURN x
;;
# name: case-simple
MATCH ()-[r]->() RETURN CASE r.polarity WHEN 'conflict' THEN -1 WHEN 'cooperation' THEN 1 ELSE 0 END AS sign, count(*) AS n
;;
# name: case-searched
MATCH (n:Country) RETURN n.key, CASE WHEN n.endDate IS NOT NULL THEN 'gone' WHEN n.aliases IS NULL THEN 'plain' ELSE 'aliased' END AS kind
;;
# name: list-and-map-literals
RETURN [1, 2.5, 'x', null, [true]] AS l, {a: 1, b: {c: 'd'}, e: [1, 2]} AS m
;;
# name: map-projection
MATCH (n {key: 'china'}) RETURN n {.name, .country, kind: 'state'} AS m
;;
# name: map-projection-all
# known: rows internal-properties
MATCH (n {key: 'india'}) RETURN n {.*} AS m
;;
# name: list-index-slice
MATCH (n {key: 'united-states'}) RETURN n.aliases[0] AS first, n.aliases[-1] AS last, n.aliases[1..] AS rest, n.aliases[5] AS none
;;
# name: list-functions
MATCH (n {key: 'china'}) RETURN size(n.aliases) AS n, head(n.aliases) AS h, last(n.aliases) AS l, tail(n.aliases) AS t, reverse([1, 2, 3]) AS r
;;
# name: list-comprehension
MATCH (n) WHERE n.aliases IS NOT NULL RETURN n.key, [a IN n.aliases WHERE size(a) <= 3 | toLower(a)] AS short
;;
# name: pattern-comprehension
# lists: unordered
MATCH (n:Person) RETURN n.key, [(n)-[:AUTHORED]->(d) | d.key] AS docs
;;
# name: pattern-comprehension-where
MATCH (n:Country {key: 'china'}) RETURN size([(n)-[r]->(m) WHERE r.polarity = 'conflict' | m]) AS conflicts
;;
# name: quantifier-all-any-none-single
MATCH (n) WHERE n.aliases IS NOT NULL RETURN n.key, all(a IN n.aliases WHERE size(a) > 2) AS allLong, any(a IN n.aliases WHERE a STARTS WITH 'U') AS anyU, none(a IN n.aliases WHERE a CONTAINS ' ') AS noSpace, single(a IN n.aliases WHERE a = toUpper(a)) AS oneUpper
;;
# name: reduce
MATCH p = (:Person {key: 'greg-austin'})-[*2]->() RETURN reduce(s = 0.0, r IN relationships(p) | s + r.confidence) AS total, [n IN nodes(p) | n.key] AS keys
;;
# name: string-functions
MATCH (n {key: 'eastwest-institute'}) RETURN toLower(n.name) AS lo, toUpper(n.name) AS up, substring(n.name, 4, 4) AS sub, left(n.name, 4) AS l, right(n.name, 9) AS r, replace(n.name, 'West', 'Wild') AS rep, split(n.name, 'W') AS parts, size(n.name) AS len
;;
# name: string-trim-reverse
RETURN trim('  a b  ') AS t, ltrim('  a') AS l, rtrim('a  ') AS r, reverse('abc') AS rev, toString(42) AS s, toString(1.5) AS f, toString(true) AS b
;;
# name: conversions
RETURN toInteger('42') AS i, toInteger(3.9) AS t, toFloat('2.5') AS f, toInteger('x') AS bad, toFloat(null) AS n, toBoolean('true') AS b, toInteger(-3.9) AS neg
;;
# name: coalesce
MATCH (n:Country) RETURN n.key, coalesce(n.endDate, n.aliases[0], n.country) AS tag
;;
# name: arithmetic
RETURN 7 / 2 AS idiv, 7 % 3 AS imod, -7 / 2 AS negdiv, -7 % 3 AS negmod, 7.0 / 2 AS fdiv, 2 ^ 10 AS pow, 1 + 2.0 AS mixed, abs(-3) AS a, sign(-2.5) AS s
;;
# name: math-functions
RETURN round(2.5) AS r, round(-2.5) AS rn, ceil(2.1) AS c, floor(-2.1) AS f, sqrt(16) AS sq, round(3.14159, 2) AS r2
;;
# name: range
RETURN range(1, 10, 3) AS a, range(5, 1, -2) AS b, range(0, 0) AS c, range(1, 0) AS d
;;
# name: string-concat-and-compare
RETURN 'a' + 'b' AS ab, 'a' + 1 AS a1, 'abc' < 'abd' AS lt, 'B' < 'a' AS upperFirst
;;
# name: null-semantics
RETURN null = null AS eq, null <> 1 AS ne, null AND false AS andF, null OR true AS orT, null IS NULL AS isn, NOT null AS notn, 1 IN [null, 2] AS inNull, 2 IN [null, 2] AS inHit, null + 1 AS plus
;;
# name: null-property-comparison
MATCH (n:Country) WHERE n.endDate < '2000' RETURN n.key
;;
# name: mixed-type-equality
RETURN 1 = 1.0 AS intFloat, '1' = 1 AS strInt, [1, 2] = [1, 2] AS lists, {a: 1} = {a: 1} AS maps
;;
# name: shortest-path
MATCH p = shortestPath((a {key: 'kacper-pempel'})-[*..6]-(b {key: 'russia'})) RETURN length(p) AS len
;;
# name: shortest-path-directed-ends
## Which of several shortest paths comes back is up to each engine, so
## only what all of them share is returned.
MATCH p = shortestPath((a {key: 'mandiant'})-[*]->(b {key: 'united-states'})) RETURN head(nodes(p)).key AS first, last(nodes(p)).key AS last, length(p) AS len, size(nodes(p)) AS n
;;
# name: all-shortest-paths
MATCH p = allShortestPaths((a {key: 'jon-lindsay'})-[*]-(b {key: 'russia'})) RETURN [n IN nodes(p) | n.key] AS keys
;;
# name: shortest-path-none
# empty
MATCH p = shortestPath((a {key: 'twitter'})-[*]->(b {key: 'china'})) RETURN p
;;
# name: named-path
MATCH p = (a {key: 'us-pacific-allies'})-[:PART_OF]->(b) RETURN p, length(p) AS len, nodes(p)[0].key AS first, relationships(p)[0].claim AS claim
;;
# name: named-path-var-length
MATCH p = (a {key: 'nsa'})-[*1..2]->(b) RETURN [n IN nodes(p) | n.key] AS keys, [r IN relationships(p) | type(r)] AS types
;;
# name: union-distinct
MATCH (n:Country) RETURN n.key AS key UNION MATCH (n)-[:SPIES_ON]->() RETURN n.key AS key
;;
# name: union-all
MATCH (n:Country) RETURN n.key AS key UNION ALL MATCH (n)-[:SPIES_ON]->() RETURN n.key AS key
;;
# name: parameter-key
# params: {"key": "china"}
MATCH (n {key: $key})-[r]-(m) RETURN type(r), m.key
;;
# name: parameter-list-in
# params: {"keys": ["india", "japan", "iran"], "min": 0.6}
MATCH (a)-[r]-(b) WHERE a.key IN $keys AND r.confidence >= $min RETURN a.key, type(r), b.key
;;
# name: parameter-map
# params: {"m": {"name": "Russia", "n": 2}}
RETURN $m.name AS name, $m.n + 1 AS n
;;
# name: parameter-null
# empty
# params: {"x": null}
MATCH (n:Country) WHERE n.endDate = $x RETURN n.key
;;
# name: distinct-node-return
MATCH (a)-[:SPIES_ON]->(b) RETURN DISTINCT a
;;
# name: return-star
MATCH (a {key: 'opm'})-[r]->(b) RETURN *
;;
# name: return-path-graph
MATCH p = (:Country {key: 'india'})-[r]-(m) RETURN p
;;
# name: cartesian-product
MATCH (a:Person), (b:Document) WHERE (a)-[:AUTHORED]->(b) RETURN a.key, b.key
;;
# name: multiple-match-clauses
MATCH (a {key: 'greg-austin'})-[:AUTHORED]->(d) MATCH (d)-[:CONCERNS]->(t) RETURN d.key, t.key
;;
# name: relationship-uniqueness
MATCH (a {key: 'china'})-[r1]-(b)-[r2]-(a) RETURN b.key AS b, count(*) AS pairs ORDER BY b
# ordered
;;
# name: parallel-relationships
MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS c WHERE c > 1 RETURN a.key, t, b.key, c
;;
# name: degree-top
MATCH (n)-[r]-() RETURN n.key AS key, count(r) AS degree ORDER BY degree DESC, key LIMIT 10
# ordered
;;
# name: integer-float-properties
MATCH (d {key: 'doc-globalist-2015-us-china-cyber'}) RETURN d.paragraphs AS p, d.paragraphs * 1.5 AS f, d.published AS pub
;;
# name: exists-property-old-syntax
## Removed in Cypher 5; both should refuse it.
MATCH (n) WHERE exists(n.name) RETURN n
;;
# name: error-syntax
MATCH (n RETURN n
;;
# name: error-unknown-function
RETURN noSuchFunction(1)
;;
# name: error-undefined-variable
MATCH (n) RETURN m
;;
# name: error-write
CREATE (n:Person {name: 'x'}) RETURN n
;;
# name: error-division-by-zero
RETURN 1 / 0 AS x
;;
# name: error-type-mismatch
RETURN toUpper(1) AS x
;;
# name: element-id
# known: rows element-ids
MATCH (n {key: 'china'}) RETURN elementId(n) AS id
;;
;;
# name: reverse-stored-list
# known: error-neo4j reverse-stored-array
MATCH (n {key: 'china'}) RETURN reverse(n.aliases) AS r
;;
# name: internal-label-count
# known: rows internal-label
MATCH (n) RETURN size(labels(n)) AS labels, count(*) AS nodes
;;
# name: tostring-floats
RETURN toString(1.0) AS one, toString(0.1 + 0.2) AS sum, toString(1e20) AS big, toString(-0.0) AS negzero, toString(1.0/3) AS third, toString(100000.0) AS hundredk
;;
# name: float-results
RETURN 0.1 + 0.2 AS sum, 1e300 * 1e10 AS inf, 2.0 ^ 0.5 AS root, 10 / 4.0 AS q, 5 % 2.5 AS m
;;
# name: integer-overflow
RETURN 9223372036854775807 + 1 AS x
;;
# name: string-escapes
RETURN 'it\'s' AS a, "double \"q\"" AS b, 'tab\there' AS c, 'uni\u00e9' AS d, size('détente') AS e
;;
# name: order-mixed-types
# ordered
UNWIND [3, 'a', 1.5, null, true, [1], 2] AS x RETURN x ORDER BY x
;;
# name: order-mixed-types-desc
# ordered
UNWIND [3, 'a', 1.5, null, true, [1], 2] AS x RETURN x ORDER BY x DESC
;;
# name: distinct-lists-and-maps
UNWIND [[1, 2], [1, 2], [2, 1], {a: 1}, {a: 1}, {a: 1.0}, 1, 1.0] AS x RETURN DISTINCT x
;;
# name: collect-skips-nulls
UNWIND [1, null, 2, null] AS x RETURN collect(x) AS c, count(x) AS n, count(*) AS all
;;
# name: aggregate-percentile-stdev
MATCH ()-[r]->() RETURN percentileCont(r.confidence, 0.5) AS median, percentileDisc(r.locator, 0.9) AS p90, stDev(r.confidence) AS sd, stDevP(r.confidence) AS sdp
;;
# name: aggregate-in-expression
MATCH (n:Country) RETURN count(*) * 2 + 1 AS x, collect(n.key)[0] IS NOT NULL AS any
;;
# name: aggregate-grouping-on-expression
MATCH ()-[r]->() RETURN r.confidence >= 0.8 AS strong, count(*) AS n
;;
# name: with-star
MATCH (a {key: 'opm'})-[r]->(b) WITH *, type(r) AS t RETURN a.key, t, b.key
;;
# name: with-aggregate-order-limit
# ordered
MATCH (a)-[r]->() WITH a.key AS key, count(*) AS out ORDER BY out DESC, key LIMIT 5 RETURN key, out
;;
# name: optional-match-where
MATCH (c:Country) OPTIONAL MATCH (c)-[r]->(m) WHERE r.confidence > 0.85 RETURN c.key, m.key
;;
# name: optional-then-match-null
OPTIONAL MATCH (n {key: 'nope'}) WITH n MATCH (m {key: 'china'}) RETURN n, m.key
;;
# name: list-in-null-semantics
RETURN 3 IN [1, null] AS a, null IN [] AS b, [] = [] AS c, [1, null] = [1, null] AS d, [1, 2] = [1, null] AS e
;;
# name: boolean-three-valued
UNWIND [true, false, null] AS a UNWIND [true, false, null] AS b RETURN a, b, a AND b AS andv, a OR b AS orv, a XOR b AS xorv
;;
# name: string-comparisons-case
RETURN 'a' < 'B' AS a, 'Z' < 'a' AS b, 'é' > 'z' AS c, 'abc' STARTS WITH '' AS d, null STARTS WITH 'a' AS e, 'abc' CONTAINS null AS f
;;
# name: size-of-things
RETURN size('') AS a, size([]) AS b, size([null]) AS c, size(null) AS d
;;
# name: range-sum
UNWIND range(1, 100) AS i RETURN sum(i) AS s, avg(i) AS a, count(*) AS n, min(i) AS lo, max(i) AS hi
;;
# name: avg-integers-is-float
UNWIND [1, 2] AS x RETURN avg(x) AS a, sum(x) AS s, sum(x * 1.0) AS f
;;
# name: min-max-strings
MATCH (n:Country) RETURN min(n.name) AS first, max(n.name) AS last, min(n.endDate) AS ended
;;
# name: nodes-in-list-and-map
MATCH (n {key: 'nsa'})-[r]->(m) RETURN [n, m] AS pair, {from: n, rel: r} AS m2
;;
# name: path-functions-on-var-length
MATCH p = (a {key: 'us-pacific-allies'})-[*1..2]->(b) RETURN startNode(relationships(p)[0]).key AS s, last(nodes(p)).key AS e, length(p) AS len
;;
# name: directed-both-ways-same-rel
MATCH (a {key: 'china'})<-[r]->(b) RETURN count(r) AS n
;;
# name: long-anonymous-chain
MATCH (a:Person)-->(:Document)-->(t:Topic)<--(o) WHERE o <> a RETURN a.key, t.key, o.key
;;
# name: case-with-null
UNWIND [1, null, 3] AS x RETURN x, CASE x WHEN null THEN 'null' WHEN 1 THEN 'one' ELSE 'other' END AS c, CASE WHEN x IS NULL THEN 'null' END AS d
;;
# name: coalesce-all-null
RETURN coalesce(null, null) AS a, coalesce(null, 1, 2) AS b
;;
# name: keys-of-map-literal
# lists: unordered
RETURN keys({b: 1, a: 2, c: null}) AS k
;;
# name: head-last-empty
RETURN head([]) AS h, last([]) AS l, [][0] AS i, tail([]) AS t
;;
# name: substring-bounds
RETURN substring('abc', 1) AS a, substring('abc', 5) AS b, left('abc', 10) AS c, right('abc', 0) AS d
;;
# name: to-integer-edge
RETURN toInteger('  12  ') AS a, toInteger('1.9') AS b, toInteger('1e3') AS c, toFloat('1e3') AS d, toInteger(true) AS e
;;
# name: union-column-mismatch-error
RETURN 1 AS a UNION RETURN 2 AS b
;;
# name: aggregation-in-where-error
MATCH (n) WHERE count(n) > 1 RETURN n
;;
# name: return-duplicate-column-error
RETURN 1 AS a, 2 AS a
;;
# name: ordered-collect
MATCH (n:Country) WITH n ORDER BY n.key WITH collect(n.key) AS keys RETURN keys
;;
# name: browser-default-limit
MATCH (n) WITH n LIMIT 25 RETURN count(n) AS shown
;;
# name: browser-default-rels-limit
MATCH (n)-[r]->(m) WITH n, r, m LIMIT 25 RETURN count(*) AS shown, count(DISTINCT r) AS rels
;;
# name: limit-skip-parameters
# ordered
# params: {"s": 2, "l": 3}
MATCH (n:Country) RETURN n.key AS key ORDER BY key SKIP $s LIMIT $l
;;
# name: skip-past-end
# empty
MATCH (n:Country) RETURN n.key ORDER BY n.key SKIP 100
;;
# name: missing-parameter-error
RETURN $missing AS x
;;
# name: dynamic-property-access
# params: {"prop": "country"}
MATCH (n:Country) RETURN n.key, n[$prop] AS v
;;
# name: size-of-pattern-error
## size() of a pattern was removed in Cypher 5; COUNT {} replaces it.
MATCH (n:Country) RETURN n.key, size((n)-->()) AS out
;;
# name: exists-pattern-function
MATCH (n:Country) WHERE exists((n)-[:SPIES_ON]->()) RETURN n.key
;;
# name: collect-distinct-nodes
# lists: unordered
MATCH (a)-[:THREATENS]->(b) RETURN collect(DISTINCT b) AS targets, count(DISTINCT a) AS threateners
;;
# name: undirected-path-node-order
MATCH p = (a {key: 'opm'})-[]-(b)-[]-(c {key: 'pentagon'}) RETURN [n IN nodes(p) | n.key] AS keys, [r IN relationships(p) | startNode(r).key] AS starts
;;
# name: sum-mixed-int-float
UNWIND [1, 2.5, 3] AS x RETURN sum(x) AS s, max(x) AS mx, min(x) AS mn, avg(x) AS a
;;
# name: aggregates-over-empty-group
MATCH (n:Country) WHERE n.key = 'atlantis' RETURN avg(n.x) AS a, min(n.x) AS mn, sum(n.x) AS s, collect(n.x) AS c, count(n) AS n, stDev(n.x) AS sd
;;
# name: min-max-mixed-types
UNWIND [1, 'a', 2.5, true] AS x RETURN min(x) AS mn, max(x) AS mx
;;
# name: string-predicate-on-non-string
MATCH (d {key: 'doc-globalist-2015-us-china-cyber'}) RETURN d.paragraphs STARTS WITH '4' AS a, d.name CONTAINS 'cyber' AS b, d.missing ENDS WITH 'x' AS c
;;
# name: regex-special-characters
MATCH (n) WHERE n.name =~ '.*\\(.*\\).*' OR n.name =~ '.*"Ideas".*' RETURN n.key
;;
# name: regex-invalid-error
RETURN 'a' =~ '(' AS x
;;
# name: null-functions
RETURN toLower(null) AS a, split(null, ',') AS b, size(null) AS c, labels(null) AS d, keys(null) AS e, head(null) AS f, toString(null) AS g
;;
# name: property-of-null-node
OPTIONAL MATCH (n {key: 'nope'}) RETURN n.name AS name, labels(n) AS labels, properties(n) AS props
;;
# name: date-function
RETURN date('2015-09-01') AS d
;;
# name: date-comparison-on-strings
MATCH ()-[r]->() WHERE r.since IS NOT NULL RETURN r.since AS since, r.since < '2015-06' AS beforeJune ORDER BY since
# ordered
;;
# name: quantified-path-pattern
MATCH (a {key: 'pentagon'}) (()-[:PART_OF]->()){1,2} (b) RETURN b.key
;;
# name: call-relationship-types
# known: error-embedded procedures
CALL db.relationshipTypes() YIELD relationshipType RETURN count(relationshipType) AS types
;;
# name: distinct-then-order-by-unprojected-error
MATCH (n:Country) RETURN DISTINCT n.country ORDER BY n.name
;;
# name: in-list-of-lists
RETURN [1, 2] IN [[1, 2], [3]] AS a, [1] IN [[1, null]] AS b, [1, null] IN [[1, null]] AS c
;;
# name: where-on-relationship-list-var-length
MATCH (a {key: 'us-pacific-allies'})-[rs*1..2]->(b) WHERE all(r IN rs WHERE r.confidence >= 0.8) RETURN b.key, size(rs) AS hops
;;
# name: qpp-any-relationship
MATCH p = (a {key: 'nsa'}) (()-[r]->()){1,3} (b) RETURN length(p) AS len, b.key AS b
;;
# name: qpp-inner-where
MATCH (a {key: 'us-pacific-allies'}) ((x)-[r:PART_OF]->(y) WHERE r.confidence >= 0.8){1,2} (b) RETURN b.key, size(r) AS hops
;;
# name: qpp-group-variable
MATCH (a {key: 'mandiant'}) ((x)-[:PART_OF]->(y))+ (b) RETURN b.key, [n IN x | n.key] AS froms
;;
# name: shortest-k
MATCH p = SHORTEST 1 (a {key: 'kacper-pempel'})-[*]-(b {key: 'india'}) RETURN length(p) AS len
;;
# name: all-shortest-keyword
MATCH p = ALL SHORTEST (a {key: 'jon-lindsay'})-[*]-(b {key: 'russia'}) RETURN count(p) AS paths, min(length(p)) AS len
;;
# name: collect-subquery
RETURN COLLECT { MATCH (n:Country) RETURN n.key ORDER BY n.key } AS keys
;;
# name: call-subquery
MATCH (n:Country) CALL { WITH n MATCH (n)-->(m) RETURN count(m) AS out } RETURN n.key, out
;;
# name: exists-subquery-with-return
MATCH (n:Country) WHERE EXISTS { MATCH (n)-[:SPIES_ON]->(m) RETURN m } RETURN n.key
;;
# name: optional-var-length
MATCH (c:Country) OPTIONAL MATCH (c)-[:MEMBER_OF*1..2]->(w) RETURN c.key, w.key
;;
# name: order-mixed-numbers
# ordered
UNWIND [1, 1.5, 2, 0.5, -1, -0.5] AS x RETURN x ORDER BY x
;;
# name: order-nulls-desc
# ordered
MATCH (n:Country) RETURN n.key AS key, n.endDate AS e ORDER BY e DESC, key
;;
# name: case-mixed-result-types
UNWIND [1, 2, 3] AS x RETURN CASE x WHEN 1 THEN 'one' WHEN 2 THEN 2.0 ELSE [x] END AS v
;;
# name: list-concatenation-slices
RETURN [1, 2] + [3] AS a, [1, 2] + 3 AS b, range(0, 10)[2..5] AS c, range(0, 10)[-3..] AS d, range(0, 10)[..-8] AS e, 5 IN range(0, 10) AS f
;;
# name: string-null-and-unicode
RETURN 'abc' + null AS a, split('a,b,,c', ',') AS b, toUpper('détente') AS c, substring('détente', 1, 3) AS d, reverse('détente') AS e, left('détente', 2) AS f, replace('aaa', 'a', '') AS g
;;
# name: tostring-numbers
RETURN toString(1e-7) AS a, toString(123456789012) AS b, toString(-0.5) AS c, toString(2.0e15) AS d, toString(1.5e16) AS e
;;
# name: numeric-edges
RETURN -7 / -2 AS a, 7 % -3 AS b, -7.5 % 2 AS c, abs(-2.5) AS d, 9223372036854775807 AS big, -9223372036854775808 AS small
;;
# name: math-more
RETURN exp(1) AS e1, log(e()) AS l, log10(1000) AS l10, pi() > 3.14 AS p, sin(0) AS s, atan2(1, 1) * 4 AS pi4, round(1234.5678, 1) AS r
;;
# name: collect-maps-and-lists
# lists: unordered
MATCH (n:Country) WHERE n.aliases IS NOT NULL RETURN collect({k: n.key, a: size(n.aliases)}) AS m
;;
# name: count-distinct-lists
MATCH (a)-[r]->(b) RETURN count(DISTINCT [a.key, b.key]) AS pairs, count(*) AS rels
;;
# name: pattern-comprehension-path
# lists: unordered
MATCH (n {key: 'pentagon'}) RETURN [p = (n)-[*1..2]->() | length(p)] AS lens
;;
# name: node-equality-and-membership
MATCH (a {key: 'china'})-[r]->(b) WITH a, collect(DISTINCT b) AS targets MATCH (c:Country) RETURN c.key, c IN targets AS targeted, c = a AS self
;;
# name: type-of-null-and-properties-equality
OPTIONAL MATCH ()-[r:NO_SUCH_TYPE]->() RETURN type(r) AS t, properties(r) AS p
;;
# name: string-range-filter
MATCH (n:Actor) WHERE n.name > 'T' AND n.name < 'V' RETURN n.key
;;
# name: multiple-optional-matches
MATCH (c:Country {key: 'india'}) OPTIONAL MATCH (c)-[:MEDIATES]->(m) OPTIONAL MATCH (c)<-[:THREATENS]-(t) RETURN c.key, m, t
;;
# name: two-cycles
MATCH (a)-[r1]->(b)-[r2]->(a) RETURN a.key, type(r1), b.key, type(r2)
;;
# name: undirected-three-cycles-count
MATCH (a)-[*3]-(a) RETURN count(*) AS cycles
;;
# name: distinct-with-null
# empty
UNWIND [null, null, 1] AS x WITH DISTINCT x WHERE x IS NULL AND x IS NOT NULL RETURN x
;;
# name: distinct-null-count
UNWIND [null, null, 1] AS x RETURN DISTINCT x
;;
# name: labels-without-internal
# lists: unordered
MATCH (n {key: 'nsa'}) RETURN [l IN labels(n) WHERE l <> '_Node'] AS labels, size(keys(n)) > 2 AS manyKeys
;;
# name: collect-slice-ordered
MATCH (n:Country) WITH n ORDER BY n.name DESC RETURN collect(n.name)[..3] AS top, size(collect(n)) AS all
;;
# name: to-boolean-and-float
RETURN toBoolean('yes') AS a, toBoolean('FALSE') AS b, toBoolean(0) AS c, toFloat(1) AS d, toInteger(null) AS e, toFloat('abc') AS f
;;
# name: is-empty
RETURN isEmpty('') AS a, isEmpty([]) AS b, isEmpty({}) AS c, isEmpty('x') AS d
;;
# name: gql-lower-upper
RETURN lower('AbC') AS a, upper('aBc') AS b
;;
# name: type-predicate
UNWIND [1, 'a', 1.5, null] AS x RETURN x, x IS :: INTEGER AS isInt, x IS :: STRING NOT NULL AS isStr
;;
# name: legacy-id-function
# known: rows element-ids
MATCH (n {key: 'china'}) RETURN id(n) AS id
;;
# name: regex-parameter
# params: {"re": "(?i)us-.*-allies"}
MATCH (n) WHERE n.key =~ $re RETURN n.key
;;
# name: unwind-parameter-maps
# params: {"rows": [{"key": "china", "w": 1.5}, {"key": "japan", "w": 2}, {"key": "nowhere", "w": 0}]}
UNWIND $rows AS row MATCH (n {key: row.key}) RETURN n.name, row.w * 2 AS w2
;;
# name: boolean-and-nested-parameters
# params: {"flag": true, "cfg": {"limits": [1, 2.5], "deep": {"x": "y"}}}
RETURN $flag AND true AS a, $cfg.limits[1] AS b, $cfg.deep.x AS c, $cfg AS whole
;;
# name: limit-zero
# empty
MATCH (n) RETURN n LIMIT 0
;;
# name: count-star-no-match
RETURN count(*) AS c
;;
# name: where-false-count
MATCH (n) WHERE false RETURN count(n) AS c
;;
# name: map-access-missing-key
RETURN {a: 1}.b AS b, {a: {c: 2}}.a.c AS c
;;
# name: unbounded-var-length
MATCH (a)-[:PART_OF*]->(b {key: 'united-states'}) RETURN a.key AS key, count(*) AS paths
;;
# name: error-string-times-int
RETURN 'a' * 2 AS x
;;
# name: error-order-by-undefined
MATCH (n:Country) RETURN n.name ORDER BY m.name
;;
# name: error-float-list-index
RETURN [1, 2][0.5] AS x
;;
# name: error-property-of-list
MATCH (a {key: 'opm'})-[r*1..2]->(b) RETURN r.claim
;;
# name: error-variable-out-of-scope
MATCH (n:Country) WITH n.key AS k RETURN n
;;
# name: error-aggregate-nested
MATCH (n) RETURN count(count(n))
;;
# name: round-negative-precision-error
RETURN round(1234.5678, -2) AS r
;;
# name: claims-by-author
# ordered
MATCH (a)-[r]->(b) WHERE r.attributedTo = 'Greg Austin' AND r.locator <= 12 RETURN r.locator AS para, a.name AS subject, type(r) AS rel, b.name AS object ORDER BY para, subject, rel, object
;;
# name: held-on-date
# params: {"asOf": "1990-06-01"}
MATCH (a)-[r]->(b) WHERE (r.since IS NULL OR r.since <= $asOf) AND (r.until IS NULL OR r.until >= $asOf) AND (r.since IS NOT NULL OR r.until IS NOT NULL) RETURN a.key, type(r), b.key
;;
# name: relations-between-pair
MATCH (a {key: 'china'})-[r]-(b {key: 'united-states'}) RETURN type(r) AS t, startNode(r) = a AS fromChina, r.polarity AS polarity, r.locator AS para
;;
# name: polarity-matrix
# ordered
MATCH (a:Country)-[r]->(b:Country) RETURN a.key AS a, b.key AS b, sum(CASE r.polarity WHEN 'conflict' THEN 1 ELSE 0 END) AS conflict, sum(CASE r.polarity WHEN 'cooperation' THEN 1 ELSE 0 END) AS cooperation ORDER BY a, b
;;
# name: implicit-grouping-error
MATCH (n:Country) RETURN n.key, count(*) + size(n.aliases) AS x
;;
# name: order-by-after-aggregation-error
MATCH (n:Country) RETURN count(*) AS c ORDER BY n.key
;;
# name: var-length-with-property-map
MATCH (a {key: 'greg-austin'})-[*1..2 {polarity: 'conflict'}]->(b) RETURN DISTINCT b.key
;;
# name: comma-patterns-rel-uniqueness
MATCH (a {key: 'china'})-[r1]->(b), (b)<-[r2]-(c) RETURN count(*) AS n, count(DISTINCT c) AS cs
;;
# name: parallel-edges-same-direction
MATCH (a)-[r1]->(b)<-[r2]-(a) RETURN a.key, b.key, type(r1), type(r2)
;;
# name: optional-match-where-on-optional
MATCH (c:Country) OPTIONAL MATCH (c)-[r]->(m:Country) WHERE r.polarity = 'cooperation' RETURN c.key, collect(m.key) AS friends
# lists: unordered
;;
# name: with-where-on-aggregate
MATCH (a)-[r]->(b) WITH b, count(DISTINCT a) AS sources, collect(DISTINCT r.attributedTo) AS sayers WHERE sources >= 4 RETURN b.key, sources, size(sayers) AS n
;;
# name: unwind-map-error
UNWIND {a: 1} AS x RETURN x
;;
# name: substring-negative-error
RETURN substring('abc', -1, 2) AS x
;;
# name: split-multichar
RETURN split('a--b----c', '--') AS a, split('abc', '') AS b, split('', ',') AS c
;;
# name: order-by-list-values
# ordered
MATCH (n) WHERE n.aliases IS NOT NULL RETURN n.key AS key, n.aliases AS aliases ORDER BY aliases, key
;;
# name: order-by-boolean
# ordered
MATCH (n:Country) RETURN n.key AS key, n.aliases IS NULL AS plain ORDER BY plain, key
;;
# name: where-label-conjunction
MATCH (n) WHERE n:Country:Actor AND n.country STARTS WITH 'I' RETURN n.key
;;
# name: where-label-expression
MATCH (n) WHERE n:Country|Bloc RETURN count(n) AS c
;;
# name: relationship-type-negation
MATCH (:Country {key: 'russia'})-[r:!COOPERATES_WITH]->(b) RETURN type(r), b.key
;;
# name: relationship-type-conjunction-empty
# empty
MATCH ()-[r:SPIES_ON&THREATENS]->() RETURN r
;;
# name: path-distinct-nodes
MATCH p = (a {key: 'mandiant'})-[*1..3]->(b) RETURN count(DISTINCT p) AS paths, count(DISTINCT b) AS ends
;;
# name: where-string-equals-null
MATCH (n:Country) WHERE n.country = null RETURN n.key
# empty
;;
# name: nested-aggregation-pipeline
MATCH (a)-[r]->() WITH a, count(r) AS out WITH out, count(a) AS actors RETURN sum(out * actors) AS total, max(out) AS maxOut, collect(out) AS outs
# lists: unordered
;;
# name: exists-nested-subquery
MATCH (p:Person) WHERE EXISTS { MATCH (p)-->(x) WHERE EXISTS { (x)-->(:Country {key: 'china'}) } } RETURN p.key
;;
# name: count-subquery-in-where
MATCH (n:Actor) WHERE COUNT { (n)-[:CRITICIZES]->() } >= 2 RETURN n.key
;;
# name: split-empty-string
RETURN split('', '') AS a, split('', ',') AS b
;;
# name: nan-grouping
# known: rows nan-grouping
UNWIND [1, 2, 3] AS x RETURN sqrt(-x) AS v, count(*) AS c
;;
# name: nan-distinct
# known: rows nan-grouping
UNWIND [1, 2, 3] AS x RETURN DISTINCT sqrt(-x) AS v
;;
# name: pow-last-digit
# known: rows float-last-digit
RETURN toString(11 ^ 0.1) AS s
;;
# name: pow-within-tolerance
RETURN 11 ^ 0.1 AS f, exp(log(11) * 0.1) AS g
;;
# name: null-divided-by-zero
# known: error-neo4j integer-zero-divisor
MATCH (n {key: 'china'}) RETURN n.missing / 0 AS a
;;
# name: null-literal-divided-by-zero
# known: error-neo4j integer-zero-divisor
RETURN null / 0 AS a, null % 0 AS b
;;
# name: float-divided-by-integer-zero
RETURN 1.5 / 0 AS a
;;
# name: float-divided-by-float-zero
RETURN 1.5 / 0.0 AS a, -1.5 / 0.0 AS b, 1 / 0.0 AS c, 1.5 % 0.0 AS d
;;
# name: float-modulo-integer-zero
RETURN 1.5 % 0 AS a
;;
# name: float-divided-by-computed-integer-zero
# known: error-neo4j integer-zero-divisor
RETURN toFloat('1.5') / toInteger('0') AS a
;;
# name: tointeger-nan
# known: rows tointeger-nan
RETURN toInteger(sqrt(-5)) AS a
;;
## Temporal values. Dates in the data are strings, some partial ('2015');
## date() makes them dates. Cells carry temporal values as ISO 8601 text,
## so these also check that both stores write each type the same way.
# name: temporal-partial-dates
# ordered
MATCH ()-[r]->() WHERE r.since IS NOT NULL RETURN r.since AS since, date(r.since) AS d, date(r.since).year AS y ORDER BY d, since
;;
# name: temporal-since-string-against-date
# empty
## A string and a date do not compare: null on both stores, so no rows.
## Compare date(r.since) instead (next query).
MATCH (a)-[r]->(b) WHERE r.since <= date('2013-06-01') RETURN a.key, type(r), b.key
;;
# name: temporal-held-in-mid-2013
MATCH (a)-[r]->(b) WHERE date(r.since) <= date('2013-06-01') AND (r.until IS NULL OR date(r.until) >= date('2013-06-01')) RETURN a.key, type(r), b.key, r.since
;;
# name: temporal-held-on-param
# params: {"asOf": "2015-09"}
MATCH (a)-[r]->(b) WHERE r.since IS NOT NULL AND date(r.since) <= date($asOf) AND (r.until IS NULL OR date(r.until) >= date($asOf)) RETURN a.key, type(r), b.key
;;
# name: temporal-node-dates
# ordered
MATCH (n) WHERE n.endDate IS NOT NULL RETURN n.key AS key, date(n.endDate) AS ended, duration.between(date(n.endDate), date('2015-09-25')) AS since ORDER BY ended, key
;;
# name: temporal-tenure
# ordered
MATCH (n) WHERE n.startDate IS NOT NULL AND n.endDate IS NOT NULL RETURN n.key AS key, duration.between(date(n.startDate), date(n.endDate)) AS d, duration.inDays(date(n.startDate), date(n.endDate)).days AS days, duration.inMonths(date(n.startDate), date(n.endDate)) AS m ORDER BY key
;;
# name: temporal-since-by-year
# ordered
# lists: unordered
MATCH ()-[r]->() WHERE r.since IS NOT NULL RETURN date(r.since).year AS y, count(*) AS n, min(date(r.since)) AS first, max(date(r.since)) AS last, collect(DISTINCT date(r.since)) AS days ORDER BY y
;;
# name: temporal-each-type
RETURN date('2015-09-25') AS d, localtime('12:00') AS lt, localtime('21:40:32.142') AS lt2, time('12:00:00.5+01:00') AS t, time('12:00Z') AS tz, localdatetime('2015-09-25T12:00') AS ldt, datetime('2015-09-25T12:00:00.142+02:00[Europe/Berlin]') AS dt, datetime('2015-09-25T12:00Z') AS dtz, datetime({year: 2015, month: 9, day: 25, timezone: 'UTC'}) AS dtu, datetime({year: 2015, month: 9, day: 25, hour: 7, timezone: '-05:00'}) AS dto
;;
# name: temporal-durations
RETURN duration('P1Y2M3DT4H5M6.007S') AS a, duration('PT-0.5S') AS b, duration('P0D') AS c, duration({days: 1.5}) AS d, duration({months: 0.75}) AS e, duration({seconds: -60, milliseconds: -1}) AS f, duration('P1D') * 1.5 AS g, duration('P1M') / 2 AS h
;;
# name: temporal-in-lists-and-maps
RETURN [date('2015'), date('2016-02')] AS l, {d: date('2015'), t: localtime('12:34:56.789')} AS m, [x IN [duration('P1D'), duration('PT36H')] | x.hours] AS hs
;;
# name: temporal-accessors
WITH datetime('2015-07-21T21:40:32.142+02:00[Europe/Berlin]') AS d
RETURN d.year, d.quarter, d.month, d.week, d.weekYear, d.day, d.ordinalDay, d.dayOfWeek, d.dayOfQuarter, d.hour, d.minute, d.second, d.millisecond, d.microsecond, d.nanosecond, d.timezone, d.offset, d.offsetMinutes, d.offsetSeconds, d.epochSeconds, d.epochMillis
;;
# name: temporal-arithmetic
RETURN date('2015-01-31') + duration('P1M') AS a, date('2016-02-29') - duration('P1Y') AS b, localtime('23:30') + duration('PT1H') AS c, datetime('2015-03-28T02:30[Europe/Berlin]') + duration('P1D') AS d, datetime('2015-03-29T01:30[Europe/Berlin]') + duration('PT1H') AS e, duration('P1D') + duration('PT36H') AS f, duration('P1M') - duration('P1D') AS g
;;
# name: temporal-truncate
RETURN date.truncate('month', date('2015-09-25')) AS a, date.truncate('weekYear', date('2015-01-01')) AS b, datetime.truncate('day', datetime('2015-09-25T12:34:56.789+02:00[Europe/Berlin]')) AS c, localtime.truncate('hour', localtime('12:34:56')) AS d, date.truncate('decade', date('2015-09-25'), {day: 2}) AS e
;;
# name: temporal-comparisons
RETURN date('2015') < date('2016') AS a, date('2015') = date('2015-01-01') AS b, datetime('2018-01-01T00:00Z') = datetime('2018-01-01T01:00+01:00') AS c, datetime('2018-01-01T00:00Z') < datetime('2018-01-01T01:00+01:00') AS d, time('10:00+01:00') > time('09:00Z') AS e, duration('P1D') = duration('PT24H') AS f, duration('P1D') < duration('P2D') AS g, date('2015') < localdatetime('2016-01-01T00:00') AS h, date('2015') = '2015-01-01' AS i
;;
# name: temporal-ordering
# ordered
UNWIND [date('2015'), datetime('2015-01-01T00:00Z'), localtime('12:00'), 'text', time('12:00Z'), localdatetime('2015-01-01T00:00'), duration('P1D'), 1, date('2014')] AS x RETURN x ORDER BY x
;;
# name: temporal-duration-aggregates
MATCH (n) WHERE n.startDate IS NOT NULL AND n.endDate IS NOT NULL WITH duration.between(date(n.startDate), date(n.endDate)) AS d RETURN sum(d) AS total, avg(d) AS mean, min(d) AS shortest, max(d) AS longest, count(d) AS n
;;
# name: temporal-between-mixed-types
RETURN duration.between(date('1984-10-11'), localdatetime('2016-07-21T21:45:22.142')) AS a, duration.between(localtime('14:30'), datetime('2015-07-21T21:40:32.142+0100')) AS b, duration.inSeconds(datetime('2017-10-29T00:00[Europe/Stockholm]'), localdatetime('2017-10-29T04:00')) AS c, duration.between(date('2018-03-11'), date('2016-06-24')) AS d
;;
# name: temporal-type-predicates
RETURN date('2015') IS :: DATE AS a, datetime('2015-01-01T00:00Z') IS :: ZONED DATETIME AS b, localtime('12:00') IS :: LOCAL TIME AS c, duration('P1D') IS :: DURATION AS d, date('2015') IS :: STRING AS e, localdatetime('2015-01-01') IS :: TIMESTAMP WITHOUT TIME ZONE AS f
;;
# name: temporal-to-string
RETURN toString(date('2015')) AS a, toString(localtime('12:00')) AS b, toString(datetime('2015-06-24T12:50:35.556+0100')) AS c, toString(duration({days: 1.5})) AS d, toString(datetime({year: 1984, timezone: 'UTC'})) AS e
;;
# name: temporal-epoch
RETURN datetime.fromepoch(416779, 999999999) AS a, datetime.fromepochmillis(237821673987) AS b, datetime({epochSeconds: 1437507632, nanosecond: 142000000}) AS c, datetime({epochMillis: 1437507632142, timezone: 'Europe/Berlin'}) AS d
;;
# name: temporal-clock
RETURN date() = date.statement() AS a, datetime() >= datetime('2020-01-01T00:00Z') AS b, date.realtime() >= date('2020-01-01') AS c, localtime() IS :: LOCAL TIME AS d, duration.inSeconds(datetime(), datetime()) AS e
;;
# name: temporal-invalid-date
RETURN date('2015-02-30') AS a
;;
# name: temporal-invalid-duration
RETURN duration('P1X') AS a
;;
# name: temporal-unknown-zone
RETURN datetime('2015-07-21T21:40[Mars/Phobos]') AS a
;;
# name: temporal-map-constructors
RETURN date({year: 1984, week: 10, dayOfWeek: 3}) AS a, date({year: 1984, quarter: 3, dayOfQuarter: 45}) AS b, localtime({hour: 12, minute: 31, second: 14, millisecond: 645}) AS c, datetime({year: 1984, month: 10, day: 11, hour: 12, timezone: 'Europe/Stockholm'}) AS d, datetime({date: date('2015-09-25'), time: time('12:00+01:00'), timezone: '+05:00'}) AS e, duration({weeks: 2.5}) AS f
