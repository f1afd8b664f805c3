package serve

import (
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/enisim/enisim/eni"
)

// ec2Actions are the EC2 Query API actions served, with the filter names
// each accepts.
var ec2Actions = map[string][]string{
	"DescribeNetworkInterfaces": {"interface-type", "subnet-id", "group-id", "group-name", "description", "vpc-id",
		"status", "network-interface-id", "availability-zone", "private-ip-address", "addresses.private-ip-address",
		"requester-managed", "requester-id", "owner-id", "attachment.instance-owner-id", "attachment.status",
		"attachment.attachment-id", "attachment.device-index", "private-dns-name", "mac-address", "source-dest-check", "tag-key"},
	"DescribeSubnets": {"subnet-id", "vpc-id", "availability-zone", "cidr-block", "cidr", "state", "default-for-az", "owner-id",
		"subnet-arn", "available-ip-address-count", "map-public-ip-on-launch", "tag-key"},
	"DescribeSecurityGroups": {"group-id", "group-name", "vpc-id", "owner-id", "description", "tag-key"},
	"DescribeVpcs":           {"vpc-id", "cidr", "cidr-block", "state", "is-default", "owner-id", "tag-key"},
}

// ec2 answers the EC2 Query API: a form (POST body or query string) with
// Action and Version, an XML answer.
func (ss *Session) ec2(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeEC2Error(w, http.StatusBadRequest, "InvalidParameterValue", "could not read the request: "+err.Error())
		return
	}
	action := r.Form.Get("Action")
	known, ok := ec2Actions[action]
	if !ok {
		writeEC2Error(w, http.StatusBadRequest, "InvalidAction", fmt.Sprintf("The action %s is not valid for this web service. enisim serves DescribeNetworkInterfaces, DescribeSubnets, DescribeSecurityGroups and DescribeVpcs.", action))
		return
	}
	fs, err := filters(r.Form, known)
	if err != nil {
		writeEC2Error(w, http.StatusBadRequest, "InvalidParameterValue", err.Error())
		return
	}
	pg, code, msg := paging(r.Form, action)
	if code != "" {
		writeEC2Error(w, http.StatusBadRequest, code, msg)
		return
	}
	if r.Form.Get("DryRun") == "true" {
		// EC2's answer to a dry run that would have succeeded (enisim
		// checks no permissions: every Describe would).
		writeEC2Error(w, http.StatusPreconditionFailed, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
		return
	}
	var out any
	var notFound *ec2NotFound
	if !ss.Do(func() {
		if pg.offset == 0 {
			ss.read() // a later page is of the same moment as the first
		}
		switch action {
		case "DescribeNetworkInterfaces":
			want := ids(r.Form, "NetworkInterfaceId")
			o := ss.describeENIs(fs, want)
			o.Interfaces, o.NextToken = ec2Page(o.Interfaces, pg, action)
			out, notFound = o, ss.missingENI(want)
		case "DescribeSubnets":
			want := ids(r.Form, "SubnetId")
			o := ss.describeSubnets(fs, want)
			o.Subnets, o.NextToken = ec2Page(o.Subnets, pg, action)
			out, notFound = o, ss.missingSubnet(want)
		case "DescribeSecurityGroups":
			wantIDs, wantNames := ids(r.Form, "GroupId"), ids(r.Form, "GroupName")
			o := ss.describeSGs(fs, wantIDs, wantNames)
			o.Groups, o.NextToken = ec2Page(o.Groups, pg, action)
			out, notFound = o, ss.missingSG(wantIDs, wantNames)
		case "DescribeVpcs":
			want := ids(r.Form, "VpcId")
			o := ss.describeVPCs(fs, want)
			o.Vpcs, o.NextToken = ec2Page(o.Vpcs, pg, action)
			out, notFound = o, ss.missingVPC(want)
		}
	}) {
		writeEC2Error(w, http.StatusServiceUnavailable, "Unavailable", "the session has stopped")
		return
	}
	if notFound != nil {
		writeEC2Error(w, http.StatusBadRequest, notFound.code, notFound.msg)
		return
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.Write([]byte(xml.Header))
	xml.NewEncoder(w).Encode(out)
}

func writeEC2Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	w.Write([]byte(xml.Header))
	xml.NewEncoder(w).Encode(ec2ErrorResponse{Code: code, Message: msg, RequestID: "00000000-0000-4000-8000-000000000000"})
}

