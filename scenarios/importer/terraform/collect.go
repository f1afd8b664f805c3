package terraform

import (
	"fmt"
	"math/big"
	"net/netip"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// The records below are what the walk finds, before references between
// them (a subnet's vpc_id, a function's role) are resolved in build.go.

type subnetRec struct {
	importer.Subnet
	vpc string // scenario id of its VPC; "" when unknown
}

type sgRec struct {
	importer.SG
	vpc string
}

type fnRec struct {
	importer.Function
	addr string
	role string // role ARN as written; "" when not given or unknown
	// roleUnknown is why the role could not be resolved ("" when it could).
	roleUnknown string
}

type roleRec struct {
	name, arn string
	role      importer.Role
	attach    []string // policy ARNs
	// unseen are the parts of its permissions the importer cannot see (a
	// policy document only AWS knows, an attachment of an unknown ARN).
	unseen []string
}

// collector accumulates the layout's parts during the walk.
type collector struct {
	vpcs    []*importer.VPC
	subnets []*subnetRec
	sgs     []*sgRec
	ipUsers []ipUse
	// subnetGroups are the subnets of RDS, ElastiCache and Neptune subnet
	// groups by name; groupUses the nodes placed in them.
	subnetGroups map[string][]string
	groupUses    []groupUse
	// clusterGroups is the subnet group of each Aurora or Neptune cluster
	// by its id.
	clusterGroups map[string]string
	funcs         []*fnRec
	roles         []*roleRec
	policies      map[string][]byte // customer-managed policy ARN -> document
	// attachments and inline policies of roles, by the role reference
	// (name, id or ARN) they were written with.
	attach map[string][]string
	inline map[string][][]byte
	unseen map[string][]string
}

// resourceHandlers turn one instance of a resource type into records.
var resourceHandlers = map[string]func(*imp, *resourceConfig, scope){
	"aws_vpc":                           (*imp).addVPC,
	"aws_subnet":                        (*imp).addSubnet,
	"aws_security_group":                (*imp).addSG,
	"aws_nat_gateway":                   (*imp).addNAT,
	"aws_lambda_function":               (*imp).addFunction,
	"aws_iam_role":                      (*imp).addRole,
	"aws_iam_role_policy":               (*imp).addRolePolicy,
	"aws_iam_role_policy_attachment":    (*imp).addAttachment,
	"aws_iam_policy_attachment":         (*imp).addAttachment,
	"aws_iam_policy":                    (*imp).addPolicy,
	"aws_vpc_endpoint":                  (*imp).addEndpoint,
	"aws_efs_mount_target":              (*imp).addMountTarget,
	"aws_db_subnet_group":               (*imp).addSubnetGroup,
	"aws_elasticache_subnet_group":      (*imp).addSubnetGroup,
	"aws_neptune_subnet_group":          (*imp).addSubnetGroup,
	"aws_docdb_subnet_group":            (*imp).addSubnetGroup,
	"aws_rds_cluster":                   (*imp).addCluster,
	"aws_neptune_cluster":               (*imp).addCluster,
	"aws_docdb_cluster":                 (*imp).addCluster,
	"aws_db_instance":                   (*imp).addNodes,
	"aws_rds_cluster_instance":          (*imp).addNodes,
	"aws_neptune_cluster_instance":      (*imp).addNodes,
	"aws_docdb_cluster_instance":        (*imp).addNodes,
	"aws_elasticache_cluster":           (*imp).addNodes,
	"aws_elasticache_replication_group": (*imp).addNodes,
}

// walk visits the resources of in and of the modules it calls, in the
// order they are written.
func (im *imp) walk(in *instance) {
	for _, rc := range in.cfg.resources {
		h := resourceHandlers[rc.typ]
		if h == nil {
			continue
		}
		ex := im.expand(in, rc)
		if !ex.known {
			if rc.typ != "aws_lambda_function" {
				im.warn(in.addr(rc.addr()), "count", "cannot tell how many instances ("+explain(ex.why)+"); not imported", "")
				continue
			}
			// A function is kept, as one instance whose key is unknown: its
			// subnets become placeholders rather than disappearing.
			im.warn(in.addr(rc.addr()), "for_each", "cannot tell how many instances ("+explain(ex.why)+"); imported as one", "")
			ex = &expansion{known: true, scopes: []scope{{in: in, mode: iterEach, key: cty.UnknownVal(cty.String), value: cty.DynamicVal}}}
		}
		for _, sc := range ex.scopes {
			h(im, rc, sc)
		}
	}
	for _, c := range in.cfg.calls {
		child := in.children[c.name]
		if !im.callEnabled(child) {
			continue
		}
		switch child.kind {
		case kindFollowed:
			im.walk(child)
		case kindVPC:
			im.addVPCModule(child)
		case kindLambda:
			im.addLambdaModule(child)
		default:
			im.warn(child.path, "source", child.note, "")
		}
	}
}

// callEnabled evaluates a module call's count or for_each: zero instances
// skip it; more than one (or unknown) are taken as one, with a warning.
func (im *imp) callEnabled(child *instance) bool {
	body := child.call.body
	if body.Attributes["count"] == nil && body.Attributes["for_each"] == nil {
		return true
	}
	ex := im.expandBody(body, scope{in: child.parent}, child.path)
	if ex.known && len(ex.scopes) == 0 {
		return false
	}
	if !ex.known || len(ex.scopes) > 1 {
		im.warn(child.path, "count", "module calls with count or for_each are imported as one instance", "")
	}
	return true
}

// attr evaluates the argument name of a resource instance (null when
// absent).
func (im *imp) attr(rc *resourceConfig, sc scope, name string) result {
	a := rc.body.Attributes[name]
	if a == nil {
		return result{v: cty.NullVal(cty.DynamicPseudoType)}
	}
	return im.eval(a.Expr, sc)
}

func instAddr(rc *resourceConfig, sc scope) string {
	return sc.in.addr(rc.addr()) + instKey(sc)
}

// stringAttr is a string argument ("" when absent); an unknown one is
// warned about and "".
func (im *imp) stringAttr(rc *resourceConfig, sc scope, name, subject string) string {
	r := im.attr(rc, sc, name)
	if r.v.IsKnown() && r.v.IsNull() {
		return ""
	}
	if !r.v.IsKnown() {
		im.warn(instAddr(rc, sc), name, "unknown ("+explain(r.why)+")", subject)
		return ""
	}
	v, err := convert.Convert(r.v, cty.String)
	if err != nil {
		im.warn(instAddr(rc, sc), name, "not a string", subject)
		return ""
	}
	return v.AsString()
}

// canonicalCIDR masks host bits, as EC2 does ("10.0.1.0/23" is stored as
// 10.0.0.0/23), and warns when that changed it; bad CIDRs give "".
func (im *imp) canonicalCIDR(s, addr, prop, subject string) string {
	if s == "" {
		return ""
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		im.warn(addr, prop, fmt.Sprintf("%q is not a CIDR", s), subject)
		return ""
	}
	m := p.Masked()
	if m != p {
		im.warn(addr, prop, fmt.Sprintf("%s has host bits set; EC2 stores it as %s", p, m), subject)
	}
	return m.String()
}

// intValue is a known whole number, or ok=false.
func intValue(v cty.Value) (int, bool) {
	if !v.IsKnown() || v.IsNull() {
		return 0, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		return 0, false
	}
	i, acc := n.AsBigFloat().Int64()
	if acc != big.Exact || i > 1<<31 || i < -1<<31 {
		return 0, false
	}
	return int(i), true
}

// boolValue is a known bool, else def.
func boolValue(v cty.Value, def bool) bool {
	if !v.IsKnown() || v.IsNull() {
		return def
	}
	b, err := convert.Convert(v, cty.Bool)
	if err != nil {
		return def
	}
	return b.True()
}
