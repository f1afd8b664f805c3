package serve

import (
	"bytes"
	"errors"
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
	out, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{
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
	served, replayed, _, rec := replay(t, sv)
	if !bytes.Contains([]byte(rec), []byte("publish: true")) || !bytes.Equal(served, replayed) {
		t.Errorf("the replay differs from the session (or the record has no publish)\nrecord:\n%s", rec)
	}
}

// DeleteFunction with a version qualifier deletes that version alone: its
// key's ENI goes (no one else uses it), the name:1 is not found, the next
// version is 3, not 1, and the record replays it (version: 1).
func TestDeleteOneVersion(t *testing.T) {
	sv := serveDefault(t)
	name := aws.String("orders")
	if _, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{
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
	v3, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: name, Description: aws.String("after")})
	if err != nil || aws.ToString(v3.Version) != "3" {
		t.Fatalf("PublishVersion after the delete: %v %v, want version 3", v3, err)
	}
	if inv, err := sv.lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("orders:2")}, noRetry); err != nil || aws.ToString(inv.ExecutedVersion) != "2" {
		t.Errorf("Invoke orders:2: %v, want version 2 to run", err)
	}
	served, replayed, _, rec := replay(t, sv)
	if !bytes.Contains([]byte(rec), []byte("version: 1")) || !bytes.Equal(served, replayed) {
		t.Errorf("the replay differs from the session (or the record has no version: 1)\nrecord:\n%s", rec)
	}
}
