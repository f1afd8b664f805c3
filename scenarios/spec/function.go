package spec

var functionKeys = []string{"name", "vpcConfig", "createAt", "role", "memory", "reservedConcurrency",
	"keepAlive", "surplusKeepAlive", "maxLifetime", "replacementInit", "init", "duration", "connections", "arrivals", "retry"}

// Lambda's memory limits, in MB.
const (
	minMemory = 128
	maxMemory = 10240
)

func (d *decoder) functions(n *node) []Function {
	var out []Function
	for i, item := range d.list(n, "functions") {
		out = append(out, d.function(item, listPath("functions", i, item, "name")))
	}
	return out
}

func (d *decoder) function(n *node, path string) Function {
	f := d.fields(n, path, functionKeys...)
	fn := d.def.Function
	fn.Name = f.name("name", idPattern, "letters, digits, _ and -")
	fn.Pos = n.pos
	if len(fn.Name) > 64 {
		d.errorf(f.get("name").pos, "%s: a function name has at most 64 characters", f.sub("name"))
	}
	if v := f.get("vpcConfig"); v != nil {
		fn.VPCConfig = d.vpcConfig(v, f.sub("vpcConfig"))
	}
	if v := f.get("createAt"); v != nil {
		if v.kind == scalarNode && v.text == "never" {
			fn.Never = true
		} else {
			fn.CreateAt, _ = d.duration(v, f.sub("createAt")+" (a duration, or never)")
		}
	}
	if v := f.get("role"); v != nil {
		fn.Role = d.role(v, f.sub("role"))
	}
	if v := f.get("memory"); v != nil {
		if m, ok := d.integer(v, f.sub("memory"), 0); ok && (m < minMemory || m > maxMemory) {
			d.errorf(v.pos, "%s: Lambda allows %d to %d MB, not %d", f.sub("memory"), minMemory, maxMemory, m)
		} else if ok {
			fn.Memory = m
		}
	}
	fn.ReservedConcurrency = f.intOr("reservedConcurrency", fn.ReservedConcurrency, 0)
	fn.KeepAlive = positive(f, "keepAlive", fn.KeepAlive)
	fn.SurplusKeepAlive = d.lifetime(f, "surplusKeepAlive", fn.SurplusKeepAlive)
	fn.MaxLifetime = d.lifetime(f, "maxLifetime", fn.MaxLifetime)
	if v := f.get("replacementInit"); v != nil {
		fn.ReplacementInit = d.dist(v, f.sub("replacementInit"))
	}
	if v := f.get("init"); v != nil {
		fn.Init = d.dist(v, f.sub("init"))
	}
	if v := f.get("duration"); v != nil {
		fn.Duration = d.dist(v, f.sub("duration"))
	}
	if v := f.get("connections"); v != nil {
		c := d.fields(v, f.sub("connections"), "perEnvironment", "perInvocation")
		fn.Connections.PerEnvironment = c.intOr("perEnvironment", fn.Connections.PerEnvironment, 0)
		fn.Connections.PerInvocation = c.intOr("perInvocation", fn.Connections.PerInvocation, 0)
	}
	if v := f.get("arrivals"); v != nil {
		fn.Arrivals = d.arrivals(v, f.sub("arrivals"))
	}
	if v := f.get("retry"); v != nil {
		r := d.fields(v, f.sub("retry"), "attempts", "backoff")
		fn.Retry = &Retry{Attempts: 1}
		if a := r.require("attempts"); a != nil {
			if n, ok := d.integer(a, r.sub("attempts"), 1); ok && n > maxAttempts {
				d.errorf(a.pos, "%s: at most %d, not %d: after 64 doublings the backoff is past any run, and at a backoff of 0s every attempt falls in one instant", r.sub("attempts"), maxAttempts, n)
			} else if ok {
				fn.Retry.Attempts = n
			}
		}
		fn.Retry.Backoff = r.reqDur("backoff")
	}
	return fn
}

// maxAttempts bounds a client's attempts per request: the work of one
// failing request at a zero backoff, all at one instant where the run's
// watch cannot see it (a trillion attempts hung the run).
const maxAttempts = 100

// lifetime decodes how long an environment may live: a distribution whose
// every value is more than 0s, or never (the mechanism is off: a zero
// Dist).
func (d *decoder) lifetime(f *fields, key string, def Dist) Dist {
	v := f.get(key)
	switch {
	case v == nil:
		return def
	case v.kind == scalarNode && v.text == "never":
		return Dist{Pos: v.pos}
	}
	errs := len(d.errs)
	out := d.dist(v, f.sub(key)+" (a distribution, or never)")
	if len(d.errs) == errs && (out.Kind == "fixed" && out.Value == 0 || out.Kind == "uniform" && out.Min == 0) {
		d.errorf(v.pos, "%s: an environment must live more than 0s; write never to turn this off", f.sub(key))
	}
	return out
}
