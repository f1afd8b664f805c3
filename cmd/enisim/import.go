package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/enisim/enisim/eni/iam"
	"github.com/enisim/enisim/internal/inputfile"
	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/awscli"
	"github.com/enisim/enisim/scenarios/importer/cloudformation"
	"github.com/enisim/enisim/scenarios/importer/serverless"
	"github.com/enisim/enisim/scenarios/importer/terraform"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/spf13/pflag"
)

// importSources are the sources `enisim import` reads, by name.
var importSources = []struct {
	name, summary string
	run           func(args []string, io *stdio) error
}{
	{"cloudformation", "CloudFormation, SAM or CDK (cdk.out) templates; aliases cfn, sam, cdk", importCloudFormation},
	{"serverless", "a Serverless Framework service (serverless.yml); alias sls", importServerless},
	{"terraform", "a Terraform configuration (.tf files); alias tf", importTerraform},
	{"terraform-plan", "terraform show -json of a plan or the state; alias tfplan", importTerraformPlan},
	{"terragrunt", "Terragrunt units (terragrunt.hcl): their modules with their inputs; alias tg", importTerragrunt},
	{"aws", "the AWS CLI's JSON about an existing account", importAWS},
}

var importAliases = map[string]string{"cfn": "cloudformation", "sam": "cloudformation", "cdk": "cloudformation",
	"tf": "terraform", "sls": "serverless", "tfplan": "terraform-plan", "tg": "terragrunt"}

const importUsage = `Usage: enisim import SOURCE [flags] ARGUMENTS

Writes a scenario from what you already have: the VPCs, subnets, security
groups and Lambda functions of a template, a Terraform configuration or an
account, so that 'enisim run' can tell how many Hyperplane ENIs and IPs they
take. The scenario goes to stdout, or to the file given with -o. Every
importer warning (a value it could not resolve, an assumption it made) is
printed on stderr as 'warning: RESOURCE.PROPERTY: message' and written into
the scenario as a '# WARNING' comment next to what it concerns. Every
assumption (a value the source does not state: where, and how to override
it) is listed at the top of the scenario. The written scenario is then
loaded and run as written: the summary line on stderr gives its functions,
ENI keys and ENIs, and names each function whose CreateFunction would be
refused.

Exit status: 0 when the scenario was written and runs (even with warnings),
1 when a function would be refused or end Failed (--allow-refused: 0), 2
when an input cannot be read or is invalid (the message names
file:line:col, or the resource CloudFormation would reject).

Sources:
`

func importCmd(args []string, io *stdio) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := io.out
		if len(args) == 0 {
			w = io.err
		}
		fmt.Fprint(w, importUsage)
		for _, s := range importSources {
			fmt.Fprintf(w, "  %-15s %s\n", s.name, s.summary)
		}
		fmt.Fprint(w, "\nRun 'enisim import SOURCE --help' for a source's flags.\n")
		if len(args) == 0 {
			return usagef("import needs a source: cloudformation, serverless, terraform or aws")
		}
		return errHelp
	}
	name := args[0]
	if a, ok := importAliases[name]; ok {
		name = a
	}
	for _, s := range importSources {
		if s.name == name {
			return s.run(args[1:], io)
		}
	}
	return usagef("import: unknown source %q; want cloudformation, serverless, terraform or aws", args[0])
}

// outFlags are the flags every import source shares.
type outFlags struct {
	workload, output, name, format string
	allowRefused                   bool
}

func (f *outFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.workload, "workload", "", "YAML `FILE` mapping a function (scenario name, logical id or FunctionName)\nto its arrivals, e.g. 'Orders: {process: poisson, rate: 200/s}'; functions\nnot in it get a PLACEHOLDER of 1 request/s")
	fs.StringVarP(&f.output, "output", "o", "", "write the scenario to `FILE` instead of stdout")
	fs.StringVar(&f.name, "name", "", "scenario `NAME` (default: derived from the source)")
	fs.StringVar(&f.format, "format", "text", "`text` prints the scenario (unless -o); json prints the run's summary, the\nassumptions and the warnings as one JSON object (with the scenario unless -o)")
	fs.BoolVar(&f.allowRefused, "allow-refused", false, "exit 0 even when a function's CreateFunction would be refused (or end\nFailed) in the written scenario; without it that exits 1")
}

