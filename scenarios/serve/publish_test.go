package serve

import (
	"bytes"
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
