package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

func status(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType") + " " + string(b)
}

func TestRequestsAreBounded(t *testing.T) {
	sv := serveDefault(t)
	big := bytes.Repeat([]byte("x"), maxBody+1)
	req, _ := http.NewRequest("POST", sv.url+"/2015-03-31/functions", bytes.NewReader(big))
	if code, body := status(t, req); code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "RequestTooLargeException") {
		t.Errorf("a body over %d bytes: %d %s", maxBody, code, body)
	}
	req, _ = http.NewRequest("GET", sv.url+"/2015-03-31/functions", nil)
	req.Host = "enisim.example.com"
	if code, _ := status(t, req); code != http.StatusForbidden {
		t.Errorf("a request to a non-loopback Host without a token: %d, want 403", code)
	}
	req, _ = http.NewRequest("POST", sv.url+"/enisim/pause", nil)
	if code, _ := status(t, req); code != http.StatusForbidden {
		t.Errorf("a control without X-Enisim-Control: %d, want 403", code)
	}
	for _, path := range []string{"/2015-03-31/layers", "/2018-10-31/layers", "/2019-09-30/functions/f/provisioned-concurrency"} {
		req, _ = http.NewRequest("GET", sv.url+path, nil)
		if code, body := status(t, req); code != http.StatusNotFound || !strings.Contains(body, "UnknownOperationException") {
			t.Errorf("%s, an operation enisim does not serve: %d %s", path, code, body)
		}
	}
}

func TestEC2Refusals(t *testing.T) {
	sv := serveDefault(t)
	_, err := sv.ec.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{Filters: []ec2types.Filter{ec2Filter("colour", "blue")}})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidParameterValue" || !strings.Contains(ae.ErrorMessage(), "colour") {
		t.Errorf("an unknown filter: %v, want InvalidParameterValue naming it", err)
	}
	_, err = sv.ec.DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidAction" {
		t.Errorf("DescribeInstances: %v, want InvalidAction", err)
	}
	vpcs, err := sv.ec.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(vpcs.Vpcs) != 1 || aws.ToString(vpcs.Vpcs[0].CidrBlock) != "172.31.0.0/16" {
		t.Errorf("DescribeVpcs: %v %+v, want vpc-default 172.31.0.0/16", err, vpcs)
	}
	sgs, err := sv.ec.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{ec2Filter("group-id", "sg-a*")}})
	if err != nil || len(sgs.SecurityGroups) != 1 || aws.ToString(sgs.SecurityGroups[0].GroupId) != "sg-app" {
		t.Errorf("DescribeSecurityGroups group-id sg-a*: %v %+v", err, sgs)
	}
}

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		p, s string
		ok   bool
	}{
		{"AWS Lambda VPC ENI-*", "AWS Lambda VPC ENI-orders-1234", true},
		{"AWS Lambda VPC ENI-orders-*", "AWS Lambda VPC ENI-payments-1", false},
		{"sg-?pp", "sg-app", true},
		{"sg-?pp", "sg-aapp", false},
		{"*a*a*a*a*a*a*a*a*b", strings.Repeat("a", 200), false},
		{"", "", true},
		{"*", "", true},
	} {
		if got := glob(c.p, c.s); got != c.ok {
			t.Errorf("glob(%q, %q) = %v", c.p, c.s, got)
		}
	}
}

// The browser's stream: the timeline so far, then new lines and the state
// as they change.
func TestEventStream(t *testing.T) {
	sv := serveDefault(t)
	sv.create(t, "orders", []string{"subnet-default-1a"}, []string{"sg-default"})
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(c, "GET", sv.url+"/enisim/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := make(chan [2]string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var kind string
		for sc.Scan() {
			l := sc.Text()
			switch {
			case strings.HasPrefix(l, "event: "):
				kind = l[7:]
			case strings.HasPrefix(l, "data: "):
				events <- [2]string{kind, l[6:]}
			}
		}
		close(events)
	}()
	var lines []string
	var state viewState
	sawActive := false
	for ev := range events {
		switch ev[0] {
		case "line":
			var l Line
			json.Unmarshal([]byte(ev[1]), &l)
			lines = append(lines, l.Text)
		case "state":
			json.Unmarshal([]byte(ev[1]), &state)
		}
		if len(lines) == 2 && state.Clock != "" {
			sv.waitActive(t, "orders") // moves the clock: new lines come
		}
		for _, l := range lines {
			if l == "orders -> Active" {
				sawActive = true
			}
		}
		if sawActive {
			break
		}
	}
	if !strings.HasPrefix(lines[0], "CreateFunction orders -> Pending (Creating)") || !sawActive {
		t.Errorf("the stream's lines: %q", lines)
	}
	if state.ENIs != 1 || len(state.Functions) != 1 {
		t.Errorf("the stream's state: %d ENIs, %d functions", state.ENIs, len(state.Functions))
	}
}

