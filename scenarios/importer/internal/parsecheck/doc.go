// Package parsecheck holds only a test: every scenario the importers write
// for their golden cases and for the realworld templates must load with
// scenarios.Parse. It is a package of its own so that the importers' tests
// do not depend on the scenario loader building.
package parsecheck
