package inputfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotRegular is the error of a path that names a directory, a FIFO, a
// device or a socket where a file to read was expected: reading a FIFO
// with no writer would wait for ever, a device may never end.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the error of a file larger than its reader's limit.
var ErrTooLarge = errors.New("file too large")

// Open opens path for reading if it names a regular file (after
// symbolic links), and refuses anything else before opening it, so that a
// FIFO does not block the open.
func Open(path string) (*os.File, error) {
	if err := Check(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() { // replaced since the check
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	return f, nil
}

// Check returns nil if path names a regular file, else an error
// that names the path and what it is.
func Check(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return fmt.Errorf("%s: is a directory, %w", path, ErrNotRegular)
	case m&os.ModeNamedPipe != 0:
		return fmt.Errorf("%s: is a FIFO (named pipe), %w", path, ErrNotRegular)
	case m&os.ModeSocket != 0:
		return fmt.Errorf("%s: is a socket, %w", path, ErrNotRegular)
	case m&os.ModeDevice != 0:
		return fmt.Errorf("%s: is a device, %w", path, ErrNotRegular)
	}
	return fmt.Errorf("%s: %w (mode %v)", path, ErrNotRegular, m)
}

// Read reads the whole of a regular file of at most limit bytes;
// what is larger is refused from its size, before it is read.
func Read(path string, limit int64, what string) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: the file is %s; %s is at most %s: %w", path, byteSize(fi.Size()), what, byteSize(limit), ErrTooLarge)
	}
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// byteSize prints a size as a person reads it: 512 bytes, 2 MB, 50.0 MB.
func byteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
