package oas

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	accountFile = "v3/schemas/Account.yaml"
	taskFile    = "v2025/schemas/TaskStatus.yaml"
	errorFile   = "v3/schemas/ErrorResponseDto.yaml"
)

// goodAccount and goodTask are valid against the small ISC-like schemas of
// testdata/bundle.json.
const goodAccount = `{"id":"a1","name":"jdoe","created":"2025-01-01T00:00:00.000Z","modified":"2025-01-01T00:00:00.000Z",
"sourceId":"s1","attributes":{"x":[1,{"y":null}]},"disabled":false,"nativeIdentity":"E1","origin":null,
"identity":{"id":"i1","type":"IDENTITY","name":"J Doe"},"ownerIdentity":{"id":"i2","type":"IDENTITY","name":"Owner"},
"recommendation":null}`

const goodTask = `{"id":"t1","completionStatus":null,"percentComplete":0,
"messages":[{"type":"ERROR","localizedText":{"locale":"en-US","message":"m"},"key":"k","parameters":["p",{}]}]}`

// TestValidatorRejects proves the validator is not vacuous on a bundle
// with file-relative $refs: the valid documents pass, and each broken
// variant fails with the reason. (These are the cases of mockisc's own
// TestValidatorRejects, on small hand-written schemas.)
func TestValidatorRejects(t *testing.T) {
	t.Parallel()
	sp := load(t, "testdata/bundle.json", LoadBundle, Options{DateTime: RFC3339UTCMillis})
	for _, good := range []struct{ file, doc string }{{accountFile, goodAccount}, {taskFile, goodTask}, {errorFile, `{}`}} {
		wantErr(t, sp.Validate(sp.Schema(good.file), []byte(good.doc)), "")
	}
	tests := []struct {
		name   string
		file   string
		doc    string
		change func(m map[string]any)
		want   string
	}{
		{"missing required", accountFile, goodAccount, func(m map[string]any) { delete(m, "sourceId") }, `$: required key "sourceId" is missing`},
		{"missing required from allOf base", accountFile, goodAccount, func(m map[string]any) { delete(m, "name") }, `$: required key "name" is missing`},
		{"wrong type", accountFile, goodAccount, func(m map[string]any) { m["disabled"] = "no" }, "$.disabled: string is not of type boolean"},
		{"null not nullable", accountFile, goodAccount, func(m map[string]any) { m["nativeIdentity"] = nil }, "$.nativeIdentity: null is not allowed"},
		{"bad enum", accountFile, goodAccount, func(m map[string]any) { m["origin"] = "MANUAL" }, "$.origin: MANUAL is not one of"},
		{"bad nested enum", accountFile, goodAccount, func(m map[string]any) {
			m["identity"] = map[string]any{"id": "i", "type": "ROBOT", "name": "n"}
		}, "$.identity.type: ROBOT is not one of"},
		{"bad allOf ref enum, via file#pointer", accountFile, goodAccount, func(m map[string]any) {
			m["ownerIdentity"] = map[string]any{"id": "i", "type": "ROBOT", "name": "n"}
		}, "$.ownerIdentity.type: ROBOT is not one of"},
		{"recommendation missing method", accountFile, goodAccount, func(m map[string]any) {
			m["recommendation"] = map[string]any{"type": "HUMAN"}
		}, `$.recommendation: required key "method" is missing`},
		{"not a date-time", accountFile, goodAccount, func(m map[string]any) { m["created"] = "yesterday" }, `$.created: "yesterday" is not an RFC 3339 date-time`},
		{"date-time without millis", accountFile, goodAccount, func(m map[string]any) { m["modified"] = "2025-01-01T00:00:00Z" }, "$.modified: \"2025-01-01T00:00:00Z\" is not UTC with milliseconds"},
		{"undeclared key", accountFile, goodAccount, func(m map[string]any) { m["identityID"] = "x" }, `$: key "identityID" is not declared`},
		{"undeclared nested key", accountFile, goodAccount, func(m map[string]any) {
			m["ownerIdentity"] = map[string]any{"id": "i", "type": "IDENTITY", "nmae": "n"}
		}, `$.ownerIdentity: key "nmae" is not declared`},
		{"attributes not object", accountFile, goodAccount, func(m map[string]any) { m["attributes"] = []any{} }, "$.attributes: array is not of type object"},
		{"task bad status", taskFile, goodTask, func(m map[string]any) { m["completionStatus"] = "DONE" }, "$.completionStatus: DONE is not one of"},
		{"task integer", taskFile, goodTask, func(m map[string]any) { m["percentComplete"] = 1.5 }, "$.percentComplete: number is not of type integer"},
		{"task message item", taskFile, goodTask, func(m map[string]any) {
			m["messages"] = []any{map[string]any{"type": "INFO", "key": "k", "parameters": nil}}
		}, `$.messages[0]: required key "localizedText" is missing`},
		{"task anyOf", taskFile, goodTask, func(m map[string]any) {
			m["messages"] = []any{map[string]any{"type": "INFO", "key": "k", "parameters": []any{3.0}, "localizedText": nil}}
		}, "$.messages[0].parameters[0]: matches no anyOf member"},
		{"error locale origin", errorFile, `{}`, func(m map[string]any) {
			m["messages"] = []any{map[string]any{"locale": "en-US", "localeOrigin": "GUESS", "text": "x"}}
		}, "$.messages[0].localeOrigin: GUESS is not one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantErr(t, sp.Validate(sp.Schema(tt.file), edit(t, tt.doc, tt.change)), tt.want)
		})
	}
}

