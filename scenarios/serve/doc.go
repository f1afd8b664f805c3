// Package serve is `enisim serve`: a scenario running on a virtual clock
// behind the HTTP APIs real AWS clients speak. The Lambda REST-JSON API
// (2015-03-31 paths) creates, updates, invokes and deletes functions in the
// model; the EC2 Query API (Version 2016-11-15) describes its Hyperplane
// ENIs, subnets, security groups and VPCs; a browser view at / shows the
// account live over Server-Sent Events, with pause, resume and speed
// controls.
//
// The simulator is single-threaded and deterministic, so every touch of the
// model runs on one goroutine (Session.loop). A call that changes the model
// is applied as an engine event one nanosecond after the clock's reading,
// with the priority of a scenario's timeline calls, and is recorded; the
// record (Session.WriteRecord) is a scenario that `enisim run` replays to
// the same report, byte for byte.
//
// serve imports scenarios, spec, eni, workload and sim; nothing imports it
// but cmd/enisim.
package serve
