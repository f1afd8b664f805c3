package cloudformation

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/enisim/enisim/scenarios/importer"
)

// ServerlessOptions are what `serverless deploy` is given besides the file.
type ServerlessOptions struct {
	Stage  string // --stage; default provider.stage, else dev
	Region string // --region; default provider.region, else us-east-1
	// Vars set variables by their reference: "opt:stage", "param:vpcId",
	// "env:SUBNETS", "cf:network-dev.PrivateSubnet1", "ssm:/vpc/id". The
	// environment is never read, so the import is the same everywhere.
	Vars map[string]string
}

// ImportServerless reads a Serverless Framework serverless.yml and imports
// the CloudFormation the framework would generate for it: one
// AWS::Lambda::Function per function (the framework's logical ids,
// <Name>LambdaFunction), the generated IamRoleLambdaExecution, and
// resources.Resources merged in, as CloudFormation.
func ImportServerless(file string, data []byte, opts ServerlessOptions) (*importer.Layout, error) {
	root, err := readTemplate(file, data)
	if err != nil {
		return nil, err
	}
	if root.kind != mapNode || (root.get("functions") == nil && root.get("provider") == nil) {
		return nil, errAt(root, "not a Serverless Framework file: no provider or functions")
	}
	r := &slsResolver{file: file, root: root, opts: opts, unread: map[string]bool{}}
	r.stage = r.pickStage()
	tplNode, err := r.template()
	if err != nil {
		return nil, err
	}
	t, err := templateFromNode(file, tplNode, true)
	if err != nil {
		return nil, err
	}
	s := newState(Options{Region: r.region(), Params: map[string]string{"AWS::StackName": r.stackName()}})
	s.templates = []*template{t}
	l, err := s.run([]string{file})
	if l != nil {
		l.Source = "Serverless Framework " + t.base + " (stage " + r.stage + ")"
		l.Name = r.stackName()
	}
	return l, err
}

func (r *slsResolver) pickStage() string {
	if r.opts.Stage != "" {
		return r.opts.Stage
	}
	if v, ok := r.opts.Vars["opt:stage"]; ok {
		return v
	}
	if v := r.root.get("provider").get("stage"); v != nil && v.kind == scalarNode && !strings.Contains(v.str, "${") {
		return v.str
	}
	return "dev"
}

// stackName is the framework's stack name, <service>-<stage>.
func (r *slsResolver) stackName() string {
	svc := "service"
	if v, err := r.resolve(r.root.get("service"), 0); err == nil && v != nil {
		if v.kind == mapNode { // v1: service: {name: x}
			v = v.get("name")
		}
		if v != nil && v.kind == scalarNode && v.str != "" {
			svc = v.str
		}
	}
	return svc + "-" + r.stage
}

// template builds the CloudFormation template node.
func (r *slsResolver) template() (*node, error) {
	provider, err := r.resolve(r.root.get("provider"), 0)
	if err != nil {
		return nil, err
	}
	fns, err := r.resolve(r.root.get("functions"), 0)
	if err != nil {
		return nil, err
	}
	res, err := r.resolve(r.root.get("resources"), 0)
	if err != nil {
		return nil, err
	}
	at := r.root
	out := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	resources := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	anyVPC, needRole := false, false
	for i, name := range fns.keysOrNil() {
		f := fns.vals[i]
		fn, inVPC, ownRole := r.function(name, f, provider)
		anyVPC, needRole = anyVPC || inVPC, needRole || !ownRole
		setKey(resources, slsLogicalID(name)+"LambdaFunction", fn)
	}
	if custom := firstOf(provider.get("iam").get("role"), provider.get("role")); needRole && (custom == nil || custom.kind == mapNode && !isFn(custom)) {
		setKey(resources, "IamRoleLambdaExecution", r.role(provider, anyVPC))
	}
	if rs := res.get("Resources"); rs != nil {
		for i, k := range rs.keysOrNil() {
			setKey(resources, k, rs.vals[i]) // resources.Resources overrides generated ones
		}
	}
	setKey(out, "Resources", resources)
	for _, sec := range []string{"Outputs", "Conditions", "Mappings", "Parameters"} {
		if v := res.get(sec); v != nil {
			setKey(out, sec, v)
		}
	}
	return out, nil
}

