package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"syscall"

	"github.com/enisim/enisim/internal/inputfile"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/spf13/pflag"
)

// usageError is bad usage: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errHelp is --help: the usage was printed, exit 0.
var errHelp = errors.New("help")

// exitCode prints err and maps it to the exit code.
func exitCode(w io.Writer, err error) int {
	var ue usageError
	var el spec.ErrorList
	var se *spec.Error
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue), errors.Is(err, spec.ErrNotFound), errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EISDIR), errors.Is(err, inputfile.ErrNotRegular), errors.Is(err, inputfile.ErrTooLarge):
		fmt.Fprintf(w, "enisim: %v\n", err)
		return 2
	case errors.As(err, &el), errors.As(err, &se):
		fmt.Fprintf(w, "%v\n", err)
		return 2
	}
	fmt.Fprintf(w, "enisim: %v\n", err)
	return 1
}

// newFlags returns a flag set whose --help prints the command's usage on
// stdout (asked for, so it is output: `enisim sweep --help | less`);
// errors go to w, the command's stderr.
func newFlags(name, args, about string, w io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(w)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(helpOut(w), "Usage: enisim %s [flags] %s\n\n%s\n\nFlags:\n%s", name, args, about, fs.FlagUsages())
	}
	return fs
}

// errStream is a command's stderr that knows its stdout, so that every
// command's --help, which is given the stderr, prints on stdout.
type errStream struct {
	io.Writer
	out io.Writer
}

// helpOut is where help goes: the stdout paired with w, else w.
func helpOut(w io.Writer) io.Writer {
	if e, ok := w.(*errStream); ok {
		return e.out
	}
	return w
}

// parseFlags parses args, mapping --help and flag errors to exit codes.
func parseFlags(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return errHelp
		}
		return usageError{err.Error()}
	}
	return nil
}
