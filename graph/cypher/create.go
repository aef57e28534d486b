package cypher

// createOp runs CREATE for the test harness only (Options.create); Run
// clears that option, so no public entry point reaches it.
type createOp struct {
	r    *runner
	st   *stage
	c    *createClause
	next sink
}

func (o *createOp) push(row []any) error {
	w := o.r.opts.create
	if w == nil {
		return readOnlyError("", 0, "CREATE")
	}
	en := envOf(o.st.in, row)
	for _, p := range o.c.parts {
		var path Path
		for i, np := range p.nodes {
			var ref NodeRef
			if v, ok := en.lookup(np.v); ok && np.v != "" {
				n, isNode := v.(Node)
				if !isNode {
					return typeError("Type mismatch: `%s` is not a node", np.v)
				}
				ref = n.Ref
			} else {
				if np.lx != nil {
					return semanticError("CREATE cannot use label expressions")
				}
				props, err := o.props(np.props, en)
				if err != nil {
					return err
				}
				ref = w.createNode(np.labels, props)
				if np.v != "" {
					en = en.with(np.v, Node{ref})
				}
			}
			path.Nodes = append(path.Nodes, ref)
			if i == 0 {
				continue
			}
			rp := p.rels[i-1]
			props, err := o.props(rp.props, en)
			if err != nil {
				return err
			}
			if len(rp.types) != 1 || rp.varLen || rp.dir == Both {
				return semanticError("A single relationship type and direction must be given for CREATE")
			}
			start, end := path.Nodes[i-1], ref
			if rp.dir == Incoming {
				start, end = end, start
			}
			rel := w.createRel(rp.types[0], start, end, props)
			path.Rels = append(path.Rels, rel)
			if rp.v != "" {
				en = en.with(rp.v, Relationship{rel})
			}
		}
		if p.pathVar != "" {
			en = en.with(p.pathVar, path)
		}
	}
	out := make([]any, len(o.st.out))
	for i, n := range o.st.out {
		out[i], _ = en.lookup(n)
	}
	return o.next.push(out)
}

func (o *createOp) props(e expr, en *env) (map[string]any, error) {
	if e == nil {
		return nil, nil
	}
	v, err := o.r.eval(e, en)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, typeError("Expected a map of properties")
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		if x != nil {
			out[k] = x
		}
	}
	return out, nil
}

func (o *createOp) finish() error { return o.next.finish() }
