package importer

// Layout is the network and the functions found in a template, module or
// account, before any workload is attached.
type Layout struct {
	Source string // what was imported, for the header comment
	// Name is the suggested scenario name (sanitised by the writer); ""
	// derives it from Source.
	Name      string
	Region    string
	VPCs      []VPC
	Functions []Function
	// Observed are the Lambda ENIs an account has now (aws importer, --enis).
	Observed []ObservedKey
	Warnings []Warning
	// Assumptions are the facts the importer supplied because the source
	// does not state them; see AllAssumptions for the ones implied by
	// placeholders.
	Assumptions []Assumption
}

// VPC is a VPC with its subnets and security groups.
type VPC struct {
	ID         string // scenario id, e.g. the logical id lower-cased
	Origin     string // where it came from: "AWS::EC2::VPC PrivateVPC", "aws_vpc.main"
	CIDR       string
	Tenancy    string // default | dedicated
	NATGateway bool
	Subnets    []Subnet
	SGs        []SG
	// QuotaUsers are the non-Lambda ENIs the source puts in the VPC that
	// count against Lambda's per-VPC ENI quota (EFS mount targets): the
	// writer lowers eniQuota by their sum and says why.
	QuotaUsers []IPUser
}

// Subnet is a subnet; CIDR is "" when unknown (a placeholder is written).
type Subnet struct {
	ID      string
	Origin  string
	AZ      string // "" when the source does not say: written as az: unknown
	CIDR    string
	UsedIPs int
	// IPUsers are the other users of the subnet's addresses the source
	// states (NAT gateways, interface endpoints, mount targets, database
	// nodes); the writer adds them to usedIPs with a comment naming each.
	IPUsers []IPUser
	// Placeholder marks a subnet known only by a parameter without a value.
	Placeholder bool
	// Hint tells how to give the real subnet, e.g.
	// "--param PrivateSubnet1=subnet-..." (written next to a placeholder).
	Hint string
}

// IPUser is something other than a Lambda ENI that takes addresses of a
// subnet (or ENIs of a VPC's quota), as the source states it.
type IPUser struct {
	Origin string // "AWS::EFS::MountTarget Mount1 (app.yaml:40)"
	IPs    int
}

// SG is a security group.
type SG struct {
	ID          string
	Origin      string
	Placeholder bool
	Hint        string // as Subnet.Hint
}

// Function is a Lambda function.
type Function struct {
	Name                string // scenario name ([a-z0-9-]+)
	Origin              string
	SubnetIDs           []string // scenario ids; empty: not attached
	SecurityGroupIDs    []string
	Memory              int // 0: not set
	ReservedConcurrency *int
	Versions            int // published versions (AWS::Lambda::Version, AutoPublishAlias)
	Role                *Role
	// AltNames are other names a --workload file may use for the function:
	// its logical id, nested-stack path, FunctionName.
	AltNames []string
}

// Role is an execution role, as far as the source tells it.
type Role struct {
	Origin          string
	ManagedPolicies []string // names, e.g. AWSLambdaVPCAccessExecutionRole
	// Policies are inline policy documents as JSON.
	Policies [][]byte
}

// ObservedKey is the number of Lambda ENIs an account has for one
// (subnet, security-group set).
type ObservedKey struct {
	Subnet string
	SGs    []string
	ENIs   int
}

// Warning is something the importer could not resolve or chose to assume;
// it names the resource and the property.
type Warning struct {
	Resource string
	Property string
	Msg      string
	// Subject is the scenario id of the VPC, subnet, security group or
	// function the warning concerns, so the writer can put it next to it;
	// "" puts it in the header.
	Subject string
	Pos     string // file:line:col of the property, when known
}

func (w Warning) String() string {
	s := w.Resource + ": " + w.Msg
	if w.Property != "" {
		s = w.Resource + "." + w.Property + ": " + w.Msg
	}
	if w.Pos != "" {
		s = w.Pos + ": " + s
	}
	return s
}
