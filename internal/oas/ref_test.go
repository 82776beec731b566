package oas

import (
	"strings"
	"testing"
)

// TestSchemaRefs checks both reference styles: file-relative paths with
// an optional pointer in a bundle, and pointers in a single document.
func TestSchemaRefs(t *testing.T) {
	t.Parallel()
	bundle := load(t, "testdata/bundle.json", LoadBundle, Options{})
	doc := load(t, "testdata/keywords.json", LoadDocument, Options{})
	tests := []struct {
		sp                *Spec
		ref               string
		good, bad, errMsg string // errMsg: the ref does not resolve
	}{
		{bundle, "v3/schemas/LocaleOrigin.yaml", `"DEFAULT"`, `"GUESS"`, ""},
		{bundle, "v3/schemas/../schemas/./LocaleOrigin.yaml", `null`, `1`, ""},
		{bundle, "v3/schemas/Common.yaml#/components/schemas/DtoType", `"ACCOUNT"`, `"ROBOT"`, ""},
		{bundle, "v3/schemas/Common.yaml#/components/schemas/a~1b~0c", `1`, `"1"`, ""},
		{bundle, "v3/schemas/Common.yaml#/components/schemas/a%7E1b%7E0c", `1`, `"1"`, ""}, // percent-encoded fragment
		{bundle, "v3/schemas/Account.yaml#/allOf/1/properties/origin", `"AGGREGATED"`, `"MANUAL"`, ""},
		{bundle, "v3/schemas/Account.yaml#/allOf/2", "", "", `no index "2"`},
		{bundle, "v3/schemas/Account.yaml#/allOf/01", "", "", `no index "01"`},
		{bundle, "v3/schemas/Common.yaml#/components/schemas/DtoType/enum/0", "", "", "a schema is a string, not an object"},
		{bundle, "v3/schemas/Common.yaml#components", "", "", "is not a JSON pointer"},
		{bundle, "v3/schemas/Nope.yaml", "", "", "v3/schemas/Nope.yaml is not in the spec"},
		{bundle, "../bundle.json", "", "", "../bundle.json is not in the spec"},
		{bundle, "#/components/schemas/DtoType", "", "", "a bundle needs a file path before the fragment"},
		{bundle, "https://example.com/x.yaml", "", "", "only relative file references"},
		{bundle, "/v3/schemas/Account.yaml", "", "", "only relative file references"},
		{doc, "#/components/schemas/Base", `{"a":"x"}`, `{}`, ""},
		{doc, "#/components/schemas/a~1b~0c", `{"n":1}`, `{"n":"1"}`, ""},
		{doc, "#/components/schemas/Derived/allOf/0", `{"a":"x"}`, `{}`, ""},
		{doc, "#/components/schemas/Nowhere", "", "", `no "Nowhere"`},
		{doc, "v3/schemas/Account.yaml", "", "", "v3/schemas/Account.yaml is not in the spec"},
	}
	for _, tt := range tests {
		s := tt.sp.Schema(tt.ref)
		if tt.errMsg != "" {
			if err := s.Err(); err == nil || !strings.Contains(err.Error(), tt.errMsg) {
				t.Errorf("Schema(%q).Err() = %v, want %q", tt.ref, err, tt.errMsg)
			}
			wantErr(t, tt.sp.Validate(s, []byte(`{}`)), "$: ")
			continue
		}
		if err := s.Err(); err != nil {
			t.Errorf("Schema(%q): %v", tt.ref, err)
			continue
		}
		wantErr(t, tt.sp.Validate(s, []byte(tt.good)), "")
		if errs := tt.sp.Validate(s, []byte(tt.bad)); len(errs) == 0 {
			t.Errorf("Schema(%q) accepts %s", tt.ref, tt.bad)
		}
	}
	if err := doc.Component("a/b~c").Err(); err != nil {
		t.Errorf("Component escapes its name: %v", err)
	}
	if err := doc.Component("Nowhere").Err(); err == nil {
		t.Error("Component(Nowhere) resolves")
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		loader func([]byte, Options) (*Spec, error)
		data   string
		want   string
	}{
		{"bundle not JSON", LoadBundle, `{`, "oas: bundle: unexpected EOF"},
		{"bundle trailing data", LoadBundle, `{} {}`, "data after the JSON value"},
		{"bundle array", LoadBundle, `[]`, "an array, not an object keyed by file path"},
		{"bundle escapes", LoadBundle, `{"../x.yaml":{}}`, `"../x.yaml" is not a clean relative file path`},
		{"bundle unclean", LoadBundle, `{"a//x.yaml":{}}`, "not a clean relative file path"},
		{"bundle absolute", LoadBundle, `{"/x.yaml":{}}`, "not a clean relative file path"},
		{"document array", LoadDocument, `[]`, "not an object"},
		{"swagger 2", LoadDocument, `{"swagger":"2.0"}`, `openapi version "", want 3.0.x`},
		{"openapi 3.1", LoadDocument, `{"openapi":"3.1.0"}`, `openapi version "3.1.0", want 3.0.x`},
	}
	for _, tt := range tests {
		_, err := tt.loader([]byte(tt.data), Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}
