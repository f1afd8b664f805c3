package cloudformation

import (
	"fmt"
	"strings"

	"github.com/enisim/enisim/scenarios/importer"
)

// handled are the properties the importer reads, per type; ignored are
// those that cannot change the ENIs (names, code, logging, rules). Any
// other property of these types gets a warning: it may matter and nothing
// reads it.
var (
	handled = map[string]string{
		"AWS::EC2::VPC":             "CidrBlock InstanceTenancy",
		"AWS::EC2::Subnet":          "VpcId CidrBlock AvailabilityZone AvailabilityZoneId",
		"AWS::EC2::SecurityGroup":   "VpcId",
		"AWS::EC2::NatGateway":      "SubnetId ConnectivityType SecondaryPrivateIpAddressCount SecondaryPrivateIpAddresses",
		"AWS::Lambda::Function":     "VpcConfig MemorySize ReservedConcurrentExecutions Role",
		"AWS::Serverless::Function": "VpcConfig MemorySize ReservedConcurrentExecutions Role Policies AutoPublishAlias",
		"AWS::Lambda::Version":      "FunctionName",
		"AWS::IAM::Role":            "ManagedPolicyArns Policies",
	}
	ignored = map[string]string{
		"AWS::EC2::VPC": "EnableDnsSupport EnableDnsHostnames Tags",
		"AWS::EC2::Subnet": "MapPublicIpOnLaunch Tags PrivateDnsNameOptionsOnLaunch AssignIpv6AddressOnCreation " +
			"Ipv6CidrBlock Ipv6CidrBlocks EnableDns64 Ipv6IpamPoolId Ipv6NetmaskLength EnableLniAtDeviceIndex MapCustomerOwnedIpOnLaunch CustomerOwnedIpv4Pool",
		"AWS::EC2::SecurityGroup": "GroupDescription GroupName SecurityGroupIngress SecurityGroupEgress Tags",
		"AWS::EC2::NatGateway":    "AllocationId Tags PrivateIpAddress MaxDrainDurationSeconds SecondaryAllocationIds",
		"AWS::Lambda::Function": "Code Handler Runtime Timeout Environment Layers TracingConfig Architectures " +
			"PackageType LoggingConfig DeadLetterConfig KmsKeyArn FunctionName Description Tags EphemeralStorage " +
			"ImageConfig CodeSigningConfigArn RuntimeManagementConfig SnapStart FileSystemConfigs RecursiveLoop",
		"AWS::Serverless::Function": "CodeUri InlineCode Handler Runtime Timeout Environment Layers Tracing " +
			"Architectures PackageType LoggingConfig DeadLetterQueue KmsKeyArn FunctionName Description Tags " +
			"EphemeralStorage ImageUri ImageConfig CodeSigningConfigArn RuntimeManagementConfig SnapStart " +
			"FileSystemConfigs Events DeploymentPreference AutoPublishCodeSha256 ProvisionedConcurrencyConfig " +
			"EventInvokeConfig FunctionUrlConfig AssumeRolePolicyDocument PropagateTags RolePath " +
			"AutoPublishAliasAllProperties VersionDescription VersionDeletionPolicy RecursiveLoop SourceKMSKeyArn",
		"AWS::Lambda::Version": "Description CodeSha256 ProvisionedConcurrencyConfig RuntimePolicy",
		"AWS::IAM::Role":       "AssumeRolePolicyDocument RoleName Path Tags Description MaxSessionDuration",
	}
)

// checkProps warns about the properties of r (or of props, for SAM
// functions merged with Globals) that nothing reads.
func (b *builder) checkProps(r *resource, props *node, subject string) {
	for i, k := range props.keys {
		if strings.Contains(" "+handled[r.typ]+" "+ignored[r.typ]+" ", " "+k+" ") {
			continue
		}
		b.s.warn(importer.Warning{Resource: r.label(), Property: k, Pos: props.vals[i].pos(), Subject: subject,
			Msg: fmt.Sprintf("property not modelled by the importer; check it does not change the ENIs of %s", r.typ)})
	}
}