// TestKeywords proves each keyword accepts a good value and rejects a bad
// one, on the one-schema-per-keyword document testdata/keywords.json
// (fragment $refs), and that problems of the spec itself are reported.
func TestKeywords(t *testing.T) {
	t.Parallel()
	sp := load(t, "testdata/keywords.json", LoadDocument, Options{})
	tests := []struct {
		schema, doc, want string // want "" means valid
	}{
		{"String", `"ab"`, ""},
		{"String", `"éééé"`, ""}, // four code points, eight bytes
		{"String", `"a"`, "$: has 1 characters, fewer than minLength 2"},
		{"String", `"abcde"`, "$: has 5 characters, more than maxLength 4"},
		{"String", `"AB"`, `$: "AB" does not match pattern "^[a-zé]+$"`},
		{"String", `12`, "$: number is not of type string"},
		{"Boolean", `true`, ""},
		{"Boolean", `"true"`, "$: string is not of type boolean"},
		{"Integer", `3`, ""},
		{"Integer", `1e2`, ""},
		{"Integer", `3.0`, ""},
		{"Integer", `1.5`, "$: number is not of type integer"},
		{"Int32", `2147483647`, ""},
		{"Int32", `-2147483648`, ""},
		{"Int32", `2147483648`, "$: 2147483648 is not an integer of format int32"},
		{"Int32", `-2147483649`, "is not an integer of format int32"},
		{"Int64", `9223372036854775807`, ""},
		{"Int64", `1234567891234567891`, ""},
		{"Int64", `9223372036854775808`, "$: 9223372036854775808 is not an integer of format int64"},
		{"Range", `0`, ""},
		{"Range", `9.5`, ""},
		{"Range", `10`, "$: 10 is above the maximum 10 (exclusive)"},
		{"Range", `-0.5`, "$: -0.5 is below the minimum 0"},
		{"Range", `0.3`, "$: 0.3 is not a multiple of 0.5"},
		{"ExclusiveMin", `0.1`, ""},
		{"ExclusiveMin", `0`, "$: 0 is below the minimum 0 (exclusive)"},
		{"Array", `["a"]`, ""},
		{"Array", `[]`, "$: has 0 items, fewer than minItems 1"},
		{"Array", `["a","b","c","d"]`, "$: has 4 items, more than maxItems 3"},
		{"Array", `["a","b","a"]`, "$: items 0 and 2 are equal, but uniqueItems is true"},
		{"Array", `["a",1]`, "$[1]: number is not of type string"},
		{"Object", `{"a":"x"}`, ""},
		{"Object", `{"a":"x","c d":1}`, ""},
		{"Object", `{"a":"x","c d":"1"}`, `$["c d"]: string is not of type integer`},
		{"Object", `{"b":true}`, `$: required key "a" is missing`},
		{"Object", `{"a":"x","b":true,"c d":1}`, "$: has 3 properties, more than maxProperties 2"},
		{"Object", `{"a":"x","e":1}`, `$: key "e" is not declared in the schema`},
		{"Object", `[]`, "$: array is not of type object"},
		{"MinProps", `{"any":1}`, ""},
		{"MinProps", `{}`, "$: has 0 properties, fewer than minProperties 1"},
		{"Open", `{"a":"x","n":1}`, ""},
		{"Open", `{"a":"x","n":"1"}`, "$.n: string is not of type integer"},
		{"Shut", `{}`, ""},
		{"Shut", `{"a":1}`, `$: key "a" is not declared in the schema`},
		{"Free", `{"anything":[1,null]}`, ""},
		{"Derived", `{"a":"x","b":true}`, ""},
		{"Derived", `{"b":true}`, `$: required key "a" is missing`},
		{"Derived", `{"a":"x","b":1}`, "$.b: number is not of type boolean"},
		{"Derived", `{"a":"x","c":1}`, `$: key "c" is not declared in the schema`},
		{"Nullable", `null`, ""},
		{"NotNullable", `null`, "$: null is not allowed"},
		{"EnumNull", `null`, ""},
		{"EnumNull", `"x"`, ""},
		{"EnumNull", `"y"`, "$: y is not one of [x <nil>]"},
		{"Enum", `1.0`, ""},
		{"Enum", `2.5`, ""},
		{"Enum", `"s"`, ""},
		{"Enum", `{"k":[true]}`, ""},
		{"Enum", `2`, "$: 2 is not one of"},
		{"Enum", `{"k":[false]}`, "is not one of"},
		{"AnyOf", `"s"`, ""},
		{"AnyOf", `1`, ""},
		{"AnyOf", `true`, "$: matches no anyOf member (#0 $: boolean is not of type string; #1 $: boolean is not of type integer)"},
		{"OneOf", `1.5`, ""},
		{"OneOf", `1`, "$: matches oneOf members [0 1], want exactly one"},
		{"OneOf", `"s"`, "$: matches no oneOf member"},
		{"NullableMember", `null`, ""},
		{"Not", `1`, ""},
		{"Not", `"s"`, "$: matches the schema under not"},
		{"DateTime", `"2025-01-01T00:00:00Z"`, ""},
		{"DateTime", `"2025-01-01t00:00:00.123456+02:00"`, ""},
		{"DateTime", `"2025-01-01"`, `$: "2025-01-01" is not an RFC 3339 date-time`},
		{"DateTime", `"2025-02-30T00:00:00Z"`, "is not an RFC 3339 date-time"},
		{"DateTime", `"2025-01-01T00:00:00,5Z"`, "is not an RFC 3339 date-time"},
		{"Items", `[{"n":1}]`, ""},
		{"Items", `[{"n":1},{"n":"1"}]`, "$[1].n: string is not of type integer"},
		{"a/b~c", `{"n":1}`, ""},
		{"Annotated", `"y"`, ""},
		{"Tree", `{"name":"r","children":[{"name":"c","children":[]}]}`, ""},
		{"Tree", `{"name":"r","children":[{"name":"c","children":[{"name":1}]}]}`, "$.children[0].children[0].name: number is not of type string"},
		// Problems of the spec.
		{"Unsupported", `"x"`, `$: spec: document: schema keyword "const" is not supported`},
		{"BadKind", `"x"`, `$: spec: document: "minLength" is "two", want a non-negative integer`},
		{"BadType", `"x"`, `"type" is "text", want a type name`},
		{"BadRef", `"x"`, `$: spec: document: $ref "#/components/schemas/Nowhere": no "Nowhere" in /components/schemas/Nowhere`},
		{"FileRef", `"x"`, `$ref "other.yaml#/components/schemas/X": other.yaml is not in the spec`},
		{"BadPattern", `"x"`, `$: spec: pattern "(" is not a Go regexp`},
		{"RefLoop", `"x"`, "$ref chain longer than 32"},
		{"Cycle", `{}`, "schemas nest deeper than 200"},
		{"Nowhere", `"x"`, `$: document: $ref "#/components/schemas/Nowhere"`},
		{"String", `"ab" x`, "$: not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.schema+" "+tt.doc, func(t *testing.T) {
			t.Parallel()
			wantErr(t, sp.Validate(sp.Component(tt.schema), []byte(tt.doc)), tt.want)
		})
	}
}