// What a probe found: paths under an operation's path that enisim does not
// serve were answered by ListFunctions or CreateFunction; a qualified name
// (NAME:1, NAME:$LATEST) deleted the whole function or invoked $LATEST;
// VpcConfig took 6 security groups and repeated ids (which its record
// could not replay).
func TestLambdaRoutesAndQualifiers(t *testing.T) {
	sv := serveDefault(t)
	sv.create(t, "orders", []string{"subnet-default-1a", "subnet-default-1b"}, []string{"sg-app"})
	do := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, sv.url+"/2015-03-31/functions"+path, strings.NewReader(body))
		return status(t, req)
	}
	create := `{"FunctionName":"sneaky","Role":"arn:aws:iam::123456789012:role/lambda-vpc","Code":{"ZipFile":"UEs="}}`
	for _, c := range []struct{ method, path, body, want string }{
		{"POST", "/orders/aliases", create, "404 UnknownOperationException"},
		{"GET", "/orders/policy", "", "404 UnknownOperationException"},
		{"DELETE", "/orders:$LATEST", "", "400 InvalidParameterValueException"},
		{"PUT", "/orders:1/configuration", `{"Description":"x"}`, "400 InvalidParameterValueException"},
		{"POST", "/orders:99/invocations", "{}", "404 ResourceNotFoundException"},
		{"POST", "/orders/invocations?Qualifier=01", "{}", "404 ResourceNotFoundException"},
		{"GET", "/orders:1/configuration?Qualifier=$LATEST", "", "400 InvalidParameterValueException"},
		{"POST", "", `{"FunctionName":"six","Role":"arn:aws:iam::123456789012:role/lambda-vpc","Code":{"ZipFile":"UEs="},"VpcConfig":{"SubnetIds":["subnet-default-1a"],"SecurityGroupIds":["sg-app","sg-app","sg-app","sg-app","sg-app","sg-app"]}}`, "400 ValidationException"},
		{"POST", "", `{"FunctionName":"twice","Role":"arn:aws:iam::123456789012:role/lambda-vpc","Code":{"ZipFile":"UEs="},"VpcConfig":{"SubnetIds":["subnet-default-1a","subnet-default-1a"],"SecurityGroupIds":["sg-app"]}}`, "400 InvalidParameterValueException"},
		{"POST", "", `{"FunctionName":"t1","Role":"arn:aws:iam::123456789012:role/lambda-vpc","Code":{}}`, "400 InvalidParameterValueException"},
		{"POST", "", `{"FunctionName":"t1b","Role":"arn:aws:iam::123456789012:role/lambda-vpc","Code":{"ZipFile":"UEs="},"Handler":"app.handler"}`,
			"400 InvalidParameterValueException {\"Type\":\"User\",\"message\":\"Runtime and Handler are mandatory"},
		{"POST", "", `{"FunctionName":"t2","Role":"arn:aws:iam::123456789012:role/lambda-vpc","Code":{"ZipFile":"UEs="},"Timeout":-5}`, "400 ValidationException"},
		{"PUT", "/orders/configuration", `{"Timeout":100000}`, "400 ValidationException"},
		{"GET", "/arn:aws:lambda:us-west-2:123456789012:function:orders/configuration", "", "404 ResourceNotFoundException {\"Message\":\"Functions from 'us-west-2' are not reachable in this region ('us-east-1')"},
		{"GET", "/arn:aws:lambda:us-east-1:999999999999:function:orders/configuration", "", "403 AccessDeniedException"},
		{"POST", "", `{"FunctionName":"arn:aws:lambda:eu-west-1:999999999999:function:t8","Role":"arn:aws:iam::123456789012:role/lambda-vpc","Code":{"ZipFile":"UEs="}}`, "404 ResourceNotFoundException"},
		{"GET", "/arn:aws:lambda:us-east-1:123456789012:function:orders/configuration", "", "200 "},
		{"GET", "?MaxItems=0", "", "400 ValidationException"},
		{"GET", "?Marker=zzz", "", "400 InvalidParameterValueException"},
		{"GET", "/orders/versions", "", "200  {\"Versions\""},
		{"GET", "/orders", "", "200 "},
		{"GET", "/sneaky", "", "404 ResourceNotFoundException"},
		{"GET", "/my.func", "", "404 ResourceNotFoundException"}, // the lookup pattern takes dots
		{"GET", "/my func", "", "400 ValidationException"},
	} {
		code, body := do(c.method, c.path, c.body)
		if got := fmt.Sprintf("%d %s", code, body); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s %s: %.200s, want %s", c.method, c.path, got, c.want)
		}
	}
	if _, body := do("GET", "/orders/versions", ""); strings.Contains(body, "NextMarker") {
		t.Errorf("the last page of ListVersionsByFunction has a NextMarker: %s", body)
	}
}

