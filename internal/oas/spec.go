package oas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// Spec is a loaded OpenAPI 3.0 description: one document, or a bundle of
// files. It is read-only once loaded, so tests running in parallel may
// share one.
type Spec struct {
	// files maps a file path to its document; a single document is the
	// file "".
	files    map[string]any
	dateTime func(string) error
}

// Options tune the checks a Spec makes.
type Options struct {
	// DateTime checks a string of format date-time and says what is wrong
	// with it. Nil means RFC3339; ISC's policy is RFC3339UTCMillis.
	DateTime func(string) error
}

// LoadBundle loads a bundle: one JSON object whose keys are relative file
// paths ("v3/idn/v3/schemas/Account.yaml") and whose values are those
// files' documents. A $ref in a file is relative to that file's directory.
func LoadBundle(data []byte, opts Options) (*Spec, error) {
	v, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("oas: bundle: %v", err)
	}
	files, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("oas: bundle: %s, not an object keyed by file path", aKind(v))
	}
	for name := range files {
		if name == "" || path.IsAbs(name) || path.Clean(name) != name || strings.HasPrefix(name, "../") {
			return nil, fmt.Errorf("oas: bundle: %q is not a clean relative file path", name)
		}
	}
	return newSpec(files, opts), nil
}

// LoadDocument loads a single OpenAPI 3.0 document, whose $refs are
// fragments such as "#/components/schemas/Account".
func LoadDocument(data []byte, opts Options) (*Spec, error) {
	v, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("oas: document: %v", err)
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("oas: document: %s, not an object", aKind(v))
	}
	version, _ := doc["openapi"].(string)
	if !strings.HasPrefix(version, "3.0.") {
		return nil, fmt.Errorf("oas: document: openapi version %q, want 3.0.x", version)
	}
	return newSpec(map[string]any{"": doc}, opts), nil
}

func newSpec(files map[string]any, opts Options) *Spec {
	sp := &Spec{files: files, dateTime: opts.DateTime}
	if sp.dateTime == nil {
		sp.dateTime = RFC3339
	}
	return sp
}

// Schema is a schema of a Spec, with the file it is in so that its
// relative $refs resolve. A Schema that could not be found carries the
// error, which Validate reports.
type Schema struct {
	file string
	node map[string]any
	err  error
}

// Err says why the schema could not be found, or is nil.
func (s Schema) Err() error { return s.err }

// sub is the schema v, found inside s (so in s's file).
func (s Schema) sub(v any) Schema {
	m, ok := v.(map[string]any)
	if !ok {
		return Schema{file: s.file, err: fmt.Errorf("%s: a schema is %s, not an object", fileName(s.file), aKind(v))}
	}
	return Schema{file: s.file, node: m}
}

// Schema returns the schema that ref names, written as a $ref would be
// from the root of the bundle: "v3/idn/v3/schemas/Account.yaml" (a whole
// file), "common.yaml#/components/schemas/Tag", or, in a single document,
// "#/components/schemas/Account".
func (sp *Spec) Schema(ref string) Schema {
	file, node, err := sp.lookup("", ref)
	if err != nil {
		return Schema{err: err}
	}
	return Schema{file: file}.sub(node)
}

// Component returns the schema named name under components/schemas of a
// single document.
func (sp *Spec) Component(name string) Schema {
	return sp.Schema("#/components/schemas/" + url.PathEscape(escapeToken(name)))
}

// Validate checks doc, a JSON text, against s and returns every problem,
// each naming its JSON path ("$.Data[0].Email: ..."), in a deterministic
// order. It returns nil for a valid document.
func (sp *Spec) Validate(s Schema, doc []byte) []string {
	if s.err != nil {
		return []string{"$: " + s.err.Error()}
	}
	val, err := decode(doc)
	if err != nil {
		return []string{"$: not JSON: " + err.Error()}
	}
	v := newValidator(sp)
	v.check(s, val, "$", false, 0)
	return v.errs
}

// decode decodes one JSON value, keeping numbers exact as json.Number.
func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

// fileName names a file in messages.
func fileName(file string) string {
	if file == "" {
		return "document"
	}
	return file
}
