package agilenow

import (
	"cmp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// number is a parsed numeric value. Integers that fit int64 compare
// exactly; anything else compares as float64.
type number struct {
	i     int64
	f     float64
	isInt bool
}

// parseNumber parses JSON number syntax: -?digits[.digits][(e|E)[+-]digits].
func parseNumber(s string) (number, bool) {
	if !isJSONNumber(s) {
		return number{}, false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return number{i: i, f: float64(i), isInt: true}, true
	}
	// The syntax is valid, so the only possible error is a range error,
	// which still yields ±Inf or 0: values that order correctly.
	f, _ := strconv.ParseFloat(s, 64)
	return number{f: f}, true
}

// isJSONNumber reports whether s is a number in JSON syntax.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i > j
	}
	if !digits() {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

// compareNumbers orders a and b.
func compareNumbers(a, b number) int {
	if a.isInt && b.isInt {
		return cmp.Compare(a.i, b.i)
	}
	return cmp.Compare(a.f, b.f)
}

// parseBool accepts true, false, 1 and 0, ignoring case.
func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"), s == "1":
		return true, true
	case strings.EqualFold(s, "false"), s == "0":
		return false, true
	}
	return false, false
}

// compareBools orders false before true.
func compareBools(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// parseTime accepts YYYY-MM-DD (start of that day, UTC), RFC 3339 with
// optional fraction, and YYYY-MM-DDThh:mm:ss[.f] without a zone (UTC).
func parseTime(s string) (time.Time, bool) {
	if len(s) == len(time.DateOnly) {
		t, err := time.Parse(time.DateOnly, s)
		return t, err == nil
	}
	// Try the stored form first: a failed Parse allocates its error.
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// foldRune maps r to the form in which text compares: lower case.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// foldString returns s in the form in which text compares.
func foldString(s string) string { return strings.Map(foldRune, s) }

// compareFold orders a and b case-insensitively, by code point of the
// lower-cased runes, without allocating. It agrees with
// strings.Compare(foldString(a), foldString(b)).
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, wa := utf8.DecodeRuneInString(a)
		rb, wb := utf8.DecodeRuneInString(b)
		if c := cmp.Compare(foldRune(ra), foldRune(rb)); c != 0 {
			return c
		}
		a, b = a[wa:], b[wb:]
	}
	return cmp.Compare(len(a), len(b))
}

// scalar is a typed value read from a stored document.
type scalar struct {
	s string // TypeString: the text as stored (not folded)
	n number
	b bool
	t time.Time
}

// readScalar converts a gjson result to typ. It reports false for a missing
// or null value, for objects and arrays, and for text that does not parse
// as typ; such a value is SQL NULL: it matches no condition.
func readScalar(r gjson.Result, typ Type) (scalar, bool) {
	switch r.Type {
	case gjson.Null, gjson.JSON:
		return scalar{}, false
	}
	switch typ {
	case TypeString:
		return scalar{s: r.String()}, true
	case TypeNumber:
		raw := r.Raw
		if r.Type == gjson.String {
			raw = r.Str
		}
		n, ok := parseNumber(raw)
		return scalar{n: n}, ok
	case TypeBool:
		switch r.Type {
		case gjson.True:
			return scalar{b: true}, true
		case gjson.False:
			return scalar{b: false}, true
		}
		b, ok := parseBool(r.String())
		return scalar{b: b}, ok
	case TypeDateTime:
		if r.Type != gjson.String {
			return scalar{}, false
		}
		t, ok := parseTime(r.Str)
		return scalar{t: t}, ok
	}
	return scalar{}, false
}

// compareScalars orders two values of type typ.
func compareScalars(typ Type, a, b scalar) int {
	switch typ {
	case TypeNumber:
		return compareNumbers(a.n, b.n)
	case TypeBool:
		return compareBools(a.b, b.b)
	case TypeDateTime:
		return a.t.Compare(b.t)
	}
	return compareFold(a.s, b.s)
}
