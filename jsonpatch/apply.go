package jsonpatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	evanphx "github.com/evanphx/json-patch/v5"
)

// MaxCopyBytes bounds the bytes that the "copy" operations of one patch may
// add to a document, so that a short patch cannot grow a document without
// limit (each copy can double it).
const MaxCopyBytes = 8 << 20

// Apply applies an RFC 6902 patch to a JSON document, with no ISC rules. It is
// Decode followed by Patch.Apply.
func Apply(doc, patch []byte) ([]byte, error) {
	p, err := Decode(patch)
	if err != nil {
		return nil, err
	}
	return p.Apply(doc)
}

// Apply applies the patch to doc and returns the new document, compacted. The
// operations are checked as Decode checks them first, so a hand-built Patch
// is safe to apply. It is atomic: on any error it returns nil and the error,
// and doc is never modified (the result never shares memory with doc). Errors
// for an operation are *OpError; a doc that is not valid JSON gives a
// *DocError.
//
// A patch that evanphx/json-patch handles as RFC 6902 says (no "test", no
// path it resolves differently, see doc.go) on an object or array goes to its
// ApplyWithOptions with explicit options, in one call. Any other patch is
// applied here, whole, to one parsed copy of the document (tree.go), so its
// cost is linear in the patch and the document however its operations
// interleave.
func (p Patch) Apply(doc []byte) ([]byte, error) {
	cur := bytes.TrimSpace(doc)
	if len(cur) == 0 {
		return nil, &DocError{Offset: 0, Msg: "document is empty"}
	}
	if len(p) > MaxOperations {
		return nil, tooManyOps(len(p))
	}
	for i, op := range p {
		if err := checkOp(i, op); err != nil {
			return nil, err
		}
	}
	a := applier{patch: p, cur: cur, runStart: -1}
	if !isContainer(cur) || slices.ContainsFunc(p, ownOp) {
		if err := a.validate(); err != nil {
			return nil, err
		}
		return applyTree(cur, p)
	}
	if len(p) > 0 {
		a.runStart = 0
	}
	if err := a.flush(len(p)); err != nil {
		return nil, err
	}
	if err := a.validate(); err != nil {
		return nil, err
	}
	if a.ranEvanphx {
		return a.cur, nil
	}
	var buf bytes.Buffer
	buf.Grow(len(a.cur))
	if err := json.Compact(&buf, a.cur); err != nil {
		return nil, &DocError{Offset: -1, Msg: err.Error()}
	}
	return buf.Bytes(), nil
}

// ownOp reports whether this package applies op itself rather than evanphx:
// every "test", and every path or from that evanphx resolves differently.
func ownOp(op Operation) bool {
	return op.Op == "test" || !evanphxSafe(op.Path) || (op.Op == "move" || op.Op == "copy") && !evanphxSafe(op.From)
}

// applier holds the state of one Patch.Apply.
type applier struct {
	patch      Patch
	cur        []byte // the document so far; never written to
	runStart   int    // index of the first operation of the pending evanphx run, or -1
	validated  bool   // cur is known to be valid JSON
	ranEvanphx bool
	copied     int64 // bytes added by copy operations (an estimate for evanphx runs)
}

func isContainer(doc []byte) bool { return doc[0] == '{' || doc[0] == '[' }

// validate checks once that the document is valid JSON.
func (a *applier) validate() error {
	if a.validated {
		return nil
	}
	if !json.Valid(a.cur) {
		return docSyntaxError(a.cur)
	}
	a.validated = true
	return nil
}

func docSyntaxError(doc []byte) error {
	var v any
	err := json.Unmarshal(doc, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &DocError{Offset: se.Offset, Msg: se.Error()}
	}
	if err == nil {
		return &DocError{Offset: -1, Msg: "not valid JSON"}
	}
	return &DocError{Offset: -1, Msg: err.Error()}
}

