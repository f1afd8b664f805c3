// Package layout holds only a test: it reads `go list` over the module and
// fails if an import runs against the direction the packages are layered
// in (the README's "Repository layout" draws it):
//
//	cmd/enisim -> scenarios/* -> scenarios -> workload -> eni -> sim
//
// and scenarios/spec, the file format, which scenarios and the packages
// above it read, imports no enisim package.
//
// The rules, one per package pattern, are the table in layout_test.go; a
// package no rule covers fails the test too, so a new package states its
// place. The package itself imports nothing.
package layout
