package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kehoach/kehoach/parser"
)

// The exit statuses of the contract.
const (
	exitOK       = 0 // success
	exitNegative = 1 // a negative answer: diff found differences, check found failures
	exitUsage    = 2 // a usage error
	exitInput    = 3 // an input that cannot be read
)

// exitHelp is the EXIT STATUS section every command's help ends with.
const exitHelp = `
EXIT STATUS
  0  success
  1  a negative answer (diff found differences, check found failures), or
     output that could not be written
  2  a usage error (unknown flag, wrong number of arguments)
  3  an input that cannot be read (corrupt, encrypted, empty, unsupported)`

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// negativeError is a negative answer: the command worked and says no.
type negativeError struct{ msg string }

func (e *negativeError) Error() string { return e.msg }

// inputFailures reports that some inputs of a batch could not be read; the
// others were processed and written.
type inputFailures struct{ errs []error }

func (e *inputFailures) Error() string {
	var s []string
	for _, err := range e.errs {
		s = append(s, err.Error())
	}
	return strings.Join(s, "\n")
}

// exitCode maps an error to the contract's exit status and prints it on
// stderr following the stderr policy: a "kehoach:" prefix, lower case, no
// full stop, and "hint:" lines that say what to do next.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var (
		ue *usageError
		ne *negativeError
		ie *parser.InputError
		fe *inputFailures
	)
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "kehoach: %s\n", ue.msg)
		fmt.Fprintln(stderr, "hint: run 'kehoach help' or add --help to the command")
		return exitUsage
	case errors.As(err, &ne):
		if ne.msg != "" {
			fmt.Fprintf(stderr, "kehoach: %s\n", ne.msg)
		}
		return exitNegative
	case errors.As(err, &fe):
		for _, e := range fe.errs {
			printInputError(stderr, e)
		}
		return exitInput
	case errors.As(err, &ie):
		printInputError(stderr, err)
		return exitInput
	}
	fmt.Fprintf(stderr, "kehoach: %s\n", err)
	return exitNegative
}

// printInputError prints one unreadable input with its hint.
func printInputError(w io.Writer, err error) {
	var ie *parser.InputError
	if !errors.As(err, &ie) {
		fmt.Fprintf(w, "kehoach: %s\n", err)
		return
	}
	fmt.Fprintf(w, "kehoach: %s\n", ie.Error())
	if ie.Hint != "" {
		fmt.Fprintf(w, "hint: %s\n", ie.Hint)
	}
	if os.Getenv("KEHOACH_DEBUG") != "" && ie.Err != nil {
		fmt.Fprintf(w, "debug: %+v\n", ie.Err)
	}
}
