package jsonpatch

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Rule says which operations may write one path of a resource, or every path
// below it. Rules are plain data so that another API version can build its
// own table from the same parts.
type Rule struct {
	Path         string                      // an escaped JSON pointer, such as "/identityId"
	Subtree      bool                        // the rule also covers every path below Path
	Ops          []string                    // ops that may write the path; "test" is always allowed
	FlatFileOnly bool                        // only for accounts of flat file (DelimitedFile) sources
	Value        func(json.RawMessage) error // checks the value of add and replace; nil accepts any value
}

// Rules is a table of Rule, looked up by path. The first matching rule wins.
type Rules []Rule

// writeOps returns every op that writes.
func writeOps() []string { return []string{"add", "remove", "replace", "move", "copy"} }

// AccountRules returns the rules of ISC's PATCH /v3/accounts/{id}: /identityId
// (add, replace, remove; a non-empty string), /manuallyCorrelated (add,
// replace; a boolean), and /attributes with everything below it (any op, flat
// file accounts only; /attributes itself must be an object or null). Every
// call returns a new table that the caller may change.
func AccountRules() Rules {
	return Rules{
		{Path: "/identityId", Ops: []string{"add", "replace", "remove"}, Value: nonEmptyString},
		{Path: "/manuallyCorrelated", Ops: []string{"add", "replace"}, Value: boolean},
		{Path: "/attributes", Ops: writeOps(), FlatFileOnly: true, Value: objectOrNull},
		{Path: "/attributes", Subtree: true, Ops: writeOps(), FlatFileOnly: true},
	}
}

// Match returns the first rule that covers path.
func (rs Rules) Match(path string) (Rule, bool) {
	for _, r := range rs {
		if path == r.Path || r.Subtree && strings.HasPrefix(path, r.Path+"/") {
			return r, true
		}
	}
	return Rule{}, false
}

// Check reports the first operation of p that the rules refuse, as an
// *OpError matching ErrPathNotAllowed, ErrOpNotAllowed, ErrNotFlatFile or
// ErrInvalidValue. flatFile tells whether the resource is a flat file
// account. "test" may read any path and "copy" may read any from; "move"
// writes both its from and its path. Check looks only at the patch, never at
// a document: a patch it refuses must not be applied at all.
func (rs Rules) Check(p Patch, flatFile bool) error {
	for i, op := range p {
		if op.Op == "test" {
			continue
		}
		if op.Op == "move" {
			if err := rs.checkPath(i, op, op.From, flatFile); err != nil {
				return err
			}
		}
		if err := rs.checkPath(i, op, op.Path, flatFile); err != nil {
			return err
		}
	}
	return nil
}

func (rs Rules) checkPath(i int, op Operation, path string, flatFile bool) error {
	e := &OpError{Index: i, Op: op.Op, Path: op.Path}
	r, ok := rs.Match(path)
	switch {
	case !ok:
		e.Err = ErrPathNotAllowed
		e.Msg = fmt.Sprintf("path %q is not a valid patch field for the account model", path)
	case !slices.Contains(r.Ops, op.Op):
		e.Err = ErrOpNotAllowed
		e.Msg = fmt.Sprintf("op %q is not allowed on path %q (allowed: %s)", op.Op, path, strings.Join(r.Ops, ", "))
	case r.FlatFileOnly && !flatFile:
		e.Err = ErrNotFlatFile
		e.Msg = fmt.Sprintf("path %q: the attributes field can only be modified for flat file accounts", path)
	case r.Value != nil && op.Value != nil && (op.Op == "add" || op.Op == "replace"):
		if err := r.Value(op.Value); err != nil {
			e.Err = ErrInvalidValue
			e.Member = "value"
			e.Msg = fmt.Sprintf("value for %q %v", path, err)
		}
	}
	if e.Err != nil {
		return e
	}
	return nil
}

func nonEmptyString(v json.RawMessage) error {
	var s string
	if kindOf(v) != "a string" || json.Unmarshal(v, &s) != nil {
		return fmt.Errorf("must be a string, got %s", kindOf(v))
	}
	if s == "" {
		return fmt.Errorf("must not be empty")
	}
	return nil
}

func boolean(v json.RawMessage) error {
	if k := kindOf(v); k != "a boolean" {
		return fmt.Errorf("must be a boolean, got %s", k)
	}
	return nil
}

func objectOrNull(v json.RawMessage) error {
	if k := kindOf(v); k != "an object" && k != "null" {
		return fmt.Errorf("must be an object or null, got %s", k)
	}
	return nil
}