// requestID is the same for every answer: nothing in a session needs it.
const requestID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"

func (ss *Session) describeENIs(fs []filter, wanted []string) describeNetworkInterfacesResponse {
	out := describeNetworkInterfacesResponse{NS: ec2NS, RequestID: requestID, Interfaces: []networkInterface{}}
	for _, ifc := range ss.net.list {
		ip := ifc.IP.String()
		ni := networkInterface{
			NetworkInterfaceID: ifc.ID, SubnetID: ifc.Subnet.ID, VpcID: ifc.Subnet.VPC.ID, AvailabilityZone: ifc.Subnet.AZ,
			Description: ifc.Description, OwnerID: ss.opts.Account, RequesterID: "AROAENISIMLAMBDAEXAMPLE:" + ifc.Function,
			RequesterManaged: true, Status: ifc.status(), MacAddress: mac(ifc.ID), PrivateIPAddress: ip,
			PrivateDNSName: "ip-" + strings.ReplaceAll(ip, ".", "-") + ".ec2.internal", SourceDestCheck: true,
			InterfaceType: "lambda",
			Attachment: attachment{AttachmentID: "ela-attach-" + ifc.ID[4:], DeviceIndex: 1, InstanceOwnerID: "amazon-aws",
				Status: "attached"},
			PrivateIPAddresses: []privateIPItem{{PrivateIPAddress: ip, Primary: true}},
			Tags: []tagItem{{Key: "enisim:state", Value: ifc.stateName()}, {Key: "enisim:key", Value: ifc.Key},
				{Key: "enisim:name", Value: ifc.name()}},
		}
		if ifc.State == eni.ENICreating {
			ni.Attachment.Status = "attaching"
		}
		for _, g := range ifc.SGs {
			ni.Groups = append(ni.Groups, groupItem{GroupID: g, GroupName: ss.groupName(g)})
		}
		f := fields{"interface-type": {"lambda"}, "subnet-id": {ni.SubnetID}, "vpc-id": {ni.VpcID}, "group-id": ifc.SGs,
			"group-name": ss.groupNames(ifc.SGs), "description": {ni.Description}, "status": {ni.Status}, "network-interface-id": {ni.NetworkInterfaceID},
			"availability-zone": {ni.AvailabilityZone}, "private-ip-address": {ip}, "addresses.private-ip-address": {ip},
			"requester-managed": {"true"}, "requester-id": {ni.RequesterID}, "owner-id": {ss.opts.Account},
			"attachment.instance-owner-id": {"amazon-aws"}, "attachment.status": {ni.Attachment.Status},
			"attachment.attachment-id": {ni.Attachment.AttachmentID}, "attachment.device-index": {strconv.Itoa(ni.Attachment.DeviceIndex)},
			"private-dns-name": {ni.PrivateDNSName}, "mac-address": {ni.MacAddress}, "source-dest-check": {"true"}}
		for _, t := range ni.Tags {
			f["tag:"+t.Key] = []string{t.Value}
			f["tag-key"] = append(f["tag-key"], t.Key)
		}
		if f.match(fs, "network-interface-id", wanted) {
			out.Interfaces = append(out.Interfaces, ni)
		}
	}
	return out
}

// mac is a locally administered MAC address derived from the ENI's id.
func mac(id string) string {
	h := id[len(id)-10:]
	return "02:" + h[0:2] + ":" + h[2:4] + ":" + h[4:6] + ":" + h[6:8] + ":" + h[8:10]
}

// groupName is a security group's GroupName: "default" for the group the
// scenario names its VPC's default (defaultSecurityGroup), as EC2 names a
// VPC's default group; otherwise its id.
func (ss *Session) groupName(id string) string {
	for _, v := range ss.x.Scenario.VPCs {
		if v.DefaultSecurityGroup == id {
			return "default"
		}
	}
	return id
}

func (ss *Session) groupNames(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ss.groupName(id)
	}
	return out
}

// defaultVPC reports whether the scenario marks VPC id as the account's
// default VPC.
func (ss *Session) defaultVPC(id string) bool {
	for _, v := range ss.x.Scenario.VPCs {
		if v.ID == id {
			return v.Default
		}
	}
	return false
}