const importFooter = `

The scenario runs as is ('enisim run SCENARIO'); what the source does not
give (subnets, groups, workloads) is marked PLACEHOLDER in it and listed
under Assumptions at its top. Exit status: 0 when the scenario was written
and runs (warnings do not fail it), 1 when a function's CreateFunction would
be refused in it (unless --allow-refused), 2 when an input cannot be read or
is invalid (file:line:col, or the resource AWS rejects).`

func importCloudFormation(args []string, io *stdio) error {
	var of outFlags
	var params []string
	var region string
	fs := newFlags("import cloudformation", "TEMPLATE...",
		"Imports CloudFormation, SAM or CDK templates (YAML or JSON; a directory stands\nfor all its templates, and a cdk.out folder for the stacks 'cdk synth' wrote).\nGive every file of an application together: nested stacks\n(AWS::CloudFormation::Stack whose evaluated TemplateURL ends with a given\nfile's name, or whose CDK asset names it) are imported through their parent\nonly, and Fn::ImportValue of another given template's Outputs is followed. A\nparameter without a default or --param, or an export no given template has,\nbecomes a PLACEHOLDER and a warning that names it. What CloudFormation rejects\n(an unknown function, Fn::If on an undefined condition, a Ref to nothing,\ncircular dependencies, more than 500 resources) is an error, exit 2."+importFooter, io.err)
	fs.StringArrayVar(&params, "param", nil, "set `Name=Value`: a template parameter (a comma list for List<...> types,\ne.g. Subnets=subnet-0a,subnet-0b), an export name read by Fn::ImportValue,\nor AWS::StackName; a value may be the logical id of a subnet or security\ngroup in the given templates (repeatable)")
	fs.StringVar(&region, "region", "", "`REGION` for AWS::Region and Fn::GetAZs (default "+cloudformation.DefaultRegion+")")
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("import cloudformation needs at least one template")
	}
	pm, err := keyValues("--param", params)
	if err != nil {
		return err
	}
	if err := checkInputFiles(true, maxWholeInput, "a template", fs.Args()...); err != nil {
		return err
	}
	l, err := cloudformation.Import(fs.Args(), cloudformation.Options{Params: pm, Region: region})
	if err != nil {
		return usageError{err.Error()}
	}
	return writeImport(l, "cloudformation", args, &of, io)
}

func importServerless(args []string, io *stdio) error {
	var of outFlags
	var params, vars []string
	var opts serverless.Options
	fs := newFlags("import serverless", "SERVICE",
		"Imports a Serverless Framework service: its serverless.yml (or the directory that\nholds it). The importer resolves the framework's variables (${self:...},\n${opt:...} and ${env:...} with their defaults, ${param:...} from --param or the\nparams section, ${sls:stage}, ${aws:region}), applies its VPC rules (provider.vpc;\na function's vpc overrides securityGroupIds and subnetIds each on its own; vpc: ~\nor false opts out) and role rules (the generated role gets\nAWSLambdaVPCAccessExecutionRole when any function is in a VPC), and imports the\nCloudFormation it generates with resources.Resources. The environment is never\nread: give ${env:X}, ${cf:...}, ${ssm:...} with --var, or they become a\nPLACEHOLDER and a warning that names the --var to give."+importFooter, io.err)
	fs.StringVar(&opts.Stage, "stage", "", "the `STAGE` (default: provider.stage, else dev)")
	fs.StringVar(&opts.Region, "region", "", "the `REGION` (default: provider.region, else us-east-1)")
	fs.StringArrayVar(&params, "param", nil, "set `NAME=VALUE` for ${param:NAME}, as serverless deploy --param takes it (repeatable)")
	fs.StringArrayVar(&vars, "var", nil, "set a variable by its reference, `SOURCE:ADDRESS=VALUE`: opt:memory=512,\nenv:VPC_ID=vpc-0a, cf:network-dev.PrivateSubnetA=subnet-0a, ssm:/net/sg=sg-0b (repeatable)")
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import serverless needs one service: a serverless.yml or its directory")
	}
	pm, err := keyValues("--param", params)
	if err != nil {
		return err
	}
	if opts.Vars, err = keyValues("--var", vars); err != nil {
		return err
	}
	for k, v := range pm {
		opts.Vars["param:"+k] = v
	}
	l, err := serverless.Import(fs.Arg(0), opts)
	if err != nil {
		return usageError{err.Error()}
	}
	return writeImport(l, "serverless", args, &of, io)
}