// TestMessages checks a whole list of problems: every one is reported,
// in a deterministic order, and a spec problem only once.
func TestMessages(t *testing.T) {
	t.Parallel()
	sp := load(t, "testdata/keywords.json", LoadDocument, Options{})
	tests := []struct {
		schema, doc string
		want        []string
	}{
		{"Object", `{"z":1,"c d":"1","b":"x","y":2}`, []string{
			`$: required key "a" is missing`,
			`$.b: string is not of type boolean`,
			`$["c d"]: string is not of type integer`,
			`$: has 4 properties, more than maxProperties 2`,
			`$: key "y" is not declared in the schema`,
			`$: key "z" is not declared in the schema`,
		}},
		{"Items", `[{"n":"1"},{},{"n":2,"m":3}]`, []string{
			`$[0].n: string is not of type integer`,
			`$[1]: required key "n" is missing`,
			`$[2]: key "m" is not declared in the schema`,
		}},
	}
	for _, tt := range tests {
		for range 3 { // map order must not matter
			if d := cmp.Diff(tt.want, sp.Validate(sp.Component(tt.schema), []byte(tt.doc))); d != "" {
				t.Errorf("%s %s (-want +got):\n%s", tt.schema, tt.doc, d)
			}
		}
	}
	// A spec problem inside an anyOf member is not hidden by the other
	// member, and one repeated on every item is reported once.
	doc := `{"openapi":"3.0.0","components":{"schemas":{
		"A":{"type":"array","items":{"anyOf":[{"type":"string","const":"x"},{"type":"integer"}]}}}}}`
	sp2, err := LoadDocument([]byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`$[0]: spec: document: schema keyword "const" is not supported`}
	if d := cmp.Diff(want, sp2.Validate(sp2.Component("A"), []byte(`["x","y",1]`))); d != "" {
		t.Errorf("spec problem (-want +got):\n%s", d)
	}
}

func TestDateTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       string
		rfc, isc bool // valid under RFC3339, RFC3339UTCMillis
	}{
		{"2025-01-01T00:00:00.000Z", true, true},
		{"1900-01-01T00:00:00Z", true, false},
		{"2025-01-01T00:00:00.000000Z", true, false},
		{"2025-01-01T02:00:00.000+02:00", true, false},
		{"2025-01-01t00:00:00.000z", true, false},
		{"2025-01-01T00:00:00", false, false},
		{"2025-01-01 00:00:00Z", false, false},
		{"2025-13-01T00:00:00.000Z", false, false},
		{"2025-01-01T24:00:00.000Z", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if err := RFC3339(tt.in); (err == nil) != tt.rfc {
			t.Errorf("RFC3339(%q) = %v, want valid %v", tt.in, err, tt.rfc)
		}
		if err := RFC3339UTCMillis(tt.in); (err == nil) != tt.isc {
			t.Errorf("RFC3339UTCMillis(%q) = %v, want valid %v", tt.in, err, tt.isc)
		}
	}
	// The policy is the spec's option.
	never := func(string) error { return errors.New("no date-time will do") }
	sp := load(t, "testdata/keywords.json", LoadDocument, Options{DateTime: never})
	wantErr(t, sp.Validate(sp.Component("DateTime"), []byte(`"2025-01-01T00:00:00Z"`)), "$: no date-time will do")
}
