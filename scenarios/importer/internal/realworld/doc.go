// Package realworld finds the shared folder of real templates
// (<repo root>/../shared/realworld) for the importers' tests, and counts
// the Hyperplane ENI keys of a Layout.
//
// Of enisim's packages it imports only importer.
package realworld