func (ss *Session) describeSubnets(fs []filter, wanted []string) describeSubnetsResponse {
	out := describeSubnetsResponse{NS: ec2NS, RequestID: requestID, Subnets: []subnetItem{}}
	firstInAZ := map[string]bool{} // a default VPC's default subnet of each AZ: its first there
	for _, s := range ss.x.Model.Subnets() {
		def := ss.defaultVPC(s.VPC.ID) && !firstInAZ[s.AZ]
		if def {
			firstInAZ[s.AZ] = true
		}
		it := subnetItem{SubnetID: s.ID, SubnetArn: fmt.Sprintf("arn:aws:ec2:%s:%s:subnet/%s", ss.opts.Region, ss.opts.Account, s.ID),
			State: "available", VpcID: s.VPC.ID, OwnerID: ss.opts.Account, CidrBlock: s.CIDR.String(),
			AvailableIPAddressCount: max(s.Free(), 0), AvailabilityZone: s.AZ, DefaultForAz: def, MapPublicIPOnLaunch: def}
		f := fields{"subnet-id": {s.ID}, "vpc-id": {s.VPC.ID}, "availability-zone": {s.AZ}, "cidr-block": {it.CidrBlock},
			"cidr": {it.CidrBlock}, "state": {"available"}, "default-for-az": {strconv.FormatBool(def)}, "owner-id": {ss.opts.Account},
			"subnet-arn": {it.SubnetArn}, "available-ip-address-count": {strconv.Itoa(it.AvailableIPAddressCount)},
			"map-public-ip-on-launch": {strconv.FormatBool(def)}}
		if f.match(fs, "subnet-id", wanted) {
			out.Subnets = append(out.Subnets, it)
		}
	}
	return out
}

