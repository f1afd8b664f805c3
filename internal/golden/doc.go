// Package golden is the one golden-file helper of enisim's tests: Check
// compares a test's output with a file in testdata, and the test binary's
// -update flag rewrites the files instead (go test ./scenarios/explain
// -update). A missing golden file fails the test, so a new case cannot
// pass before its expected output has been written and reviewed.
//
// It imports no enisim package, so any package's tests may use it.
package golden
