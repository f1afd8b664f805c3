package serve

import (
	"context"
	"errors"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"

	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

// served is a session behind an httptest server, with the AWS SDK for Go
// v2's Lambda and EC2 clients pointed at it.
type served struct {
	ss  *Session
	lc  *lambda.Client
	ec  *ec2.Client
	url string
}

func serveScenario(t *testing.T, s *spec.Scenario, token string) *served {
	t.Helper()
	return serveWith(t, s, token, Options{Speed: Max})
}

// serveWith serves s with the session options o.
func serveWith(t *testing.T, s *spec.Scenario, token string, o Options) *served {
	t.Helper()
	ss, err := New(s, o)
	if err != nil {
		t.Fatal(err)
	}
	ss.Start()
	srv := httptest.NewServer(ss.Handler(token))
	t.Cleanup(func() { srv.Close(); ss.Stop() })
	key := "AKIDEXAMPLE"
	if token != "" {
		key = token
	}
	cfg := aws.Config{Region: "us-east-1", HTTPClient: srv.Client(),
		Credentials: credentials.NewStaticCredentialsProvider(key, "secret", "")}
	return &served{ss: ss, url: srv.URL,
		lc: lambda.NewFromConfig(cfg, func(o *lambda.Options) { o.BaseEndpoint = aws.String(srv.URL) }),
		ec: ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = aws.String(srv.URL) })}
}

func serveDefault(t *testing.T) *served {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return serveScenario(t, s, "")
}

var ctx = context.Background()

func (sv *served) create(t *testing.T, name string, subnets, sgs []string) *lambda.CreateFunctionOutput {
	t.Helper()
	out, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: aws.String(name), Role: aws.String("arn:aws:iam::123456789012:role/lambda-vpc"),
		Runtime: types.RuntimePython312, Handler: aws.String("app.handler"), Code: &types.FunctionCode{ZipFile: []byte("PK")},
		VpcConfig: &types.VpcConfig{SubnetIds: subnets, SecurityGroupIds: sgs},
	})
	if err != nil {
		t.Fatalf("CreateFunction %s: %v", name, err)
	}
	return out
}

// now reads the session's virtual clock.
func (sv *served) now() sim.Time {
	var t sim.Time
	sv.ss.Do(func() { t = sv.ss.now() })
	return t
}

// callAt is the virtual time of the first recorded call of action on fn.
func (sv *served) callAt(t *testing.T, action, fn string) sim.Time {
	t.Helper()
	var calls []Call
	sv.ss.Do(func() { calls = sv.ss.Calls() })
	for _, c := range calls {
		if c.Action == action && c.Function == fn {
			return c.At
		}
	}
	t.Fatalf("no %s %s recorded", action, fn)
	return 0
}

// fastActive and fastUpdated are the SDK's waiters polling every few
// milliseconds instead of every second; the clock at speed max does not
// depend on how fast they poll.
func fastActive(o *lambda.FunctionActiveV2WaiterOptions) {
	o.MinDelay, o.MaxDelay = 5*time.Millisecond, 20*time.Millisecond
}

func fastUpdated(o *lambda.FunctionUpdatedV2WaiterOptions) {
	o.MinDelay, o.MaxDelay = 5*time.Millisecond, 20*time.Millisecond
}

// creationDelay draws a key's ENI creation delay the way the scenario
// defines it (uniform 60-90 s from the key's own stream), independently of
// the server.
func creationDelay(seed uint64, key string) sim.Time {
	return workload.NewUniform(60*time.Second, 90*time.Second, sim.NewStream(seed, "key/"+key+"/creation")).Sample()
}

