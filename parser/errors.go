package parser

import "fmt"

// InputError reports an input that cannot be read: corrupt, encrypted,
// empty, binary, unsupported. The command line maps it to exit status 3.
type InputError struct {
	File   string // the input's name as given
	Reason string // what is wrong, lower case, no full stop
	Hint   string // what the user can do, "" if nothing useful
	Err    error  // the underlying error, if any
}

func (e *InputError) Error() string {
	if e.File == "" {
		return e.Reason
	}
	return fmt.Sprintf("%s: %s", e.File, e.Reason)
}

func (e *InputError) Unwrap() error { return e.Err }

// inputErr is shorthand for an *InputError.
func inputErr(file, reason, hint string, err error) *InputError {
	return &InputError{File: file, Reason: reason, Hint: hint, Err: err}
}