// A client that sends a Content-Length and then stalls is cut off after
// bodyTimeout, and its slot freed: 256 such clients shut every other out.
func TestStalledBodyTimesOut(t *testing.T) {
	bodyTimeout = 300 * time.Millisecond
	defer func() { bodyTimeout = bodyTimeoutDefault }()
	sv := serveDefault(t)
	host := strings.TrimPrefix(sv.url, "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /2015-03-31/functions HTTP/1.1\r\nHost: %s\r\nContent-Length: 1000\r\n\r\n{", host)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	if _, err := io.ReadAll(conn); err != nil && !errors.Is(err, io.EOF) {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("the stalled request held its connection for %v", time.Since(start))
		}
	}
}

// A RevisionId that is not the function's current one is refused with
// PreconditionFailedException (412), as the API does; the current one or
// none is accepted.
func TestRevisionIDPrecondition(t *testing.T) {
	sv := serveDefault(t)
	out := sv.create(t, "orders", []string{"subnet-default-1a", "subnet-default-1b"}, []string{"sg-app"})
	for _, c := range []struct {
		rev  string
		want int
	}{{"stale", http.StatusPreconditionFailed}, {aws.ToString(out.RevisionId), 0}} {
		body := fmt.Sprintf(`{"Description":"d","RevisionId":%q}`, c.rev)
		req, _ := http.NewRequest("PUT", sv.url+"/2015-03-31/functions/orders/configuration", strings.NewReader(body))
		code, msg := status(t, req)
		if c.want != 0 && (code != c.want || !strings.Contains(msg, "PreconditionFailedException")) || c.want == 0 && code == http.StatusPreconditionFailed {
			t.Errorf("RevisionId %q: %d %s", c.rev, code, msg)
		}
	}
}

// EC2 refuses a Describe naming an id that does not exist, and reads
// numbered lists whatever their first number (SubnetId.2 alone used to
// read as no list, answering every subnet).
func TestEC2UnknownIDsAndNumbering(t *testing.T) {
	sv := serveDefault(t)
	q := func(form string) (int, string) {
		req, _ := http.NewRequest("POST", sv.url+"/", strings.NewReader("Version=2016-11-15&"+form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return status(t, req)
	}
	for _, c := range []struct{ form, want string }{
		{"Action=DescribeSubnets&SubnetId.1=subnet-nope", "InvalidSubnetID.NotFound"},
		{"Action=DescribeNetworkInterfaces&NetworkInterfaceId.1=eni-nope", "InvalidNetworkInterfaceID.NotFound"},
		{"Action=DescribeSecurityGroups&GroupId.1=sg-nope", "InvalidGroup.NotFound"},
		{"Action=DescribeVpcs&VpcId.1=vpc-nope", "InvalidVpcID.NotFound"},
		{"Action=DescribeNetworkInterfaces&MaxResults=1", "InvalidParameterValue"},
		{"Action=DescribeNetworkInterfaces&NextToken=garbage", "InvalidParameterValue"},
		{"Action=DescribeNetworkInterfaces&NextToken=" + token("DescribeSubnets", 5), "InvalidParameterValue"}, // another action's
		{"Action=DescribeNetworkInterfaces&NextToken=" + token("DescribeNetworkInterfaces", 0), "InvalidParameterValue"},
		{"Action=DescribeSubnets&MaxResults=5&SubnetId.1=subnet-default-1a", "InvalidParameterCombination"},
	} {
		if code, body := q(c.form); code != http.StatusBadRequest || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d %.200s, want 400 %s", c.form, code, body, c.want)
		}
	}
	if code, body := q("Action=DescribeNetworkInterfaces&MaxResults=5"); code != http.StatusOK {
		t.Errorf("MaxResults=5: %d %.200s", code, body)
	}
	code, body := q("Action=DescribeSubnets&SubnetId.2=subnet-default-1a")
	if code != http.StatusOK || strings.Count(body, "<subnetId>") != 1 {
		t.Errorf("SubnetId.2 alone: %d, %d subnets, want 1", code, strings.Count(body, "<subnetId>"))
	}
	code, body = q("Action=DescribeSubnets&Filter.2.Name=subnet-id&Filter.2.Value.3=subnet-default-1b")
	if code != http.StatusOK || strings.Count(body, "<subnetId>") != 1 {
		t.Errorf("Filter.2 alone: %d, %d subnets, want 1", code, strings.Count(body, "<subnetId>"))
	}
}
