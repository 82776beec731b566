package jsonpatch

import (
	"bytes"
	"fmt"
)

// This file applies single operations directly to raw JSON bytes. It is used
// for every "test" and for the operations that evanphx/json-patch resolves
// differently from RFC 6901 (see evanphxSafe): the whole document as a
// target, empty keys, and tokens such as "01" or "-0". The document must be
// valid JSON without surrounding spaces. Results are not compacted.

// applyOwn applies op to doc and returns the new document. copied counts the
// bytes added by copy operations so far.
func applyOwn(doc []byte, op Operation, copied *int64) ([]byte, error) {
	switch op.Op {
	case "add":
		return addValue(doc, tokens(op.Path), trimValue(op.Value))
	case "remove":
		if op.Path == "" {
			return nil, ErrCannotRemoveRoot
		}
		return removeValue(doc, tokens(op.Path))
	case "replace":
		toks := tokens(op.Path)
		if len(toks) == 0 {
			return append([]byte(nil), trimValue(op.Value)...), nil
		}
		s, e, err := resolve(doc, 0, toks)
		if err != nil {
			return nil, err
		}
		return splice(doc, s, e, trimValue(op.Value)), nil
	case "move":
		from := tokens(op.From)
		s, e, err := resolve(doc, 0, from)
		if err != nil {
			return nil, fmt.Errorf("from: %w", err)
		}
		if op.From == op.Path {
			return doc, nil
		}
		if len(from) == 0 {
			return nil, ErrCannotRemoveRoot
		}
		val := append([]byte(nil), doc[s:e]...)
		doc, err = removeValue(doc, from)
		if err != nil {
			return nil, err
		}
		return addValue(doc, tokens(op.Path), val)
	case "copy":
		s, e, err := resolve(doc, 0, tokens(op.From))
		if err != nil {
			return nil, fmt.Errorf("from: %w", err)
		}
		*copied += int64(e - s)
		if *copied > MaxCopyBytes {
			return nil, ErrCopyTooLarge
		}
		val := append([]byte(nil), doc[s:e]...)
		return addValue(doc, tokens(op.Path), val)
	case "test":
		s, e, err := resolve(doc, 0, tokens(op.Path))
		if err != nil {
			return nil, fmt.Errorf("%w: path does not exist (%v)", ErrTestFailed, err)
		}
		eq, err := jsonEqual(doc[s:e], op.Value)
		if err != nil {
			return nil, err
		}
		if !eq {
			return nil, ErrTestFailed
		}
		return doc, nil
	}
	return nil, fmt.Errorf("unknown op %q: %w", op.Op, ErrInvalidPatch)
}

func trimValue(v []byte) []byte { return bytes.TrimSpace(v) }

// splice returns a new slice holding b[:i], then ins, then b[j:].
func splice(b []byte, i, j int, ins ...[]byte) []byte {
	n := len(b) - (j - i)
	for _, s := range ins {
		n += len(s)
	}
	out := make([]byte, 0, n)
	out = append(out, b[:i]...)
	for _, s := range ins {
		out = append(out, s...)
	}
	return append(out, b[j:]...)
}

// parent resolves all tokens but the last and returns the container's start.
func parent(doc []byte, toks []string) (int, error) {
	s, _, err := resolve(doc, 0, toks[:len(toks)-1])
	if err != nil {
		return 0, err
	}
	if doc[s] != '{' && doc[s] != '[' {
		return 0, ErrMissing
	}
	return s, nil
}

// addValue implements RFC 6902 "add" of val at the tokens.
func addValue(doc []byte, toks []string, val []byte) ([]byte, error) {
	if len(toks) == 0 {
		return append([]byte(nil), val...), nil
	}
	p, err := parent(doc, toks)
	if err != nil {
		return nil, err
	}
	key := toks[len(toks)-1]
	if doc[p] == '{' {
		m, found, n, closing := findMember(doc, p, key)
		if found {
			return splice(doc, m.val, m.end, val), nil
		}
		k := appendJSONString(nil, key)
		if n == 0 {
			return splice(doc, closing, closing, k, []byte(":"), val), nil
		}
		return splice(doc, closing, closing, []byte(","), k, []byte(":"), val), nil
	}
	idx := -1
	if key != "-" {
		var ok bool
		if idx, ok = arrayIndex(key); !ok {
			return nil, ErrInvalidIndex
		}
	}
	m, found, n, closing := findElement(doc, p, idx)
	switch {
	case found:
		return splice(doc, m.start, m.start, val, []byte(",")), nil
	case idx == -1 || idx == n:
		if n == 0 {
			return splice(doc, closing, closing, val), nil
		}
		return splice(doc, closing, closing, []byte(","), val), nil
	default:
		return nil, ErrInvalidIndex
	}
}

// removeValue implements RFC 6902 "remove" at the tokens (at least one). An
// object with duplicate keys loses every member with that key.
func removeValue(doc []byte, toks []string) ([]byte, error) {
	p, err := parent(doc, toks)
	if err != nil {
		return nil, err
	}
	key := toks[len(toks)-1]
	if doc[p] == '[' {
		idx, ok := arrayIndex(key)
		if !ok {
			return nil, ErrInvalidIndex
		}
		m, found, _, _ := findElement(doc, p, idx)
		if !found {
			return nil, ErrInvalidIndex
		}
		return cut(doc, m), nil
	}
	m, found, _, _ := findMember(doc, p, key)
	if !found {
		return nil, ErrMissing
	}
	for found {
		doc = cut(doc, m)
		m, found, _, _ = findMember(doc, p, key)
	}
	return doc, nil
}

// cut removes a member or element and one comma next to it.
func cut(doc []byte, m member) []byte {
	if i := skipSpace(doc, m.end); i < len(doc) && doc[i] == ',' {
		return splice(doc, m.start, skipSpace(doc, i+1))
	}
	i := m.start - 1
	for i >= 0 && isSpace(doc[i]) {
		i--
	}
	if i >= 0 && doc[i] == ',' {
		return splice(doc, i, m.end)
	}
	return splice(doc, m.start, m.end)
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
