// Package html writes enisim's report.html: one self-contained page with
// the summary tables and the charts as inline SVG. The page loads nothing:
// no scripts, no style sheets, no fonts or images from the network or from
// other files, so it can be mailed, attached to a ticket or opened offline.
//
// html may import scenarios, spec, explain, charts and timeseries, and the
// model packages below them; never cmd/enisim.
package html