func TestCreatePendingWaiterActive(t *testing.T) {
	sv := serveDefault(t)
	subnets := []string{"subnet-default-1a", "subnet-default-1b"}
	out := sv.create(t, "orders", subnets, []string{"sg-default"})
	if out.State != types.StatePending || out.StateReasonCode != types.StateReasonCodeCreating {
		t.Fatalf("CreateFunction: State %s (%s), want Pending (Creating)", out.State, out.StateReasonCode)
	}
	if got := aws.ToString(out.VpcConfig.VpcId); got != "vpc-default" {
		t.Errorf("VpcConfig.VpcId = %q, want vpc-default", got)
	}
	_, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("orders")})
	var conflict *types.ResourceConflictException
	if !errors.As(err, &conflict) {
		t.Fatalf("Invoke while Pending: %v, want the SDK's *types.ResourceConflictException", err)
	}
	if !strings.Contains(aws.ToString(conflict.Message), "Pending") {
		t.Errorf("ResourceConflictException message %q does not say Pending", aws.ToString(conflict.Message))
	}
	created := sv.callAt(t, "CreateFunction", "orders")
	w := lambda.NewFunctionActiveV2Waiter(sv.lc, fastActive)
	got, err := w.WaitForOutput(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("orders")}, time.Minute)
	if err != nil {
		t.Fatalf("FunctionActiveV2Waiter: %v", err)
	}
	if got.Configuration.State != types.StateActive {
		t.Fatalf("waiter returned State %s", got.Configuration.State)
	}
	// Active once each subnet's ENI is ready: the later of the two keys'
	// creation delays after the call.
	want := max(creationDelay(1, "subnet-default-1a+[sg-default]"), creationDelay(1, "subnet-default-1b+[sg-default]"))
	if d := sv.now() - created; d != want {
		t.Errorf("the waiter returned %v of virtual time after CreateFunction, want the creation delay %v", d, want)
	}
	if want < 60*time.Second || want > 90*time.Second {
		t.Errorf("creation delay %v outside the scenario's 60-90 s", want)
	}
	if got.Configuration.LastUpdateStatus != types.LastUpdateStatusSuccessful {
		t.Errorf("LastUpdateStatus once Active = %q, want Successful", got.Configuration.LastUpdateStatus)
	}
	inv, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("orders")})
	if err != nil || inv.StatusCode != 200 {
		t.Fatalf("Invoke once Active: %v (status %d)", err, inv.StatusCode)
	}
}

