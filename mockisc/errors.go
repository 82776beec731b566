package mockisc

import (
	"errors"
	"fmt"
)

// Errors of the direct Go API. Use errors.Is to test for them; the
// returned errors wrap them with details.
var (
	// ErrNotFound means the object named does not exist.
	ErrNotFound = errors.New("mockisc: not found")
	// ErrExists means an object with that id (or native identity on the
	// source) already exists.
	ErrExists = errors.New("mockisc: already exists")
	// ErrInvalid means the object is not valid (a missing field, a
	// reference to an object that does not exist).
	ErrInvalid = errors.New("mockisc: invalid")
)

// pathError is a problem at a JSON path of a state document.
type pathError struct {
	path string
	msg  string
}

func (e *pathError) Error() string { return fmt.Sprintf("%s: %s", e.path, e.msg) }

// invalid is an ErrInvalid naming the element at path.
func invalid(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, &pathError{path: path, msg: fmt.Sprintf(format, args...)})
}

// exists is an ErrExists naming the element at path.
func exists(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrExists, &pathError{path: path, msg: fmt.Sprintf(format, args...)})
}
