// Package oas checks JSON documents, mostly response bodies in tests,
// against the schemas of an OpenAPI 3.0 description. It uses only the
// standard library, so any package's tests may import it.
//
// # Quick start
//
// A single document, whose $refs are fragments ("#/components/schemas/X"):
//
//	b, err := os.ReadFile("internal/agilenowapi/testdata/Accounts.json")
//	...
//	sp, err := oas.LoadDocument(b, oas.Options{})
//	...
//	s, ok := sp.ResponseSchema("GET", "/Endpoint/rest/api/v1/Account/abc", 200)
//	if !ok {
//		t.Fatal("the spec describes no such response")
//	}
//	for _, e := range sp.Validate(s, body) {
//		t.Error(e) // "$.Email: required key ... is missing", ...
//	}
//	errs := sp.Validate(sp.Component("Account"), body)
//
// A bundle (one JSON object keyed by relative file path, each value a
// file's document), whose $refs name files relative to the referring file
// ("../schemas/Account.yaml"), optionally with a fragment
// ("common.yaml#/components/schemas/Tag"):
//
//	sp, err := oas.LoadBundle(b, oas.Options{DateTime: oas.RFC3339UTCMillis})
//	errs := sp.Validate(sp.Schema("v3/idn/v3/schemas/Account.yaml"), body)
//	s, ok := sp.ResponseSchemaIn("v3/idn/v3/paths/account.yaml", "GET", 200)
//
// A bundle has no paths to match, so the caller maps request paths to
// path item files (an http.ServeMux does it well).
//
// # What is checked
//
// Checked keywords: $ref, type, format, nullable, enum (null included),
// required, properties, additionalProperties, minProperties,
// maxProperties, items, minItems, maxItems, uniqueItems, allOf, anyOf,
// oneOf (exactly one member matches), not, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum (the booleans of OpenAPI 3.0),
// multipleOf, minLength, maxLength (in code points) and pattern (as a Go
// regexp, which is close to, but not, ECMA 262). Of the formats,
// date-time is checked by Options.DateTime (RFC3339 by default), int32 and
// int64 by range; other formats (binary, byte, date, float, double, ...)
// are ignored. Numbers are compared exactly, not as float64.
//
// Ignored keywords, as annotations: title, description, default, example,
// examples, readOnly, writeOnly, deprecated, discriminator, xml,
// externalDocs, and extensions (x-...). Keywords beside a $ref are ignored,
// as OpenAPI 3.0 says. Any other keyword, and a keyword value of the wrong
// kind, is reported as a problem of the spec ("$.x: spec: ..."), as is a
// $ref that does not resolve, so a schema is never silently half-checked.
//
// Two checks go beyond OpenAPI, because the fakes this module builds
// promise them. An object schema that declares properties, itself or
// across allOf, and has no additionalProperties (or has it false) is
// closed: an undeclared key, such as a misspelt one, is an error. And
// null is allowed where the schema is nullable, lists null in its enum,
// or has an allOf, anyOf or oneOf member that allows null (ISC writes
// "allOf: [$ref, {nullable: true}]").
//
// Limits: the closed-object check looks through allOf only, so an owner
// that declares properties beside anyOf or oneOf members with more
// properties rejects the members' keys; required is enforced for readOnly
// and writeOnly properties alike; request paths are matched as given (no
// percent-decoding, no servers base path); only the checked keywords of
// the schemas a document reaches are vetted; OpenAPI 3.1 and Swagger 2.0
// documents are refused at load.
//
// Problems name their JSON path ("$.Data[0].Email: ...") and come in a
// deterministic order: object keys are visited sorted.
package oas
