package mockisc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The official ISC OpenAPI files the responses are checked against live
// in testdata/openapi (see its README); spec.json bundles them as JSON,
// keyed by their path there.

// spec is the bundle: file path → the file's document.
type spec map[string]any

var loadSpec = sync.OnceValues(func() (spec, error) {
	b, err := os.ReadFile("testdata/openapi/spec.json")
	if err != nil {
		return nil, err
	}
	var sp spec
	return sp, json.Unmarshal(b, &sp)
})

// schemaRef is a schema with the file it is in, so relative $refs resolve.
type schemaRef struct {
	file string
	node map[string]any
}

// resolve follows $ref chains to the schema they name.
func (sp spec) resolve(s schemaRef) (schemaRef, error) {
	for range 32 {
		ref, ok := s.node["$ref"].(string)
		if !ok {
			return s, nil
		}
		file, frag, _ := strings.Cut(ref, "#")
		if frag != "" {
			return s, fmt.Errorf("%s: fragment $ref %q is not supported", s.file, ref)
		}
		target := path.Clean(path.Join(path.Dir(s.file), file))
		doc, ok := sp[target].(map[string]any)
		if !ok {
			return s, fmt.Errorf("%s: $ref %q: %s is not in the bundle", s.file, ref, target)
		}
		s = schemaRef{file: target, node: doc}
	}
	return s, fmt.Errorf("%s: $ref chain too long", s.file)
}

func (sp spec) sub(s schemaRef, v any) schemaRef {
	m, _ := v.(map[string]any)
	return schemaRef{file: s.file, node: m}
}

// validator checks JSON values against OpenAPI 3.0 schemas: type,
// required, properties, nullable, enum (null included), items, allOf,
// anyOf, $ref to files, additionalProperties and format date-time. Two
// checks go beyond OpenAPI, because the fake promises them: an object
// schema that declares properties and no additionalProperties is closed
// (an undeclared key, such as a misspelt one, is an error), and a
// date-time must be RFC 3339 UTC with milliseconds, as ISC writes it.
type validator struct {
	sp   spec
	errs []string
}

func (v *validator) fail(at, format string, args ...any) {
	if at == "" {
		at = "$"
	}
	v.errs = append(v.errs, at+": "+fmt.Sprintf(format, args...))
}

var iscTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

// nullable reports whether s, or any allOf member of it, allows null.
func (v *validator) nullable(s schemaRef) bool {
	s, err := v.sp.resolve(s)
	if err != nil {
		return false
	}
	if n, _ := s.node["nullable"].(bool); n {
		return true
	}
	if enum, ok := s.node["enum"].([]any); ok && slices.Contains(enum, nil) {
		return true
	}
	all, _ := s.node["allOf"].([]any)
	for _, m := range all {
		if v.nullable(v.sp.sub(s, m)) {
			return true
		}
	}
	return false
}

// declared collects the properties an object schema declares, across
// allOf, and whether it admits undeclared keys.
func (v *validator) declared(s schemaRef, props map[string]bool) (open bool) {
	s, err := v.sp.resolve(s)
	if err != nil {
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
		if v.declared(v.sp.sub(s, m), props) {
			open = true
		}
	}
	return open
}

// check validates val against s. member is true for an allOf member,
// which leaves the closed-object check to the schema that owns the allOf.
func (v *validator) check(s schemaRef, val any, at string, member bool) {
	s, err := v.sp.resolve(s)
	if err != nil {
		v.fail(at, "%v", err)
		return
	}
	if val == nil {
		if !v.nullable(s) {
			v.fail(at, "null is not allowed")
		}
		return
	}
	n := s.node
	if all, ok := n["allOf"].([]any); ok {
		for _, m := range all {
			v.check(v.sp.sub(s, m), val, at, true)
		}
	}
	if anyOf, ok := n["anyOf"].([]any); ok {
		matched := false
		for _, m := range anyOf {
			sub := &validator{sp: v.sp}
			sub.check(v.sp.sub(s, m), val, at, false)
			if len(sub.errs) == 0 {
				matched = true
				break
			}
		}
		if !matched {
			v.fail(at, "matches no anyOf member")
		}
	}
	if typ, ok := n["type"].(string); ok && !hasType(val, typ) {
		v.fail(at, "%s is not of type %s", jsonKind(val), typ)
		return
	}
	if enum, ok := n["enum"].([]any); ok && !slices.Contains(enum, val) {
		v.fail(at, "%v is not one of %v", val, enum)
	}
	if f, _ := n["format"].(string); f == "date-time" {
		str, _ := val.(string)
		if _, err := time.Parse(time.RFC3339Nano, str); err != nil {
			v.fail(at, "%q is not an RFC 3339 date-time", str)
		} else if !iscTime.MatchString(str) {
			v.fail(at, "%q is not UTC with milliseconds", str)
		}
	}
	switch val := val.(type) {
	case map[string]any:
		v.object(s, val, at, member)
	case []any:
		if items, ok := n["items"]; ok {
			for i, e := range val {
				v.check(v.sp.sub(s, items), e, fmt.Sprintf("%s[%d]", at, i), false)
			}
		}
	}
}

