// Package parsecheck holds only a test: every scenario the importers write
// for their golden cases and for the realworld templates must load with
// spec.Parse. It is a package of its own so that the importers' tests
// do not depend on the scenario loader building.
//
// Its test may import spec and the importers; the package itself imports
// nothing.
package parsecheck
