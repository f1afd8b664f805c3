package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

func builtin(t *testing.T, name string) *spec.Scenario {
	t.Helper()
	s, err := spec.LoadBuiltin(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// session drives a scenario with a workload of its own through calls of
// every kind, re-creating a function with another VpcConfig on the way.
func session(t *testing.T, sv *served) {
	fn := func(name string) *string { return aws.String(name) }
	sv.create(t, "extra", []string{"subnet-a"}, []string{"sg-app"})
	_, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: fn("extra")})
	var conflict *types.ResourceConflictException
	if !errors.As(err, &conflict) {
		t.Fatalf("Invoke of a Pending function: %v", err)
	}
	sv.waitActive(t, "extra")
	for range 3 {
		if _, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: fn("extra")}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: fn("extra"), MemorySize: aws.Int32(512)}); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: fn("extra")}); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: fn("extra"),
		Role: fn("arn:aws:iam::123456789012:role/another")}); err != nil {
		t.Fatal(err)
	}
	sv.enis(t)
	if _, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{Runtime: types.RuntimePython312, Handler: aws.String("app.handler"), FunctionName: fn("plain"), Role: fn("arn:aws:iam::123456789012:role/r"),
		Code: &types.FunctionCode{ZipFile: []byte("PK")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: fn("api")}); err != nil {
		t.Fatalf("Invoke of the scenario's own function: %v", err)
	}
	if _, err := sv.lc.DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: fn("extra")}); err != nil {
		t.Fatal(err)
	}
	sv.create(t, "extra", []string{"subnet-b"}, []string{"sg-app"})
	for range 4 {
		sv.lc.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: fn("extra")})
	}
}

// replay stops the session, writes its record to a folder of its own, runs
// the record as `enisim run` does, and returns both reports as JSON.
func replay(t *testing.T, sv *served) (served, replayed []byte, x *scenarios.Sim, record string) {
	t.Helper()
	sv.ss.Stop()
	sv.ss.Finish()
	served, _ = json.MarshalIndent(sv.ss.Report(), "", "  ")
	var rec bytes.Buffer
	if err := sv.ss.WriteRecord(&rec); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "session.yaml")
	if err := os.WriteFile(file, rec.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(file, nil)
	if err != nil {
		t.Fatalf("the record does not load: %v\n%s", err, rec.String())
	}
	if x, err = scenarios.Build(s, scenarios.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	replayed, _ = json.MarshalIndent(x.Report(), "", "  ")
	return served, replayed, x, rec.String()
}

func TestRecordReplaysByteForByte(t *testing.T) {
	sv := serveScenario(t, builtin(t, "shared-eni"), "")
	session(t, sv)
	served, replayed, x, rec := replay(t, sv)
	if !bytes.Equal(served, replayed) {
		t.Errorf("the replay's report differs from the session's\nrecord:\n%s\nsession:\n%s\nreplay:\n%s", rec, served, replayed)
	}
	// The session did something worth replaying: the API's invokes, the
	// scenario's own traffic, the re-created function on its new key.
	rep := x.Report()
	var extra, api scenarios.FunctionReport
	for _, f := range rep.Functions {
		switch f.Name {
		case "extra":
			extra = f
		case "api":
			api = f
		}
	}
	if extra.ControlPlane["UpdateRole"]["ok"] != 1 {
		t.Errorf("extra's role change was not an UpdateRole: %v", extra.ControlPlane)
	}
	if extra.Invocations != 4 || extra.Errors["ResourceConflictException"] != 1 || extra.ControlPlane["CreateFunction"]["ok"] != 2 {
		t.Errorf("extra: %d invocations, errors %v, calls %v; want 4, one ResourceConflictException, two creations", extra.Invocations, extra.Errors, extra.ControlPlane)
	}
	if len(extra.Keys) != 1 || extra.Keys[0] != "subnet-b+[sg-app]" {
		t.Errorf("extra's keys after re-creation: %v, want subnet-b+[sg-app]", extra.Keys)
	}
	if api.Invocations < 100 {
		t.Errorf("api, which the scenario invokes 20 times a second, has %d invocations in %.0f s", api.Invocations, rep.SimulatedSeconds)
	}
}

func TestRecordIsAScenario(t *testing.T) {
	sv := serveDefault(t)
	sv.create(t, "orders", []string{"subnet-default-1a"}, []string{"sg-default"})
	sv.ss.Stop()
	sv.ss.Finish()
	var rec bytes.Buffer
	if err := sv.ss.WriteRecord(&rec); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"name: orders", "createAt: never", "action: CreateFunction", "vpcConfig: SubnetIds=subnet-default-1a,SecurityGroupIds=sg-default", "at: 1ns", "duration: 2ns"} {
		if !strings.Contains(rec.String(), want) {
			t.Errorf("the record lacks %q:\n%s", want, rec.String())
		}
	}
}