func TestErrorsAreTyped(t *testing.T) {
	sv := serveDefault(t)
	_, err := sv.lc.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("nope")})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("GetFunction of a missing function: %v, want *types.ResourceNotFoundException", err)
	}
	sv.create(t, "a", []string{"subnet-default-1a"}, []string{"sg-default"})
	_, err = sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{Runtime: types.RuntimePython312, Handler: aws.String("app.handler"), FunctionName: aws.String("a"),
		Role: aws.String("arn:aws:iam::123456789012:role/x"), Code: &types.FunctionCode{ZipFile: []byte("PK")}})
	var conflict *types.ResourceConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("CreateFunction of an existing function: %v, want *types.ResourceConflictException", err)
	}
	_, err = sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{Runtime: types.RuntimePython312, Handler: aws.String("app.handler"), FunctionName: aws.String("b"),
		Role: aws.String("arn:aws:iam::123456789012:role/x"), Code: &types.FunctionCode{ZipFile: []byte("PK")},
		VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-nope"}, SecurityGroupIds: []string{"sg-default"}}})
	var bad *types.InvalidParameterValueException
	if !errors.As(err, &bad) || !strings.Contains(aws.ToString(bad.Message), "subnet-nope") {
		t.Errorf("CreateFunction with an unknown subnet: %v, want *types.InvalidParameterValueException naming it", err)
	}
	_, err = sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{Runtime: types.RuntimePython312, Handler: aws.String("app.handler"), FunctionName: aws.String("c"),
		Role: aws.String("arn:aws:iam::123456789012:role/x"), Code: &types.FunctionCode{ZipFile: []byte("PK")},
		VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-default-1a"}}})
	if !errors.As(err, &bad) || !strings.Contains(aws.ToString(bad.Message), "SecurityGroupIds") {
		t.Errorf("CreateFunction with subnets and no security group: %v, want the model's InvalidParameterValueException", err)
	}
	// A runtime outside the API's enum, on create and on update, and a
	// memory size out of range: the API's validation (ValidationException,
	// which the Lambda model does not list, so the SDK's generic error).
	validation := func(what string, err error, want string) {
		t.Helper()
		var ae smithy.APIError
		if !isValidation(err) || !errors.As(err, &ae) || !strings.Contains(ae.ErrorMessage(), want) {
			t.Errorf("%s: %v, want ValidationException saying %q", what, err, want)
		}
	}
	_, err = sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: aws.String("d"), Runtime: "python3.99",
		Role: aws.String("arn:aws:iam::123456789012:role/x"), Code: &types.FunctionCode{ZipFile: []byte("PK")}})
	validation("CreateFunction with runtime python3.99", err, "Value 'python3.99' at 'runtime'")
	_, err = sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("a"), Runtime: "cobol"})
	validation("UpdateFunctionConfiguration with runtime cobol", err, "Value 'cobol' at 'runtime'")
	_, err = sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("a"), MemorySize: aws.Int32(20000)})
	validation("UpdateFunctionConfiguration with 20000 MB", err, "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240")
	_, err = sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("a"), Description: aws.String(strings.Repeat("d", 257))})
	validation("a description of 257 characters", err, "at 'description' failed to satisfy constraint: Member must have length less than or equal to 256")
	// Environment variables: keys of two characters or more, none that
	// Lambda reserves, 4 KB in all.
	env := func(vars map[string]string) error {
		_, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("a"), Environment: &types.Environment{Variables: vars}})
		return err
	}
	validation("a one-letter variable", env(map[string]string{"A": "1"}), "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]")
	for _, c := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{"AWS_REGION": "eu-west-1"}, "Reserved keys used in this request: AWS_REGION"},
		{map[string]string{"BIG": strings.Repeat("x", 5000)}, "exceeded the 4KB limit"},
	} {
		if err := env(c.vars); !errors.As(err, &bad) || !strings.Contains(aws.ToString(bad.Message), c.want) {
			t.Errorf("environment %.40v: %v, want InvalidParameterValueException saying %q", c.vars, err, c.want)
		}
	}
	// A valid one passes the checks and meets the function Pending.
	if err := env(map[string]string{"STAGE": "prod"}); !errors.As(err, &conflict) {
		t.Errorf("a valid environment: %v, want only the ResourceConflictException of a Pending function", err)
	}
	if _, err := sv.lc.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("d")}); !errors.As(err, &nf) {
		t.Errorf("the refused create made function d: %v", err)
	}
}

// enis describes the Hyperplane ENIs matching filters.
func (sv *served) enis(t *testing.T, filters ...ec2types.Filter) []ec2types.NetworkInterface {
	t.Helper()
	out, err := sv.ec.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{Filters: filters})
	if err != nil {
		t.Fatalf("DescribeNetworkInterfaces: %v", err)
	}
	return out.NetworkInterfaces
}

func ec2Filter(name string, values ...string) ec2types.Filter {
	return ec2types.Filter{Name: aws.String(name), Values: values}
}

func (sv *served) waitActive(t *testing.T, name string) {
	t.Helper()
	w := lambda.NewFunctionActiveV2Waiter(sv.lc, fastActive)
	if err := w.Wait(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(name)}, time.Minute); err != nil {
		t.Fatalf("waiting for %s: %v", name, err)
	}
}

