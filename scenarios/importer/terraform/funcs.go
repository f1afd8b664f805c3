package terraform

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions is the subset of Terraform's built-in functions that network
// layouts use, each under the budget b. Terraform's other functions (those
// that read files or clocks, hashes, encodings) are stubs that fail with
// errUnmodelled, so a value depending on one is unknown and warned about
// where it matters; a name Terraform does not know is an error, as in
// terraform validate.
func functions(b *budget) map[string]function.Function {
	fs := modelledFunctions()
	for name, f := range fs {
		if name != "try" && name != "can" {
			fs[name] = b.limited(name, f)
		}
	}
	for _, name := range unmodelledFunctions {
		if _, ok := fs[name]; !ok {
			fs[name] = unmodelledFunc(name)
		}
	}
	fs[stepFunc] = b.forBudget()
	fs[chargeFunc] = b.templateBudget()
	return fs
}

// errUnmodelled is the error of a Terraform function enisim does not
// evaluate.
var errUnmodelled = errors.New("not evaluated by enisim")

// unmodelledFunctions are Terraform's built-in functions (1.9) that enisim
// does not evaluate.
var unmodelledFunctions = strings.Fields(`abspath alltrue anytrue base64decode base64encode
	base64gzip base64sha256 base64sha512 basename bcrypt csvdecode dirname file filebase64
	filebase64sha256 filebase64sha512 fileexists filemd5 fileset filesha1 filesha256 filesha512
	formatdate index issensitive list map matchkeys md5 nonsensitive one pathexpand plantimestamp
	rsadecrypt sensitive sha1 sha256 sha512 strcontains sum templatefile templatestring
	textdecodebase64 textencodebase64 timeadd timecmp timestamp transpose type urlencode uuid uuidv5
	yamldecode yamlencode ephemeralasnull`)

func unmodelledFunc(name string) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.DynamicVal, fmt.Errorf("%s is %w", name, errUnmodelled)
		},
	})
}

func modelledFunctions() map[string]function.Function {
	return map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc,
		"pow": stdlib.PowFunc, "signum": stdlib.SignumFunc, "log": stdlib.LogFunc,
		"chomp": stdlib.ChompFunc, "format": limitFormat(stdlib.FormatFunc),
		"formatlist": limitFormat(stdlib.FormatListFunc), "indent": stdlib.IndentFunc,
		"join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "replace": replaceFunc,
		"split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"startswith": strPredicate(strings.HasPrefix), "endswith": strPredicate(strings.HasSuffix),
		"strcontains": strPredicate(strings.Contains),
		"chunklist":   stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
		"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "distinct": stdlib.DistinctFunc,
		"element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc, "keys": stdlib.KeysFunc,
		"length": lengthFunc, "lookup": lookupFunc, "merge": stdlib.MergeFunc, "range": rangeFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc,
		"setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc, "sort": stdlib.SortFunc,
		"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "jsondecode": stdlib.JSONDecodeFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String),
		"tolist":   stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset":    stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap":    stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try":      tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"cidrsubnet": cidrSubnetFunc, "cidrsubnets": cidrSubnetsFunc,
		"cidrhost": cidrHostFunc, "cidrnetmask": cidrNetmaskFunc,
	}
}

// lengthFunc is Terraform's length: of a string (in characters) or of a
// collection, tuple or object.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		switch ty := v.Type(); {
		case ty == cty.String:
			return cty.NumberIntVal(int64(utf8.RuneCountInString(v.AsString()))), nil
		case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
			return cty.NumberIntVal(int64(v.LengthInt())), nil
		}
		return cty.UnknownVal(cty.Number), fmt.Errorf("length of a %s", v.Type().FriendlyName())
	},
})

// lookupFunc is Terraform's lookup(map, key[, default]); without a
// default a missing key is an error.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "map", Type: cty.DynamicPseudoType, AllowDynamicType: true},
		{Name: "key", Type: cty.String},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowNull: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		m, key := args[0], args[1].AsString()
		if len(args) > 3 {
			return cty.DynamicVal, fmt.Errorf("lookup takes 2 or 3 arguments")
		}
		ty := m.Type()
		if !(ty.IsMapType() || ty.IsObjectType()) || m.IsNull() {
			return cty.DynamicVal, fmt.Errorf("lookup needs a map")
		}
		if ty.IsObjectType() && ty.HasAttribute(key) {
			return m.GetAttr(key), nil
		}
		if ty.IsMapType() && m.IsKnown() && m.HasIndex(cty.StringVal(key)).True() {
			return m.Index(cty.StringVal(key)), nil
		}
		if len(args) == 3 {
			return args[2], nil
		}
		return cty.DynamicVal, fmt.Errorf("lookup: no key %q", key)
	},
})

// replaceFunc is Terraform's replace: a substring, or a regular
// expression when written between slashes.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s, sub, rep := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(re.ReplaceAllString(s, rep)), nil
		}
		return cty.StringVal(strings.ReplaceAll(s, sub, rep)), nil
	},
})

func strPredicate(f func(s, x string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "x", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// maxRange bounds range(), which could otherwise build huge lists.
const maxRange = 1024

var rangeFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "params", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.Number)),
	Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
		f := make([]float64, len(args))
		for i, a := range args {
			f[i], _ = a.AsBigFloat().Float64()
		}
		start, limit, step := 0.0, 0.0, 1.0
		switch len(f) {
		case 1:
			limit = f[0]
		case 2, 3:
			start, limit = f[0], f[1]
			if limit < start {
				step = -1
			}
			if len(f) == 3 {
				step = f[2]
			}
		default:
			return cty.UnknownVal(ty), fmt.Errorf("range takes 1 to 3 arguments")
		}
		if step == 0 || math.IsNaN(start+limit+step) || (limit-start)/step > maxRange {
			return cty.UnknownVal(ty), fmt.Errorf("range: more than %d elements or a zero step", maxRange)
		}
		return stdlib.RangeFunc.Call(args)
	},
})

// bigWidth finds a format width or precision of 4 digits or more, which
// would let a short string allocate gigabytes.
var bigWidth = regexp.MustCompile(`%[^a-zA-Z%]*[0-9]{4,}`)

func limitFormat(f function.Function) function.Function {
	return function.New(&function.Spec{
		Params:   []function.Parameter{{Name: "format", Type: cty.String}},
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true},
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnType(typesOf(args))
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if bigWidth.MatchString(args[0].AsString()) {
				return cty.DynamicVal, fmt.Errorf("format width too large")
			}
			return f.Call(args)
		},
	})
}

func typesOf(args []cty.Value) []cty.Type {
	out := make([]cty.Type, len(args))
	for i, a := range args {
		out[i] = a.Type()
	}
	return out
}
