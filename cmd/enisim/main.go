package main

import (
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// command is one subcommand: its one-line summary and its body.
type command struct {
	name, summary string
	run           func(args []string, io *stdio) error
}

// stdio are a command's streams; tests pass buffers.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

func commands() []command {
	return []command{
		{"run", "run a scenario (default: the built-in 'default') and print its report", runCmd},
		{"validate", "check a scenario file and print its warnings", validateCmd},
		{"list", "list the built-in scenarios", listCmd},
		{"explain", "run a scenario and tell it as a timeline: calls, ENI events, states", explainCmd},
		{"demo", "a guided tour of the teaching scenarios, narrated (--pace 60x plays it live)", demoCmd},
		{"lint", "check IAM policies and the VPC layout of a scenario or a policy file", lintCmd},
		{"import", "write a scenario from CloudFormation/SAM/CDK templates, serverless.yml, Terraform, or AWS CLI output", importCmd},
		{"check", "run a scenario and compare its ENIs per key with the ENIs observed in the account", checkCmd},
		{"compare", "run layouts (variants or files) on the same seeds, side by side", compareCmd},
		{"sweep", "run a scenario over a grid of --set values, replicated, with confidence intervals", sweepCmd},
		{"headroom", "find how far rates can grow before a subnet, quota or limit breaks", headroomCmd},
		{"merge", "combine the JSON-lines shards of a sweep into its output", mergeCmd},
		{"serve", "serve a scenario to real AWS clients (Lambda and EC2 APIs) and a live browser view", serveCmd},
		{"trace", "inspect a trace file: span, arrivals, mean and peak rate per minute", traceCmd},
	}
}

const usageHead = `enisim simulates how AWS Lambda allocates Hyperplane ENIs for functions
attached to a VPC: ENI counts, IP use, the errors callers get, cold starts.

Usage:
  enisim COMMAND [flags] [arguments]

Commands:
`

func usage(w io.Writer) {
	fmt.Fprint(w, usageHead)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'enisim help COMMAND' (or 'enisim COMMAND --help') for a command's flags,\n'enisim --version' for the version.\n")
}

// Main runs enisim with args and returns the exit code: 0 on success, 2 on
// bad usage or a bad scenario, 1 on anything else.
func Main(args []string, in io.Reader, out, errw io.Writer) int {
	s := &stdio{in: in, out: out, err: &errStream{Writer: errw, out: out}}
	if len(args) == 0 {
		usage(errw)
		return 2
	}
	switch args[0] {
	case "help", "-h", "--help":
		if len(args) > 1 && args[0] == "help" {
			return Main(append(args[1:2:2], "--help"), in, out, errw) // enisim help run
		}
		usage(out)
		return 0
	case "version", "--version":
		return exitCode(errw, versionCmd(args[1:], s))
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exitCode(errw, c.run(args[1:], s))
		}
	}
	fmt.Fprintf(errw, "enisim: unknown command %q%s\n\n", args[0], didYouMean(args[0], commandNames()))
	usage(errw)
	return 2
}

func commandNames() []string {
	var out []string
	for _, c := range commands() {
		out = append(out, c.name)
	}
	return append(out, "help", "version")
}