// A role the scenario defines is evaluated; any other ARN is the default
// role, which may create ENIs.
func TestRoles(t *testing.T) {
	src := `name: roles
duration: 1h
vpcs:
  - id: vpc-a
    subnets: [{id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24}]
    securityGroups: [sg-a]
functions:
  - name: locked
    createAt: never
    role: {managedPolicies: [AWSLambdaBasicExecutionRole]}
`
	s, err := spec.Parse("roles.yaml", []byte(src), ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	sv := serveScenario(t, s, "")
	in := func(name, role string) *lambda.CreateFunctionInput {
		return &lambda.CreateFunctionInput{Runtime: types.RuntimePython312, Handler: aws.String("app.handler"), FunctionName: aws.String(name), Role: aws.String(role), Code: &types.FunctionCode{ZipFile: []byte("PK")},
			VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-a"}, SecurityGroupIds: []string{"sg-a"}}}
	}
	_, err = sv.lc.CreateFunction(ctx, in("one", "arn:aws:iam::123456789012:role/locked-role"))
	var bad *types.InvalidParameterValueException
	if !errors.As(err, &bad) || !strings.Contains(aws.ToString(bad.Message), "does not have permissions to call CreateNetworkInterface") {
		t.Errorf("CreateFunction with the scenario's role without ENI permissions: %v", err)
	}
	if _, err := sv.lc.CreateFunction(ctx, in("two", "arn:aws:iam::123456789012:role/anything-else")); err != nil {
		t.Errorf("CreateFunction with a role the scenario does not define: %v", err)
	}
}

// Without a token only loopback hosts are answered; with one, every
// request must carry it, and the SDK carries it as the access key id.
func TestToken(t *testing.T) {
	s, _ := Default()
	sv := serveScenario(t, s, "s3cret")
	if _, err := sv.lc.ListFunctions(ctx, &lambda.ListFunctionsInput{}); err != nil {
		t.Errorf("ListFunctions with the token as access key id: %v", err)
	}
	bad := lambda.NewFromConfig(aws.Config{Region: "us-east-1", HTTPClient: sv.lc.Options().HTTPClient,
		Credentials: sv.lc.Options().Credentials}, func(o *lambda.Options) {
		o.BaseEndpoint = aws.String(sv.url)
		o.Credentials = staticCreds("AKIDEXAMPLE")
	})
	_, err := bad.ListFunctions(ctx, &lambda.ListFunctionsInput{})
	if err == nil || !strings.Contains(err.Error(), "UnrecognizedClientException") {
		t.Errorf("ListFunctions without the token: %v, want UnrecognizedClientException", err)
	}
	_ = time.Second
}

// A scenario's files (a trace) are named by absolute paths in the record,
// so it replays from another folder; a built-in's cannot be, and says so.
func TestRecordFindsTheScenarioFiles(t *testing.T) {
	dir := t.TempDir()
	src := `name: traced
duration: 1h
vpcs:
  - id: vpc-a
    subnets: [{id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24}]
    securityGroups: [sg-a]
functions:
  - name: api
    vpcConfig: SubnetIds=subnet-a,SecurityGroupIds=sg-a
    arrivals: {process: trace, file: arrivals.txt, format: timestamps}
`
	if err := os.WriteFile(filepath.Join(dir, "traced.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "arrivals.txt"), []byte("70\n80\n95\n100.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(filepath.Join(dir, "traced.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	sv := serveScenario(t, s, "")
	sv.waitActive(t, "api")
	sv.create(t, "extra", []string{"subnet-a"}, []string{"sg-a"})
	for range 3 {
		sv.enis(t)
	}
	served, replayed, x, rec := replay(t, sv)
	if !bytes.Equal(served, replayed) {
		t.Errorf("the replay from another folder differs:\n%s\n%s\n%s", rec, served, replayed)
	}
	if x.Report().Functions[0].Invocations == 0 {
		t.Errorf("the trace's arrivals did not run")
	}

	ss, err := New(builtin(t, "diurnal-day"), Options{Speed: Max})
	if err != nil {
		t.Fatal(err)
	}
	if err := ss.Recordable(); err == nil || !strings.Contains(err.Error(), "traces/azure-sample.csv") {
		t.Errorf("Recordable on a built-in with a trace: %v", err)
	}
}