func TestENIsSharedPerKey(t *testing.T) {
	sv := serveDefault(t)
	subnets := []string{"subnet-default-1a", "subnet-default-1b"}
	sv.create(t, "orders", subnets, []string{"sg-default"})
	sv.waitActive(t, "orders")
	second := sv.create(t, "payments", []string{"subnet-default-1b", "subnet-default-1a"}, []string{"sg-default"})
	if second.State != types.StateActive {
		t.Errorf("a second function on the same key is %s, want Active at once (the ENIs are ready)", second.State)
	}
	sv.create(t, "reports", subnets, []string{"sg-app"})
	sv.waitActive(t, "reports")

	all := sv.enis(t, ec2Filter("interface-type", "lambda"))
	if len(all) != 4 {
		t.Fatalf("%d Hyperplane ENIs, want 4: one per subnet for each of two security-group sets", len(all))
	}
	perSubnet := map[string]int{}
	for _, e := range all {
		perSubnet[aws.ToString(e.SubnetId)+" "+aws.ToString(e.Groups[0].GroupId)]++
		if e.Attachment == nil || aws.ToString(e.Attachment.InstanceOwnerId) != "amazon-aws" {
			t.Errorf("%s: attachment owner is not amazon-aws", aws.ToString(e.NetworkInterfaceId))
		}
		if e.Status != ec2types.NetworkInterfaceStatusInUse {
			t.Errorf("%s: Status %s, want in-use", aws.ToString(e.NetworkInterfaceId), e.Status)
		}
		ip := netip.MustParseAddr(aws.ToString(e.PrivateIpAddress))
		cidr := map[string]string{"subnet-default-1a": "172.31.0.0/20", "subnet-default-1b": "172.31.16.0/20"}[aws.ToString(e.SubnetId)]
		if !netip.MustParsePrefix(cidr).Contains(ip) {
			t.Errorf("%s: address %s is not in its subnet's %s", aws.ToString(e.NetworkInterfaceId), ip, cidr)
		}
	}
	for k, n := range perSubnet {
		if n != 1 {
			t.Errorf("%s has %d ENIs, want 1", k, n)
		}
	}
	if n := len(sv.enis(t, ec2Filter("group-id", "sg-default"))); n != 2 {
		t.Errorf("group-id sg-default: %d ENIs, want 2 (shared by orders and payments)", n)
	}
	if n := len(sv.enis(t, ec2Filter("description", "AWS Lambda VPC ENI-orders-*"))); n != 2 {
		t.Errorf("description AWS Lambda VPC ENI-orders-*: %d ENIs, want the 2 orders made", n)
	}
	if n := len(sv.enis(t, ec2Filter("description", "AWS Lambda VPC ENI-payments-*"))); n != 0 {
		t.Errorf("payments made no ENI of its own, yet %d are named after it", n)
	}
	if n := len(sv.enis(t, ec2Filter("subnet-id", "subnet-default-1a"), ec2Filter("group-id", "sg-app"))); n != 1 {
		t.Errorf("subnet-id 1a and group-id sg-app: %d ENIs, want 1", n)
	}
	if n := len(sv.enis(t, ec2Filter("vpc-id", "vpc-other"))); n != 0 {
		t.Errorf("vpc-id vpc-other: %d ENIs, want 0", n)
	}
	sn, err := sv.ec.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{"subnet-default-1a"}})
	if err != nil || len(sn.Subnets) != 1 {
		t.Fatalf("DescribeSubnets: %v", err)
	}
	// A /20 has 4096 addresses, AWS keeps 5, two Lambda ENIs hold one each.
	if got := aws.ToInt32(sn.Subnets[0].AvailableIpAddressCount); got != 4096-5-2 {
		t.Errorf("AvailableIpAddressCount = %d, want %d", got, 4096-5-2)
	}
}