func importTerraform(args []string, io *stdio) error {
	var of outFlags
	var vars, varFiles, moduleDirs []string
	fs := newFlags("import terraform", "DIR...",
		"Imports a Terraform configuration: the .tf files of DIR form the root module\n(several directories or .tf files are read together). Terraform is not run:\nvariables (defaults, terraform.tfvars and *.auto.tfvars, --var-file, --var),\nlocals, count, for_each and functions such as cidrsubnet are evaluated; local\nmodules are followed, remote ones read from --module-dir or terraform init's\n.terraform/modules, and the registry modules terraform-aws-modules/vpc/aws and\n.../lambda/aws are modelled from their inputs. What only AWS knows (data\nsources, computed attributes) becomes a PLACEHOLDER and a warning: import a\nplan for those (see import terraform-plan). Given terraform show -json output,\nor a Terragrunt directory, it imports that as terraform-plan or terragrunt do.\nWhat terraform validate rejects (an unknown function, count = -1) exits 2."+importFooter, io.err)
	fs.StringArrayVar(&vars, "var", nil, "set `name=value`: a root module variable, as terraform -var takes it; lists\nand maps in HCL syntax, e.g. azs=[\"eu-west-1a\",\"eu-west-1b\"] (repeatable)")
	fs.StringArrayVar(&varFiles, "var-file", nil, "read root module variables from `FILE` (.tfvars or .tfvars.json), after\nterraform.tfvars and *.auto.tfvars, which are read by themselves (repeatable)")
	moduleDirFlag(fs, &moduleDirs)
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("import terraform needs a directory (or .tf files)")
	}
	vm, err := keyValues("--var", vars)
	if err != nil {
		return err
	}
	if err := checkInputFiles(true, maxWholeInput, "a Terraform file", fs.Args()...); err != nil {
		return err
	}
	if fs.NArg() == 1 && terraform.LooksLikePlan(fs.Arg(0)) {
		// terraform show -json output given to import terraform.
		return importTerraformPlan(args, io)
	}
	if fs.NArg() == 1 && terraform.IsTerragrunt(fs.Arg(0)) {
		return importTerragrunt(args, io)
	}
	md, err := keyValues("--module-dir", moduleDirs)
	if err != nil {
		return err
	}
	l, err := terraform.Import(fs.Args(), terraform.Options{Vars: vm, VarFiles: varFiles, ModuleDirs: md})
	if err != nil {
		return usageError{err.Error()}
	}
	if l.Name == "" {
		// The configuration's directory names it better than its path.
		if abs, err := filepath.Abs(fs.Arg(0)); err == nil {
			l.Name = strings.TrimSuffix(filepath.Base(abs), ".tf")
		}
	}
	return writeImport(l, "terraform", args, &of, io)
}

// moduleDirFlag is --module-dir, shared by terraform and terragrunt.
func moduleDirFlag(fs *pflag.FlagSet, dirs *[]string) {
	fs.StringArrayVar(dirs, "module-dir", nil, "read a remote module from a local checkout: `SOURCE=DIR`, SOURCE as written\nor without its //subdir and ?ref=, e.g. github.com/org/modules=../modules\n(repeatable; without it, .terraform/modules/modules.json from terraform init\nis used when present)")
}

