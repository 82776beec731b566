package oas

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// maxDepth bounds the nesting of checks, so that a cycle of $refs through
// allOf, anyOf, oneOf or not ends in an error rather than a stack overflow.
const maxDepth = 200

// validator collects the problems of one document.
type validator struct {
	sp   *Spec
	errs []string
	// root is the validator of the whole document; problems of the spec
	// itself go there, once each, so that a trial cannot hide them.
	root *validator
	seen map[string]bool
}

func newValidator(sp *Spec) *validator {
	v := &validator{sp: sp, seen: map[string]bool{}}
	v.root = v
	return v
}

// trial returns a validator for trying a member of anyOf or oneOf, or
// the schema under not, whose failures do not count by themselves.
func (v *validator) trial() *validator {
	return &validator{sp: v.sp, root: v.root}
}

func (v *validator) fail(at, format string, args ...any) {
	v.errs = append(v.errs, at+": "+fmt.Sprintf(format, args...))
}

// specProblem reports a problem of the spec (a broken $ref, an
// unsupported keyword), not of the document.
func (v *validator) specProblem(at string, err error) {
	msg := err.Error()
	if v.root.seen[msg] {
		return
	}
	v.root.seen[msg] = true
	v.root.errs = append(v.root.errs, at+": spec: "+msg)
}

// check validates val, found at the JSON path at, against s. member is
// true for an allOf member, which leaves the closed-object check to the
// schema that owns the allOf.
func (v *validator) check(s Schema, val any, at string, member bool, depth int) {
	if depth > maxDepth {
		v.specProblem(at, fmt.Errorf("schemas nest deeper than %d (a $ref cycle?)", maxDepth))
		return
	}
	s, err := v.sp.resolve(s)
	if err != nil {
		v.specProblem(at, err)
		return
	}
	if !v.keywords(s, at) {
		return
	}
	if val == nil {
		if !v.nullable(s, depth) {
			v.fail(at, "null is not allowed")
		}
		return
	}
	n := s.node
	all, _ := n["allOf"].([]any)
	for _, m := range all {
		v.check(s.sub(m), val, at, true, depth+1)
	}
	if anyOf, ok := n["anyOf"].([]any); ok {
		if matched, why := v.matches(s, anyOf, val, at, depth); len(matched) == 0 {
			v.fail(at, "matches no anyOf member (%s)", strings.Join(why, "; "))
		}
	}
	if oneOf, ok := n["oneOf"].([]any); ok {
		matched, why := v.matches(s, oneOf, val, at, depth)
		switch {
		case len(matched) == 0:
			v.fail(at, "matches no oneOf member (%s)", strings.Join(why, "; "))
		case len(matched) > 1:
			v.fail(at, "matches oneOf members %v, want exactly one", matched)
		}
	}
	if not, ok := n["not"]; ok {
		if matched, _ := v.matches(s, []any{not}, val, at, depth); len(matched) > 0 {
			v.fail(at, "matches the schema under not")
		}
	}
	if typ, ok := n["type"].(string); ok && !hasType(val, typ) {
		v.fail(at, "%s is not of type %s", jsonKind(val), typ)
		return
	}
	if enum, ok := n["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return equal(e, val) }) {
		v.fail(at, "%v is not one of %v", val, enum)
	}
	switch val := val.(type) {
	case map[string]any:
		v.object(s, val, at, member, depth)
	case []any:
		v.array(s, val, at, depth)
	case string:
		v.str(n, val, at)
	case json.Number:
		v.number(n, val, at)
	}
}

// matches tries val against each member and returns the indexes of those
// it matches, and for the others their first problem.
func (v *validator) matches(s Schema, members []any, val any, at string, depth int) (matched []int, why []string) {
	for i, m := range members {
		t := v.trial()
		t.check(s.sub(m), val, at, false, depth+1)
		if len(t.errs) == 0 {
			matched = append(matched, i)
		} else {
			why = append(why, fmt.Sprintf("#%d %s", i, t.errs[0]))
		}
	}
	return matched, why
}

// nullable reports whether s allows null: nullable: true, null among its
// enum, or an allOf, anyOf or oneOf member that allows null.
func (v *validator) nullable(s Schema, depth int) bool {
	if depth > maxDepth {
		return false
	}
	s, err := v.sp.resolve(s)
	if err != nil {
		return false
	}
	if n, _ := s.node["nullable"].(bool); n {
		return true
	}
	if enum, ok := s.node["enum"].([]any); ok && slices.ContainsFunc(enum, func(e any) bool { return e == nil }) {
		return true
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		members, _ := s.node[k].([]any)
		for _, m := range members {
			if v.nullable(s.sub(m), depth+1) {
				return true
			}
		}
	}
	return false
}

// declared collects the properties an object schema declares, across
// allOf, and reports whether it admits undeclared keys.
func (v *validator) declared(s Schema, props map[string]bool, depth int) (open bool) {
	s, err := v.sp.resolve(s)
	if err != nil || depth > maxDepth {
		return true
	}
	if ap, ok := s.node["additionalProperties"]; ok && ap != false {
		open = true
	}
	p, _ := s.node["properties"].(map[string]any)
	for k := range p {
		props[k] = true
	}
	all, _ := s.node["allOf"].([]any)
	for _, m := range all {
		if v.declared(s.sub(m), props, depth+1) {
			open = true
		}
	}
	return open
}

// object checks the object keywords of s itself (allOf members check
// their own), then, unless s is an allOf member, that val has no key s
// does not declare: a schema that declares properties, itself or across
// allOf, and no additionalProperties is closed.
func (v *validator) object(s Schema, val map[string]any, at string, member bool, depth int) {
	n := s.node
	req, _ := n["required"].([]any)
	for _, k := range req {
		if _, ok := val[k.(string)]; !ok {
			v.fail(at, "required key %q is missing", k)
		}
	}
	props, _ := n["properties"].(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(props)) {
		if e, ok := val[k]; ok {
			v.check(s.sub(props[k]), e, key(at, k), false, depth+1)
		}
	}
	if ap, ok := n["additionalProperties"].(map[string]any); ok {
		for _, k := range slices.Sorted(maps.Keys(val)) {
			if _, ok := props[k]; !ok {
				v.check(s.sub(ap), val[k], key(at, k), false, depth+1)
			}
		}
	}
	v.count(n, "minProperties", "maxProperties", len(val), "properties", at)
	if member {
		return
	}
	declared := map[string]bool{}
	if open := v.declared(s, declared, depth); !open && (len(declared) > 0 || n["additionalProperties"] == false) {
		for _, k := range slices.Sorted(maps.Keys(val)) {
			if !declared[k] {
				v.fail(at, "key %q is not declared in the schema", k)
			}
		}
	}
}

// array checks the array keywords of s.
func (v *validator) array(s Schema, val []any, at string, depth int) {
	n := s.node
	if items, ok := n["items"]; ok {
		for i, e := range val {
			v.check(s.sub(items), e, fmt.Sprintf("%s[%d]", at, i), false, depth+1)
		}
	}
	v.count(n, "minItems", "maxItems", len(val), "items", at)
	if unique, _ := n["uniqueItems"].(bool); unique {
		for i := range val {
			for j := i + 1; j < len(val); j++ {
				if equal(val[i], val[j]) {
					v.fail(at, "items %d and %d are equal, but uniqueItems is true", i, j)
				}
			}
		}
	}
}
