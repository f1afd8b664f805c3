package importer

import "github.com/enisim/enisim/internal/inputfile"

// MaxSourceBytes bounds one file an importer reads. CloudFormation takes a
// template of at most 1 MB; four times that leaves room for formatting and
// for the other sources (plans, CLI output), and keeps a hostile 50 MB file
// from being read at all.
const MaxSourceBytes = 4 << 20

// ReadSource reads one input file of an importer: a regular file of at
// most MaxSourceBytes. A FIFO or a device (which would block or never
// end), a directory, or a larger file is refused with the file's name
// (package inputfile, the one opener of user files).
func ReadSource(path string) ([]byte, error) {
	return inputfile.Read(path, MaxSourceBytes, "an importer's input file (MaxSourceBytes; CloudFormation's own limit is 1 MB)")
}