func importTerragrunt(args []string, io *stdio) error {
	var of outFlags
	var vars, moduleDirs []string
	fs := newFlags("import terragrunt", "DIR",
		"Imports Terragrunt units: DIR itself when it holds a terragrunt.hcl with a\nterraform { source }, with the units its dependency blocks name, else every\nunit below DIR (as terragrunt run-all). Each unit's module is evaluated with the\nunit's inputs (merged over the included files'; include, locals,\nread_terragrunt_config, find_in_parent_folders and generate blocks are read).\ndependency.NAME.outputs are the outputs of the unit it names, evaluated the same\nway; mock_outputs stand in only for what that unit cannot give. get_env() is\nnot read: its default stands in."+importFooter, io.err)
	fs.StringArrayVar(&vars, "var", nil, "set `name=value`: a variable of every unit's module, over its inputs (repeatable)")
	moduleDirFlag(fs, &moduleDirs)
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import terragrunt needs one directory")
	}
	vm, err := keyValues("--var", vars)
	if err != nil {
		return err
	}
	md, err := keyValues("--module-dir", moduleDirs)
	if err != nil {
		return err
	}
	l, err := terraform.ImportTerragrunt(fs.Arg(0), terraform.Options{Vars: vm, ModuleDirs: md})
	if err != nil {
		return usageError{err.Error()}
	}
	return writeImport(l, "terragrunt", args, &of, io)
}

func importTerraformPlan(args []string, io *stdio) error {
	var of outFlags
	var vars, varFiles []string
	fs := newFlags("import terraform-plan", "PLAN.json",
		"Imports the JSON Terraform prints for a saved plan or for the state:\n  terraform plan -out plan.out\n  terraform show -json plan.out > plan.json\n(or terraform show -json > state.json). Values there are resolved by Terraform\n(variables, modules, data sources); what is known only after apply (the id of a\nsecurity group the plan creates) is followed through the plan's configuration\nreferences, else it becomes a PLACEHOLDER and a warning. 'import terraform'\ngiven such a file imports it the same way."+importFooter, io.err)
	// Accepted so that 'import terraform FILE.json --var ...' can hand over;
	// a plan's values are already resolved.
	fs.StringArrayVar(&vars, "var", nil, "ignored: a plan's variables are already resolved")
	fs.StringArrayVar(&varFiles, "var-file", nil, "ignored, as --var")
	_ = fs.MarkHidden("var")
	_ = fs.MarkHidden("var-file")
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import terraform-plan needs one JSON file (terraform show -json plan.out > plan.json)")
	}
	l, err := terraform.ImportPlan(fs.Arg(0))
	if err != nil {
		return usageError{err.Error()}
	}
	return writeImport(l, "terraform-plan", args, &of, io)
}

