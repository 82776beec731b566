package oas

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
)

// Documents and specs are decoded with json.Number, so numbers compare
// exactly, integers beyond 2^53 included.

func hasType(val any, typ string) bool {
	switch typ {
	case "object":
		_, ok := val.(map[string]any)
		return ok
	case "array":
		_, ok := val.([]any)
		return ok
	case "string":
		_, ok := val.(string)
		return ok
	case "boolean":
		_, ok := val.(bool)
		return ok
	case "number":
		_, ok := val.(json.Number)
		return ok
	case "integer":
		r, ok := ratOf(val)
		return ok && r.IsInt()
	}
	return false
}

func jsonKind(val any) string {
	switch val.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	}
	return fmt.Sprintf("%T", val)
}

// aKind names the kind of a JSON value with its article: "an object".
func aKind(val any) string {
	k := jsonKind(val)
	switch k {
	case "null":
		return k
	case "array", "object":
		return "an " + k
	}
	return "a " + k
}

// ratOf returns the value of a JSON number.
func ratOf(val any) (*big.Rat, bool) {
	n, ok := val.(json.Number)
	if !ok {
		return nil, false
	}
	return new(big.Rat).SetString(string(n))
}

// equal reports whether two JSON values are equal, numbers by value.
func equal(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		x, ok1 := ratOf(a)
		y, ok2 := ratOf(b)
		return ok1 && ok2 && x.Cmp(y) == 0
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			if bv, ok := b[k]; !ok || !equal(av, bv) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !equal(a[i], b[i]) {
				return false
			}
		}
		return true
	}
	return a == b // nil, string, bool: comparable
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// key returns the JSON path of member k of the object at at: $.a.b, or
// $.a["b c"] when k is not an identifier.
func key(at, k string) string {
	if identifier.MatchString(k) {
		return at + "." + k
	}
	return at + "[" + strconv.Quote(k) + "]"
}