// options returns the explicit evanphx options: RFC 6902 behaviour, no
// negative indexes, no HTML escaping, and the remaining copy budget.
func (a *applier) options() *evanphx.ApplyOptions {
	return &evanphx.ApplyOptions{
		SupportNegativeIndices:   false,
		AccumulatedCopySizeLimit: max(MaxCopyBytes-a.copied, 1),
		AllowMissingPathOnRemove: false,
		EnsurePathExistsOnAdd:    false,
		EscapeHTML:               false,
	}
}

// flush applies the pending run of operations [runStart, end) with evanphx.
func (a *applier) flush(end int) error {
	if a.runStart < 0 {
		return nil
	}
	start := a.runStart
	a.runStart = -1
	out, err := toEvanphx(a.patch[start:end]).ApplyWithOptions(a.cur, a.options())
	if err != nil {
		return a.explain(start, end, err)
	}
	if grown := int64(len(out) - len(a.cur)); grown > 0 {
		a.copied += grown
	}
	a.cur, a.validated, a.ranEvanphx = out, true, true
	return nil
}

// explain finds which operation of a failed run failed, by applying the run
// one operation at a time, and returns its *OpError.
func (a *applier) explain(start, end int, runErr error) error {
	if err := a.validate(); err != nil {
		return err
	}
	cur := a.cur
	for i := start; i < end; i++ {
		out, err := toEvanphx(a.patch[i:i+1]).ApplyWithOptions(cur, a.options())
		if err != nil {
			return opError(i, a.patch[i], err)
		}
		cur = out
	}
	return opError(end-1, a.patch[end-1], runErr)
}

// toEvanphx converts operations to evanphx's representation.
func toEvanphx(ops []Operation) evanphx.Patch {
	out := make(evanphx.Patch, len(ops))
	for i, op := range ops {
		m := make(evanphx.Operation, 4)
		m["op"] = rawString(op.Op)
		m["path"] = rawString(op.Path)
		if op.Op == "move" || op.Op == "copy" {
			m["from"] = rawString(op.From)
		}
		if op.Value != nil {
			v := json.RawMessage(op.Value)
			m["value"] = &v
		}
		out[i] = m
	}
	return out
}

func rawString(s string) *json.RawMessage {
	r := json.RawMessage(appendJSONString(make([]byte, 0, len(s)+2), s))
	return &r
}

// opError wraps the error of operation i. Errors from evanphx are mapped to
// this package's sentinels (which still match evanphx's with errors.Is);
// errors from this package's own code already are (or wrap) sentinels.
func opError(i int, op Operation, err error) error {
	where := fmt.Sprintf("%s %q", op.Op, op.Path)
	if op.Op == "move" || op.Op == "copy" {
		where = fmt.Sprintf("%s from %q to %q", op.Op, op.From, op.Path)
	}
	e := &OpError{Index: i, Op: op.Op, Path: op.Path, Err: err}
	for _, s := range [...]error{ErrTestFailed, ErrInvalidIndex, ErrCannotRemoveRoot, ErrMissing, ErrCopyTooLarge, ErrInvalidPatch} {
		if errors.Is(err, s) {
			e.Err = s
			e.Msg = fmt.Sprintf("%s: %v", where, err)
			if s == ErrTestFailed {
				e.Msg = fmt.Sprintf("%s: %v (want %s)", where, err, shorten(op.Value))
			}
			return e
		}
	}
	var numErr *strconv.NumError
	var sizeErr *evanphx.AccumulatedCopySizeError
	switch {
	case errors.Is(err, evanphx.ErrInvalidIndex), errors.As(err, &numErr):
		e.Err = ErrInvalidIndex
	case errors.Is(err, evanphx.ErrMissing):
		e.Err = ErrMissing
	case errors.As(err, &sizeErr):
		e.Err = ErrCopyTooLarge
	}
	e.Msg = fmt.Sprintf("%s: %v", where, e.Err)
	return e
}

func shorten(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) > 64 {
		return string(v[:61]) + "..."
	}
	return string(v)
}
