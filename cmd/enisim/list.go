package main

import (
	"fmt"
	"strings"

	"github.com/enisim/enisim/scenarios"
)

func listCmd(args []string, io *stdio) error {
	fs := newFlags("list", "", "Lists the built-in scenarios, a line each. Run one with 'enisim run NAME'.", io.err)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments")
	}
	bs, err := scenarios.Builtins()
	if err != nil {
		return err
	}
	for _, b := range bs {
		fmt.Fprintf(io.out, "%-22s %s\n", b.Name, firstSentence(b.Description))
	}
	return nil
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func validateCmd(args []string, io *stdio) error {
	var sets []string
	fs := newFlags("validate", "SCENARIO", "Checks a scenario file (or built-in name): every error with file:line:col\n(exit 2), then warnings about what AWS would refuse (exit 0).", io.err)
	fs.StringArrayVar(&sets, "set", nil, "override a scenario value, PATH=VALUE (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("validate takes one scenario")
	}
	var rf runFlags
	rf.sets = sets
	_, ovs, err := rf.options(fs)
	if err != nil {
		return err
	}
	s, err := scenarios.Open(fs.Arg(0), ovs)
	if err != nil {
		return err
	}
	warnings, err := s.AllWarnings() // with region.caller's: its policies must parse
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(io.err, "%s: warning: %s\n", w.Pos, w.Msg)
	}
	fmt.Fprintf(io.out, "%s: ok (%d functions, %d VPCs, %d warnings)\n", s.File, len(s.Functions), len(s.VPCs), len(warnings))
	return nil
}
