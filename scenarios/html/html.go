package html

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"regexp"
)

//go:embed style.css
var css string

//go:embed page.html.tmpl
var pageTmpl string

var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{"numeric": numeric, "prose": prose}).Parse(pageTmpl))

// codeSpan is a Markdown code span: `enisim compare layouts`.
var codeSpan = regexp.MustCompile("`([^`\n]+)`")

// prose renders a paragraph of the scenario's description or a caption:
// its text escaped, and its Markdown code spans as <code>, since the
// descriptions are written with backticks for commands and names.
func prose(s string) template.HTML {
	esc := template.HTMLEscapeString(s)
	return template.HTML(codeSpan.ReplaceAllString(esc, "<code>$1</code>"))
}

// number is what a numeric table cell looks like: 1,234, 0.5, 6.4%, -3.
var number = regexp.MustCompile(`^[-+]?[0-9][0-9,]*(\.[0-9]+)?%?$`)

func numeric(s string) bool { return number.MatchString(s) }

// Page is one report.
type Page struct {
	Title    string
	Subtitle string // e.g. "seed 42, 2h simulated"
	Intro    string // a paragraph: the scenario's description
	Sections []Section
}

// Section is a heading with any of a paragraph, tables, figures and a
// preformatted block (the narrated timeline).
type Section struct {
	Title   string
	Text    string
	Tables  []Table
	Figures []Figure
	Pre     string
}

// Table is a titled table of text cells; cells that are numbers are
// right-aligned.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
	Notes  []string // sentences under the table
}

// Figure is a chart: its SVG document and a caption.
type Figure struct {
	Name    string // the chart's file stem, as an anchor
	Title   string
	SVG     []byte
	Caption string
}

type figureView struct {
	Figure
	Inline template.HTML
}

type sectionView struct {
	Section
	Figs []figureView
}

// prolog matches what precedes the <svg> element of a standalone SVG file:
// the XML declaration and comments, which do not belong inside HTML.
var prolog = regexp.MustCompile(`(?s)^.*?(<svg[\s>])`)

// inline prepares an SVG document for inclusion in the page. The charts
// are trusted output of package charts (gonum/plot escapes their text).
func inline(svg []byte) template.HTML {
	s := prolog.ReplaceAll(bytes.TrimSpace(svg), []byte("$1"))
	return template.HTML(s)
}

// Write renders p.
func Write(w io.Writer, p Page) error {
	var secs []sectionView
	for _, s := range p.Sections {
		v := sectionView{Section: s}
		for _, f := range s.Figures {
			v.Figs = append(v.Figs, figureView{Figure: f, Inline: inline(f.SVG)})
		}
		secs = append(secs, v)
	}
	return tmpl.Execute(w, struct {
		Page
		CSS      template.CSS
		Sections []sectionView
	}{p, template.CSS(css), secs})
}
