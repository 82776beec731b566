package oas

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// load reads a fixture and loads it with the loader.
func load(t *testing.T, file string, loader func([]byte, Options) (*Spec, error), opts Options) *Spec {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := loader(b, opts)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return sp
}

// edit returns doc with f applied to its decoded object.
func edit(t *testing.T, doc string, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantErr checks that errs holds a problem containing want, or, for an
// empty want, that there is none.
func wantErr(t *testing.T, errs []string, want string) {
	t.Helper()
	switch {
	case want == "" && len(errs) > 0:
		t.Errorf("valid document rejected: %q", errs)
	case want != "" && !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, want) }):
		t.Errorf("errors %q do not include %q", errs, want)
	}
}
