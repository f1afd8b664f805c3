package awscli

import (
	"bytes"
	"encoding/json"

	"github.com/enisim/enisim/scenarios/importer"
)

// The parts of the CLI's output the importer reads; other fields are
// ignored (encoding/json drops them).
type (
	functionConfig struct {
		FunctionName string
		FunctionArn  string
		MemorySize   int
		Role         string
		VpcConfig    *struct {
			SubnetIds        []string
			SecurityGroupIds []string
			VpcId            string
		}
	}
	subnet struct {
		SubnetId                string
		VpcId                   string
		CidrBlock               string
		AvailabilityZone        string
		AvailableIpAddressCount *int
	}
	securityGroup struct {
		GroupId   string
		GroupName string
		VpcId     string
	}
	networkInterface struct {
		InterfaceType string
		SubnetId      string
		VpcId         string
		Groups        []struct{ GroupId string }
	}
)

// decode unmarshals one CLI output; errors name the line and column.
func decode(label string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return importer.JSONError(label, data, err)
	}
	return nil
}

// functions reads list-functions ({"Functions": [...]}), or a single
// get-function-configuration object, or get-function ({"Configuration": ...}).
func functions(data []byte) ([]functionConfig, error) {
	const label = "functions (aws lambda list-functions)"
	var probe struct {
		Functions     []functionConfig
		Configuration *functionConfig
		functionConfig
	}
	if err := decode(label, data, &probe); err != nil {
		return nil, err
	}
	switch {
	case probe.Functions != nil:
		return probe.Functions, nil
	case probe.Configuration != nil:
		return []functionConfig{*probe.Configuration}, nil
	case probe.FunctionName != "":
		return []functionConfig{probe.functionConfig}, nil
	}
	return nil, importer.JSONError(label, data, errNoFunctions)
}

func subnets(data []byte) ([]subnet, error) {
	var v struct{ Subnets []subnet }
	err := decode("subnets (aws ec2 describe-subnets)", data, &v)
	return v.Subnets, err
}

func securityGroups(data []byte) ([]securityGroup, error) {
	var v struct{ SecurityGroups []securityGroup }
	err := decode("security groups (aws ec2 describe-security-groups)", data, &v)
	return v.SecurityGroups, err
}

func networkInterfaces(data []byte) ([]networkInterface, error) {
	var v struct{ NetworkInterfaces []networkInterface }
	err := decode("ENIs (aws ec2 describe-network-interfaces)", data, &v)
	return v.NetworkInterfaces, err
}
