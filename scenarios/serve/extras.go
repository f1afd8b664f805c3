package serve

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// extras are the settings of a function the model has no use for
// (architecture, /tmp size, tracing, logging, layers, package type), kept
// as a client sent them so that GetFunction answers them back: a deploy
// tool compares what it sent with what it reads, and would see a change
// that never happened.
type extras struct {
	architecture string // x86_64 or arm64
	ephemeral    int    // MB of /tmp
	tracing      string // PassThrough or Active
	logging      map[string]string
	layers       []string
	packageType  string // Zip or Image
	imageURI     string
}

func defaultExtras(name string) extras {
	return extras{architecture: "x86_64", ephemeral: 512, tracing: "PassThrough", packageType: "Zip",
		logging: map[string]string{"LogFormat": "Text", "LogGroup": "/aws/lambda/" + name}}
}

// extrasRequest is what CreateFunction and UpdateFunctionConfiguration
// may send of them (UpdateFunctionCode: Architectures).
type extrasRequest struct {
	Architectures    []string
	EphemeralStorage *struct{ Size int }
	TracingConfig    *struct{ Mode string }
	LoggingConfig    map[string]string
	Layers           *[]string
}

// apply checks r against the API model's constraints and sets what it
// sends.
func (x *extras) apply(r *extrasRequest) *apiError {
	switch a := r.Architectures; {
	case a == nil:
	case len(a) != 1:
		return validation("1 validation error detected: Value '%v' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1, Member must have length greater than or equal to 1", a)
	case a[0] != "x86_64" && a[0] != "arm64":
		return validation("1 validation error detected: Value '[%s]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]", a[0])
	default:
		x.architecture = a[0]
	}
	if e := r.EphemeralStorage; e != nil {
		if e.Size < 512 || e.Size > 10240 {
			return validation("1 validation error detected: Value '%d' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value between 512 and 10240", e.Size)
		}
		x.ephemeral = e.Size
	}
	if t := r.TracingConfig; t != nil {
		if t.Mode != "Active" && t.Mode != "PassThrough" {
			return validation("1 validation error detected: Value '%s' at 'tracingConfig.mode' failed to satisfy constraint: Member must satisfy enum value set: [Active, PassThrough]", t.Mode)
		}
		x.tracing = t.Mode
	}
	if r.LoggingConfig != nil {
		l := maps.Clone(x.logging) // a new map: a version keeps the old one
		maps.Copy(l, r.LoggingConfig)
		x.logging = l
	}
	if r.Layers != nil {
		if len(*r.Layers) > 5 {
			return invalid("Cannot reference more than 5 layers.")
		}
		x.layers = slices.Clone(*r.Layers)
	}
	return nil
}

// layer is a Layers item of FunctionConfiguration.
type layer struct {
	Arn      string
	CodeSize int64
}

// show writes the extras into a FunctionConfiguration.
func (x *extras) show(c *functionConfiguration) {
	c.Architectures = []string{x.architecture}
	c.EphemeralStorage = map[string]int{"Size": x.ephemeral}
	c.TracingConfig = map[string]string{"Mode": x.tracing}
	c.LoggingConfig = x.logging
	c.PackageType = x.packageType
	for _, a := range x.layers {
		c.Layers = append(c.Layers, layer{Arn: a})
	}
	if x.packageType == "Image" { // an image has neither
		c.Runtime, c.Handler = "", ""
	}
}

// reservedEnv are the environment variables Lambda sets itself, which a
// function's configuration cannot (the Lambda developer guide's list).
var reservedEnv = []string{"_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
	"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
	"AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
	"LAMBDA_RUNTIME_DIR"}

var envKey = regexp.MustCompile(`^[a-zA-Z]([a-zA-Z0-9_])+$`)

// envOf checks an Environment as Lambda does: keys of the model's
// pattern, none of the reserved ones, at most 4 KB in all.
func envOf(e *environment) *apiError {
	if e == nil {
		return nil
	}
	var reserved []string
	for _, k := range slices.Sorted(maps.Keys(e.Variables)) {
		if !envKey.MatchString(k) {
			return validation("1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]")
		}
		if slices.Contains(reservedEnv, k) {
			reserved = append(reserved, k)
		}
	}
	if len(reserved) > 0 {
		return invalid("Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: %s", strings.Join(reserved, ", "))
	}
	if b, _ := json.Marshal(e.Variables); len(b) > 4096 {
		return invalid("Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: %s", b)
	}
	return nil
}