func (ss *Session) describeSGs(fs []filter, wanted, names []string) describeSecurityGroupsResponse {
	out := describeSecurityGroupsResponse{NS: ec2NS, RequestID: requestID, Groups: []securityGroupItem{}}
	for _, v := range ss.x.Model.VPCs {
		for _, g := range sortedKeys(v.SGs) {
			name, desc := ss.groupName(g), "security group "+g+" of the scenario"
			if name == "default" {
				desc = "default VPC security group" // EC2's words for it
			}
			it := securityGroupItem{OwnerID: ss.opts.Account, GroupID: g, GroupName: name, GroupDescription: desc,
				VpcID: v.ID, SecurityGroupArn: fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", ss.opts.Region, ss.opts.Account, g)}
			f := fields{"group-id": {g}, "group-name": {name}, "vpc-id": {v.ID}, "owner-id": {ss.opts.Account}, "description": {it.GroupDescription}}
			if f.match(fs, "group-id", wanted) && (len(names) == 0 || fields(f).match(nil, "group-name", names)) {
				out.Groups = append(out.Groups, it)
			}
		}
	}
	return out
}

func (ss *Session) describeVPCs(fs []filter, wanted []string) describeVpcsResponse {
	out := describeVpcsResponse{NS: ec2NS, RequestID: requestID, Vpcs: []vpcItem{}}
	for _, v := range ss.x.Model.VPCs {
		tenancy := "default"
		if v.Dedicated {
			tenancy = "dedicated"
		}
		def := ss.defaultVPC(v.ID)
		it := vpcItem{VpcID: v.ID, OwnerID: ss.opts.Account, State: "available", CidrBlock: vpcCIDR(v), InstanceTenancy: tenancy, IsDefault: def}
		f := fields{"vpc-id": {v.ID}, "cidr": {it.CidrBlock}, "cidr-block": {it.CidrBlock}, "state": {"available"},
			"is-default": {strconv.FormatBool(def)}, "owner-id": {ss.opts.Account}}
		if f.match(fs, "vpc-id", wanted) {
			out.Vpcs = append(out.Vpcs, it)
		}
	}
	return out
}

// vpcCIDR is a CIDR for a VPC, which a scenario does not give: the /16 of
// its first subnet when every subnet fits in it (the usual layout), else
// the smallest prefix holding them all.
func vpcCIDR(v *eni.VPC) string {
	if len(v.Subnets) == 0 {
		return "10.0.0.0/16"
	}
	first := v.Subnets[0].CIDR.Addr()
	for bits := min(16, v.Subnets[0].CIDR.Bits()); bits >= 0; bits-- {
		p, _ := first.Prefix(bits)
		if all(v.Subnets, func(s *eni.Subnet) bool { return p.Contains(s.CIDR.Addr()) && p.Bits() <= s.CIDR.Bits() }) {
			return p.String()
		}
	}
	return netip.PrefixFrom(first, 0).Masked().String()
}

func all[T any](xs []T, ok func(T) bool) bool {
	for _, x := range xs {
		if !ok(x) {
			return false
		}
	}
	return true
}

// ec2NotFound is EC2's answer to an id that does not exist: a Describe
// naming one is refused whole (InvalidSubnetID.NotFound...), not answered
// with the others.
type ec2NotFound struct{ code, msg string }

// missing is the first of want that is not among have, with its error.
func missing(want []string, have func(string) bool, code, format string) *ec2NotFound {
	for _, id := range want {
		if !have(id) {
			return &ec2NotFound{code, fmt.Sprintf(format, id)}
		}
	}
	return nil
}

func (ss *Session) missingENI(want []string) *ec2NotFound {
	have := map[string]bool{}
	for _, e := range ss.describeENIs(nil, nil).Interfaces {
		have[e.NetworkInterfaceID] = true
	}
	return missing(want, func(id string) bool { return have[id] }, "InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '%s' does not exist")
}

func (ss *Session) missingSubnet(want []string) *ec2NotFound {
	return missing(want, func(id string) bool { return ss.subnets[id] != nil }, "InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist")
}

func (ss *Session) missingSG(ids, names []string) *ec2NotFound {
	byID, byName := map[string]bool{}, map[string]bool{}
	for _, g := range ss.describeSGs(nil, nil, nil).Groups {
		byID[g.GroupID], byName[g.GroupName] = true, true
	}
	if m := missing(ids, func(id string) bool { return byID[id] }, "InvalidGroup.NotFound", "The security group '%s' does not exist"); m != nil {
		return m
	}
	return missing(names, func(n string) bool { return byName[n] }, "InvalidGroup.NotFound", "The security group '%s' does not exist in default VPC")
}

func (ss *Session) missingVPC(want []string) *ec2NotFound {
	have := map[string]bool{}
	for _, v := range ss.describeVPCs(nil, nil).Vpcs {
		have[v.VpcID] = true
	}
	return missing(want, func(id string) bool { return have[id] }, "InvalidVpcID.NotFound", "The vpc ID '%s' does not exist")
}

// pageRequest is a Describe call's paging: the first item of the page and
// how many (0: all that are left).
type pageRequest struct{ offset, size int }

// paging reads MaxResults and NextToken as EC2 checks them (MaxResults 5
// to 1000, and not with a list of ids; a NextToken must be one enisim
// gave out for the same action).
func paging(form url.Values, action string) (p pageRequest, code, msg string) {
	if t := form.Get("NextToken"); t != "" {
		off, ok := parseToken(t, action)
		if !ok {
			return p, "InvalidParameterValue", "The token '" + t + "' is invalid."
		}
		p.offset = off
	}
	v := form.Get("MaxResults")
	if v == "" {
		return p, "", ""
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 5 || n > 1000 {
		return p, "InvalidParameterValue", fmt.Sprintf("Value ( %s ) for parameter maxResults is invalid. Parameter may be between 5 and 1000.", v)
	}
	for _, prefix := range []string{"NetworkInterfaceId.", "SubnetId.", "GroupId.", "GroupName.", "VpcId."} {
		for k := range form {
			if strings.HasPrefix(k, prefix) {
				return p, "InvalidParameterCombination", "The parameter " + strings.TrimSuffix(prefix, ".") + "s cannot be used with the parameter maxResults"
			}
		}
	}
	p.size = n
	return p, "", ""
}

// ec2Page cuts p's page out of items, with the token of the next page ("" on
// the last).
func ec2Page[T any](items []T, p pageRequest, action string) ([]T, string) {
	items = items[min(p.offset, len(items)):]
	if p.size == 0 || len(items) <= p.size {
		return items, ""
	}
	return items[:p.size], token(action, p.offset+p.size)
}

// A NextToken is opaque to clients; enisim's says which action and where
// the next page starts, in base64 as EC2's tokens look.
func token(action string, offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(action + "/" + strconv.Itoa(offset)))
}

func parseToken(t, action string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(t)
	if err != nil {
		return 0, false
	}
	a, n, ok := strings.Cut(string(b), "/")
	off, err := strconv.Atoi(n)
	if !ok || a != action || err != nil || off < 1 || strconv.Itoa(off) != n {
		return 0, false
	}
	return off, true
}
