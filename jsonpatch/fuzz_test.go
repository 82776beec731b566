package jsonpatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// applyAllOwn applies p with this package's own code only, never evanphx. The
// fuzz target compares it with Patch.Apply.
func applyAllOwn(doc []byte, p Patch) ([]byte, error) {
	cur := bytes.TrimSpace(doc)
	if !json.Valid(cur) {
		return nil, errors.New("invalid document")
	}
	var copied int64
	for i, op := range p {
		next, err := applyOwn(cur, op, &copied)
		if err != nil {
			return nil, opError(i, op, err)
		}
		cur = next
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, cur); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// FuzzApply checks that Decode and Apply never panic, that a failed Apply
// leaves the document byte-identical and returns nil, and that the evanphx
// path and this package's own code agree on every patch.
func FuzzApply(f *testing.F) {
	seeds := []struct{ doc, patch string }{
		{`{"a":[1,2,{"b":null}],"c":{"":1}}`, `[{"op":"add","path":"/a/1","value":{"x":1}},{"op":"test","path":"/c/","value":1.0}]`},
		{`{"a":[1,2]}`, `[{"op":"move","from":"/a/0","path":"/a/-"},{"op":"copy","from":"/a","path":"/b"},{"op":"remove","path":"/a/01"}]`},
		{`[1,[2,3]]`, `[{"op":"replace","path":"/1/0","value":"x"},{"op":"remove","path":"/0"}]`},
		{` "s" `, `[{"op":"replace","path":"","value":{"a~b":1}},{"op":"add","path":"/a~0b","value":2}]`},
		{accountDoc, accountPatch},
		{`{"a":{"b":1}}`, `[{"op":"move","from":"/a/b","path":"/a"},{"op":"test","path":"/a","value":1}]`},
		{`{`, `[]`},
		{`{}`, `[{"op":"add"}]`},
	}
	for _, s := range seeds {
		f.Add([]byte(s.doc), []byte(s.patch))
	}
	f.Fuzz(func(t *testing.T, doc, patch []byte) {
		orig := bytes.Clone(doc)
		p, err := Decode(patch)
		if err != nil {
			if p != nil {
				t.Fatalf("Decode returned a patch and an error")
			}
			return
		}
		got, err := p.Apply(doc)
		if !bytes.Equal(doc, orig) {
			t.Fatalf("Apply modified its input")
		}
		if err != nil {
			if got != nil {
				t.Fatalf("Apply returned a document and an error %v", err)
			}
		} else if !json.Valid(got) {
			t.Fatalf("Apply returned invalid JSON %q", got)
		}
		own, ownErr := applyAllOwn(doc, p)
		if (err == nil) != (ownErr == nil) {
			t.Fatalf("Apply and the own code disagree:\nApply: %s, %v\nown:   %s, %v", got, err, own, ownErr)
		}
		if err != nil {
			var a, b *OpError
			if errors.As(err, &a) && errors.As(ownErr, &b) && a.Index != b.Index {
				t.Fatalf("failing operation: Apply says %d (%v), own code says %d (%v)", a.Index, err, b.Index, ownErr)
			}
			return
		}
		if eq, err := jsonEqual(got, own); err != nil || !eq {
			t.Fatalf("Apply and the own code disagree:\nApply: %s\nown:   %s", got, own)
		}
	})
}