// function is the AWS::Lambda::Function the framework generates. inVPC
// reports a VpcConfig; ownRole a role of its own or the provider's.
func (r *slsResolver) function(name string, f, provider *node) (fn *node, inVPC, ownRole bool) {
	props := &node{kind: mapNode, file: f.file, line: f.line, col: f.col}
	scalar := func(s string) *node { return &node{kind: scalarNode, str: s, file: f.file, line: f.line, col: f.col} }
	setKey(props, "FunctionName", scalar(r.stackName()+"-"+name))
	for _, p := range []struct{ sls, cfn string }{{"memorySize", "MemorySize"}, {"reservedConcurrency", "ReservedConcurrentExecutions"}} {
		if v := firstOf(f.get(p.sls), provider.get(p.sls)); v != nil {
			setKey(props, p.cfn, v)
		}
	}
	if v := slsVPC(f, provider); v != nil {
		setKey(props, "VpcConfig", v)
		inVPC = true
	}
	role := firstOf(f.get("role"), provider.get("iam").get("role"), provider.get("role"))
	switch {
	case role != nil && role.kind == scalarNode && !strings.HasPrefix(role.str, "arn:"):
		// A logical id of resources.Resources.
		role = &node{kind: mapNode, keys: []string{"Fn::GetAtt"}, file: role.file, line: role.line, col: role.col,
			vals: []*node{{kind: seqNode, file: role.file, line: role.line, col: role.col, items: []*node{scalarAt(role, role.str), scalarAt(role, "Arn")}}}}
		ownRole = true
	case role != nil && role.kind != mapNode || role != nil && isFn(role):
		ownRole = true
	default: // provider.iam.role as a mapping configures the generated role
		role = &node{kind: mapNode, keys: []string{"Fn::GetAtt"}, file: f.file, line: f.line, col: f.col,
			vals: []*node{{kind: seqNode, file: f.file, line: f.line, col: f.col, items: []*node{scalar("IamRoleLambdaExecution"), scalar("Arn")}}}}
	}
	setKey(props, "Role", role)
	fn = &node{kind: mapNode, file: f.file, line: f.line, col: f.col}
	setKey(fn, "Type", scalar("AWS::Lambda::Function"))
	setKey(fn, "Properties", props)
	meta := &node{kind: mapNode, file: f.file, line: f.line, col: f.col}
	setKey(meta, slsFunctionKey, scalar(name))
	setKey(fn, "Metadata", meta)
	return fn, inVPC, ownRole
}

func isFn(n *node) bool { _, _, ok := n.fnCall(); return ok }

func scalarAt(at *node, s string) *node {
	return &node{kind: scalarNode, str: s, file: at.file, line: at.line, col: at.col}
}

// slsVPC applies the framework's rules (compile/functions.js): vpc: ~ or
// false opts a function out; each of securityGroupIds and subnetIds falls
// back on the provider's on its own; without both there is no VpcConfig.
func slsVPC(f, provider *node) *node {
	fv := f.get("vpc")
	if fv != nil && (fv.kind == nullNode || fv.kind == scalarNode && (fv.str == "false" || fv.str == "~" || fv.str == "null")) {
		return nil
	}
	pv := provider.get("vpc")
	sgs := firstOf(fv.get("securityGroupIds"), pv.get("securityGroupIds"))
	subnets := firstOf(fv.get("subnetIds"), pv.get("subnetIds"))
	if sgs == nil || subnets == nil {
		return nil
	}
	at := firstOf(fv, pv)
	vc := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	setKey(vc, "SecurityGroupIds", sgs)
	setKey(vc, "SubnetIds", subnets)
	return vc
}

