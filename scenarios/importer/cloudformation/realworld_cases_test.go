package cloudformation

// realworldCases are the README's cases 1-3, 5, 6, 8, 9 and 16-19, with
// its numbers. Subnet ids are the importer's (kebab-case logical ids).
func realworldCases(glob func(...string) []string) []realworldCase {
	const c24, c23, c20, c18 = 251, 507, 4091, 16379
	return []realworldCase{
		{name: "1 nested stacks, all ten files", files: glob("YamazakiNorihito__*"),
			params:   map[string]string{"EnvironmentName": "apigateway-lambda", "TemplateKey": "templates"},
			keys:     []string{"private-subnet-az1|security-group"},
			capacity: map[string]int{"private-subnet-az1": c24, "public-subnet-az1": c24},
			// Both functions share one ENI; the NAT gateway takes one public address.
			peakIPs: map[string]int64{"private-subnet-az1": 1, "public-subnet-az1": 1}},
		{name: "2 bookstore", files: glob("aws-samples__aws-bookstore-demo-app__*"),
			keys: []string{"bookstore-subnet1|bookstore-neptune-security-group", "bookstore-subnet1|bookstore-vpc-default",
				"bookstore-subnet1|redis-lambda-security-group", "bookstore-subnet2|bookstore-neptune-security-group"},
			capacity: map[string]int{"bookstore-subnet1": c24, "bookstore-subnet2": c24},
			// Subnet 1: 3 Lambda ENIs, the redis node and the Neptune instance
			// (placed in the group's first subnet); subnet 2: 1 Lambda ENI.
			peakIPs: map[string]int64{"bookstore-subnet1": 5, "bookstore-subnet2": 1},
			cidrs:   map[string]string{"bookstore-subnet1": "172.31.0.0/24", "bookstore-subnet2": "172.31.1.0/24"}},
		{name: "3 list-manager, both files", files: glob("awsdocs__aws-lambda-developer-guide__sample-apps-list-manager-*"),
			keys:     []string{"private-subnet-a|private-vpc-default", "private-subnet-b|private-vpc-default"},
			capacity: map[string]int{"private-subnet-a": c24, "private-subnet-b": c24},
			// One Lambda ENI and one node of the Multi-AZ RDS instance in each.
			peakIPs: map[string]int64{"private-subnet-a": 2, "private-subnet-b": 2},
			cidrs:   map[string]string{"private-subnet-a": "172.31.3.0/24", "private-subnet-b": "172.31.2.0/24"}},
		{name: "5 rds proxy with the companion VPC", files: glob("aws-samples__serverless-rds-proxy-demo__*"),
			params: map[string]string{"Subnets": "sub1Private,sub2Private,sub3Private",
				"CreateFunctionSecurityGroup": "False", "LambdaSecurityGroupId": "lambdaSg"},
			keys:     []string{"sub1-private|lambda-sg", "sub2-private|lambda-sg", "sub3-private|lambda-sg"},
			capacity: map[string]int{"sub1-private": c24, "sub2-private": c24, "sub3-private": c24}},
		{name: "5 rds proxy, app stack alone", files: glob("aws-samples__serverless-rds-proxy-demo__template.yaml"),
			params: map[string]string{"Subnets": "subnet-0aaa,subnet-0bbb", "Vpc": "vpc-0ccc"},
			keys:   []string{"subnet-0aaa|lambda-sg", "subnet-0bbb|lambda-sg"}},
		{name: "6 memorydb", files: glob("aws-samples__serverless-patterns__apigw-lambda-memorydb-template.yaml"),
			keys:     []string{"private-subnet-a|lambda-sg", "private-subnet-b|lambda-sg"},
			capacity: map[string]int{"private-subnet-a": c23, "private-subnet-b": c23},
			// 6 MemoryDB nodes over the two subnets, and one Lambda ENI each.
			peakIPs: map[string]int64{"private-subnet-a": 4, "private-subnet-b": 4},
			cidrs:   map[string]string{"private-subnet-a": "30.0.0.0/23", "private-subnet-b": "30.0.2.0/23"}},
		{name: "8 ADConnector", files: glob("aws-cloudformation__*ADCONNECTOR.cfn.yaml"),
			wantErr: []string{"ADConnectorLambdaFunction.VpcConfig.SecurityGroupIds", "ADConnectorDomainMembersSG",
				"ADConnectorLambdaFunction.VpcConfig.SubnetIds", "PrivateSubnet1ID"}},
		{name: "8 ADConnector with the SG created", files: glob("aws-cloudformation__*ADCONNECTOR.cfn.yaml"),
			params:  map[string]string{"CreateADConnectorDomainMembersSG": "Yes"},
			wantErr: []string{"ADConnectorLambdaFunction.VpcConfig.SubnetIds", "PrivateSubnet2ID"}},
		{name: "9 neptune JSON", files: glob("aws-samples__amazon-neptune-samples__*.json"),
			params: map[string]string{"PrivateSubnet1": "subnet-01", "PrivateSubnet2": "subnet-02", "NeptuneSecurityGroupId": "sg-0n"},
			keys: []string{"subnet-01|lambda-self-referencing-security-group,sg-0n",
				"subnet-02|lambda-self-referencing-security-group,sg-0n"}},
		{name: "16 parent and child stack from two repositories",
			files:    glob("gford1000-aws__lambda_in_vpc__create_lambda_in_vpc.cform", "gford1000-aws__vpc__create_vpc.cform"),
			params:   map[string]string{"VPCTemplateURL": "https://s3.amazonaws.com/my-bucket/create_vpc.cform"},
			keys:     []string{"private-subnet1|lambda-security-group", "private-subnet2|lambda-security-group", "private-subnet3|lambda-security-group"},
			capacity: map[string]int{"private-subnet1": c20, "private-subnet2": c20, "private-subnet3": c20, "public-subnet1": 59},
			cidrs:    map[string]string{"private-subnet1": "10.0.0.0/20", "private-subnet2": "10.0.32.0/20", "private-subnet3": "10.0.64.0/20"}},
		{name: "17 CDK synthesized", files: glob("awslabs__aws-solutions-constructs__*alblam-twoTargets.template.json"),
			keys: []string{
				"vpc-private-subnet1-subnet536-b997-a|testone-replace-default-security-groupsecuritygroup-ea1aca43",
				"vpc-private-subnet1-subnet536-b997-a|testtwo-replace-default-security-groupsecuritygroup-5ef17fdf",
				"vpc-private-subnet2-subnet3788-aaa1|testone-replace-default-security-groupsecuritygroup-ea1aca43",
				"vpc-private-subnet2-subnet3788-aaa1|testtwo-replace-default-security-groupsecuritygroup-5ef17fdf"},
			capacity: map[string]int{"vpc-private-subnet1-subnet536-b997-a": c18, "vpc-private-subnet2-subnet3788-aaa1": c18},
			// Each private subnet holds 2 Lambda ENIs and nothing else.
			peakIPs: map[string]int64{"vpc-private-subnet1-subnet536-b997-a": 2, "vpc-private-subnet2-subnet3788-aaa1": 2}},
		{name: "18 serverless.yml", sls: true, files: glob("alexdebrie__serverless-vpc-examples__vpc-endpoint-serverless.yml"),
			keys:     []string{"subnet-a-private|vpc-endpoint-lambda-security-group", "subnet-b-private|vpc-endpoint-lambda-security-group"},
			capacity: map[string]int{"subnet-a-private": c20, "subnet-b-private": c20},
			// One Lambda ENI and the SNS interface endpoint in each.
			peakIPs: map[string]int64{"subnet-a-private": 2, "subnet-b-private": 2}},
		{name: "19 SAM translator input", files: glob("aws__serverless-application-model__tests-translator-input-globals_for_function.yaml"),
			keys: []string{"sub-id-2|sg-123,sg-edcd9784", "sub-id-2|sg-edcd9784"}},
		{name: "19 SAM translator expected output", files: glob("aws__serverless-application-model__tests-translator-output-globals_for_function.json"),
			keys: []string{"sub-id-2|sg-123,sg-edcd9784", "sub-id-2|sg-edcd9784"}},
	}
}
