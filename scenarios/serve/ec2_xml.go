package serve

import "encoding/xml"

// The EC2 Query API's XML answers (Version 2016-11-15), element names as
// botocore's model gives them (locationName); lists are <item> sets.

const ec2NS = "http://ec2.amazonaws.com/doc/2016-11-15/"

type groupItem struct {
	GroupID   string `xml:"groupId"`
	GroupName string `xml:"groupName"`
}

type tagItem struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

type privateIPItem struct {
	PrivateIPAddress string `xml:"privateIpAddress"`
	Primary          bool   `xml:"primary"`
}

type attachment struct {
	AttachmentID        string `xml:"attachmentId"`
	DeviceIndex         int    `xml:"deviceIndex"`
	NetworkCardIndex    int    `xml:"networkCardIndex"`
	InstanceOwnerID     string `xml:"instanceOwnerId"`
	Status              string `xml:"status"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
}

type networkInterface struct {
	NetworkInterfaceID string          `xml:"networkInterfaceId"`
	SubnetID           string          `xml:"subnetId"`
	VpcID              string          `xml:"vpcId"`
	AvailabilityZone   string          `xml:"availabilityZone"`
	Description        string          `xml:"description"`
	OwnerID            string          `xml:"ownerId"`
	RequesterID        string          `xml:"requesterId"`
	RequesterManaged   bool            `xml:"requesterManaged"`
	Status             string          `xml:"status"`
	MacAddress         string          `xml:"macAddress"`
	PrivateIPAddress   string          `xml:"privateIpAddress"`
	PrivateDNSName     string          `xml:"privateDnsName"`
	SourceDestCheck    bool            `xml:"sourceDestCheck"`
	InterfaceType      string          `xml:"interfaceType"`
	Groups             []groupItem     `xml:"groupSet>item"`
	Attachment         attachment      `xml:"attachment"`
	PrivateIPAddresses []privateIPItem `xml:"privateIpAddressesSet>item"`
	Tags               []tagItem       `xml:"tagSet>item"`
}

type describeNetworkInterfacesResponse struct {
	XMLName    xml.Name           `xml:"DescribeNetworkInterfacesResponse"`
	NS         string             `xml:"xmlns,attr"`
	RequestID  string             `xml:"requestId"`
	Interfaces []networkInterface `xml:"networkInterfaceSet>item"`
	NextToken  string             `xml:"nextToken,omitempty"`
}

type subnetItem struct {
	SubnetID                string `xml:"subnetId"`
	SubnetArn               string `xml:"subnetArn"`
	State                   string `xml:"state"`
	VpcID                   string `xml:"vpcId"`
	OwnerID                 string `xml:"ownerId"`
	CidrBlock               string `xml:"cidrBlock"`
	AvailableIPAddressCount int    `xml:"availableIpAddressCount"`
	AvailabilityZone        string `xml:"availabilityZone"`
	DefaultForAz            bool   `xml:"defaultForAz"`
	MapPublicIPOnLaunch     bool   `xml:"mapPublicIpOnLaunch"`
}

type describeSubnetsResponse struct {
	XMLName   xml.Name     `xml:"DescribeSubnetsResponse"`
	NS        string       `xml:"xmlns,attr"`
	RequestID string       `xml:"requestId"`
	Subnets   []subnetItem `xml:"subnetSet>item"`
	NextToken string       `xml:"nextToken,omitempty"`
}

type securityGroupItem struct {
	OwnerID          string `xml:"ownerId"`
	GroupID          string `xml:"groupId"`
	GroupName        string `xml:"groupName"`
	GroupDescription string `xml:"groupDescription"`
	VpcID            string `xml:"vpcId"`
	SecurityGroupArn string `xml:"securityGroupArn"`
}

type describeSecurityGroupsResponse struct {
	XMLName   xml.Name            `xml:"DescribeSecurityGroupsResponse"`
	NS        string              `xml:"xmlns,attr"`
	RequestID string              `xml:"requestId"`
	Groups    []securityGroupItem `xml:"securityGroupInfo>item"`
	NextToken string              `xml:"nextToken,omitempty"`
}

type vpcItem struct {
	VpcID           string `xml:"vpcId"`
	OwnerID         string `xml:"ownerId"`
	State           string `xml:"state"`
	CidrBlock       string `xml:"cidrBlock"`
	InstanceTenancy string `xml:"instanceTenancy"`
	IsDefault       bool   `xml:"isDefault"`
}

type describeVpcsResponse struct {
	XMLName   xml.Name  `xml:"DescribeVpcsResponse"`
	NS        string    `xml:"xmlns,attr"`
	RequestID string    `xml:"requestId"`
	Vpcs      []vpcItem `xml:"vpcSet>item"`
	NextToken string    `xml:"nextToken,omitempty"`
}

type ec2ErrorResponse struct {
	XMLName   xml.Name `xml:"Response"`
	Code      string   `xml:"Errors>Error>Code"`
	Message   string   `xml:"Errors>Error>Message"`
	RequestID string   `xml:"RequestID"`
}
