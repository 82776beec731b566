// Package strictjson decodes JSON documents strictly, with errors that
// name the JSON path at fault. It serves the tenant state files of package
// mockisc and the scenario files of package fixtures.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Decode decodes data into v (a pointer) after checking data against v's
// type, so that an error names the JSON path at fault: malformed JSON by
// byte offset, an unknown member or a value of the wrong type by path, as
// "accounts[3].disabled: want a boolean, got a string". Unknown members
// are refused; member names must match exactly (a case-insensitive match
// is refused with a hint).
func Decode(data []byte, v any) error {
	if !json.Valid(data) {
		var probe any
		err := json.Unmarshal(data, &probe)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("invalid JSON at byte offset %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
		}
		return fmt.Errorf("invalid JSON: %v", err)
	}
	if err := checkJSON("", data, reflect.TypeOf(v).Elem()); err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%v", err)
	}
	return nil
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	durationType    = reflect.TypeFor[time.Duration]()
)

// taggedStruct reports whether t is a struct with json-tagged fields: its
// members are checked one by one even when it decodes itself (its
// UnmarshalJSON reads the members its tags name, as Fault's does).
func taggedStruct(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := range t.NumField() {
		if _, ok := t.Field(i).Tag.Lookup("json"); ok && t.Field(i).IsExported() {
			return true
		}
	}
	return false
}

// checkDuration checks a time.Duration member: a Go duration string such
// as "1.5s", or a whole number of nanoseconds.
func checkDuration(raw []byte, kind string, at func(string, ...any) error) error {
	switch kind {
	case "null":
		return nil
	case "a string":
		var s string
		_ = json.Unmarshal(raw, &s)
		if _, err := time.ParseDuration(s); err != nil {
			return at("duration: %q is not a duration like \"1.5s\"", s)
		}
		return nil
	case "a number":
		var n int64
		if json.Unmarshal(raw, &n) != nil {
			return at("duration: %s is not a whole number of nanoseconds", raw)
		}
		return nil
	}
	return at("want a duration string like \"1.5s\" or a number of nanoseconds, got %s", kind)
}

// checkJSON checks that raw (valid JSON) fits type t, as encoding/json
// would decode it, but refusing unknown object members.
func checkJSON(path string, raw []byte, t reflect.Type) error {
	raw = bytes.TrimSpace(raw)
	at := func(format string, args ...any) error {
		p := path
		if p == "" {
			p = "(document)"
		}
		return fmt.Errorf("%s: %s", p, fmt.Sprintf(format, args...))
	}
	kind := strictKind(raw)
	if t == durationType {
		return checkDuration(raw, kind, at)
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) && !taggedStruct(t) {
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			return at("%s", strings.TrimPrefix(err.Error(), "json: "))
		}
		return nil
	}
	if kind == "null" {
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return checkJSON(path, raw, t.Elem())
	case reflect.Interface:
		return nil
	case reflect.Struct:
		if kind != "an object" {
			return at("want an object, got %s", kind)
		}
		return checkObject(path, raw, t)
	case reflect.Map:
		if kind != "an object" {
			return at("want an object, got %s", kind)
		}
		var m map[string]json.RawMessage
		_ = json.Unmarshal(raw, &m)
		for _, k := range sortedKeys(m) {
			if err := checkJSON(strictPath(path, k), m[k], t.Elem()); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && kind == "a string" {
			return nil
		}
		if kind != "an array" {
			return at("want an array, got %s", kind)
		}
		var list []json.RawMessage
		_ = json.Unmarshal(raw, &list)
		for i, e := range list {
			if err := checkJSON(fmt.Sprintf("%s[%d]", path, i), e, t.Elem()); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if kind != "a string" {
			return at("want a string, got %s", kind)
		}
	case reflect.Bool:
		if kind != "a boolean" {
			return at("want a boolean, got %s", kind)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if kind != "a number" {
			return at("want an integer, got %s", kind)
		}
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			return at("%s is not an integer that fits %s", raw, t.Kind())
		}
	case reflect.Float32, reflect.Float64:
		if kind != "a number" {
			return at("want a number, got %s", kind)
		}
	}
	return nil
}

// checkObject checks an object's members against struct type t.
func checkObject(path string, raw []byte, t reflect.Type) error {
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	for _, k := range sortedKeys(m) {
		ft, ok := fields[k]
		if !ok {
			known := sortedKeys(fields)
			for _, n := range known {
				if strings.EqualFold(n, k) {
					return fmt.Errorf("%s: unknown member (did you mean %q?)", strictPath(path, k), n)
				}
			}
			return fmt.Errorf("%s: unknown member; known: %s", strictPath(path, k), strings.Join(known, ", "))
		}
		if err := checkJSON(strictPath(path, k), m[k], ft); err != nil {
			return err
		}
	}
	return nil
}

// strictPath appends a member name to a JSON path, quoting names that are
// not plain identifiers.
func strictPath(path, key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
		}
	}
	if !plain {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// strictKind names the kind of a valid JSON value, with an article.
func strictKind(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
