// Package golden compares the importers' test output with files in
// testdata, or rewrites those files when the tests run with -update.
//
// It imports no enisim package.
package golden
