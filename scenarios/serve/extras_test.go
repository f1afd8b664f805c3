package serve

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// The settings the model has no use for come back as they were sent (a
// deploy tool compares them), a version keeps those it was published with,
// and values outside the model's constraints are refused.
func TestSettingsComeBackAsSent(t *testing.T) {
	sv := serveDefault(t)
	name := aws.String("orders")
	layer := "arn:aws:lambda:us-east-1:123456789012:layer:deps:3"
	if _, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: name, Role: aws.String("arn:aws:iam::123456789012:role/lambda-vpc"), Runtime: types.RuntimePython313,
		Handler: aws.String("app.handler"), Code: &types.FunctionCode{ZipFile: []byte("PK")},
		Architectures: []types.Architecture{types.ArchitectureArm64}, EphemeralStorage: &types.EphemeralStorage{Size: aws.Int32(1024)},
		TracingConfig: &types.TracingConfig{Mode: types.TracingModeActive}, Layers: []string{layer},
		LoggingConfig: &types.LoggingConfig{LogFormat: types.LogFormatJson}, Tags: map[string]string{"team": "orders"},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.lc.PublishVersion(ctx, &lambda.PublishVersionInput{FunctionName: name}); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.lc.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: name,
		TracingConfig: &types.TracingConfig{Mode: types.TracingModePassThrough}}); err != nil {
		t.Fatal(err)
	}
	got, err := sv.lc.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: name})
	if err != nil {
		t.Fatal(err)
	}
	c := got.Configuration
	if len(c.Architectures) != 1 || c.Architectures[0] != types.ArchitectureArm64 || aws.ToInt32(c.EphemeralStorage.Size) != 1024 ||
		c.TracingConfig.Mode != types.TracingModePassThrough || c.LoggingConfig.LogFormat != types.LogFormatJson ||
		len(c.Layers) != 1 || aws.ToString(c.Layers[0].Arn) != layer || got.Tags["team"] != "orders" {
		t.Errorf("$LATEST: %v, %d MB, tracing %s, logs %s, layers %d, tags %v; want arm64, 1024, PassThrough, JSON, the layer, team=orders",
			c.Architectures, aws.ToInt32(c.EphemeralStorage.Size), c.TracingConfig.Mode, c.LoggingConfig.LogFormat, len(c.Layers), got.Tags)
	}
	v1, err := sv.lc.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: name, Qualifier: aws.String("1")})
	if err != nil || v1.TracingConfig.Mode != types.TracingModeActive {
		t.Errorf("version 1: %v, tracing %v; want Active, as published", err, v1.TracingConfig)
	}
	_, err = sv.lc.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: name, ZipFile: []byte("PK"), Architectures: []types.Architecture{"mips"}})
	if !isValidation(err) {
		t.Errorf("architecture mips: %v, want ValidationException", err)
	}
	img, err := sv.lc.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: aws.String("image"), Role: aws.String("arn:aws:iam::123456789012:role/lambda-vpc"),
		PackageType: types.PackageTypeImage, Code: &types.FunctionCode{ImageUri: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")}})
	if err != nil || img.PackageType != types.PackageTypeImage || img.Runtime != "" || img.Handler != nil {
		t.Errorf("an image function: %v, package %s, runtime %q, handler %v; want Image and neither", err, img.PackageType, img.Runtime, img.Handler)
	}
}
