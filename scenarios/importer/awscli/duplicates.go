package awscli

import (
	"fmt"
	"reflect"
)

// distinct drops a function listed twice with the same configuration (the
// output of two overlapping pages joined, the same file given twice), with
// a warning. The same name with another ARN or configuration is two
// functions of two regions or accounts: a scenario is one account in one
// Region, so that is an error, not a function silently renamed name-2.
func distinct(fns []functionConfig, b *builder) ([]functionConfig, error) {
	first := map[string]int{}
	var out []functionConfig
	for i, f := range fns {
		j, dup := first[f.FunctionName]
		if !dup {
			first[f.FunctionName] = i
			out = append(out, f)
			continue
		}
		if g := fns[j]; !reflect.DeepEqual(g, f) {
			what := "another configuration"
			if g.FunctionArn != f.FunctionArn {
				what = fmt.Sprintf("the ARNs %s and %s", g.FunctionArn, f.FunctionArn)
			}
			return nil, fmt.Errorf("functions (aws lambda list-functions): function %s is listed twice (entries %d and %d) with %s: a scenario is one account in one Region; import the output of each Region or account on its own",
				f.FunctionName, j+1, i+1, what)
		}
		b.warn(f.FunctionName, "FunctionName", fmt.Sprintf("listed twice (entries %d and %d) with the same configuration; imported once", j+1, i+1))
	}
	return out, nil
}