// object checks required keys, declared properties and undeclared keys
// of the object schema s itself (allOf members check their own).
func (v *validator) object(s schemaRef, val map[string]any, at string, member bool) {
	n := s.node
	req, _ := n["required"].([]any)
	for _, k := range req {
		if _, ok := val[k.(string)]; !ok {
			v.fail(at, "required key %q is missing", k)
		}
	}
	props, _ := n["properties"].(map[string]any)
	for k, p := range props {
		if e, ok := val[k]; ok {
			v.check(v.sp.sub(s, p), e, at+"."+k, false)
		}
	}
	if ap, ok := n["additionalProperties"].(map[string]any); ok {
		for k, e := range val {
			if _, ok := props[k]; !ok {
				v.check(schemaRef{file: s.file, node: ap}, e, at+"."+k, false)
			}
		}
	}
	// The closed-object check runs once, at the schema that owns allOf or
	// properties, over every property the schema declares; a schema that
	// declares none is open.
	if member {
		return
	}
	declared := map[string]bool{}
	if open := v.declared(s, declared); !open && len(declared) > 0 {
		for _, k := range sortedKeys(val) {
			if !declared[k] {
				v.fail(at, "key %q is not declared in the schema", k)
			}
		}
	}
}

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
		_, ok := val.(float64)
		return ok
	case "integer":
		f, ok := val.(float64)
		return ok && f == float64(int64(f))
	}
	return false
}

func jsonKind(val any) string {
	switch val.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	}
	return fmt.Sprintf("%T", val)
}

// validate checks doc (JSON) against the schema in file (a path in the
// bundle) and returns every problem.
func validate(file string, doc []byte) []string {
	sp, err := loadSpec()
	if err != nil {
		return []string{err.Error()}
	}
	var val any
	if err := json.Unmarshal(doc, &val); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	v := &validator{sp: sp}
	v.check(schemaRef{file: file, node: map[string]any{"$ref": path.Base(file)}}, val, "$", false)
	return v.errs
}

// Operations and the spec files that describe them.
const (
	v3Paths       = "v3/idn/v3/paths/"
	errorSchema   = "v3/idn/v3/schemas/ErrorResponseDto.yaml"
	taskStatusDoc = "v2025/idn/v2025/paths/task-status.yaml"
)

// specMux maps a request path to the spec file of its path item.
var specMux = sync.OnceValue(func() *http.ServeMux {
	mux := http.NewServeMux()
	for pattern, file := range map[string]string{
		"/v3/accounts":                   v3Paths + "accounts.yaml",
		"/v3/accounts/{id}":              v3Paths + "account.yaml",
		"/v3/accounts/{id}/entitlements": v3Paths + "accounts-id-entitlements.yaml",
		"/v3/accounts/{id}/reload":       v3Paths + "accounts-id-reload.yaml",
		"/v3/accounts/{id}/enable":       v3Paths + "accounts-id-enable.yaml",
		"/v3/accounts/{id}/disable":      v3Paths + "accounts-id-disable.yaml",
		"/v3/accounts/{id}/unlock":       v3Paths + "accounts-id-unlock.yaml",
		"/v2025/task-status/{id}":        taskStatusDoc,
		"/beta/task-status/{id}":         taskStatusDoc,
	} {
		mux.Handle(pattern, specFile(file))
	}
	return mux
})

type specFile string

func (specFile) ServeHTTP(http.ResponseWriter, *http.Request) {}

// responseSchema finds the schema of a response: the operation's own for
// the status, with its $refs followed, in the bundle. It returns the
// bundle file holding a top-level schema to check against, or a schema
// node with its file; ok is false when the spec has nothing to say.
func responseSchema(method, p string, status int) (schemaRef, bool) {
	sp, err := loadSpec()
	if err != nil {
		return schemaRef{}, false
	}
	req, _ := http.NewRequest(method, "http://x"+p, nil)
	h, pattern := specMux().Handler(req)
	file, ok := h.(specFile)
	if !ok || pattern == "" {
		return schemaRef{}, false
	}
	item, _ := sp[string(file)].(map[string]any)
	op, _ := item[strings.ToLower(method)].(map[string]any)
	responses, _ := op["responses"].(map[string]any)
	resp, ok := responses[strconv.Itoa(status)]
	if !ok {
		return schemaRef{}, false
	}
	r, err := sp.resolve(sp.sub(schemaRef{file: string(file)}, resp))
	if err != nil {
		return schemaRef{}, false
	}
	content, _ := r.node["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	schema, ok := media["schema"]
	if !ok {
		return schemaRef{}, false
	}
	return sp.sub(r, schema), true
}

// validateResponse checks a response body against the spec: the
// operation's schema for the status, or, for an error status the
// operation does not describe with a body (404 on task status, 405, 413,
// 415, unknown routes), ErrorResponseDto. 401 bodies are {"error": ...};
// the token endpoint is checked by its own tests.
func validateResponse(method, p string, status int, body []byte) []string {
	if p == "/oauth/token" || strings.HasPrefix(p, "/oauth/token?") {
		return nil
	}
	p, _, _ = strings.Cut(p, "?")
	s, ok := responseSchema(method, p, status)
	if !ok {
		if status < 400 {
			return []string{fmt.Sprintf("the spec has no schema for %s %s %d", method, p, status)}
		}
		if status == http.StatusUnauthorized {
			s, _ = responseSchema("GET", "/v3/accounts", status)
		} else {
			s = schemaRef{file: errorSchema, node: map[string]any{"$ref": path.Base(errorSchema)}}
		}
	}
	sp, _ := loadSpec()
	var val any
	if err := json.Unmarshal(body, &val); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	v := &validator{sp: sp}
	v.check(s, val, "$", false)
	if status == http.StatusUnauthorized {
		if m, ok := val.(map[string]any); !ok || len(m) != 1 || m["error"] == nil {
			v.fail("", "a 401 body is {\"error\": text}")
		}
	}
	return v.errs
}
