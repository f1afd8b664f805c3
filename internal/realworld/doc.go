// Package realworld finds, for the tests that read them, the real
// templates of <repo root>/../shared/realworld (its README lists the ENI
// counts they must give). The files are read where they are, never copied
// into the repository.
//
// When the folder is absent, a test that needs it is skipped on a
// developer's machine and FAILS when the CI environment variable is set,
// so CI cannot pass without running it.
//
// It imports no enisim package, so any package's tests may use it.
package realworld
