package oas

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// checkedKeywords are the schema keywords the validator enforces, each
// with the kind of value it takes.
var checkedKeywords = map[string]string{
	"$ref":                 "a string",
	"type":                 "a type name",
	"format":               "a string",
	"nullable":             "a boolean",
	"enum":                 "an array",
	"required":             "an array of strings",
	"properties":           "an object",
	"additionalProperties": "an object or a boolean",
	"minProperties":        "a non-negative integer",
	"maxProperties":        "a non-negative integer",
	"items":                "an object",
	"minItems":             "a non-negative integer",
	"maxItems":             "a non-negative integer",
	"uniqueItems":          "a boolean",
	"allOf":                "an array",
	"anyOf":                "an array",
	"oneOf":                "an array",
	"not":                  "an object",
	"minimum":              "a number",
	"maximum":              "a number",
	"exclusiveMinimum":     "a boolean",
	"exclusiveMaximum":     "a boolean",
	"multipleOf":           "a positive number",
	"minLength":            "a non-negative integer",
	"maxLength":            "a non-negative integer",
	"pattern":              "a string",
}

// ignoredKeywords are annotations: they say nothing a response body must
// satisfy (readOnly and writeOnly concern requests; discriminator only
// speeds up oneOf). Keys starting "x-" are extensions, ignored too.
var ignoredKeywords = map[string]bool{
	"title": true, "description": true, "default": true, "example": true, "examples": true,
	"readOnly": true, "writeOnly": true, "deprecated": true, "discriminator": true,
	"xml": true, "externalDocs": true,
}

var typeNames = []string{"array", "boolean", "integer", "number", "object", "string"}

// keywords reports, as problems of the spec, the keywords of s that are
// neither checked nor ignored, and keyword values of the wrong kind. It
// returns false if s cannot be checked.
func (v *validator) keywords(s Schema, at string) bool {
	ok := true
	for _, k := range slices.Sorted(maps.Keys(s.node)) {
		val := s.node[k]
		want, checked := checkedKeywords[k]
		switch {
		case checked:
			if !isKind(val, want) {
				v.specProblem(at, fmt.Errorf("%s: %q is %s, want %s", fileName(s.file), k, describe(val), want))
				ok = false
			}
		case ignoredKeywords[k] || strings.HasPrefix(k, "x-"):
		default:
			v.specProblem(at, fmt.Errorf("%s: schema keyword %q is not supported", fileName(s.file), k))
		}
	}
	return ok
}

func isKind(val any, kind string) bool {
	switch kind {
	case "a string":
		_, ok := val.(string)
		return ok
	case "a boolean":
		_, ok := val.(bool)
		return ok
	case "an array":
		_, ok := val.([]any)
		return ok
	case "an object":
		_, ok := val.(map[string]any)
		return ok
	case "an object or a boolean":
		return isKind(val, "an object") || isKind(val, "a boolean")
	case "a number":
		_, ok := ratOf(val)
		return ok
	case "a positive number":
		r, ok := ratOf(val)
		return ok && r.Sign() > 0
	case "a non-negative integer":
		r, ok := ratOf(val)
		return ok && r.IsInt() && r.Sign() >= 0
	case "an array of strings":
		a, ok := val.([]any)
		return ok && !slices.ContainsFunc(a, func(e any) bool { return !isKind(e, "a string") })
	case "a type name":
		t, ok := val.(string)
		return ok && slices.Contains(typeNames, t)
	}
	panic("oas: unknown keyword kind " + kind)
}

// describe names a keyword value in a message.
func describe(val any) string {
	if s, ok := val.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return aKind(val)
}