func importAWS(args []string, io *stdio) error {
	var of outFlags
	files := []struct{ flag, label, usage, path string }{
		{"functions", "functions (aws lambda list-functions)", "the `FILE` aws lambda list-functions printed (or get-function-configuration); required", ""},
		{"subnets", "subnets (aws ec2 describe-subnets)", "the `FILE` aws ec2 describe-subnets printed: AZs, CIDRs and IPs in use", ""},
		{"security-groups", "security groups (aws ec2 describe-security-groups)", "the `FILE` aws ec2 describe-security-groups printed: which VPC each group is in", ""},
		{"enis", "ENIs (aws ec2 describe-network-interfaces)", "the `FILE` aws ec2 describe-network-interfaces printed: the Lambda\nENIs the account has now are kept in the scenario's observed list, for 'enisim check'", ""},
	}
	fs := newFlags("import aws", "--functions FILE [--subnets FILE] [--security-groups FILE] [--enis FILE]",
		"Imports an existing account from the JSON the AWS CLI prints, e.g.\n  aws lambda list-functions > functions.json\n  aws ec2 describe-subnets > subnets.json\n  aws ec2 describe-security-groups > sgs.json\n  aws ec2 describe-network-interfaces --filters Name=interface-type,Values=lambda > enis.json\nSubnets not in --subnets get a PLACEHOLDER CIDR; roles are not read (list-functions\ndoes not show their policies), so the scenario assumes they allow ENIs."+importFooter, io.err)
	for i := range files {
		fs.StringVar(&files[i].path, files[i].flag, "", files[i].usage)
	}
	of.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("import aws takes its files as flags (--functions FILE ...), not %q", fs.Arg(0))
	}
	if files[0].path == "" {
		return usagef("import aws needs --functions FILE (aws lambda list-functions > FILE)")
	}
	data := make([][]byte, len(files))
	for i, f := range files {
		if f.path == "" {
			continue
		}
		b, err := inputfile.Read(f.path, maxWholeInput, "an AWS CLI listing")
		if err != nil {
			return usagef("--%s: %v", f.flag, err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return usageError{importer.JSONError(f.path, b, err).Error()}
		}
		data[i] = b
	}
	l, err := awscli.Import(data[0], data[1], data[2], data[3])
	if err != nil {
		// The importer names an input by what it is; name the file.
		msg := err.Error()
		for _, f := range files {
			if f.path != "" && strings.HasPrefix(msg, f.label+":") {
				msg = f.path + msg[len(f.label):]
			}
		}
		return usageError{msg}
	}
	return writeImport(l, "aws", args, &of, io)
}

// keyValues splits NAME=VALUE flags; a name given twice is refused, since
// a list is one comma-separated value.
func keyValues(flag string, kvs []string) (map[string]string, error) {
	m := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("%s %q: want NAME=VALUE", flag, kv)
		}
		if _, dup := m[k]; dup {
			return nil, usagef("%s %s is given twice; give a list as one comma-separated value, %s=a,b", flag, k, k)
		}
		m[k] = v
	}
	return m, nil
}

