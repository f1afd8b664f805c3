package terraform

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/enisim/enisim/internal/inputfile"
	"github.com/enisim/enisim/scenarios/importer"
)

// ImportPlan reads the JSON `terraform show -json` prints for a saved plan
// (terraform plan -out plan.out; terraform show -json plan.out) or for the
// state (terraform show -json), and returns its layout. Values there are
// what Terraform resolved: variables, modules, count, data sources. What
// is known only after apply (the id of a security group the plan creates)
// is followed through the configuration's references to the resource it
// comes from, or becomes a placeholder with a warning.
func ImportPlan(path string) (*importer.Layout, error) {
	b := &budget{}
	data, err := b.readPlanFile(path)
	if err != nil {
		return nil, err
	}
	return importPlanData(b, path, data)
}

// importPlanData imports the plan JSON data read from path.
func importPlanData(b *budget, path string, data []byte) (*importer.Layout, error) {
	p, err := readPlan(path, data)
	if err != nil {
		return nil, err
	}
	pi := newPlanImport(b, p, filepath.Dir(path))
	pi.collect()
	l := pi.im.build()
	l.Source = path
	l.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return l, nil
}

func (b *budget) readPlanFile(path string) ([]byte, error) {
	f, err := inputfile.Open(path)
	if errors.Is(err, inputfile.ErrNotRegular) {
		return nil, fmt.Errorf("terraform-plan: %w (give the JSON of terraform show -json)", err)
	}
	if err != nil {
		return nil, fmt.Errorf("terraform-plan: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("terraform-plan: %w", err)
	}
	if fi.Size() > MaxPlanBytes {
		return nil, fmt.Errorf("terraform-plan: %s has %d bytes, more than the limit MaxPlanBytes = %d: %w", path, fi.Size(), MaxPlanBytes, errBudget)
	}
	return io.ReadAll(io.LimitReader(f, MaxPlanBytes+1))
}

// planImport turns a plan's resources into the collector's records, so
// the layout is built by the same rules as for HCL (build.go).
type planImport struct {
	im *imp
	p  *planFile
	// res are the resources by address: the planned (or state) values,
	// and data sources from the prior state.
	res   map[string]*stateResource
	order []string
	// unknown is each resource's after_unknown, by address.
	unknown map[string]map[string]any
	config  map[string]*configResource // by address without instance key
	calls   map[string]moduleCall      // module path -> its call
	// idOf is the scenario id given to a VPC, subnet or security group.
	idOf map[string]string
}

func newPlanImport(b *budget, p *planFile, dir string) *planImport {
	im := newImp(b, newModuleConfig(dir), Options{})
	pi := &planImport{im: im, p: p, res: map[string]*stateResource{}, unknown: map[string]map[string]any{},
		config: map[string]*configResource{}, calls: map[string]moduleCall{}, idOf: map[string]string{}}
	if p.PriorState != nil && p.PriorState.Values != nil {
		pi.addModule(p.PriorState.Values.RootModule, true)
	}
	if p.PlannedValues != nil {
		pi.addModule(p.PlannedValues.RootModule, false)
	} else {
		pi.addModule(p.Values.RootModule, false)
	}
	for _, rc := range p.ResourceChanges {
		pi.unknown[rc.Address] = rc.Change.AfterUnknown
	}
	if p.Configuration != nil {
		pi.addConfig("", p.Configuration.RootModule)
	}
	im.region, im.regionFrom = pi.findRegion()
	return pi
}

// addModule indexes a module's resources; from the prior state only data
// sources are kept (managed resources there are before the plan).
func (pi *planImport) addModule(m stateModule, prior bool) {
	for i := range m.Resources {
		r := &m.Resources[i]
		if prior && r.Mode != "data" {
			continue
		}
		if _, seen := pi.res[r.Address]; !seen {
			pi.order = append(pi.order, r.Address)
		}
		pi.res[r.Address] = r
	}
	for _, c := range m.ChildModules {
		pi.addModule(c, prior)
	}
}

func (pi *planImport) addConfig(path string, m configModule) {
	for i := range m.Resources {
		r := &m.Resources[i]
		pi.config[joinAddr(path, r.Address)] = r
	}
	for name, c := range m.ModuleCalls {
		child := joinAddr(path, "module."+name)
		pi.calls[child] = c
		pi.addConfig(child, c.Module)
	}
}

func joinAddr(module, addr string) string {
	if module == "" {
		return addr
	}
	return module + "." + addr
}

// findRegion is the aws provider's region (a constant, or a root variable
// it refers to), else the region of a function ARN in the plan.
func (pi *planImport) findRegion() (string, string) {
	if c := pi.p.Configuration; c != nil {
		if ex, ok := c.ProviderConfig["aws"]; ok {
			if s, ok := constant(ex.Expressions["region"]); ok && s != "" {
				return s, "from provider \"aws\""
			}
			for _, ref := range references(ex.Expressions["region"]) {
				if v, ok := pi.p.Variables[strings.TrimPrefix(ref, "var.")]; ok && strings.HasPrefix(ref, "var.") {
					if s, ok := v.Value.(string); ok && s != "" {
						return s, "from " + ref
					}
				}
			}
		}
	}
	for _, addr := range pi.order {
		if r := pi.res[addr]; r.Type == "aws_lambda_function" {
			if parts := strings.Split(str(r.Values["arn"]), ":"); len(parts) > 4 && parts[3] != "" {
				return parts[3], "from the ARN of " + addr
			}
		}
	}
	return "us-east-1", "nothing in the plan says; the default"
}

// planHandlers turn one resource of the plan into records.
var planHandlers = map[string]func(*planImport, *stateResource){
	"aws_vpc": (*planImport).vpc, "data.aws_vpc": (*planImport).vpc,
	"aws_subnet": (*planImport).subnet, "data.aws_subnet": (*planImport).subnet,
	"data.aws_subnet_ids": (*planImport).subnetIDs, "data.aws_subnets": (*planImport).subnetIDs,
	"aws_security_group": (*planImport).sg, "data.aws_security_group": (*planImport).sg,
	"aws_nat_gateway":     (*planImport).nat,
	"aws_lambda_function": (*planImport).function,
	"aws_iam_role":        (*planImport).role, "aws_iam_role_policy": (*planImport).rolePolicy,
	"aws_iam_role_policy_attachment": (*planImport).attachment,
	"aws_iam_policy":                 (*planImport).policy,
	"aws_vpc_endpoint":               (*planImport).endpoint,
	"aws_efs_mount_target":           (*planImport).mountTarget,
	"aws_db_subnet_group":            (*planImport).subnetGroup, "aws_elasticache_subnet_group": (*planImport).subnetGroup,
	"aws_neptune_subnet_group": (*planImport).subnetGroup, "aws_docdb_subnet_group": (*planImport).subnetGroup,
	"aws_rds_cluster": (*planImport).cluster, "aws_neptune_cluster": (*planImport).cluster, "aws_docdb_cluster": (*planImport).cluster,
	"aws_db_instance": (*planImport).nodes, "aws_rds_cluster_instance": (*planImport).nodes,
	"aws_neptune_cluster_instance": (*planImport).nodes, "aws_docdb_cluster_instance": (*planImport).nodes,
	"aws_elasticache_cluster": (*planImport).nodes, "aws_elasticache_replication_group": (*planImport).nodes,
}

// collect runs the handlers: the network first, so functions find it.
func (pi *planImport) collect() {
	for _, pass := range [][]string{{"vpc"}, {"subnet", "sg", "nat"}, {"function", "iam", "group"}, {"users"}} {
		for _, addr := range pi.order {
			r := pi.res[addr]
			key := r.Type
			if r.Mode == "data" {
				key = "data." + r.Type
			}
			if h := planHandlers[key]; h != nil && slices.Contains(pass, planPass(r.Type)) {
				h(pi, r)
			}
		}
	}
}

func planPass(typ string) string {
	switch {
	case typ == "aws_vpc":
		return "vpc"
	case strings.HasPrefix(typ, "aws_subnet"):
		return "subnet"
	case typ == "aws_security_group":
		return "sg"
	case typ == "aws_nat_gateway":
		return "nat"
	case typ == "aws_lambda_function":
		return "function"
	case strings.HasSuffix(typ, "_subnet_group") || strings.HasSuffix(typ, "_cluster") && typ != "aws_elasticache_cluster":
		return "group"
	case strings.HasPrefix(typ, "aws_iam_"):
		return "iam"
	}
	return "users"
}
