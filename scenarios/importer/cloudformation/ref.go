package cloudformation

import (
	"slices"
	"strings"
)

// Fixed pseudo-parameter values: the account id is the documentation one.
const accountID = "123456789012"

func (e *ev) ref(arg *node) (value, error) {
	name, err := refName(arg, "Ref")
	if err != nil {
		return nil, err
	}
	if v, ok := e.pseudo(name); ok {
		return v, nil
	}
	if e.st.tpl.params.get(name) != nil {
		return e.st.param(name, arg)
	}
	r, err := e.resource(name, arg)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errAt(arg, "%s: Ref to %s, which is neither a parameter nor a resource", e.where, name)
	}
	if r.id != "" {
		return r.id, nil
	}
	return unknown{text: name, reason: "the physical id of " + r.typ + " " + r.label()}, nil
}

// pseudo gives the AWS:: pseudo parameters.
func (e *ev) pseudo(name string) (value, bool) {
	region := e.st.s.region
	switch name {
	case "AWS::Region":
		return region, true
	case "AWS::AccountId":
		return accountID, true
	case "AWS::StackName":
		if e.exportName && !e.st.s.stackNameGiven() {
			return stackWildcard, true
		}
		return e.st.name, true
	case "AWS::StackId":
		return "arn:" + partition(region) + ":cloudformation:" + region + ":" + accountID + ":stack/" + e.st.name + "/00000000-0000-0000-0000-000000000000", true
	case "AWS::NoValue":
		return noValue{}, true
	case "AWS::URLSuffix":
		if strings.HasPrefix(region, "cn-") {
			return "amazonaws.com.cn", true
		}
		return "amazonaws.com", true
	case "AWS::Partition":
		return partition(region), true
	case "AWS::NotificationARNs":
		return []value{}, true
	}
	return nil, false
}

func partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

func (s *importState) stackNameGiven() bool {
	_, ok := s.opts.Params["AWS::StackName"]
	return ok
}

// getAtt evaluates Fn::GetAtt [Resource, Attribute].
func (e *ev) getAtt(arg *node) (value, error) {
	var res, attr string
	switch {
	case arg != nil && arg.kind == scalarNode:
		res, attr, _ = strings.Cut(arg.str, ".")
	default:
		items, err := args(arg, "Fn::GetAtt", 2, 0)
		if err != nil {
			return nil, err
		}
		rv, err := e.str(items[0], "the Fn::GetAtt resource")
		if err != nil {
			return nil, err
		}
		av, err := e.str(items[1], "the Fn::GetAtt attribute")
		if err != nil {
			return nil, err
		}
		res, attr = asString(rv), asString(av)
	}
	r, err := e.resource(res, arg)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errAt(arg, "%s: Fn::GetAtt of %s, which is not a resource", e.where, res)
	}
	return e.attribute(r, attr, arg)
}

// attribute is the value of one attribute of a resource; attributes the
// importer does not model are unknown.
func (e *ev) attribute(r *resource, attr string, at *node) (value, error) {
	// Values never change once evaluated: a chain of GetAtt through many
	// resources is evaluated once per link, not once per reader.
	if v, ok := r.attrs[attr]; ok {
		return v, nil
	}
	v, err := e.evalAttribute(r, attr, at)
	if err == nil {
		if r.attrs == nil {
			r.attrs = map[string]value{}
		}
		r.attrs[attr] = v
	}
	return v, err
}

func (e *ev) evalAttribute(r *resource, attr string, at *node) (value, error) {
	region := e.st.s.region
	re := &ev{st: r.st, where: r.logical + "." + attr}
	switch r.typ + "." + attr {
	case "AWS::EC2::VPC.VpcId", "AWS::EC2::Subnet.SubnetId", "AWS::EC2::SecurityGroup.GroupId":
		return r.id, nil
	case "AWS::EC2::VPC.CidrBlock":
		return re.prop(r, "CidrBlock")
	case "AWS::EC2::VPC.DefaultSecurityGroup":
		r.defaultSG = true
		return defaultSGID(r.id), nil
	case "AWS::EC2::Subnet.AvailabilityZone":
		return re.prop(r, "AvailabilityZone")
	case "AWS::EC2::Subnet.CidrBlock":
		v, err := re.prop(r, "CidrBlock")
		if s, ok := v.(string); ok && err == nil {
			if c, ok := canonicalCIDR(s); ok {
				return c, nil
			}
		}
		return v, err
	case "AWS::EC2::Subnet.VpcId", "AWS::EC2::SecurityGroup.VpcId":
		return re.prop(r, "VpcId")
	case "AWS::Lambda::Function.Arn", "AWS::Serverless::Function.Arn":
		return "arn:" + partition(region) + ":lambda:" + region + ":" + accountID + ":function:" + r.id, nil
	case "AWS::IAM::Role.Arn":
		return roleARN(region, r.id), nil
	}
	if out, ok := strings.CutPrefix(attr, "Outputs."); ok && nestedLocation(r.typ, r.props) != nil {
		return e.nestedOutput(r, out, at)
	}
	return unknown{text: r.logical + "." + attr, reason: "attribute " + attr + " of " + r.typ + " " + r.label() + " is not modelled"}, nil
}

func roleARN(region, id string) string {
	return "arn:" + partition(region) + ":iam::" + accountID + ":role/" + id
}

// defaultSGID is the scenario id of a VPC's default security group.
func defaultSGID(vpc string) string { return vpc + "-default" }

// prop evaluates one property of r (absent: noValue).
func (e *ev) prop(r *resource, name string) (value, error) {
	return e.eval(r.props.get(name))
}

// nestedOutput is GetAtt Stack.Outputs.Name.
func (e *ev) nestedOutput(r *resource, name string, at *node) (value, error) {
	c, err := e.st.child(r)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return unknown{text: r.logical + ".Outputs." + name, reason: "nested stack " + r.label() + " was not imported"}, nil
	}
	return c.output(name, at)
}

// output evaluates an output of the stack.
func (st *stack) output(name string, at *node) (value, error) {
	if v, ok := st.outputs[name]; ok {
		return v, nil
	}
	o := st.tpl.outputs.get(name)
	if o == nil {
		return nil, errAt(at, "stack %s has no output %s", st.describe(), name)
	}
	here := "output " + name + " of stack " + st.describe()
	if st.outBusy[name] {
		chain := st.s.outChain[slices.Index(st.s.outChain, here):]
		return nil, errAt(at, "outputs depend on each other in a loop: %s -> %s; CloudFormation cannot create these stacks",
			strings.Join(chain, " -> "), here)
	}
	st.outBusy[name] = true
	st.s.outChain = append(st.s.outChain, here)
	defer func() {
		delete(st.outBusy, name)
		st.s.outChain = st.s.outChain[:len(st.s.outChain)-1]
	}()
	if c := o.get("Condition"); c != nil && c.kind == scalarNode {
		ok, err := st.condition(c.str, c)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errAt(at, "output %s of stack %s is not created: its Condition %s is false", name, st.describe(), c.str)
		}
	}
	v, err := (&ev{st: st, where: "Outputs." + name}).eval(o.get("Value"))
	if err != nil {
		return nil, err
	}
	st.outputs[name] = v
	return v, nil
}

// describe names a stack for messages: its name and file, and its
// nested-stack path when it has one.
func (st *stack) describe() string {
	if st.path == "" {
		return st.name + " (" + st.tpl.base + ")"
	}
	return st.name + " (" + st.path + ", " + st.tpl.base + ")"
}