// writeImport prints the layout's warnings, writes it as a scenario, then
// loads, builds and runs what was written, so that the summary is the
// run's answer and a scenario that would not run, or whose functions
// would be refused, is never reported as a success.
func writeImport(l *importer.Layout, source string, args []string, of *outFlags, io *stdio) error {
	if of.format != "text" && of.format != "json" {
		return usagef("--format %q: want text or json", of.format)
	}
	if len(l.Functions) == 0 && len(l.VPCs) == 0 {
		// An empty file is valid HCL (and an empty listing valid JSON), but
		// a scenario with nothing in it answers no question: say so rather
		// than write it and exit 0.
		return usagef("%s: nothing to simulate: no Lambda function and no VPC found (an empty file, or the wrong one?)", l.Source)
	}
	for _, w := range l.Warnings {
		fmt.Fprintf(io.err, "warning: %s\n", w)
	}
	for _, a := range l.Assumptions {
		fmt.Fprintf(io.err, "assumed: %s\n", a)
	}
	warned := len(l.Warnings) + warnUnmodelledPolicies(l, io)
	var wl map[string]string
	if of.workload != "" {
		data, err := inputfile.Read(of.workload, maxWholeInput, "a workload file")
		if err != nil {
			return usagef("--workload: %v", err)
		}
		if wl, err = importer.ParseWorkload(of.workload, data); err != nil {
			return usageError{err.Error()}
		}
	}
	var buf bytes.Buffer
	opts := importer.WriteOptions{Name: of.name, Output: of.output, Workload: wl,
		Command: commandLine(append([]string{"enisim", "import", source}, args...))}
	if err := importer.WriteScenario(&buf, l, opts); err != nil {
		return usagef("--workload %s: %v", of.workload, err)
	}
	file, dir := "<stdout>", "."
	if of.output != "" {
		file, dir = of.output, filepath.Dir(of.output)
	}
	sum, verr := importer.Verify(file, buf.Bytes(), dir)
	if of.output != "" {
		if err := os.WriteFile(of.output, buf.Bytes(), 0o644); err != nil {
			return err
		}
	} else if of.format == "text" {
		if _, err := io.out.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	if verr != nil {
		return verr
	}
	for _, w := range sum.Warnings {
		fmt.Fprintf(io.err, "%s\n", strings.Replace(w, ": ", ": warning: ", 1))
	}
	if of.format == "json" {
		if err := importJSON(io, l, wl, sum, of, buf.Bytes()); err != nil {
			return err
		}
	}
	where := "scenario"
	if of.output != "" {
		where = "wrote " + of.output
	}
	fmt.Fprintf(io.err, "%s: %s; %d assumptions, %d warnings", where, sum.Line(),
		len(importer.AllAssumptions(l, wl)), warned+len(sum.Warnings))
	if of.output != "" {
		fmt.Fprintf(io.err, "; run it with: enisim run %s", of.output)
	}
	fmt.Fprintln(io.err)
	if len(sum.Refused) == 0 {
		return nil
	}
	for _, r := range sum.Refused {
		fmt.Fprintf(io.err, "refused: %s\n", r)
	}
	if of.allowRefused {
		return nil
	}
	return fmt.Errorf("%d of %d functions get no ENI when the scenario runs as written (listed above): fix the source or the scenario, or pass --allow-refused",
		len(sum.Refused), sum.Functions)
}

// importReport is `enisim import --format json`: the run's summary, the
// assumptions and warnings, and the scenario itself when no -o is given.
type importReport struct {
	Output      string                `json:"output,omitempty"`
	Summary     *importer.Summary     `json:"summary"`
	Assumptions []importer.Assumption `json:"assumptions"`
	Warnings    []string              `json:"warnings"`
	Scenario    string                `json:"scenario,omitempty"`
}

func importJSON(io *stdio, l *importer.Layout, wl map[string]string, sum *importer.Summary, of *outFlags, scenario []byte) error {
	r := importReport{Output: of.output, Summary: sum, Assumptions: importer.AllAssumptions(l, wl), Warnings: []string{}}
	if r.Assumptions == nil {
		r.Assumptions = []importer.Assumption{}
	}
	for _, w := range l.Warnings {
		r.Warnings = append(r.Warnings, w.String())
	}
	if of.output == "" {
		r.Scenario = string(scenario)
	}
	enc := json.NewEncoder(io.out)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// warnUnmodelledPolicies names the managed policies the writer leaves out
// because the simulator does not embed them, once per role.
func warnUnmodelledPolicies(l *importer.Layout, io *stdio) int {
	seen := map[string]bool{}
	for _, f := range l.Functions {
		if f.Role == nil {
			continue
		}
		for _, p := range f.Role.ManagedPolicies {
			if _, ok := iam.Managed(p); ok || seen[f.Role.Origin+"|"+p] {
				continue
			}
			seen[f.Role.Origin+"|"+p] = true
			fmt.Fprintf(io.err, "warning: %s.Role: %s: %s (if it allows ec2:CreateNetworkInterface, add the ENI actions to role.actions)\n",
				f.Name, p, importer.UnmodelledPolicy)
		}
	}
	return len(seen)
}

// scenarioKeys are the (subnet, security-group set) keys the scenario's
// functions and timeline configure, as scenarios.ENIKey writes them.
func scenarioKeys(s *spec.Scenario) map[string]bool {
	keys := map[string]bool{}
	add := func(c *spec.VPCConfig) {
		if c == nil {
			return
		}
		for _, sn := range c.SubnetIDs {
			keys[spec.ENIKey(sn, c.SecurityGroupIDs)] = true
		}
	}
	for i := range s.Functions {
		add(s.Functions[i].VPCConfig)
	}
	for i := range s.Timeline {
		add(s.Timeline[i].VPCConfig)
	}
	return keys
}

// commandLine is args as a shell would take them back.
func commandLine(args []string) string {
	out := slices.Clone(args)
	for i, a := range out {
		if a == "" || strings.ContainsAny(a, " \t'\"$`\\|&;<>()*?[]{}!#~") {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
