package cloudformation

import (
	"encoding/json"
	"strings"
)

// A value is what a template node evaluates to: string, []value, *object,
// unknown or noValue. Numbers and booleans stay strings, as CloudFormation
// passes them.
type value any

// object is an evaluated mapping that keeps its key order.
type object struct {
	keys []string
	vals map[string]value
}

func (o *object) set(k string, v value) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// unknown is a value the import cannot know: a parameter without a value,
// an export no given file makes, an attribute of a resource that is not
// modelled. It travels through Fn::Sub and Fn::Join so that messages can
// show what would have been there ("${EnvironmentName}-lambda").
type unknown struct {
	text   string // printable stand-in, e.g. "${Subnets}"
	reason string // why it is unknown, for warnings
	param  string // the parameter it comes from, if any
	ptype  string // that parameter's Type
	export string // the Fn::ImportValue name it comes from, if any
	list   bool   // stands for a list of unknown length
}

// noValue is AWS::NoValue: the property is removed.
type noValue struct{}

// asString gives the printable text of a value: unknowns as their stand-in.
func asString(v value) string {
	switch v := v.(type) {
	case string:
		return v
	case unknown:
		return v.text
	case []value:
		parts := make([]string, len(v))
		for i, it := range v {
			parts[i] = asString(it)
		}
		return strings.Join(parts, ",")
	case *object:
		b, _ := json.Marshal(toJSON(v))
		return string(b)
	}
	return ""
}

// firstUnknown returns the first unknown inside v, if any.
func firstUnknown(v value) (unknown, bool) {
	switch v := v.(type) {
	case unknown:
		return v, true
	case []value:
		for _, it := range v {
			if u, ok := firstUnknown(it); ok {
				return u, true
			}
		}
	case *object:
		for _, k := range v.keys {
			if u, ok := firstUnknown(v.vals[k]); ok {
				return u, true
			}
		}
	}
	return unknown{}, false
}

// toJSON converts a value to plain Go data for encoding/json; an ordered
// object becomes an orderedJSON so the policy keeps its key order.
func toJSON(v value) any {
	switch v := v.(type) {
	case string:
		return v
	case unknown:
		return v.text
	case []value:
		out := make([]any, 0, len(v))
		for _, it := range v {
			if _, ok := it.(noValue); !ok {
				out = append(out, toJSON(it))
			}
		}
		return out
	case *object:
		return orderedJSON{v}
	}
	return nil
}

type orderedJSON struct{ o *object }

func (o orderedJSON) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for _, k := range o.o.keys {
		v := o.o.vals[k]
		if _, ok := v.(noValue); ok {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(toJSON(v))
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
