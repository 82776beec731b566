package oas

import (
	"strconv"
	"testing"
)

func TestMatchPath(t *testing.T) {
	t.Parallel()
	sp := load(t, "testdata/paths.json", LoadDocument, Options{})
	tests := []struct{ path, want string }{ // want "" means no match
		{"/things", "/things"},
		{"/things?limit=1&offset=2", "/things"},
		{"/things/abc", "/things/{id}"},
		{"/things/special", "/things/special"},     // literal beats parameter
		{"/things/special#top", "/things/special"}, // fragment ignored
		{"/things/abc/parts/p1", "/things/{id}/parts/{part}"},
		{"/things/abc/parts/first", "/things/{id}/parts/first"},
		{"/things/special/parts/p1", "/things/{id}/parts/{part}"}, // the leftmost literal decides
		{"/other/special/parts/p1", "/{kind}/special/parts/{part}"},
		{"/files/a.json", "/files/{name}.json"}, // partial template beats whole parameter
		{"/files/a.json.json", "/files/{name}.json"},
		{"/files/a", "/files/{name}"},
		{"/files/.json", "/files/{name}"}, // a parameter is never empty
		{"/things/", ""},
		{"/Things", ""},
		{"/things/a/b", ""},
		{"things", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := sp.MatchPath(tt.path)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchPath(%q) = %q, %v; want %q", tt.path, got, ok, tt.want)
		}
	}
	bundle := load(t, "testdata/bundle.json", LoadBundle, Options{})
	if got, ok := bundle.MatchPath("/things"); ok {
		t.Errorf("a bundle has no paths, but MatchPath = %q", got)
	}
}

// TestResponseSchema checks the operation lookup: each response schema
// of testdata/paths.json is an enum of one string, which names it.
func TestResponseSchema(t *testing.T) {
	t.Parallel()
	sp := load(t, "testdata/paths.json", LoadDocument, Options{})
	tests := []struct {
		method, path string
		status       int
		want         string // "" means no schema
	}{
		{"GET", "/things", 200, "list"},      // response $ref
		{"GET", "/things/abc", 200, "thing"}, // text/json, not application/hal+json
		{"get", "/things/abc?x=1", 200, "thing"},
		{"GET", "/things/abc", 404, "problem"},     // application/problem+json; exact status beats 4XX
		{"GET", "/things/abc", 418, "error"},       // 4XX, a response $ref whose schema is a $ref
		{"GET", "/things/abc", 500, "default"},     // default
		{"GET", "/things/abc", 204, ""},            // no content
		{"GET", "/things", 404, ""},                // neither the status nor default
		{"POST", "/things/abc", 200, ""},           // no such operation
		{"GET", "/things/special", 200, "special"}, // application/json, not application/xml
		{"GET", "/files/x.json", 200, "json file"}, // media type parameters ignored
		{"GET", "/files/x", 200, "file"},
		{"GET", "/things/abc/parts/first", 200, "first part"},
		{"GET", "/nowhere", 200, ""},
	}
	for _, tt := range tests {
		s, ok := sp.ResponseSchema(tt.method, tt.path, tt.status)
		if ok != (tt.want != "") {
			t.Errorf("ResponseSchema(%s %s %d): ok = %v, want %q", tt.method, tt.path, tt.status, ok, tt.want)
			continue
		}
		if !ok {
			continue
		}
		if errs := sp.Validate(s, []byte(strconv.Quote(tt.want))); len(errs) > 0 {
			t.Errorf("ResponseSchema(%s %s %d) is not the %q schema: %q", tt.method, tt.path, tt.status, tt.want, errs)
		}
		if errs := sp.Validate(s, []byte(`"other"`)); len(errs) == 0 {
			t.Errorf("ResponseSchema(%s %s %d) accepts anything", tt.method, tt.path, tt.status)
		}
	}
}

// TestResponseSchemaIn checks the lookup in a bundle's path item file,
// with file-relative response and schema $refs.
func TestResponseSchemaIn(t *testing.T) {
	t.Parallel()
	sp := load(t, "testdata/bundle.json", LoadBundle, Options{DateTime: RFC3339UTCMillis})
	const item = "v3/paths/account.yaml"
	tests := []struct {
		ref, method string
		status      int
		doc, want   string // want "" means valid
	}{
		{item, "GET", 200, goodAccount, ""},
		{item, "GET", 200, `{"name":null}`, `$: required key "sourceId" is missing`},
		{item, "GET", 404, `{"messages":[{"localeOrigin":"DEFAULT","text":"x"}]}`, ""}, // ../responses/404.yaml, then ../../v3/schemas/...
		{item, "GET", 404, `{"messages":[{"localeOrigin":"GUESS"}]}`, "$.messages[0].localeOrigin: GUESS is not one of"},
		{item, "GET", 503, `{"title":"t"}`, ""}, // default, application/problem+json, file#pointer $ref
		{item, "GET", 503, `{}`, `$: required key "title" is missing`},
		{"v2025/paths/task-status.yaml", "GET", 200, goodTask, ""},
	}
	for _, tt := range tests {
		s, ok := sp.ResponseSchemaIn(tt.ref, tt.method, tt.status)
		if !ok {
			t.Errorf("ResponseSchemaIn(%s, %s, %d): no schema", tt.ref, tt.method, tt.status)
			continue
		}
		wantErr(t, sp.Validate(s, []byte(tt.doc)), tt.want)
	}
	for _, none := range []struct {
		ref, method string
		status      int
	}{
		{item, "POST", 200},
		{"v2025/paths/task-status.yaml", "GET", 404},
		{"v3/paths/nope.yaml", "GET", 200},
		{"#/paths/~1x", "GET", 200},
	} {
		if _, ok := sp.ResponseSchemaIn(none.ref, none.method, none.status); ok {
			t.Errorf("ResponseSchemaIn(%s, %s, %d) found a schema", none.ref, none.method, none.status)
		}
	}
	// In a single document, a path item is a pointer.
	doc := load(t, "testdata/paths.json", LoadDocument, Options{})
	s, ok := doc.ResponseSchemaIn("#/paths/~1things~1{id}", "GET", 200)
	if !ok {
		t.Fatal("ResponseSchemaIn with a pointer: no schema")
	}
	wantErr(t, doc.Validate(s, []byte(`"thing"`)), "")
}