func TestUpdateInProgressWaiterUpdated(t *testing.T) {
	sv := serveDefault(t)
	sv.create(t, "orders", []string{"subnet-default-1a"}, []string{"sg-default"})
	sv.waitActive(t, "orders")
	out, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{
		FunctionName: aws.String("orders"), MemorySize: aws.Int32(1024),
		VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-default-1a"}, SecurityGroupIds: []string{"sg-default", "sg-app"}}})
	if err != nil {
		t.Fatal(err)
	}
	if out.LastUpdateStatus != types.LastUpdateStatusInProgress || out.State != types.StateActive {
		t.Fatalf("after a VPC change: State %s, LastUpdateStatus %s; want Active, InProgress", out.State, out.LastUpdateStatus)
	}
	if inv, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("orders")}); err != nil || inv.StatusCode != 200 {
		t.Errorf("Invoke during InProgress: %v; the old configuration should serve", err)
	}
	_, err = sv.lc.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: aws.String("orders"), ZipFile: []byte("PK2")})
	var conflict *types.ResourceConflictException
	if !errors.As(err, &conflict) || !strings.Contains(aws.ToString(conflict.Message), "An update is in progress") {
		t.Errorf("UpdateFunctionCode during InProgress: %v, want ResourceConflictException (update in progress)", err)
	}
	w := lambda.NewFunctionUpdatedV2Waiter(sv.lc, fastUpdated)
	got, err := w.WaitForOutput(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("orders")}, time.Minute)
	if err != nil {
		t.Fatalf("FunctionUpdatedV2Waiter: %v", err)
	}
	start := sv.callAt(t, "UpdateFunctionConfiguration", "orders")
	if want := creationDelay(1, "subnet-default-1a+[sg-app,sg-default]"); sv.now()-start != want {
		t.Errorf("the update finished %v after the call, want the new key's creation delay %v", sv.now()-start, want)
	}
	c := got.Configuration
	if aws.ToInt32(c.MemorySize) != 1024 || len(c.VpcConfig.SecurityGroupIds) != 2 {
		t.Errorf("after the update: MemorySize %d, SecurityGroupIds %v", aws.ToInt32(c.MemorySize), c.VpcConfig.SecurityGroupIds)
	}
	if n := len(sv.enis(t, ec2Filter("group-id", "sg-app"))); n != 1 {
		t.Errorf("%d ENIs for the new key, want 1", n)
	}
}

func staticCreds(key string) aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(key, "secret", "")
}

// MaxResults pages a Describe as EC2 does: nine ENIs come five, then four,
// the same ones as in one page, and the second page is of the first's
// moment (the clock does not move between them at speed max). The SDK's
// paginator follows the tokens.
func TestDescribePages(t *testing.T) {
	sv := serveDefault(t)
	all := []string{"subnet-default-1a", "subnet-default-1b", "subnet-default-1c"}
	for name, sgs := range map[string][]string{"a": {"sg-default"}, "b": {"sg-app"}, "c": {"sg-default", "sg-app"}} {
		sv.create(t, name, all, sgs)
		sv.waitActive(t, name)
	}
	whole := sv.enis(t)
	if len(whole) != 9 {
		t.Fatalf("%d ENIs, want 9 (three keys in three subnets)", len(whole))
	}
	first, err := sv.ec.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{MaxResults: aws.Int32(5)})
	if err != nil {
		t.Fatal(err)
	}
	at := sv.now()
	second, err := sv.ec.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{MaxResults: aws.Int32(5), NextToken: first.NextToken})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.NetworkInterfaces) != 5 || first.NextToken == nil || len(second.NetworkInterfaces) != 4 || second.NextToken != nil {
		t.Fatalf("pages of %d (token %v) and %d (token %v), want 5 with a token and 4 without", len(first.NetworkInterfaces), first.NextToken != nil, len(second.NetworkInterfaces), second.NextToken != nil)
	}
	if sv.now() != at {
		t.Errorf("the second page moved the clock from %v to %v", at, sv.now())
	}
	var paged []string
	p := ec2.NewDescribeNetworkInterfacesPaginator(sv.ec, &ec2.DescribeNetworkInterfacesInput{MaxResults: aws.Int32(5)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ni := range out.NetworkInterfaces {
			paged = append(paged, aws.ToString(ni.NetworkInterfaceId))
		}
	}
	var ids []string
	for _, ni := range whole {
		ids = append(ids, aws.ToString(ni.NetworkInterfaceId))
	}
	if !slices.Equal(paged, ids) {
		t.Errorf("the paginator gave %v, one page %v", paged, ids)
	}
}

