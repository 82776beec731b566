package jsonpatch

import (
	"errors"
	"fmt"

	evanphx "github.com/evanphx/json-patch/v5"
)

// sentinel is an exported error value of this package. Its Unwrap returns the
// matching evanphx sentinel, when there is one, so that errors.Is works with
// both packages' values.
type sentinel struct {
	msg  string
	base error
}

func (s *sentinel) Error() string { return s.msg }
func (s *sentinel) Unwrap() error { return s.base }

// Sentinel errors. Compare with errors.Is: every error this package returns for
// an operation is an *OpError whose Err is (or wraps) one of these, or an error
// from evanphx/json-patch. ErrInvalidPatch, ErrInvalidDocument, ErrTestFailed,
// ErrMissing and ErrInvalidIndex also match evanphx's ErrInvalid, ErrInvalid,
// ErrTestFailed, ErrMissing and ErrInvalidIndex.
var (
	// ErrInvalidPatch reports a patch whose shape is wrong: not a JSON array of
	// objects, an unknown op, a missing or mistyped member, a bad pointer.
	ErrInvalidPatch error = &sentinel{"invalid patch", evanphx.ErrInvalid}
	// ErrInvalidDocument reports a target document that is not valid JSON
	// (or, for ApplyAccount, not a JSON object).
	ErrInvalidDocument error = &sentinel{"invalid document", evanphx.ErrInvalid}
	// ErrTestFailed reports a "test" operation whose value differs from the
	// value at its path, or whose path does not exist.
	ErrTestFailed error = &sentinel{"test failed", evanphx.ErrTestFailed}
	// ErrMissing reports a path (or from) that does not exist in the document.
	ErrMissing error = &sentinel{"path not found", evanphx.ErrMissing}
	// ErrInvalidIndex reports an array index that is not a valid RFC 6901
	// index ("-1", "01", "+1") or is out of bounds.
	ErrInvalidIndex error = &sentinel{"invalid array index", evanphx.ErrInvalidIndex}
	// ErrCannotRemoveRoot reports a "remove" or "move" of the whole document.
	ErrCannotRemoveRoot error = &sentinel{"cannot remove the whole document", evanphx.ErrInvalid}
	// ErrCopyTooLarge reports "copy" operations that together add more than
	// MaxCopyBytes bytes to the document.
	ErrCopyTooLarge error = &sentinel{"copied values exceed the size limit", nil}

	// ErrPathNotAllowed reports a path that ISC does not accept in an account
	// patch: it is not a valid patch field for the account model.
	ErrPathNotAllowed error = &sentinel{"not a valid patch field for the account model", nil}
	// ErrOpNotAllowed reports an op that the account rules do not allow on an
	// otherwise patchable path (for example "remove" of /manuallyCorrelated).
	ErrOpNotAllowed error = &sentinel{"operation not allowed on this path", nil}
	// ErrNotFlatFile reports a patch of /attributes on an account whose source
	// is not a flat file (DelimitedFile) source.
	ErrNotFlatFile error = &sentinel{"attributes can only be modified for flat file accounts", nil}
	// ErrIdentityNotFound reports an identityId that names no known identity
	// (ISC detailCode "400.1.404 Referenced object not found").
	ErrIdentityNotFound error = &sentinel{"referenced object not found", nil}
	// ErrInvalidValue reports a value of the wrong type for an account field,
	// such as a manuallyCorrelated that is not a boolean.
	ErrInvalidValue error = &sentinel{"invalid value", nil}
)

// ISC detailCode values for the errors of ApplyAccount (see DetailCode).
const (
	// DetailCodeBadRequest is ISC's generic 400 detailCode.
	DetailCodeBadRequest = "400.1 Bad Request Content"
	// DetailCodeIllegalValue is ISC's detailCode for a field value it refuses.
	DetailCodeIllegalValue = "400.1.3 Illegal value"
	// DetailCodeReferencedObjectNotFound is ISC's detailCode for an unknown
	// referenced object, used for an unknown identityId.
	DetailCodeReferencedObjectNotFound = "400.1.404 Referenced object not found"
)

// DetailCode returns the ISC detailCode that a 400 response for err carries:
// DetailCodeReferencedObjectNotFound for ErrIdentityNotFound,
// DetailCodeIllegalValue for ErrInvalidValue and DetailCodeBadRequest for
// everything else.
func DetailCode(err error) string {
	switch {
	case errors.Is(err, ErrIdentityNotFound):
		return DetailCodeReferencedObjectNotFound
	case errors.Is(err, ErrInvalidValue):
		return DetailCodeIllegalValue
	default:
		return DetailCodeBadRequest
	}
}

// OpError is the error for one operation of a patch. Its Unwrap returns Err,
// which is one of this package's sentinels or an error of evanphx/json-patch.
type OpError struct {
	Index  int    // 0-based index of the operation in the patch
	Op     string // the operation's op, or "" when it could not be read
	Path   string // the operation's path, or "" when it could not be read
	Member string // the member at fault for shape errors ("op", "path", "from", "value"), else ""
	Err    error  // the cause
	Msg    string // what was wrong, in words; when empty, Error uses Op, Path and Err
}

// Error returns "jsonpatch: operation N: " followed by what went wrong.
func (e *OpError) Error() string {
	if e.Msg != "" {
		return fmt.Sprintf("jsonpatch: operation %d: %s", e.Index, e.Msg)
	}
	return fmt.Sprintf("jsonpatch: operation %d: %s %q: %v", e.Index, e.Op, e.Path, e.Err)
}

// Unwrap returns the cause.
func (e *OpError) Unwrap() error { return e.Err }

// DocError reports a target document that is not valid JSON.
type DocError struct {
	Offset int64 // byte offset of the first syntax error, or -1
	Msg    string
}

// Error returns the problem and where it is.
func (e *DocError) Error() string {
	if e.Offset < 0 {
		return "jsonpatch: invalid document: " + e.Msg
	}
	return fmt.Sprintf("jsonpatch: invalid document at byte offset %d: %s", e.Offset, e.Msg)
}

// Unwrap returns ErrInvalidDocument.
func (e *DocError) Unwrap() error { return ErrInvalidDocument }

// SyntaxError reports a patch that is not a JSON array of objects.
type SyntaxError struct {
	Offset int64 // byte offset in the patch, or -1
	Msg    string
}

// Error returns the problem and where it is.
func (e *SyntaxError) Error() string {
	if e.Offset < 0 {
		return "jsonpatch: invalid patch: " + e.Msg
	}
	return fmt.Sprintf("jsonpatch: invalid patch at byte offset %d: %s", e.Offset, e.Msg)
}

// Unwrap returns ErrInvalidPatch.
func (e *SyntaxError) Unwrap() error { return ErrInvalidPatch }
