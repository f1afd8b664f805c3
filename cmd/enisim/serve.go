package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/enisim/enisim/scenarios/serve"
)

const serveAbout = `Serves a scenario (no argument: 'empty-account', an empty account with a
default VPC: subnet-default-1a/1b/1c in 172.31.0.0/16, security groups
sg-default and sg-app) on a virtual clock, behind the APIs real AWS clients
speak, so that the AWS CLI, the SDKs and deploy scripts' waiters run against
Lambda's VPC behaviour:

  Lambda (REST-JSON, /2015-03-31/...): CreateFunction, GetFunction,
    GetFunctionConfiguration, ListFunctions, ListVersionsByFunction,
    UpdateFunctionConfiguration, UpdateFunctionCode, PublishVersion,
    DeleteFunction (a version too), Invoke (answers when the invocation
    ends, with a canned payload or the error it ended with).
  EC2 (Query, Version 2016-11-15): DescribeNetworkInterfaces (the Hyperplane
    ENIs, with the filters interface-type, subnet-id, group-id, description,
    vpc-id, status, ...), DescribeSubnets, DescribeSecurityGroups, DescribeVpcs.
  A browser view at / : subnets, ENIs per key, functions, the timeline, live.

  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
  aws --endpoint-url http://127.0.0.1:8642 lambda create-function ...

The scenario's functions, workload and timeline run as in 'enisim run', with
no end (its duration is not used; the clock stops after 365 days). API calls
apply at the current virtual time.

Clock: --speed N advances N virtual seconds per wall second (60: the minute
an ENI takes passes in a second). --speed max does not follow the wall clock:
the clock stands still except when a client reads (Get*, List*, Describe*);
each read first runs the simulation to its next change (the next line of the
timeline), at most 10 minutes of virtual time ahead. A waiter's polls thus
see each change in turn, and an Invoke right after CreateFunction meets the
function Pending. Calls that change something do not move the clock,
except a RequestResponse Invoke, which runs it to the invocation's end (at
most an hour); at a finite speed an Invoke waits for that end as long as
the client does (the AWS CLI: 60 s, or --cli-read-timeout), and a paused
clock holds its answer until it resumes.

Roles: a role the scenario defines is evaluated as in 'enisim run': the role
of the scenario's function F is arn:aws:iam::123456789012:role/F-role. Any
other role ARN is a role the simulator cannot see, taken to have
AWSLambdaVPCAccessExecutionRole.

Safety: SigV4 signatures are accepted and NOT checked (this is a simulator,
not a credential store): any credentials work. Only a loopback --addr is
allowed without --token; with --token T every request must carry T, as its
access key id (AWS_ACCESS_KEY_ID=T), an X-Enisim-Token header, or, for the
browser, /?token=T once. It is plain HTTP: the token travels in the
clear, so it keeps out only those who cannot see the traffic. Request bodies are limited to 8 MiB, requests in
flight to 256, browsers following the view to 64, recorded calls to
100,000, functions made through the API to 1,000. Nothing a request sends
touches the file system.

--record FILE writes, when the server stops (Ctrl-C), the session as a
scenario: the served scenario with every call that changed the model in its
timeline at its virtual time. 'enisim run FILE' then prints the report this
command prints when it stops, byte for byte.`

func serveCmd(args []string, io *stdio) error {
	var addr, speed, record, token, format string
	fs := newFlags("serve", "[SCENARIO|NAME]", serveAbout, io.err)
	fs.StringVar(&addr, "addr", "127.0.0.1:8642", "`HOST:PORT` to listen on (port 0: any free port); a non-loopback host needs --token")
	fs.StringVar(&speed, "speed", "60", "virtual seconds per wall second, or max (see Clock above)")
	fs.StringVar(&record, "record", "", "write the session to `FILE` as a scenario when the server stops")
	fs.StringVar(&token, "token", "", "a secret `T` every request must carry (required for a non-loopback --addr)")
	fs.StringVarP(&format, "format", "f", "table", "the report printed when the server stops: table or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("serve takes one scenario, got %d arguments", fs.NArg())
	}
	if err := checkFormat(format, "table", "json"); err != nil {
		return err
	}
	sp, err := serve.ParseSpeed(speed)
	if err != nil {
		return usagef("--speed: %v", err)
	}
	if !serve.LoopbackAddr(addr) && token == "" {
		return usagef("--addr %s is not a loopback address: give --token, which every request must then carry", addr)
	}
	s, err := serve.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	ss, err := serve.New(s, serve.Options{Speed: sp})
	if err != nil {
		return usageError{err.Error()}
	}
	var rec *os.File
	if record != "" {
		if err := ss.Recordable(); err != nil {
			return usagef("--record: %v", err)
		}
		if rec, err = os.Create(record); err != nil {
			return usagef("--record: %v", err)
		}
		defer rec.Close()
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("--addr: %v", err)
	}
	ss.Start()
	srv := &http.Server{Handler: ss.Handler(token), ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	fmt.Fprintf(io.err, "enisim serve: %s at http://%s (speed %s); the browser view is at / ; Ctrl-C stops\n", s.Name, ln.Addr(), serve.SpeedText(sp))
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(stop)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case <-stop:
	case err := <-served:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(ctx) // the view's event streams are cut at the deadline
	ss.Stop()
	ss.Finish()
	if rec != nil {
		if err := ss.WriteRecord(rec); err != nil {
			return err
		}
		if err := rec.Close(); err != nil {
			return err
		}
		fmt.Fprintf(io.err, "enisim serve: %d calls recorded in %s; 'enisim run %s' replays them\n", len(ss.Calls()), record, record)
	}
	return writeReport(io, format, ss.Report())
}
