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
		{`{"a":1,"a":2}`, `[{"op":"remove","path":"/a"}]`},
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
		if hasDuplicateKeys(doc) {
			return // RFC 8259 leaves their meaning open; evanphx and the own code differ
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

// hasDuplicateKeys reports whether some object in the valid JSON doc has a
// member name twice. It reports false for invalid JSON.
func hasDuplicateKeys(doc []byte) bool {
	d := json.NewDecoder(bytes.NewReader(doc))
	type frame struct {
		obj  bool
		keys map[string]bool
		key  bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if s, ok := tok.(string); ok && top != nil && top.obj && top.key {
			if top.keys[s] {
				return true
			}
			top.keys[s] = true
			top.key = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{obj: true, keys: map[string]bool{}, key: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			return false
		}
		if t := stack[len(stack)-1]; t.obj {
			t.key = true
		}
	}
}
