package jsonpatch

import (
	"bytes"
	"encoding/json"
)

// This file reads raw JSON bytes that are known to be valid (the document is
// checked with json.Valid before any of it is used). It finds where a value,
// an object member or an array element starts and ends, without decoding the
// rest of the document.

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// skipString returns the index just after the string starting at b[i] == '"'.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index just after the value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	default:
		for ; i < len(b); i++ {
			switch b[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return i
			}
		}
		return i
	}
}

// keyEquals reports whether the JSON string b[i:j] decodes to key.
func keyEquals(b []byte, i, j int, key string) bool {
	s := b[i+1 : j-1]
	if bytes.IndexByte(s, '\\') < 0 {
		return string(s) == key
	}
	return decodeKey(b, i, j) == key
}

// decodeKey returns the string value of the JSON string b[i:j].
func decodeKey(b []byte, i, j int) string {
	s := b[i+1 : j-1]
	if bytes.IndexByte(s, '\\') < 0 {
		return string(s)
	}
	var out string
	if json.Unmarshal(b[i:j], &out) != nil {
		return string(s)
	}
	return out
}

// member is the location of one object member or array element.
type member struct {
	start int // first byte of the member (its key) or element
	val   int // first byte of the value
	end   int // just after the value
}

// findMember looks for key in the object starting at b[obj] == '{'. It
// reports the last member with that key (as encoding/json does), the number of
// members, and the index of the closing '}'.
func findMember(b []byte, obj int, key string) (m member, found bool, n int, closing int) {
	i := skipSpace(b, obj+1)
	for i < len(b) && b[i] != '}' {
		ks := i
		ke := skipString(b, i)
		i = skipSpace(b, ke)
		i = skipSpace(b, i+1) // ':'
		vs := i
		ve := skipValue(b, vs)
		if keyEquals(b, ks, ke, key) {
			m, found = member{start: ks, val: vs, end: ve}, true
		}
		n++
		i = skipSpace(b, ve)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return m, found, n, i
}

// findElement looks for element idx of the array starting at b[arr] == '['.
// It reports the element when idx is in range, the array's length (counted up
// to idx+1 only when found), and the index of the closing ']' when not found.
func findElement(b []byte, arr int, idx int) (m member, found bool, n int, closing int) {
	i := skipSpace(b, arr+1)
	for i < len(b) && b[i] != ']' {
		vs := i
		ve := skipValue(b, vs)
		if n == idx {
			return member{start: vs, val: vs, end: ve}, true, n + 1, -1
		}
		n++
		i = skipSpace(b, ve)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return m, false, n, i
}

// resolve finds the value that the tokens point at in the document b, which
// starts (after spaces) at root. It returns the start and end of the value.
// A token on an object names a key; on an array it must be a valid RFC 6901
// index in range (ErrInvalidIndex otherwise); on anything else the path does
// not exist (ErrMissing).
func resolve(b []byte, root int, toks []string) (start, end int, err error) {
	start = root
	end = skipValue(b, root)
	for _, t := range toks {
		switch b[start] {
		case '{':
			m, ok, _, _ := findMember(b, start, t)
			if !ok {
				return 0, 0, ErrMissing
			}
			start, end = m.val, m.end
		case '[':
			idx, ok := arrayIndex(t)
			if !ok {
				return 0, 0, ErrInvalidIndex
			}
			m, ok, _, _ := findElement(b, start, idx)
			if !ok {
				return 0, 0, ErrInvalidIndex
			}
			start, end = m.val, m.end
		default:
			return 0, 0, ErrMissing
		}
	}
	return start, end, nil
}
