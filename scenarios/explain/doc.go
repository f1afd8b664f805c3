// Package explain tells a run as a timeline: one line per control-plane
// call, ENI event and state change, in the words of the Lambda and EC2
// APIs, with the invocations between two lines summarised by outcome:
//
//	00:00:00.000  CreateFunction orders -> Pending (Creating): needs ENIs for subnet-a+[sg-app]
//	00:00:00.000  ENI eni-0001 creating in subnet-a for [sg-app]
//	              ... orders: 600 invokes refused with ResourceConflictException while Pending (Creating)
//	00:01:00.000  ENI eni-0001 ready in subnet-a for [sg-app]; orders -> Active
//
// The lines are the model's events (eni.Event) as eni.Describe tells them;
// what to tell, what to join and what to leave out is decided on the
// events' fields. Invocation outcomes are the differences of the
// functions' counters between two lines, so a summary line costs nothing
// per invocation.
//
// explain may import scenarios, spec and the model packages (workload, eni,
// sim); never cmd/enisim, plan, html or charts.
package explain
