package jsonpatch

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"
)

// jsonEqual reports whether two JSON values are equal as RFC 6902 section
// 4.6 defines for "test": same type; strings equal after unescaping; numbers
// equal by value (1, 1.0 and 10e-1 are equal); arrays equal element by
// element; objects with the same members regardless of order.
func jsonEqual(a, b []byte) (bool, error) {
	a, b = bytes.TrimSpace(a), bytes.TrimSpace(b)
	if bytes.Equal(a, b) {
		return true, nil
	}
	va, err := decodeNumbers(a)
	if err != nil {
		return false, err
	}
	vb, err := decodeNumbers(b)
	if err != nil {
		return false, err
	}
	return valuesEqual(va, vb), nil
}

func decodeNumbers(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func valuesEqual(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	case string:
		bs, ok := b.(string)
		return ok && a == bs
	case json.Number:
		bn, ok := b.(json.Number)
		return ok && numbersEqual(string(a), string(bn))
	case []any:
		ba, ok := b.([]any)
		if !ok || len(a) != len(ba) {
			return false
		}
		for i := range a {
			if !valuesEqual(a[i], ba[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			bv, ok := bm[k]
			if !ok || !valuesEqual(v, bv) {
				return false
			}
		}
		return true
	}
	return false
}

// decimal is a JSON number as sign, significant digits (no leading or
// trailing zeros) and the power of ten of the last digit. Zero has no digits.
type decimal struct {
	neg    bool
	digits string
	exp    *big.Int
}

// parseDecimal reads a valid JSON number exactly, whatever its exponent.
func parseDecimal(s string) decimal {
	var d decimal
	if strings.HasPrefix(s, "-") {
		d.neg = true
		s = s[1:]
	}
	mant, expPart := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expPart = s[:i], s[i+1:]
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	d.exp = new(big.Int)
	if expPart != "" {
		d.exp.SetString(strings.TrimPrefix(expPart, "+"), 10)
	}
	d.exp.Sub(d.exp, big.NewInt(int64(len(frac))))
	digits := strings.TrimLeft(intPart+frac, "0")
	trimmed := strings.TrimRight(digits, "0")
	d.exp.Add(d.exp, big.NewInt(int64(len(digits)-len(trimmed))))
	d.digits = trimmed
	return d
}

// numbersEqual compares two JSON numbers by value; -0 equals 0.
func numbersEqual(a, b string) bool {
	if a == b {
		return true
	}
	da, db := parseDecimal(a), parseDecimal(b)
	if da.digits == "" || db.digits == "" {
		return da.digits == db.digits
	}
	return da.neg == db.neg && da.digits == db.digits && da.exp.Cmp(db.exp) == 0
}
