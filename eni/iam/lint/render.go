package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// Location renders where a finding is: "file:line:col", "file:line",
// "file", or "-" when unknown.
func (f Finding) Location() string {
	s := f.File
	if s == "" {
		s = "-"
	}
	if f.Line > 0 {
		s += ":" + strconv.Itoa(f.Line)
		if f.Col > 0 {
			s += ":" + strconv.Itoa(f.Col)
		}
	}
	return s
}

// Subject renders what a finding is about: a statement, a function.
func (f Finding) Subject() string {
	switch {
	case f.Statement >= 0 && f.Sid != "":
		return fmt.Sprintf("statement %d (Sid %q)", f.Statement, f.Sid)
	case f.Statement >= 0:
		return fmt.Sprintf("statement %d", f.Statement)
	case f.Function != "":
		return "function " + f.Function
	}
	return "-"
}

// WriteTable writes findings as an aligned text table, a suggested fix
// under each message, and a count.
func WriteTable(w io.Writer, fs []Finding) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tRULE\tLOCATION\tSUBJECT\tMESSAGE")
	var n [3]int
	for _, f := range fs {
		n[f.Severity]++
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Severity, f.Rule, f.Location(), f.Subject(), f.Message)
		if f.Fix != "" {
			fmt.Fprintf(tw, "\t\t\t\tfix: %s\n", f.Fix)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d findings: %d errors, %d warnings, %d info\n", len(fs), n[Error], n[Warning], n[Info])
	return err
}

// WriteJSON writes {"findings": [...]}, indented; an empty list is [].
func WriteJSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Findings []Finding `json:"findings"`
	}{fs})
}
