package cloudformation

import (
	"slices"
	"strings"
)

// dep is one reference from a resource to another: Ref B, Fn::GetAtt
// B.Attr, ${B.Attr} inside Fn::Sub, or DependsOn B.
type dep struct {
	to   string
	text string // as written: "B", "B.CidrBlock", "DependsOn B"
	at   *node
}

// checkCycles refuses a template whose resources depend on each other in a
// loop, as CloudFormation does ("Circular dependency between resources"),
// before anything is evaluated: evaluating such a loop would never end.
func checkCycles(t *template) error {
	deps := map[string][]dep{}
	sc := &depScan{t: t}
	for i, k := range t.resources.keys {
		r := t.resources.vals[i]
		var ds []dep
		sc.seen = map[*node]bool{}
		sc.collect(r.get("Properties"), &ds, 0)
		if sc.visits > maxDepScan {
			return errAt(r, "resource %s: its properties are too large to scan for references (more than %d nodes, aliases included)", k, maxDepScan)
		}
		collectDependsOn(r.get("DependsOn"), t, &ds)
		deps[k] = ds
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []dep // path[i] leads from the i-th resource on the path to the next
	var starts []string
	var visit func(k string) error
	visit = func(k string) error {
		state[k] = onPath
		starts = append(starts, k)
		for _, d := range deps[k] {
			switch state[d.to] {
			case onPath:
				i := slices.Index(starts, d.to)
				return cycleError(starts[i:], append(slices.Clone(path[i:]), d))
			case unseen:
				path = append(path, d)
				if err := visit(d.to); err != nil {
					return err
				}
				path = path[:len(path)-1]
			}
		}
		starts = starts[:len(starts)-1]
		state[k] = done
		return nil
	}
	for _, k := range t.resources.keys {
		if state[k] == unseen {
			if err := visit(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// cycleError names the loop, "A: B.CidrBlock -> B: A.CidrBlock -> A":
// each resource, then the reference in it that leads to the next.
func cycleError(res []string, edges []dep) error {
	var b strings.Builder
	for i, r := range res {
		b.WriteString(r + ": " + edges[i].text + " -> ")
	}
	b.WriteString(res[0])
	names := slices.Sorted(slices.Values(res))
	return errAt(edges[0].at, "Circular dependency between resources [%s]: %s; CloudFormation rejects the template",
		strings.Join(names, ", "), b.String())
}

// maxDepScan bounds the nodes the reference scan visits over a template;
// YAML aliases share nodes, which each resource visits once.
const maxDepScan = 4 * maxNodes

// depScan finds the references to resources of t under a resource.
type depScan struct {
	t      *template
	seen   map[*node]bool // nodes of the current resource already scanned
	visits int
}

func (sc *depScan) collect(n *node, out *[]dep, depth int) {
	if n == nil || depth > maxDepth || sc.seen[n] || sc.visits > maxDepScan {
		return
	}
	sc.seen[n] = true
	sc.visits++
	t := sc.t
	if fn, arg, ok := n.fnCall(); ok {
		switch fn {
		case "Ref":
			if arg.kind == scalarNode && t.resources.get(arg.str) != nil {
				*out = append(*out, dep{to: arg.str, text: arg.str, at: arg})
			}
			return
		case "Fn::GetAtt":
			addGetAttDep(arg, t, out)
			return
		case "Fn::Sub":
			sc.sub(arg, out, depth)
			return
		}
	}
	for _, c := range n.items {
		sc.collect(c, out, depth+1)
	}
	for _, c := range n.vals {
		sc.collect(c, out, depth+1)
	}
}

func addGetAttDep(arg *node, t *template, out *[]dep) {
	var res, text string
	switch {
	case arg.kind == scalarNode:
		res, _, _ = strings.Cut(arg.str, ".")
		text = arg.str
	case arg.kind == seqNode && len(arg.items) == 2 && arg.items[0].kind == scalarNode:
		res, text = arg.items[0].str, arg.items[0].str+"."+staticText(arg.items[1])
	}
	if res != "" && t.resources.get(res) != nil {
		*out = append(*out, dep{to: res, text: text, at: arg})
	}
}

// sub reads the ${Name} and ${Name.Attr} of an Fn::Sub string; the names
// its variable map defines are not resources.
func (sc *depScan) sub(arg *node, out *[]dep, depth int) {
	t := sc.t
	tmpl, vars := arg, (*node)(nil)
	if arg.kind == seqNode && len(arg.items) == 2 {
		tmpl, vars = arg.items[0], arg.items[1]
		sc.collect(vars, out, depth+1)
	}
	if tmpl == nil || tmpl.kind != scalarNode {
		return
	}
	s := tmpl.str
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return
		}
		name := strings.TrimSpace(s[i+2 : i+j])
		s = s[i+j+1:]
		if strings.HasPrefix(name, "!") || vars.get(name) != nil {
			continue
		}
		res, _, _ := strings.Cut(name, ".")
		if t.resources.get(res) != nil {
			*out = append(*out, dep{to: res, text: name, at: tmpl})
		}
	}
}

func collectDependsOn(n *node, t *template, out *[]dep) {
	if n == nil {
		return
	}
	items := []*node{n}
	if n.kind == seqNode {
		items = n.items
	}
	for _, it := range items {
		if it.kind == scalarNode && t.resources.get(it.str) != nil {
			*out = append(*out, dep{to: it.str, text: "DependsOn " + it.str, at: it})
		}
	}
}
