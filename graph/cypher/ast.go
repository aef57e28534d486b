package cypher

import "strings"

// The abstract syntax tree. Expressions are small structs behind the expr
// interface; clauses are likewise behind clause.

type expr interface{ exprNode() }

type (
	litExpr   struct{ val any }
	paramExpr struct{ name string }
	varExpr   struct {
		name string
		pos  int
	}
	propExpr struct {
		x   expr
		key string
	}
	indexExpr struct{ x, i expr }
	sliceExpr struct{ x, from, to expr }
	unaryExpr struct {
		op string // "-", "+", "NOT"
		x  expr
	}
	binaryExpr struct {
		op   string // OR XOR AND + - * / % ^ =~ IN STARTS ENDS CONTAINS
		l, r expr
	}
	// compareExpr is a chain a < b <= c, true when every link holds.
	compareExpr struct {
		ops []string
		xs  []expr
	}
	isNullExpr struct {
		x   expr
		not bool
	}
	hasLabelsExpr struct {
		x      expr
		labels []string
		lx     *labelExpr // n:A|B, n:A&!B: set instead of labels
	}
	listExpr struct{ elems []expr }
	mapExpr  struct {
		keys []string
		vals []expr
	}
	mapProjExpr struct {
		x     expr
		items []mapProjItem
	}
	caseExpr struct {
		test  expr // nil for the searched form
		whens []expr
		thens []expr
		els   expr
	}
	callExpr struct {
		name     string // lower-cased, namespaces joined with '.'
		display  string // as written, for messages
		distinct bool
		star     bool // count(*)
		args     []expr
		agg      int // index into the aggregate slots, -1 when not an aggregate
		pos      int
	}
	listCompExpr struct {
		v     string
		list  expr
		where expr
		proj  expr
	}
	quantExpr struct {
		kind  string // all any none single
		v     string
		list  expr
		where expr
	}
	reduceExpr struct {
		acc  string
		init expr
		v    string
		list expr
		body expr
	}
	patternCompExpr struct {
		part  *patternPart
		where expr
		proj  expr
	}
	// existsExpr is EXISTS { pattern [WHERE] } or a bare pattern used as a
	// predicate.
	existsExpr struct {
		parts []*patternPart
		where expr
		bare  bool // a pattern used as a predicate: no new variables
		sub   *subquery
		count bool // COUNT { … }: the number of matches, not whether any
		// collect is COLLECT { … RETURN x }: the list of the x values.
		collect bool
	}
)

type mapProjItem struct {
	kind string // "prop" (.k), "all" (.*), "var" (v), "kv" (k: e)
	key  string
	x    expr
}

func (litExpr) exprNode()         {}
func (paramExpr) exprNode()       {}
func (varExpr) exprNode()         {}
func (propExpr) exprNode()        {}
func (indexExpr) exprNode()       {}
func (sliceExpr) exprNode()       {}
func (unaryExpr) exprNode()       {}
func (binaryExpr) exprNode()      {}
func (compareExpr) exprNode()     {}
func (isNullExpr) exprNode()      {}
func (hasLabelsExpr) exprNode()   {}
func (listExpr) exprNode()        {}
func (mapExpr) exprNode()         {}
func (mapProjExpr) exprNode()     {}
func (caseExpr) exprNode()        {}
func (*callExpr) exprNode()       {}
func (listCompExpr) exprNode()    {}
func (quantExpr) exprNode()       {}
func (reduceExpr) exprNode()      {}
func (patternCompExpr) exprNode() {}
func (existsExpr) exprNode()      {}

type nodePat struct {
	v      string
	labels []string
	lx     *labelExpr // (n:A|B), (n:A&!B): set instead of labels
	props  expr       // mapExpr or paramExpr, or nil
	pos    int
	// constProps is set by the planner when props uses no variables, so a
	// run may evaluate it once.
	constProps bool
}

type relPat struct {
	v        string
	types    []string
	tx       *labelExpr // [r:!T], [r:T&U], [r:%]: set instead of types
	qpp      *qppGroup  // a quantified group beyond one bare relationship
	dir      Direction  // Outgoing: (a)-[]->(b); Incoming: (a)<-[]-(b)
	varLen   bool
	min, max int // max < 0: unbounded
	props    expr
	pos      int
	// constProps: see nodePat.
	constProps bool
}

type patternPart struct {
	pathVar  string
	shortest int // 0 no, 1 shortestPath, 2 allShortestPaths, 3 sel
	sel      *pathSelector
	nodes    []*nodePat
	rels     []*relPat
	pos      int
	// degree is set by the planner on COUNT { (n)--() } and the like,
	// which the degree of n answers (see degreeOf).
	degree *degreeSpec
}

type clause interface{ clauseNode() }

type matchClause struct {
	optional bool
	parts    []*patternPart
	where    expr
	// degree is set by the planner when the MATCH only feeds counts per
	// node (see degreeRewrite): degreePart then binds that node alone.
	degree     *degreeSpec
	degreePart *patternPart
}

type unwindClause struct {
	x expr
	v string
}

type projItem struct {
	x     expr
	alias string
	text  string // source text, the column name when there is no alias
	pos   int
}

type sortItem struct {
	x    expr
	desc bool
}

// projection is WITH or RETURN.
type projection struct {
	isReturn bool
	distinct bool
	star     bool
	items    []projItem
	order    []sortItem
	skip     expr
	limit    expr
	where    expr // WITH … WHERE
	pos      int
}

// createClause exists only for the test harness (see Options.allowCreate).
type createClause struct {
	parts []*patternPart
	pos   int
}

func (*matchClause) clauseNode()  {}
func (*unwindClause) clauseNode() {}
func (*projection) clauseNode()   {}
func (*createClause) clauseNode() {}

type singleQuery struct{ clauses []clause }

type query struct {
	parts    []*singleQuery
	unionAll []bool // unionAll[i] joins parts[i] and parts[i+1]
	mode     string // "", "EXPLAIN" or "PROFILE"
}

// subquery is the body of EXISTS { MATCH … RETURN … }, planned in the scope
// of the expression that holds it.
type subquery struct {
	q      *singleQuery
	stages []*stage
}

// labelExpr is a label expression beyond a plain conjunction (:A:B):
// op is 'n' (the label name), '%' (any label), '!' (not), '&' or '|'.
type labelExpr struct {
	op   byte
	name string
	args []*labelExpr
}

func (lx *labelExpr) matches(have []string) bool {
	switch lx.op {
	case 'n':
		return containsString(have, lx.name)
	case '%':
		return len(have) > 0
	case '!':
		return !lx.args[0].matches(have)
	case '&':
		for _, a := range lx.args {
			if !a.matches(have) {
				return false
			}
		}
		return true
	}
	for _, a := range lx.args {
		if a.matches(have) {
			return true
		}
	}
	return false
}

func (lx *labelExpr) String() string {
	switch lx.op {
	case 'n':
		return lx.name
	case '%':
		return "%"
	case '!':
		return "!" + lx.args[0].String()
	}
	parts := make([]string, len(lx.args))
	for i, a := range lx.args {
		parts[i] = a.String()
	}
	return "(" + strings.Join(parts, string(lx.op)) + ")"
}
