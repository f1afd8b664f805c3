// Package realworld finds the shared folder of real templates
// (<repo root>/../shared/realworld) for the importers' tests, through the
// module's internal/realworld (skipped when absent, failing under CI), and
// counts the Hyperplane ENI keys of a Layout.
//
// Of enisim's packages it imports only importer and internal/realworld.
package realworld
