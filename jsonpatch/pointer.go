package jsonpatch

import (
	"fmt"
	"strings"
)

// checkPointer reports whether p is a valid RFC 6901 JSON pointer: either ""
// (the whole document) or "/"-separated reference tokens in which "~" is
// always followed by "0" or "1". The error says what is wrong and where.
func checkPointer(p string) error {
	if p == "" {
		return nil
	}
	if p[0] != '/' {
		return fmt.Errorf("pointer %q must be empty or start with \"/\"", p)
	}
	for i := 0; i < len(p); i++ {
		if p[i] != '~' {
			continue
		}
		if i+1 >= len(p) || (p[i+1] != '0' && p[i+1] != '1') {
			return fmt.Errorf("pointer %q has an invalid escape at byte %d (only ~0 and ~1 are allowed)", p, i)
		}
	}
	return nil
}

// tokens splits a valid pointer into its unescaped reference tokens. The
// pointer "" has no tokens; "/" has one, the empty key.
func tokens(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(p[1:], "/")
	for i, t := range parts {
		parts[i] = unescapeToken(t)
	}
	return parts
}

// unescapeToken decodes "~1" to "/" and then "~0" to "~" (RFC 6901 section 4).
func unescapeToken(t string) string {
	if !strings.Contains(t, "~") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == '~' && i+1 < len(t) {
			switch t[i+1] {
			case '0':
				b.WriteByte('~')
				i++
				continue
			case '1':
				b.WriteByte('/')
				i++
				continue
			}
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// EscapeToken encodes one reference token for use in a JSON pointer: "~"
// becomes "~0" and "/" becomes "~1".
func EscapeToken(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(t)
}

// arrayIndex parses an RFC 6901 array index: "0" or a digit 1-9 followed by
// digits, no sign, no leading zero. It reports false for anything else,
// including "-" and indexes too large for an int.
func arrayIndex(t string) (int, bool) {
	if t == "" || len(t) > 18 || (len(t) > 1 && t[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// isProperPrefix reports whether pointer a is a proper prefix of pointer b,
// token by token ("/a" is a proper prefix of "/a/b" but not of "/ab").
func isProperPrefix(a, b string) bool {
	return len(b) > len(a) && strings.HasPrefix(b, a) && b[len(a)] == '/'
}

// evanphxSafe reports whether evanphx/json-patch resolves pointer p as RFC
// 6901 says. It does not for "" (the root as a target), for empty tokens
// (its get("") returns the container itself) and for tokens that strconv.Atoi
// accepts but RFC 6901 does not ("-1", "+1", "01", "-0"), which evanphx treats
// as array indexes.
func evanphxSafe(p string) bool {
	if p == "" {
		return false
	}
	start := 1
	for i := 1; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		t := p[start:i]
		if t == "" || looksNumericNonCanonical(t) {
			return false
		}
		start = i + 1
	}
	return true
}

// looksNumericNonCanonical reports whether t is an optional sign followed by
// digits but not a canonical RFC 6901 array index.
func looksNumericNonCanonical(t string) bool {
	s := t
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	_, ok := arrayIndex(t)
	return !ok
}
