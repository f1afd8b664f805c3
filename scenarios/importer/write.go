package importer

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/enisim/enisim/scenarios/spec"
)

// WriteOptions control WriteScenario.
type WriteOptions struct {
	// Name overrides the scenario name (sanitised to [a-z0-9-]+).
	Name string
	// Output is the path the scenario is written to, used in the "how to
	// run it" header; "" writes scenario.yaml there.
	Output string
	// Command is the command line that made the file, for the header.
	Command string
	// Workload maps a function's name (or one of its AltNames) to its
	// arrivals, as one line of YAML (see ParseWorkload). Functions not in
	// it get a placeholder Poisson workload of 1/s.
	Workload map[string]string
	// VersionsAt is when the timeline publishes the functions' versions;
	// "" gives 2m (see writeTimeline).
	VersionsAt string
}

// placeholderArrivals is the workload written when none was given.
const placeholderArrivals = "{process: poisson, rate: 1/s}"

// WriteScenario writes l as a commented v1 scenario file. It sorts what it
// writes, so the same Layout always gives the same bytes. It fails when
// opts.Workload names a function the layout does not have.
func WriteScenario(w io.Writer, l *Layout, opts WriteOptions) error {
	if err := checkWorkload(l, opts.Workload); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	sw := &scenarioWriter{w: bw, l: l, opts: opts, bySubject: map[string][]Warning{}}
	for _, wn := range l.Warnings {
		sw.bySubject[wn.Subject] = append(sw.bySubject[wn.Subject], wn)
	}
	sw.header()
	sw.vpcs()
	sw.functions()
	sw.timeline()
	sw.observed()
	return bw.Flush()
}

// scenarioWriter holds what the parts of the file share.
type scenarioWriter struct {
	w         *bufio.Writer
	l         *Layout
	opts      WriteOptions
	bySubject map[string][]Warning
	nextCIDR  int // placeholder CIDRs handed out so far
}

func (sw *scenarioWriter) printf(format string, args ...any) {
	fmt.Fprintf(sw.w, format, args...)
}

// warnings writes the warnings about subject as comments at indent.
func (sw *scenarioWriter) warnings(subject, indent string) {
	for _, wn := range sw.bySubject[subject] {
		sw.printf("%s# WARNING: %s\n", indent, oneLine(wn.String()))
	}
}

func (sw *scenarioWriter) header() {
	l, out := sw.l, sw.opts.Output
	if out == "" {
		out = "scenario.yaml"
	}
	for _, ln := range wrap("Imported by enisim from "+oneLine(l.Source)+".", 76) {
		sw.printf("# %s\n", ln)
	}
	if sw.opts.Command != "" {
		sw.printf("# Command: %s\n", oneLine(sw.opts.Command))
	}
	sw.printf("# Check it:  enisim check %s\n", out)
	sw.printf("# Run it:    enisim run %s\n", out)
	sw.printf("# Workloads marked PLACEHOLDER are invented (1 request/s): replace them,\n")
	sw.printf("# or import again with --workload FILE (LogicalId: {process: ..., rate: ...}).\n")
	if n := len(l.Warnings); n > 0 {
		sw.printf("# The importer left %d warning(s), written below as '# WARNING' comments.\n", n)
	}
	sw.warnings("", "")
	sw.assumptions()
	name := sw.opts.Name
	if name == "" {
		name = l.Name
	}
	if name == "" {
		name = l.Source
	}
	sw.printf("name: %s\n", ScenarioName(name))
	sw.printf("duration: 1h\n")
}

func (sw *scenarioWriter) vpcs() {
	if len(sw.l.VPCs) == 0 {
		return
	}
	sw.printf("vpcs:\n")
	for _, v := range sortedVPCs(sw.l) {
		sw.vpc(v)
	}
}

func sortedVPCs(l *Layout) []VPC {
	vpcs := slices.Clone(l.VPCs)
	slices.SortFunc(vpcs, func(a, b VPC) int { return strings.Compare(a.ID, b.ID) })
	return vpcs
}

