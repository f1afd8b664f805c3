package spec

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/enisim/enisim/internal/suggest"
)

// decoder turns a node tree into a Scenario, collecting every error and
// warning instead of stopping at the first.
type decoder struct {
	file  string
	files fileSystem // for trace, empirical and policy files
	errs  ErrorList
	warns []Warning
	sgPos map[string]Pos // where each security group was defined
	def   Params         // what a key the file does not give takes
	// dropped counts errors not kept, past 10*maxErrorsShown.
	dropped int
}

func (d *decoder) errorf(p Pos, format string, args ...any) {
	if d.dropped++; len(d.errs) < 10*maxErrorsShown { // bounded memory for hostile files
		d.dropped--
		d.errs = append(d.errs, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
	}
}

// result is the errors found, sorted, at most maxErrorsShown of them and a
// last one saying how many more there were; nil when there are none.
func (d *decoder) result() error {
	if len(d.errs) == 0 {
		return nil
	}
	list := d.errs
	list.sortByPos()
	if more := len(list) - maxErrorsShown + d.dropped; more > 0 {
		list = append(list[:maxErrorsShown:maxErrorsShown], &Error{Pos: Pos{File: d.file}, Msg: fmt.Sprintf("and %d more errors", more)})
	}
	return list
}

func (d *decoder) warnf(p Pos, format string, args ...any) {
	d.warns = append(d.warns, Warning{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// fields is one mapping being decoded, whose unknown keys have already
// been reported. When the value was not a mapping at all, n is nil and
// every lookup finds nothing, so one mistake gives one message.
type fields struct {
	d    *decoder
	n    *node
	path string
}

// fields checks that n is a mapping whose keys are all in allowed.
func (d *decoder) fields(n *node, path string, allowed ...string) *fields {
	if n.kind != mapNode {
		d.errorf(n.pos, "%s: expected a mapping, got %s", pathName(path), n.describe())
		return &fields{d: d, path: path}
	}
	for _, k := range n.keys {
		if !slices.Contains(allowed, k.text) {
			d.errorf(k.pos, "%s: unknown key %q%s; valid keys: %s%s", pathName(path), k.text, hint(k.text, allowed), strings.Join(allowed, ", "), nearHint(k.text, allowed))
		}
	}
	return &fields{d: d, n: n, path: path}
}

// hint suggests the valid key a misspelt one differs from only in case.
func hint(key string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, key) {
			return fmt.Sprintf(" (did you mean %s?)", a)
		}
	}
	return ""
}

// nearHint, after the list of valid keys, names the nearest one when the
// key is a letter or two off ("rat" for "rate") and hint found none.
func nearHint(key string, allowed []string) string {
	if hint(key, allowed) != "" {
		return ""
	}
	if a := suggest.Nearest(key, allowed); a != "" {
		return fmt.Sprintf("; did you mean %s?", a)
	}
	return ""
}

// get is the value of key, or nil when it is absent or null.
func (f *fields) get(key string) *node {
	if f.n == nil {
		return nil
	}
	if i := f.n.index(key); i >= 0 && f.n.vals[i].kind != nullNode {
		return f.n.vals[i]
	}
	return nil
}

// require is the value of key, reporting it missing when it is not there.
func (f *fields) require(key string) *node {
	v := f.get(key)
	if v == nil && f.n != nil {
		p := f.n.pos
		if i := f.n.index(key); i >= 0 {
			p = f.n.keys[i].pos
		}
		f.d.errorf(p, "%s: missing required key %q", pathName(f.path), key)
	}
	return v
}

// sub is the path of key, written as --set addresses it.
func (f *fields) sub(key string) string {
	if f.path == "" {
		return key
	}
	return f.path + "." + key
}

// pathName names a path in a message; the empty path is the whole file.
func pathName(path string) string {
	if path == "" {
		return "top level"
	}
	return path
}

func (f *fields) str(key string) string {
	if v := f.get(key); v != nil {
		s, _ := f.d.str(v, f.sub(key))
		return s
	}
	return ""
}

func (f *fields) reqStr(key string) string {
	if v := f.require(key); v != nil {
		s, _ := f.d.str(v, f.sub(key))
		return s
	}
	return ""
}

// oneOf is key's value, which must be one of options; def when absent.
func (f *fields) oneOf(key, def string, options ...string) string {
	v := f.get(key)
	if v == nil {
		return def
	}
	s, ok := f.d.str(v, f.sub(key))
	if !ok || !slices.Contains(options, s) {
		if ok {
			f.d.errorf(v.pos, "%s: %q is not one of %s", f.sub(key), s, strings.Join(options, ", "))
		}
		return def
	}
	return s
}

func (f *fields) intOr(key string, def, lowest int) int {
	if v := f.get(key); v != nil {
		if i, ok := f.d.integer(v, f.sub(key), lowest); ok {
			return i
		}
	}
	return def
}

func (f *fields) boolOr(key string, def bool) bool {
	if v := f.get(key); v != nil {
		if b, ok := f.d.boolean(v, f.sub(key)); ok {
			return b
		}
	}
	return def
}

func (f *fields) durOr(key string, def time.Duration) time.Duration {
	if v := f.get(key); v != nil {
		if dur, ok := f.d.duration(v, f.sub(key)); ok {
			return dur
		}
	}
	return def
}

func (f *fields) reqDur(key string) time.Duration {
	if v := f.require(key); v != nil {
		dur, _ := f.d.duration(v, f.sub(key))
		return dur
	}
	return 0
}

// reqRate is a required rate in events per second, which must be positive
// unless zeroOK.
func (f *fields) reqRate(key string, zeroOK bool) float64 {
	v := f.require(key)
	if v == nil {
		return 0
	}
	r, ok := f.d.rate(v, f.sub(key))
	if ok && r == 0 && !zeroOK {
		f.d.errorf(v.pos, "%s: rate must be more than 0", f.sub(key))
	}
	if ok && r > maxArrivalRate {
		f.d.errorf(v.pos, "%s: %g/s is more than %g/s: far beyond what a Lambda account serves, and a run would not finish", f.sub(key), r, float64(maxArrivalRate))
	}
	return r
}

// maxArrivalRate bounds one arrival process: a Region's concurrency is in
// the tens of thousands, so ten million invocations a second is no Lambda
// workload, and at that rate an hour is 36 billion events.
const maxArrivalRate = 10_000_000

// The scalar decoders below report a bad value and return ok=false.

func (d *decoder) scalar(n *node, path, want string) (string, bool) {
	if n.kind != scalarNode {
		d.errorf(n.pos, "%s: expected %s, got %s", path, want, n.describe())
		return "", false
	}
	return n.text, true
}

func (d *decoder) str(n *node, path string) (string, bool) {
	return d.scalar(n, path, "a string")
}

func (d *decoder) integer(n *node, path string, lowest int) (int, bool) {
	s, ok := d.scalar(n, path, "a whole number")
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(s, 10, 0)
	if err != nil || n.typ == boolType {
		d.errorf(n.pos, "%s: expected a whole number, got %s", path, n.describe())
		return 0, false
	}
	if i < int64(lowest) {
		d.errorf(n.pos, "%s: %d is less than %d", path, i, lowest)
		return 0, false
	}
	return int(i), true
}

func (d *decoder) float(n *node, path string) (float64, bool) {
	s, ok := d.scalar(n, path, "a number")
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || n.typ == boolType {
		d.errorf(n.pos, "%s: expected a number, got %s", path, n.describe())
		return 0, false
	}
	return f, true
}

func (d *decoder) boolean(n *node, path string) (bool, bool) {
	s, ok := d.scalar(n, path, "true or false")
	if !ok {
		return false, false
	}
	if s != "true" && s != "false" {
		d.errorf(n.pos, "%s: expected true or false, got %s", path, n.describe())
		return false, false
	}
	return s == "true", true
}

func (d *decoder) duration(n *node, path string) (time.Duration, bool) {
	s, ok := d.scalar(n, path, "a duration")
	if !ok {
		return 0, false
	}
	dur, err := ParseDuration(s)
	if err != nil {
		d.errorf(n.pos, "%s: %v", path, err)
		return 0, false
	}
	return dur, true
}

func (d *decoder) rate(n *node, path string) (float64, bool) {
	s, ok := d.scalar(n, path, "a rate")
	if !ok {
		return 0, false
	}
	r, err := ParseRate(s)
	if err != nil {
		d.errorf(n.pos, "%s: %v", path, err)
		return 0, false
	}
	return r, true
}

// list is the items of a list value; anything else is reported.
func (d *decoder) list(n *node, path string) []*node {
	if n.kind != seqNode {
		d.errorf(n.pos, "%s: expected a list, got %s", path, n.describe())
		return nil
	}
	return n.items
}

// strings is a list of strings (ids, actions, paths).
func (d *decoder) strings(n *node, path string) []string {
	var out []string
	for i, item := range d.list(n, path) {
		if s, ok := d.str(item, fmt.Sprintf("%s.%d", path, i)); ok {
			out = append(out, s)
		}
	}
	return out
}

var (
	scenarioName = regexp.MustCompile(`^[a-z0-9-]+$`)
	// idPattern is for function, variant, VPC, subnet and security-group
	// names: AWS's own ids fit, and none can break the vpcConfig shorthand
	// (commas, =, brackets) or an override path (dots).
	idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// name is a required name or id that must match re.
func (f *fields) name(key string, re *regexp.Regexp, rule string) string {
	v := f.require(key)
	if v == nil {
		return ""
	}
	s, ok := f.d.str(v, f.sub(key))
	if ok && !re.MatchString(s) {
		f.d.errorf(v.pos, "%s: %q is not a valid name (%s)", f.sub(key), s, rule)
	}
	return s
}
