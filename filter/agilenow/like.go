package agilenow

import "unicode/utf8"

// The wildcards of a Like pattern, stored as negative runes.
const (
	anyRun rune = -1 // %: any run of characters, including none
	anyOne rune = -2 // _: exactly one character
)

// likePattern is a compiled Like value: folded runes and wildcards.
type likePattern []rune

// compileLike turns a Like value into a pattern: "%" matches any run of
// characters, "_" exactly one, and every other character itself, ignoring
// case. Runs of "%" collapse into one.
func compileLike(s string) likePattern {
	pat := make(likePattern, 0, len(s))
	for _, r := range s {
		switch r {
		case '%':
			if len(pat) > 0 && pat[len(pat)-1] == anyRun {
				continue
			}
			r = anyRun
		case '_':
			r = anyOne
		default:
			r = foldRune(r)
		}
		pat = append(pat, r)
	}
	return pat
}

// match reports whether the whole of s matches the pattern. It backtracks
// only to the last "%", so it runs in O(len(s)·len(pattern)) time at worst.
func (pat likePattern) match(s string) bool {
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if p < len(pat) {
			switch c := pat[p]; {
			case c == anyRun:
				starP, starI = p, i
				p++
				continue
			case c == anyOne || c == foldRune(r):
				p++
				i += w
				continue
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last % swallow one more character and retry after it.
		_, w = utf8.DecodeRuneInString(s[starI:])
		starI += w
		p, i = starP+1, starI
	}
	for p < len(pat) && pat[p] == anyRun {
		p++
	}
	return p == len(pat)
}
