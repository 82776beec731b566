package filter

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// All string comparisons fold case rune by rune with foldRune, so eq, sw,
// co, ordering and sorting agree with one another. They never allocate:
// literals are folded once at Compile, document strings as they are read.

// foldRune returns the lowercase form of r used for comparisons.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// foldString returns s with every rune folded; used on literals at Compile.
func foldString(s string) string { return strings.Map(foldRune, s) }

// trimPrefixFold reports whether s starts with folded (already folded)
// ignoring case, and returns the rest of s after that prefix.
func trimPrefixFold(s, folded string) (string, bool) {
	for folded != "" {
		if s == "" {
			return s, false
		}
		if c, p := s[0], folded[0]; c < utf8.RuneSelf && p < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != p {
				return s, false
			}
			s, folded = s[1:], folded[1:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		q, m := utf8.DecodeRuneInString(folded)
		if foldRune(r) != q {
			return s, false
		}
		s, folded = s[n:], folded[m:]
	}
	return s, true
}

// equalFold reports whether s equals folded ignoring case.
func equalFold(s, folded string) bool {
	rest, ok := trimPrefixFold(s, folded)
	return ok && rest == ""
}

// hasPrefixFold reports whether s starts with folded ignoring case.
func hasPrefixFold(s, folded string) bool {
	_, ok := trimPrefixFold(s, folded)
	return ok
}

// containsFold reports whether s contains folded ignoring case.
func containsFold(s, folded string) bool {
	for {
		if hasPrefixFold(s, folded) {
			return true
		}
		if s == "" {
			return false
		}
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
	}
}

// compareFold compares a and b rune by rune after folding both, returning
// -1, 0 or +1. It does not break ties between strings that differ only in
// case; callers that need a total order compare the raw bytes next.
func compareFold(a, b string) int {
	// ASCII first, a byte at a time: most keys are ASCII.
	i := 0
	for ; i < len(a) && i < len(b); i++ {
		ca, cb := a[i], b[i]
		if ca|cb >= utf8.RuneSelf {
			break
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	a, b = a[i:], b[i:]
	for a != "" && b != "" {
		r, n := utf8.DecodeRuneInString(a)
		q, m := utf8.DecodeRuneInString(b)
		if r, q = foldRune(r), foldRune(q); r != q {
			if r < q {
				return -1
			}
			return 1
		}
		a, b = a[n:], b[m:]
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}
