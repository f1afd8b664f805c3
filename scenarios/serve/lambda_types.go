package serve

// The Lambda API's JSON shapes, as botocore's model of 2015-03-31 names
// their members; only the members enisim reads or fills.

type vpcConfigRequest struct {
	SubnetIds               *[]string
	SecurityGroupIds        *[]string
	Ipv6AllowedForDualStack *bool
}

type environment struct {
	Variables map[string]string `json:",omitempty"`
}

type createFunctionRequest struct {
	FunctionName string
	Runtime      string
	Role         string
	Handler      string
	Description  string
	Timeout      *int
	MemorySize   *int
	Publish      bool
	VpcConfig    *vpcConfigRequest
	Environment  *environment
	PackageType  string
	Tags         map[string]string
	extrasRequest
	Code *struct {
		ZipFile         []byte
		S3Bucket        string
		S3Key           string
		S3ObjectVersion string
		ImageUri        string
	}
}

type updateConfigurationRequest struct {
	Role        *string
	Handler     *string
	Description *string
	Timeout     *int
	MemorySize  *int
	Runtime     *string
	VpcConfig   *vpcConfigRequest
	Environment *environment
	RevisionId  string
	extrasRequest
}

type updateCodeRequest struct {
	ZipFile         []byte
	S3Bucket        string
	S3Key           string
	S3ObjectVersion string
	ImageUri        string
	Architectures   []string
	Publish         bool
	DryRun          bool
	RevisionId      string
}

type publishVersionRequest struct {
	Description string
	RevisionId  string
	CodeSha256  string
}

type vpcConfigResponse struct {
	SubnetIds               []string
	SecurityGroupIds        []string
	VpcId                   string
	Ipv6AllowedForDualStack bool
}

type functionConfiguration struct {
	FunctionName               string
	FunctionArn                string
	Runtime                    string `json:",omitempty"`
	Role                       string
	Handler                    string `json:",omitempty"`
	CodeSize                   int64
	Description                string
	Timeout                    int
	MemorySize                 int
	LastModified               string
	CodeSha256                 string
	Version                    string
	VpcConfig                  *vpcConfigResponse `json:",omitempty"`
	Environment                *environment       `json:",omitempty"`
	TracingConfig              map[string]string
	RevisionId                 string
	State                      string `json:",omitempty"`
	StateReason                string `json:",omitempty"`
	StateReasonCode            string `json:",omitempty"`
	LastUpdateStatus           string `json:",omitempty"`
	LastUpdateStatusReason     string `json:",omitempty"`
	LastUpdateStatusReasonCode string `json:",omitempty"`
	PackageType                string
	Architectures              []string
	EphemeralStorage           map[string]int
	SnapStart                  map[string]string
	LoggingConfig              map[string]string
	Layers                     []layer `json:",omitempty"`
}

type getFunctionResponse struct {
	Configuration functionConfiguration
	Code          map[string]string
	Tags          map[string]string `json:",omitempty"`
}

type listFunctionsResponse struct {
	Functions  []functionConfiguration
	NextMarker string `json:",omitempty"`
}
