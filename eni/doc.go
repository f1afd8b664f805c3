// Package eni models Lambda's VPC networking: subnets and their IP
// addresses, the ENI quotas of a VPC and a Region, the pools of Hyperplane
// ENIs that Lambda keeps per (subnet, security-group set), the ports those
// ENIs carry, and the function lifecycle the Lambda API reports (State,
// StateReasonCode, LastUpdateStatus) with the control-plane calls that move
// it.
//
// The model follows docs/aws-behaviour.md: one pool per (subnet,
// exact set of security groups), shared by every function and published
// version that uses that combination; an ENI takes one IP of its subnet from
// the moment its creation starts until it is deleted; an ENI carries at most
// PortsPerENI connections; a pool grows by one ENI when its port demand
// passes ScaleOutAt of its capacity (ENIs being created count, so a surge
// creates one ENI, not hundreds) and gives a surplus ENI back once it is
// empty and the remaining ENIs would carry the demand below half of
// ScaleOutAt (a hysteresis band, so demand near the threshold does not make
// ENIs flap).
//
// The model reports what it does as Event values (event.go) to
// Model.Events: every control-plane call with its Outcome, the state
// changes, the ENIs' lives and the keys that cannot grow, a call always
// before the events it causes (emit.go). Describe words an event in the
// API's terms. Nothing is built when no one listens.
//
// Execution environments and invocations live in package workload; this
// package only places their ports and tells workload, through Hooks, when a
// function's configuration changes or it disappears.
//
// eni may import sim and eni/iam; never workload, scenarios or cmd/enisim.
package eni
