package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// Publish on CreateFunction is version 1 at once, the function still
// Pending; Publish on UpdateFunctionCode is the next version. Both pin the
// key they were published on: after the function moves to another
// security group, the first key's ENI stays. The record replays byte for
// byte (its timeline carries publish: true).
func TestPublishOnCreateAndCodeUpdate(t *testing.T) {
	sv := serveDefault(t)
	out, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{Runtime: types.RuntimePython312, Handler: aws.String("app.handler"),
		FunctionName: aws.String("orders"), Role: aws.String("arn:aws:iam::123456789012:role/lambda-vpc"),
		Code: &types.FunctionCode{ZipFile: []byte("PK")}, Publish: true,
		VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-default-1a"}, SecurityGroupIds: []string{"sg-app"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Version) != "1" || out.State != types.StatePending {
		t.Fatalf("CreateFunction with Publish: version %s, %s; want 1, Pending", aws.ToString(out.Version), out.State)
	}
	sv.waitActive(t, "orders")
	code, err := sv.lc.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: aws.String("orders"), ZipFile: []byte("PK2"), Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(code.Version) != "2" {
		t.Errorf("UpdateFunctionCode with Publish: version %s, want 2", aws.ToString(code.Version))
	}
	vs, err := sv.lc.ListVersionsByFunction(ctx, &lambda.ListVersionsByFunctionInput{FunctionName: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range vs.Versions {
		names = append(names, aws.ToString(v.Version))
	}
	if len(names) != 3 || names[0] != "$LATEST" || names[1] != "1" || names[2] != "2" {
		t.Errorf("versions %v, want [$LATEST 1 2]", names)
	}
	if _, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("orders"),
		VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-default-1a"}, SecurityGroupIds: []string{"sg-default"}}}); err != nil {
		t.Fatal(err)
	}
	w := lambda.NewFunctionUpdatedV2Waiter(sv.lc, fastUpdated)
	if err := w.Wait(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("orders")}, time.Minute); err != nil {
		t.Fatal(err)
	}
	for range 30 { // reads run the clock on, past any ENI deletion
		sv.lc.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("orders")})
	}
	if n := len(sv.enis(t, ec2Filter("group-id", "sg-app"))); n != 1 {
		t.Errorf("%d ENIs of subnet-default-1a+[sg-app] after the move, want 1: versions 1 and 2 use it", n)
	}
	replaysWith(t, sv, "publish: true")
}

// DeleteFunction with a version qualifier deletes that version alone: its
// key's ENI goes (no one else uses it), the name:1 is not found, the next
// version is 3, not 1, and the record replays it (version: 1).
func TestDeleteOneVersion(t *testing.T) {
	sv := serveDefault(t)
	name := aws.String("orders")
	if _, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{Runtime: types.RuntimePython312, Handler: aws.String("app.handler"),
		FunctionName: name, Role: aws.String("arn:aws:iam::123456789012:role/lambda-vpc"),
		Code: &types.FunctionCode{ZipFile: []byte("PK")}, Publish: true,
		VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-default-1a"}, SecurityGroupIds: []string{"sg-app"}},
	}); err != nil {
		t.Fatal(err)
	}
	sv.waitActive(t, "orders")
	if _, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: name,
		VpcConfig: &types.VpcConfig{SubnetIds: []string{"subnet-default-1a"}, SecurityGroupIds: []string{"sg-default"}}}); err != nil {
		t.Fatal(err)
	}
	if err := lambda.NewFunctionUpdatedV2Waiter(sv.lc, fastUpdated).Wait(ctx, &lambda.GetFunctionInput{FunctionName: name}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: name}); err != nil { // 2, on sg-default
		t.Fatal(err)
	}
	if n := len(sv.enis(t, ec2Filter("group-id", "sg-app"))); n != 1 {
		t.Fatalf("%d ENIs of sg-app before the delete, want 1 (version 1's)", n)
	}
	if _, err := sv.lc.DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: name, Qualifier: aws.String("1")}); err != nil {
		t.Fatalf("DeleteFunction orders:1: %v", err)
	}
	for range 30 { // reads run the clock past deleteDelay
		sv.lc.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: name})
	}
	if n := len(sv.enis(t, ec2Filter("group-id", "sg-app"))); n != 0 {
		t.Errorf("%d ENIs of sg-app after deleting version 1, want 0", n)
	}
	_, err := sv.lc.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("orders:1")})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("GetFunction orders:1 after its delete: %v, want ResourceNotFoundException", err)
	}
	if _, err := sv.lc.DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: name, Qualifier: aws.String("1")}); !errors.As(err, &nf) {
		t.Errorf("deleting version 1 again: %v, want ResourceNotFoundException", err)
	}
	// Nothing changed since version 2: Lambda publishes none and answers 2.
	if v, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: name}); err != nil || aws.ToString(v.Version) != "2" {
		t.Fatalf("PublishVersion with nothing changed: %v, want version 2 again", err)
	}
	if _, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: name, Timeout: aws.Int32(9)}); err != nil {
		t.Fatal(err)
	}
	v3, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: name, Description: aws.String("after")})
	if err != nil || aws.ToString(v3.Version) != "3" || aws.ToString(v3.Description) != "after" {
		t.Fatalf("PublishVersion after a change: %v, want version 3 described \"after\"", err)
	}
	if inv, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("orders:2")}, noRetry); err != nil || aws.ToString(inv.ExecutedVersion) != "2" {
		t.Errorf("Invoke orders:2: %v, want version 2 to run", err)
	}
	replaysWith(t, sv, "version: 1")
}

