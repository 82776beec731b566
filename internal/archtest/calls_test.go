package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reqPathValues returns the positions in src of calls of X.Req.PathValue:
// a pipeline handler reading a path value off the request, where the
// engine does not set them (it keeps them in the Call, for
// Call.PathValue, to spare an allocation per request).
func reqPathValues(fset *token.FileSet, name string, src any) ([]string, error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "PathValue" {
			if req, ok := sel.X.(*ast.SelectorExpr); ok && req.Sel.Name == "Req" {
				found = append(found, fset.Position(call.Pos()).String())
			}
		}
		return true
	})
	return found, nil
}

// TestHandlersReadCallPathValues: outside the engine, no code (tests
// included) reads a call's path values with c.Req.PathValue, which
// would see "" for a routed call: they are read with c.PathValue.
func TestHandlersReadCallPathValues(t *testing.T) {
	t.Parallel()
	dir := root(t)
	fset := token.NewFileSet()
	for _, rel := range packages(t, dir) {
		if rel == "internal/engine" || rel == "internal/archtest" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, rel, "*.go"))
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(src), "PathValue") {
				continue
			}
			found, err := reqPathValues(fset, name, src)
			if err != nil {
				t.Fatal(err)
			}
			for _, pos := range found {
				t.Errorf("%s: reads Req.PathValue; a pipeline handler reads c.PathValue", pos)
			}
		}
	}
}

// TestReqPathValuesCatches checks the checker on made-up code.
func TestReqPathValuesCatches(t *testing.T) {
	t.Parallel()
	src := `package p
func h(c *Call, r *Request) { _ = c.Req.PathValue("id"); _ = c.PathValue("id"); _ = r.PathValue("id") }`
	found, err := reqPathValues(token.NewFileSet(), "p.go", src)
	if err != nil || len(found) != 1 || !strings.HasPrefix(found[0], "p.go:2:") {
		t.Fatalf("found %v, %v; want one call, on line 2", found, err)
	}
}
