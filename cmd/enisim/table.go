package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// table writes rows under a header with plain ASCII borders, which paste
// cleanly into tickets and design docs.
func table(w io.Writer, title string, header []string, rows [][]string) error {
	if title != "" {
		fmt.Fprintf(w, "\n%s\n", title)
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignment(tw.AlignRight),
	)
	t.Header(toAny(header)...)
	for _, r := range rows {
		if err := t.Append(toAny(r)...); err != nil {
			return err
		}
	}
	return t.Render()
}

func toAny(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func itoa[T ~int | ~int64](v T) string { return strconv.FormatInt(int64(v), 10) }

// secs prints seconds with millisecond precision.
func secs(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

func ftoa(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