func sortedSubnets(v VPC) []Subnet {
	subnets := slices.Clone(v.Subnets)
	slices.SortFunc(subnets, func(a, b Subnet) int { return strings.Compare(a.ID, b.ID) })
	return subnets
}

func (sw *scenarioWriter) vpc(v VPC) {
	sw.warnings(v.ID, "  ")
	sw.printf("  - id: %s\n", yamlStr(v.ID))
	if v.Origin != "" || v.CIDR != "" {
		sw.printf("    # %s", oneLine(v.Origin))
		if v.CIDR != "" {
			sw.printf(", CIDR %s", v.CIDR)
		}
		sw.printf("\n")
	}
	tenancy := v.Tenancy
	if tenancy == "" {
		tenancy = "default"
	}
	sw.printf("    tenancy: %s\n", yamlStr(tenancy))
	if v.NATGateway {
		sw.printf("    natGateway: true\n")
	}
	sw.quota(v)
	subnets := sortedSubnets(v)
	sw.printf("    subnets:\n")
	if len(subnets) == 0 {
		sw.printf("      []\n")
	}
	for _, s := range subnets {
		sw.subnet(s)
	}
	sw.securityGroups(v.SGs)
}

func (sw *scenarioWriter) subnet(s Subnet) {
	sw.warnings(s.ID, "      ")
	cidr := s.CIDR
	if s.Placeholder || cidr == "" {
		hint := s.Hint
		if hint == "" {
			hint = "edit the id, az and cidr below"
		}
		sw.printf("      # PLACEHOLDER: %s\n", oneLine(hint))
	}
	if cidr == "" {
		// A documentation-only range, so nobody mistakes it for a real one.
		cidr = fmt.Sprintf("10.%d.%d.0/24", 255-sw.nextCIDR/256, sw.nextCIDR%256)
		sw.nextCIDR++
	}
	az := s.AZ
	if az == "" {
		az = spec.UnknownAZ // never an invented zone (see AllAssumptions)
	}
	sw.printf("      - id: %s\n", yamlStr(s.ID))
	if s.Origin != "" {
		sw.printf("        # %s\n", oneLine(s.Origin))
	}
	sw.printf("        az: %s\n", yamlStr(az))
	sw.printf("        cidr: %s\n", cidr)
	used := s.UsedIPs
	for _, u := range s.IPUsers {
		sw.printf("        # %d address(es) for %s\n", u.IPs, oneLine(u.Origin))
		used += u.IPs
	}
	if used > 0 {
		sw.printf("        usedIPs: %d\n", used)
	}
}

// quota lowers the VPC's Lambda ENI quota by the other ENIs that count
// against it (EFS mount targets share "elastic network interfaces per VPC").
func (sw *scenarioWriter) quota(v VPC) {
	if len(v.QuotaUsers) == 0 {
		return
	}
	taken := 0
	for _, u := range v.QuotaUsers {
		sw.printf("    # %d of the VPC's Lambda ENI quota taken by %s\n", u.IPs, oneLine(u.Origin))
		taken += u.IPs
	}
	sw.printf("    eniQuota: %d # the default %d less %d\n", max(spec.DefaultVPCENIQuota-taken, 0), spec.DefaultVPCENIQuota, taken)
}

func (sw *scenarioWriter) securityGroups(sgs []SG) {
	sgs = slices.Clone(sgs)
	slices.SortFunc(sgs, func(a, b SG) int { return strings.Compare(a.ID, b.ID) })
	ids := make([]string, len(sgs))
	for i, g := range sgs {
		sw.warnings(g.ID, "    ")
		if g.Placeholder {
			hint := g.Hint
			if hint == "" {
				hint = "edit the id"
			}
			sw.printf("    # PLACEHOLDER %s: %s\n", g.ID, oneLine(hint))
		}
		ids[i] = yamlStr(g.ID)
	}
	sw.printf("    securityGroups: [%s]\n", strings.Join(ids, ", "))
}

// wrap breaks text into lines of at most width bytes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = "  " + w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}
