package cloudformation

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer/internal/realworld"
)

// TestRealworld imports every CloudFormation/SAM template of the shared
// realworld folder and checks the distinct (subnet, SG set) keys against
// the counts its README works out. The Terraform ones are the Terraform
// importer's.
func TestRealworld(t *testing.T) {
	dir := realworld.Dir(t)
	glob := func(pattern string) []string {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		return m
	}
	cases := []struct {
		name   string
		files  []string
		params map[string]string
		want   []string // keys; nil with wantErr
		// wantErr are substrings of the error; the import must fail.
		wantErr []string
	}{
		{name: "1 nested stacks, all ten files", files: glob("YamazakiNorihito__*"),
			params: map[string]string{"EnvironmentName": "apigateway-lambda", "TemplateKey": "templates"},
			want:   []string{"private-subnet-az1|security-group"}},
		{name: "2 bookstore", files: glob("aws-samples__aws-bookstore-demo-app__*"),
			want: []string{"bookstore-subnet1|bookstore-neptune-security-group", "bookstore-subnet1|bookstore-vpc-default",
				"bookstore-subnet1|redis-lambda-security-group", "bookstore-subnet2|bookstore-neptune-security-group"}},
		{name: "3 list-manager, both files", files: glob("awsdocs__aws-lambda-developer-guide__sample-apps-list-manager-*"),
			want: []string{"private-subnet-a|private-vpc-default", "private-subnet-b|private-vpc-default"}},
		{name: "5 rds proxy with the companion VPC", files: glob("aws-samples__serverless-rds-proxy-demo__*"),
			params: map[string]string{"Subnets": "sub1Private,sub2Private,sub3Private",
				"CreateFunctionSecurityGroup": "False", "LambdaSecurityGroupId": "lambdaSg"},
			want: []string{"sub1-private|lambda-sg", "sub2-private|lambda-sg", "sub3-private|lambda-sg"}},
		{name: "5 rds proxy, app stack alone", files: glob("aws-samples__serverless-rds-proxy-demo__template.yaml"),
			params: map[string]string{"Subnets": "subnet-0aaa,subnet-0bbb", "Vpc": "vpc-0ccc"},
			want:   []string{"subnet-0aaa|lambda-sg", "subnet-0bbb|lambda-sg"}},
		{name: "6 memorydb", files: glob("aws-samples__serverless-patterns__apigw-lambda-memorydb-template.yaml"),
			want: []string{"private-subnet-a|lambda-sg", "private-subnet-b|lambda-sg"}},
		{name: "8 ADConnector", files: glob("aws-cloudformation__*ADCONNECTOR.cfn.yaml"),
			wantErr: []string{"ADConnectorLambdaFunction.VpcConfig.SecurityGroupIds", "ADConnectorDomainMembersSG",
				"ADConnectorLambdaFunction.VpcConfig.SubnetIds", "PrivateSubnet1ID"}},
		{name: "8 ADConnector with the SG created", files: glob("aws-cloudformation__*ADCONNECTOR.cfn.yaml"),
			params:  map[string]string{"CreateADConnectorDomainMembersSG": "Yes"},
			wantErr: []string{"ADConnectorLambdaFunction.VpcConfig.SubnetIds", "PrivateSubnet2ID"}},
		{name: "9 neptune JSON", files: glob("aws-samples__amazon-neptune-samples__*.json"),
			params: map[string]string{"PrivateSubnet1": "subnet-01", "PrivateSubnet2": "subnet-02", "NeptuneSecurityGroupId": "sg-0n"},
			want: []string{"subnet-01|lambda-self-referencing-security-group,sg-0n",
				"subnet-02|lambda-self-referencing-security-group,sg-0n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if len(c.files) == 0 {
				t.Fatalf("no file of this case in %s", dir)
			}
			l, err := Import(c.files, Options{Params: c.params})
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("imported with keys %v; want an error", realworld.Keys(l))
				}
				for _, s := range c.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error does not name %q:\n%v", s, err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := realworld.Keys(l); !slices.Equal(got, c.want) {
				t.Errorf("keys = %q\nwant %q", got, c.want)
			}
			for _, w := range l.Warnings {
				t.Log(w)
			}
		})
	}
}

// TestRealworldAllParse imports every template file of the folder alone:
// none may panic, and each gives a layout or an error.
func TestRealworldAllParse(t *testing.T) {
	dir := realworld.Dir(t)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml" && ext != ".json") {
			continue
		}
		_, err := Import([]string{filepath.Join(dir, e.Name())}, Options{})
		t.Logf("%s: err=%v", e.Name(), err)
	}
}
