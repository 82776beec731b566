package jsonpatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Operation is one decoded RFC 6902 operation.
type Operation struct {
	Op    string          // "add", "remove", "replace", "move", "copy", "test"
	Path  string          // an RFC 6901 pointer, still escaped ("~0", "~1")
	From  string          // move and copy only
	Value json.RawMessage // nil when absent; the bytes `null` when an explicit null was sent
}

// Patch is an ordered list of operations, applied in order and atomically.
type Patch []Operation

// MaxOperations is how many operations a patch may hold; Decode and Apply
// refuse a longer one with a *SyntaxError (matching ErrInvalidPatch) that
// says so.
const MaxOperations = 1000

// tooManyOps is the error of a patch of n operations, over MaxOperations.
func tooManyOps(n int) error {
	return &SyntaxError{Offset: -1, Msg: fmt.Sprintf("the patch has %d operations; the limit is %d", n, MaxOperations)}
}

// Decode parses an RFC 6902 patch and validates its shape: a JSON array of
// at most MaxOperations objects; "op" one of add, remove, replace, move, copy, test; "path" (and
// "from" for move and copy) valid RFC 6901 pointers; "value" present for add,
// replace and test (an explicit null counts); for move, "from" not a proper
// prefix of "path". Members not defined for an op are ignored, as RFC 6902
// requires. Errors are *SyntaxError (not an array, byte offset) or *OpError
// naming the operation's index and the member at fault; both match
// ErrInvalidPatch.
func Decode(patch []byte) (Patch, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(patch, &raws); err != nil {
		return nil, patchSyntaxError(patch, err)
	}
	if raws == nil {
		return nil, &SyntaxError{Offset: -1, Msg: "patch must be a JSON array, not null"}
	}
	if len(raws) > MaxOperations {
		return nil, tooManyOps(len(raws))
	}
	p := make(Patch, len(raws))
	for i, raw := range raws {
		op, err := decodeOp(i, raw)
		if err != nil {
			return nil, err
		}
		p[i] = op
	}
	return p, nil
}

func patchSyntaxError(patch []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &SyntaxError{Offset: se.Offset, Msg: se.Error()}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &SyntaxError{Offset: te.Offset, Msg: "patch must be a JSON array, not " + te.Value}
	}
	if len(bytes.TrimSpace(patch)) == 0 {
		return &SyntaxError{Offset: 0, Msg: "patch is empty"}
	}
	return &SyntaxError{Offset: -1, Msg: err.Error()}
}

var validOps = map[string]bool{
	"add": true, "remove": true, "replace": true, "move": true, "copy": true, "test": true,
}

func decodeOp(i int, raw json.RawMessage) (Operation, error) {
	var op Operation
	shape := func(member, format string, args ...any) error {
		return &OpError{Index: i, Op: op.Op, Path: op.Path, Member: member, Err: ErrInvalidPatch,
			Msg: fmt.Sprintf(format, args...)}
	}
	if len(raw) == 0 || raw[0] != '{' {
		return op, shape("", "must be a JSON object, got %s", kindOf(raw))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return op, shape("", "must be a JSON object: %v", err)
	}
	str := func(member string) (string, bool, error) {
		v, ok := m[member]
		if !ok {
			return "", false, nil
		}
		var s string
		if len(v) == 0 || v[0] != '"' || json.Unmarshal(v, &s) != nil {
			return "", true, shape(member, "member %q must be a string, got %s", member, kindOf(v))
		}
		return s, true, nil
	}
	var ok bool
	var err error
	if op.Op, ok, err = str("op"); err != nil {
		return op, err
	} else if !ok {
		return op, shape("op", `member "op" is missing`)
	}
	if !validOps[op.Op] {
		bad := op.Op
		op.Op = ""
		return op, shape("op", `member "op" is %q; want one of add, remove, replace, move, copy, test`, bad)
	}
	if op.Path, ok, err = str("path"); err != nil {
		return op, err
	} else if !ok {
		return op, shape("path", `member "path" is missing`)
	}
	switch op.Op {
	case "move", "copy":
		if op.From, ok, err = str("from"); err != nil {
			return op, err
		} else if !ok {
			return op, shape("from", `member "from" is missing (required for %q)`, op.Op)
		}
	case "add", "replace", "test":
		if v, ok := m["value"]; ok {
			op.Value = v
		}
	}
	return op, checkOp(i, op)
}

// checkOp validates a decoded (or hand-built) operation: a known op, valid
// pointers, a value where one is required, and a move that does not move a
// location into one of its children.
func checkOp(i int, op Operation) error {
	shape := func(member, format string, args ...any) error {
		return &OpError{Index: i, Op: op.Op, Path: op.Path, Member: member, Err: ErrInvalidPatch,
			Msg: fmt.Sprintf(format, args...)}
	}
	if !validOps[op.Op] {
		return shape("op", `member "op" is %q; want one of add, remove, replace, move, copy, test`, op.Op)
	}
	if err := checkPointer(op.Path); err != nil {
		return shape("path", `member "path": %v`, err)
	}
	switch op.Op {
	case "move", "copy":
		if err := checkPointer(op.From); err != nil {
			return shape("from", `member "from": %v`, err)
		}
		if op.Op == "move" && isProperPrefix(op.From, op.Path) {
			return shape("from", `member "from" %q is a proper prefix of "path" %q: a location cannot be moved into one of its children`, op.From, op.Path)
		}
	case "add", "replace", "test":
		if op.Value == nil {
			return shape("value", `member "value" is missing (required for %q)`, op.Op)
		}
		if !json.Valid(op.Value) {
			return shape("value", `member "value" is not valid JSON`)
		}
	}
	return nil
}

// kindOf names the JSON type of a raw value for error messages.
func kindOf(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}
