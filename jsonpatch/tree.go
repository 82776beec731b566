package jsonpatch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// This file applies a whole patch to one parsed copy of the document, so
// that a patch costs time linear in its size and the document's: the
// document is read once, each container is split into its members the
// first time an operation reaches into it (and stays split), and the
// result is written once. It follows ops.go exactly (ops.go applies one
// operation to raw bytes, which costs a pass over the document per
// operation, and serves ApplyAccount's few edits and the tests as the
// reference).

// tnode is a JSON value of the document being patched: raw bytes until
// an operation reaches into it, then its members.
type tnode struct {
	raw  []byte   // the value, valid JSON without surrounding spaces; nil once split
	kind byte     // '{' or '[' once split
	keys []string // an object's member names, decoded, in order (repeats kept)
	rkey [][]byte // their raw JSON strings as read; nil for a member added here
	vals []*tnode // an object's values or an array's elements
	last map[string]int
}

// bigObject is the member count from which an object keeps a map from
// name to its last member.
const bigObject = 16

// split turns a raw object or array into its members; other values stay
// raw.
func (n *tnode) split() {
	if n.raw == nil || (n.raw[0] != '{' && n.raw[0] != '[') {
		return
	}
	b := n.raw
	n.kind, n.raw = b[0], nil
	close := byte('}')
	if n.kind == '[' {
		close = ']'
	}
	i := skipSpace(b, 1)
	for i < len(b) && b[i] != close {
		if n.kind == '{' {
			ks := i
			ke := skipString(b, i)
			n.keys = append(n.keys, decodeKey(b, ks, ke))
			n.rkey = append(n.rkey, b[ks:ke])
			i = skipSpace(b, skipSpace(b, ke)+1) // past ':'
		}
		ve := skipValue(b, i)
		n.vals = append(n.vals, &tnode{raw: b[i:ve]})
		i = skipSpace(b, ve)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
}

// container reports whether n is an object or array, splitting it.
func (n *tnode) container() bool {
	n.split()
	return n.raw == nil
}

// find returns the index of the last member named key, or -1.
func (n *tnode) find(key string) int {
	if len(n.keys) >= bigObject {
		if n.last == nil {
			n.last = make(map[string]int, len(n.keys))
			for i, k := range n.keys {
				n.last[k] = i
			}
		}
		if i, ok := n.last[key]; ok {
			return i
		}
		return -1
	}
	for i := len(n.keys) - 1; i >= 0; i-- {
		if n.keys[i] == key {
			return i
		}
	}
	return -1
}

// appendMember adds a member at the end of an object.
func (n *tnode) appendMember(key string, v *tnode) {
	n.keys, n.rkey, n.vals = append(n.keys, key), append(n.rkey, nil), append(n.vals, v)
	if n.last != nil {
		n.last[key] = len(n.keys) - 1
	}
}

// removeMembers removes every member named key and reports whether there
// was one.
func (n *tnode) removeMembers(key string) bool {
	found := false
	for i := len(n.keys) - 1; i >= 0; i-- {
		if n.keys[i] == key {
			n.keys, n.rkey, n.vals = slices.Delete(n.keys, i, i+1), slices.Delete(n.rkey, i, i+1), slices.Delete(n.vals, i, i+1)
			found = true
		}
	}
	if found {
		n.last = nil
	}
	return found
}

// write appends n as JSON to b: raw parts as read, the rest compact.
func (n *tnode) write(b []byte) []byte {
	if n.raw != nil {
		return append(b, n.raw...)
	}
	b = append(b, n.kind)
	for i, v := range n.vals {
		if i > 0 {
			b = append(b, ',')
		}
		if n.kind == '{' {
			if n.rkey[i] != nil {
				b = append(b, n.rkey[i]...)
			} else {
				b = appendJSONString(b, n.keys[i])
			}
			b = append(b, ':')
		}
		b = v.write(b)
	}
	if n.kind == '{' {
		return append(b, '}')
	}
	return append(b, ']')
}

// bytes returns n as JSON, sharing the document's bytes when n was never
// split.
func (n *tnode) bytes() []byte {
	if n.raw != nil {
		return n.raw
	}
	return n.write(nil)
}

// tree is a document being patched.
type tree struct {
	root   *tnode
	copied int64 // bytes added by copy operations
}

// resolve returns the value the tokens point at (see resolve in raw.go).
func (t *tree) resolve(toks []string) (*tnode, error) {
	n := t.root
	for _, tok := range toks {
		if !n.container() {
			return nil, ErrMissing
		}
		if n.kind == '{' {
			i := n.find(tok)
			if i < 0 {
				return nil, ErrMissing
			}
			n = n.vals[i]
			continue
		}
		idx, ok := arrayIndex(tok)
		if !ok || idx >= len(n.vals) {
			return nil, ErrInvalidIndex
		}
		n = n.vals[idx]
	}
	return n, nil
}

// parent resolves all tokens but the last and returns the container.
func (t *tree) parent(toks []string) (*tnode, error) {
	p, err := t.resolve(toks[:len(toks)-1])
	if err != nil {
		return nil, err
	}
	if !p.container() {
		return nil, ErrMissing
	}
	return p, nil
}

// add implements RFC 6902 "add" of v at the tokens.
func (t *tree) add(toks []string, v *tnode) error {
	if len(toks) == 0 {
		t.root = v
		return nil
	}
	p, err := t.parent(toks)
	if err != nil {
		return err
	}
	key := toks[len(toks)-1]
	if p.kind == '{' {
		if i := p.find(key); i >= 0 {
			p.vals[i] = v
		} else {
			p.appendMember(key, v)
		}
		return nil
	}
	idx := len(p.vals)
	if key != "-" {
		var ok bool
		if idx, ok = arrayIndex(key); !ok || idx > len(p.vals) {
			return ErrInvalidIndex
		}
	}
	p.vals = slices.Insert(p.vals, idx, v)
	return nil
}

// remove implements RFC 6902 "remove" at the tokens (at least one); an
// object loses every member with the name.
func (t *tree) remove(toks []string) error {
	p, err := t.parent(toks)
	if err != nil {
		return err
	}
	key := toks[len(toks)-1]
	if p.kind == '[' {
		idx, ok := arrayIndex(key)
		if !ok || idx >= len(p.vals) {
			return ErrInvalidIndex
		}
		p.vals = slices.Delete(p.vals, idx, idx+1)
		return nil
	}
	if !p.removeMembers(key) {
		return ErrMissing
	}
	return nil
}

// apply applies one operation.
func (t *tree) apply(op Operation) error {
	switch op.Op {
	case "add":
		return t.add(tokens(op.Path), &tnode{raw: trimValue(op.Value)})
	case "remove":
		if op.Path == "" {
			return ErrCannotRemoveRoot
		}
		return t.remove(tokens(op.Path))
	case "replace":
		n, err := t.resolve(tokens(op.Path))
		if err != nil {
			return err
		}
		*n = tnode{raw: trimValue(op.Value)}
		return nil
	case "move":
		from := tokens(op.From)
		n, err := t.resolve(from)
		if err != nil {
			return fmt.Errorf("from: %w", err)
		}
		if op.From == op.Path {
			return nil
		}
		if len(from) == 0 {
			return ErrCannotRemoveRoot
		}
		if err := t.remove(from); err != nil {
			return err
		}
		return t.add(tokens(op.Path), n)
	case "copy":
		n, err := t.resolve(tokens(op.From))
		if err != nil {
			return fmt.Errorf("from: %w", err)
		}
		val := bytes.Clone(n.bytes())
		t.copied += int64(len(val))
		if t.copied > MaxCopyBytes {
			return ErrCopyTooLarge
		}
		return t.add(tokens(op.Path), &tnode{raw: val})
	case "test":
		n, err := t.resolve(tokens(op.Path))
		if err != nil {
			return fmt.Errorf("%w: path does not exist (%v)", ErrTestFailed, err)
		}
		eq, err := jsonEqual(n.bytes(), op.Value)
		if err != nil {
			return err
		}
		if !eq {
			return ErrTestFailed
		}
		return nil
	}
	return fmt.Errorf("unknown op %q: %w", op.Op, ErrInvalidPatch)
}

// applyTree applies p to doc (valid JSON, trimmed) on one parsed copy and
// returns the result, compacted.
func applyTree(doc []byte, p Patch) ([]byte, error) {
	t := tree{root: &tnode{raw: doc}}
	for i, op := range p {
		if err := t.apply(op); err != nil {
			return nil, opError(i, op, err)
		}
	}
	out := t.root.write(make([]byte, 0, len(doc)+64))
	var buf bytes.Buffer
	buf.Grow(len(out))
	if err := json.Compact(&buf, out); err != nil {
		return nil, &DocError{Offset: -1, Msg: err.Error()}
	}
	return buf.Bytes(), nil
}