// role is IamRoleLambdaExecution: the logs permissions, the statements of
// provider.iam.role.statements (or v1's iamRoleStatements), the managed
// policies given, and AWSLambdaVPCAccessExecutionRole when any function
// is in a VPC (merge-iam-templates.js).
func (r *slsResolver) role(provider *node, anyVPC bool) *node {
	at := provider
	if at == nil {
		at = r.root
	}
	stmts := &node{kind: seqNode, file: at.file, line: at.line, col: at.col}
	logs := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	setKey(logs, "Effect", scalarAt(at, "Allow"))
	setKey(logs, "Action", &node{kind: seqNode, file: at.file, items: []*node{scalarAt(at, "logs:CreateLogStream"), scalarAt(at, "logs:CreateLogGroup"), scalarAt(at, "logs:PutLogEvents")}})
	setKey(logs, "Resource", scalarAt(at, "*"))
	stmts.items = append(stmts.items, logs)
	for _, s := range []*node{provider.get("iam").get("role").get("statements"), provider.get("iamRoleStatements")} {
		if s != nil && s.kind == seqNode {
			stmts.items = append(stmts.items, s.items...)
		}
	}
	doc := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	setKey(doc, "Version", scalarAt(at, "2012-10-17"))
	setKey(doc, "Statement", stmts)
	pol := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	setKey(pol, "PolicyName", scalarAt(at, r.stackName()+"-lambda"))
	setKey(pol, "PolicyDocument", doc)
	managed := &node{kind: seqNode, file: at.file, line: at.line, col: at.col}
	for _, m := range []*node{provider.get("iam").get("role").get("managedPolicies"), provider.get("iamManagedPolicies")} {
		if m != nil && m.kind == seqNode {
			managed.items = append(managed.items, m.items...)
		}
	}
	if anyVPC {
		managed.items = append(managed.items, scalarAt(at, "arn:aws:iam::aws:policy/service-role/"+vpcAccess))
	}
	props := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	setKey(props, "ManagedPolicyArns", managed)
	setKey(props, "Policies", &node{kind: seqNode, file: at.file, items: []*node{pol}})
	role := &node{kind: mapNode, file: at.file, line: at.line, col: at.col}
	setKey(role, "Type", scalarAt(at, "AWS::IAM::Role"))
	setKey(role, "Properties", props)
	return role
}

// slsFunctionKey is the Metadata key that keeps a generated function's name
// in serverless.yml ("sendText"): its scenario name and a --workload name.
const slsFunctionKey = "enisim:serverlessFunction"

// slsFunctionName is that name, or "".
func slsFunctionName(r *node) string {
	if n := r.get("Metadata").get(slsFunctionKey); n != nil && n.kind == scalarNode {
		return n.str
	}
	return ""
}

// slsLogicalID is the framework's normalized name: first letter upper,
// '-' as Dash and '_' as Underscore (sendText -> SendText).
func slsLogicalID(name string) string {
	name = strings.NewReplacer("-", "Dash", "_", "Underscore").Replace(name)
	if name == "" {
		return name
	}
	rs := []rune(name)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

func firstOf(ns ...*node) *node {
	for _, n := range ns {
		if n != nil {
			return n
		}
	}
	return nil
}

// setKey sets key in a mapping node, replacing an existing value.
func setKey(m *node, key string, v *node) {
	if i := indexOf(m.keys, key); i >= 0 {
		m.vals[i] = v
		return
	}
	m.keys, m.vals = append(m.keys, key), append(m.vals, v)
}

// slsHint is the hint for an unknown that stands for a Serverless
// variable.
func slsHint(export string) (string, bool) {
	ref, ok := strings.CutPrefix(export, slsVarPrefix)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("; give --var '%s=VALUE'", ref), true
}
