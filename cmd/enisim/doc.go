// Command enisim simulates how AWS Lambda allocates Hyperplane ENIs for
// functions attached to a VPC. Run `enisim help` for the commands.
//
// It is the top of the tree: it may import any enisim package, and no
// package imports it. The flags are spf13/pflag, the tables
// olekukonko/tablewriter.
package main
