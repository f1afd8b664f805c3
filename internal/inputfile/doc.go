// Package inputfile opens the files a user names (scenarios, traces,
// policies, templates) only when they are regular files, so that a FIFO,
// a directory or a device is refused by name before anything blocks on
// it, and reads whole files under a size limit.
//
// inputfile imports no enisim package: the file format (scenarios/spec),
// the workload readers and the CLI all use it.
package inputfile
