package importer

import (
	"fmt"
	"io"
	"os"
)

// MaxSourceBytes bounds one file an importer reads. CloudFormation takes a
// template of at most 1 MB; four times that leaves room for formatting and
// for the other sources (plans, CLI output), and keeps a hostile 50 MB file
// from being read at all.
const MaxSourceBytes = 4 << 20

// ReadSource reads one input file of an importer: a regular file of at
// most MaxSourceBytes. A FIFO or a device (which would block or never
// end), a directory, or a larger file is refused with the file's name.
func ReadSource(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case fi.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a file", path)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: not a regular file (%s); give the file itself", path, kind(fi.Mode()))
	case fi.Size() > MaxSourceBytes:
		return nil, fmt.Errorf("%s: %d bytes, more than the %d an importer reads (MaxSourceBytes; CloudFormation's own limit is 1 MB)", path, fi.Size(), MaxSourceBytes)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSourceBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > MaxSourceBytes { // it grew since the Stat
		return nil, fmt.Errorf("%s: more than the %d bytes an importer reads (MaxSourceBytes)", path, MaxSourceBytes)
	}
	return data, nil
}

// kind names what a non-regular file is.
func kind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}
