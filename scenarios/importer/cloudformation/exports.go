package cloudformation

import (
	"regexp"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// stackWildcard stands for AWS::StackName while export names are evaluated:
// the stack name is chosen at deploy time (list-manager deploys its VPC
// template as "list-manager-vpc"), so an export named
// !Sub "${AWS::StackName}-subnet-a" matches an import of
// "list-manager-vpc-subnet-a" whatever the file is called.
const stackWildcard = "\x00stack\x00"

// export is one Outputs entry with an Export.Name, of some stack.
type export struct {
	st      *stack
	output  string
	pattern *regexp.Regexp
	name    string // as written, for messages
}

// collectExports evaluates the export names of every stack once.
func (s *importState) collectExports() {
	if s.exported {
		return
	}
	s.exported = true
	for i := 0; i < len(s.stacks); i++ { // stacks may grow while evaluating
		st := s.stacks[i]
		if st.tpl.outputs == nil {
			continue
		}
		for j, name := range st.tpl.outputs.keys {
			en := st.tpl.outputs.vals[j].get("Export").get("Name")
			if en == nil {
				continue
			}
			e := &ev{st: st, where: "Outputs." + name + ".Export.Name", exportName: true}
			v, err := e.eval(en)
			if err != nil {
				s.warn(importer.Warning{Resource: st.label("Outputs." + name), Property: "Export.Name", Pos: en.pos(),
					Msg: "export name not evaluated: " + err.Error()})
				continue
			}
			text := asString(v)
			pat := regexp.QuoteMeta(text)
			pat = strings.ReplaceAll(pat, regexp.QuoteMeta(stackWildcard), `[A-Za-z][-A-Za-z0-9]*`)
			s.exports = append(s.exports, export{st: st, output: name, pattern: regexp.MustCompile("^" + pat + "$"),
				name: strings.ReplaceAll(text, stackWildcard, "${AWS::StackName}")})
		}
	}
}

// importValue is Fn::ImportValue: --param NAME=VALUE first, then an export
// of the given files, else an unknown that names the export.
func (e *ev) importValue(arg *node) (value, error) {
	v, err := e.str(arg, "the Fn::ImportValue name")
	if err != nil {
		return nil, err
	}
	name := asString(v)
	if u, ok := v.(unknown); ok {
		u.export = name
		return u, nil
	}
	s := e.st.s
	if p, ok := s.opts.Params[name]; ok {
		s.usedParam[name] = true
		return p, nil
	}
	s.collectExports()
	var found []export
	for _, x := range s.exports {
		if x.pattern.MatchString(name) {
			found = append(found, x)
		}
	}
	if len(found) > 1 {
		s.warn(importer.Warning{Resource: e.st.label(e.where), Pos: arg.pos(),
			Msg: "Fn::ImportValue " + name + " matches the exports of several files; using " + found[0].st.tpl.base + " (" + found[0].name + ")"})
	}
	if len(found) > 0 {
		return found[0].st.output(found[0].output, arg)
	}
	if ref, ok := strings.CutPrefix(name, slsVarPrefix); ok {
		return unknown{text: ref, export: name, reason: "the importer does not read ${" + ref + "}"}, nil
	}
	return unknown{text: name, export: name, reason: "no given file exports " + name}, nil
}
