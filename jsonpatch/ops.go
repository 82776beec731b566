package jsonpatch

import "bytes"

// This file applies single edits directly to raw JSON bytes, each a pass
// over the document: ApplyAccount's few edits after a patch, and, in the
// tests, applyOwn, the operation-at-a-time reference that tree.go (which
// applies whole patches) and the evanphx path are checked against. The
// document must be valid JSON without surrounding spaces. Results are not
// compacted.

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
