package oas

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"unicode/utf8"
)

// count checks a size (characters of a string, items of an array,
// properties of an object) against the keywords minKey and maxKey.
func (v *validator) count(n map[string]any, minKey, maxKey string, got int, what, at string) {
	size := new(big.Rat).SetInt64(int64(got))
	if lim, ok := ratOf(n[minKey]); ok && size.Cmp(lim) < 0 {
		v.fail(at, "has %d %s, fewer than %s %v", got, what, minKey, n[minKey])
	}
	if lim, ok := ratOf(n[maxKey]); ok && size.Cmp(lim) > 0 {
		v.fail(at, "has %d %s, more than %s %v", got, what, maxKey, n[maxKey])
	}
}

// str checks the string keywords of n: lengths in characters (code
// points), pattern (as a Go regexp, unanchored) and format date-time.
func (v *validator) str(n map[string]any, val, at string) {
	v.count(n, "minLength", "maxLength", utf8.RuneCountInString(val), "characters", at)
	if p, ok := n["pattern"].(string); ok {
		re, err := regexp.Compile(p)
		switch {
		case err != nil:
			v.specProblem(at, fmt.Errorf("pattern %q is not a Go regexp: %v", p, err))
		case !re.MatchString(val):
			v.fail(at, "%q does not match pattern %q", val, p)
		}
	}
	if n["format"] == "date-time" {
		if err := v.sp.dateTime(val); err != nil {
			v.fail(at, "%v", err)
		}
	}
}

// number checks the number keywords of n, and formats int32 and int64.
func (v *validator) number(n map[string]any, val json.Number, at string) {
	x, ok := ratOf(val)
	if !ok {
		v.fail(at, "%s is not a number", val)
		return
	}
	if lim, ok := ratOf(n["minimum"]); ok {
		excl, _ := n["exclusiveMinimum"].(bool)
		if c := x.Cmp(lim); c < 0 || excl && c == 0 {
			v.fail(at, "%s is below the minimum %v%s", val, n["minimum"], exclusive(excl))
		}
	}
	if lim, ok := ratOf(n["maximum"]); ok {
		excl, _ := n["exclusiveMaximum"].(bool)
		if c := x.Cmp(lim); c > 0 || excl && c == 0 {
			v.fail(at, "%s is above the maximum %v%s", val, n["maximum"], exclusive(excl))
		}
	}
	if m, ok := ratOf(n["multipleOf"]); ok && m.Sign() > 0 && !new(big.Rat).Quo(x, m).IsInt() {
		v.fail(at, "%s is not a multiple of %v", val, n["multipleOf"])
	}
	switch f := n["format"]; f {
	case "int32", "int64":
		lo, hi := int64(math.MinInt32), int64(math.MaxInt32)
		if f == "int64" {
			lo, hi = math.MinInt64, math.MaxInt64
		}
		if !x.IsInt() || !x.Num().IsInt64() || x.Num().Int64() < lo || x.Num().Int64() > hi {
			v.fail(at, "%s is not an integer of format %s", val, f)
		}
	}
}

func exclusive(excl bool) string {
	if excl {
		return " (exclusive)"
	}
	return ""
}