// A version is a snapshot: a later change of $LATEST leaves what the
// version shows as it was published, its description is the function's
// unless PublishVersion gives one, and CodeSha256 is the package's hash
// (the same zip again, the same hash; a CodeSha256 that is not $LATEST's
// is refused).
func TestVersionsAreSnapshots(t *testing.T) {
	sv := serveDefault(t)
	name, zip := aws.String("orders"), []byte("PK\x03\x04 the code")
	if _, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: name, Role: aws.String("arn:aws:iam::123456789012:role/lambda-vpc"), Handler: aws.String("app.handler"),
		Runtime: types.RuntimePython312, Code: &types.FunctionCode{ZipFile: zip}, Description: aws.String("first"), Timeout: aws.Int32(10),
		Environment: &types.Environment{Variables: map[string]string{"STAGE": "1"}},
	}); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(zip)
	hash := base64.StdEncoding.EncodeToString(sum[:])
	if _, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: name, CodeSha256: aws.String("bm90IGl0")}); err == nil {
		t.Error("PublishVersion with another CodeSha256 was accepted")
	}
	v1, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: name, CodeSha256: aws.String(hash)})
	if err != nil || aws.ToString(v1.CodeSha256) != hash || aws.ToString(v1.Description) != "first" {
		t.Fatalf("PublishVersion: %v; CodeSha256 %s, want %s; description %q, want the function's", err, aws.ToString(v1.CodeSha256), hash, aws.ToString(v1.Description))
	}
	if _, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: name,
		Timeout: aws.Int32(20), Handler: aws.String("other.handler"), Description: aws.String("second"),
		Environment: &types.Environment{Variables: map[string]string{"STAGE": "2"}}}); err != nil {
		t.Fatal(err)
	}
	code, err := sv.lc.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: name, ZipFile: zip})
	if err != nil || aws.ToString(code.CodeSha256) != hash {
		t.Fatalf("the same zip again: %v, CodeSha256 %s, want %s", err, aws.ToString(code.CodeSha256), hash)
	}
	if _, err := sv.lc.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: name}); err == nil {
		t.Error("UpdateFunctionCode with no code was accepted")
	}
	got, err := sv.lc.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: name, Qualifier: aws.String("1")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToInt32(got.Timeout) != 10 || aws.ToString(got.Handler) != "app.handler" || aws.ToString(got.Description) != "first" || got.Environment.Variables["STAGE"] != "1" {
		t.Errorf("version 1 after $LATEST changed: timeout %d, handler %s, description %q, STAGE=%s; want 10, app.handler, first, 1",
			aws.ToInt32(got.Timeout), aws.ToString(got.Handler), aws.ToString(got.Description), got.Environment.Variables["STAGE"])
	}
	latest, err := sv.lc.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: name})
	if err != nil || aws.ToInt32(latest.Timeout) != 20 || latest.Environment.Variables["STAGE"] != "2" {
		t.Errorf("$LATEST: %v, timeout %d, STAGE=%s; want 20, 2", err, aws.ToInt32(latest.Timeout), latest.Environment.Variables["STAGE"])
	}
}

// replaysWith stops the session and checks that its record has want and
// replays to the session's report byte for byte.
func replaysWith(t *testing.T, sv *served, want string) {
	t.Helper()
	served, replayed, _, rec := replay(t, sv)
	if !strings.Contains(rec, want) || !bytes.Equal(served, replayed) {
		t.Errorf("the replay differs from the session (or the record has no %q)\nrecord:\n%s", want, rec)
	}
}