// isValidation reports whether err is Lambda's ValidationException, which
// its model does not list (so the SDK's generic API error).
func isValidation(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == "ValidationException"
}

// empty-account's VPC is the account's default VPC, as a script that looks
// it up finds it: IsDefault, and a default subnet per AZ.
func TestDefaultVPC(t *testing.T) {
	sv := serveDefault(t)
	vpcs, err := sv.ec.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{ec2Filter("is-default", "true")}})
	if err != nil || len(vpcs.Vpcs) != 1 || aws.ToString(vpcs.Vpcs[0].VpcId) != "vpc-default" || !aws.ToBool(vpcs.Vpcs[0].IsDefault) {
		t.Fatalf("the default VPC: %v %v, want vpc-default", err, vpcs)
	}
	subnets, err := sv.ec.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{ec2Filter("default-for-az", "true")}})
	if err != nil || len(subnets.Subnets) != 3 || !aws.ToBool(subnets.Subnets[0].MapPublicIpOnLaunch) {
		t.Fatalf("default subnets: %v, %d, want 3 that map public IPs", err, len(subnets.Subnets))
	}
	// Its default security group is named default, as a script looks it up.
	sgs, err := sv.ec.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupNames: []string{"default"}})
	if err != nil || len(sgs.SecurityGroups) != 1 || aws.ToString(sgs.SecurityGroups[0].GroupId) != "sg-default" {
		t.Fatalf("--group-names default: %v %v, want sg-default", err, sgs)
	}
	byFilter, err := sv.ec.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{ec2Filter("group-name", "default")}})
	if err != nil || len(byFilter.SecurityGroups) != 1 {
		t.Errorf("filter group-name=default: %v, %d groups, want 1", err, len(byFilter.SecurityGroups))
	}
}

// EC2's dry run, the filters scripts use beyond the basic ones, and
// ListFunctions' subset of the configuration.
func TestDryRunFiltersAndListSubset(t *testing.T) {
	sv := serveDefault(t)
	sv.create(t, "orders", []string{"subnet-default-1a"}, []string{"sg-default"})
	sv.waitActive(t, "orders")
	_, err := sv.ec.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{DryRun: aws.Bool(true)})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "DryRunOperation" {
		t.Errorf("a dry run: %v, want DryRunOperation", err)
	}
	all := sv.enis(t)
	if len(all) != 1 {
		t.Fatalf("%d ENIs, want 1", len(all))
	}
	for _, f := range []ec2types.Filter{ec2Filter("tag-key", "enisim:state"), ec2Filter("mac-address", aws.ToString(all[0].MacAddress)),
		ec2Filter("private-dns-name", aws.ToString(all[0].PrivateDnsName))} {
		if got := sv.enis(t, f); len(got) != 1 {
			t.Errorf("filter %s: %d ENIs, want 1", aws.ToString(f.Name), len(got))
		}
	}
	if got := sv.enis(t, ec2Filter("tag-key", "nope")); len(got) != 0 {
		t.Errorf("filter tag-key=nope: %d ENIs, want 0", len(got))
	}
	list, err := sv.lc.ListFunctions(ctx, &lambda.ListFunctionsInput{})
	if err != nil || len(list.Functions) != 1 || list.Functions[0].State != "" || list.Functions[0].LastUpdateStatus != "" {
		t.Errorf("ListFunctions: %v; want one function without State or LastUpdateStatus (GetFunction has them)", err)
	}
	if _, err := sv.lc.ListFunctions(ctx, &lambda.ListFunctionsInput{FunctionVersion: "BOGUS"}); !isValidation(err) {
		t.Errorf("FunctionVersion BOGUS: %v, want ValidationException", err)
	}
}
