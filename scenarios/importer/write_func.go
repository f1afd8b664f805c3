package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/enisim/enisim/eni/iam"
)

func (sw *scenarioWriter) functions() {
	fns := sortedFunctions(sw.l)
	if len(fns) == 0 {
		sw.printf("functions: []\n")
		return
	}
	sw.printf("functions:\n")
	for _, f := range fns {
		sw.function(f)
	}
}

func sortedFunctions(l *Layout) []Function {
	fns := slices.Clone(l.Functions)
	slices.SortFunc(fns, func(a, b Function) int { return strings.Compare(a.Name, b.Name) })
	return fns
}

func (sw *scenarioWriter) function(f Function) {
	sw.warnings(f.Name, "  ")
	sw.printf("  - name: %s\n", yamlStr(f.Name))
	if f.Origin != "" {
		sw.printf("    # %s\n", oneLine(f.Origin))
	}
	if len(f.SubnetIDs) > 0 {
		sw.printf("    vpcConfig: %s\n", blockStr(vpcShorthand(f.SubnetIDs, f.SecurityGroupIDs)))
	} else {
		sw.printf("    # not attached to a VPC: no Hyperplane ENI\n")
	}
	if f.Memory > 0 {
		sw.printf("    memory: %d\n", f.Memory)
	}
	if f.ReservedConcurrency != nil {
		sw.printf("    reservedConcurrency: %d\n", *f.ReservedConcurrency)
	}
	if f.Role != nil {
		sw.role(f.Role)
	}
	if a, ok := workloadFor(f, sw.opts.Workload); ok {
		sw.printf("    arrivals: %s\n", a)
		return
	}
	sw.printf("    # PLACEHOLDER workload: the source says nothing about traffic; give the real one.\n")
	sw.printf("    arrivals: %s\n", placeholderArrivals)
}

// UnmodelledPolicy is written next to a managed policy enisim does not
// embed (iam.ManagedPolicyNames), which is left out of managedPolicies.
const UnmodelledPolicy = "managed policy not modelled by enisim, left out: assumed to allow no ENI action"

// vpcShorthand is the AWS CLI --vpc-config syntax the scenario format takes.
func vpcShorthand(subnets, sgs []string) string {
	return "SubnetIds=" + strings.Join(subnets, ",") + ",SecurityGroupIds=" + strings.Join(sgs, ",")
}

func (sw *scenarioWriter) role(r *Role) {
	sw.printf("    role:\n")
	if r.Origin != "" {
		sw.printf("      # %s\n", oneLine(r.Origin))
	}
	names := []string{}
	for _, p := range r.ManagedPolicies {
		if _, ok := iam.Managed(p); !ok {
			// The simulator evaluates only the policies it embeds.
			sw.printf("      # %s: %s\n", oneLine(p), UnmodelledPolicy)
			continue
		}
		names = append(names, yamlStr(p))
	}
	sw.printf("      managedPolicies: [%s]\n", strings.Join(names, ", "))
	if len(r.Policies) == 0 {
		return
	}
	sw.printf("      policies:\n")
	for _, doc := range r.Policies {
		sw.printf("        - %s\n", policyYAML(doc, "          "))
	}
}

// policyYAML writes a JSON policy document as an indented flow value (JSON
// is YAML); a document that is not valid JSON is written as a string so the
// loader reports it rather than the writer dropping it.
func policyYAML(doc []byte, indent string) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, doc, indent, "  "); err != nil {
		return yamlStr(string(doc))
	}
	return buf.String()
}

// timeline publishes the versions the source declares. CloudFormation
// creates an AWS::Lambda::Version only once its function is Active, and a
// new key's ENI takes 60-90 s (hyperplane.creationDelay), so the default is
// 2m: a PublishVersion while the function is still Pending would be refused
// with ResourceConflictException and pin nothing.
func (sw *scenarioWriter) timeline() {
	at := sw.opts.VersionsAt
	if at == "" {
		at = "2m"
	}
	first := true
	for _, f := range sortedFunctions(sw.l) {
		for range f.Versions {
			if first {
				sw.printf("timeline:\n")
				sw.printf("  # Published versions keep their vpcConfig, and so its ENIs, until the\n")
				sw.printf("  # function is deleted. CloudFormation publishes once the function is Active.\n")
				first = false
			}
			sw.printf("  - {at: %s, action: PublishVersion, function: %s}\n", at, yamlStr(f.Name))
		}
	}
}

// workloadFor finds the arrivals given for f under its name or an alias.
func workloadFor(f Function, wl map[string]string) (string, bool) {
	for _, n := range append([]string{f.Name}, f.AltNames...) {
		if a, ok := wl[n]; ok {
			return a, true
		}
	}
	return "", false
}

// checkWorkload refuses workload entries that match no function: a typo in
// a --workload file must not silently leave a placeholder in place.
func checkWorkload(l *Layout, wl map[string]string) error {
	known := map[string]bool{}
	for _, f := range l.Functions {
		known[f.Name] = true
		for _, a := range f.AltNames {
			known[a] = true
		}
	}
	var bad []string
	for k := range wl {
		if !known[k] {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	var names []string
	for _, f := range sortedFunctions(l) {
		names = append(names, f.Name)
	}
	return fmt.Errorf("workload: %s match(es) no function (functions: %s)",
		strings.Join(bad, ", "), strings.Join(names, ", "))
}
