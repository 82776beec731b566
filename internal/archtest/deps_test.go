package archtest

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/mockisc/mockisc"

// allowed lists, for each package of this module, the packages of this
// module its non-test files may import. It is a statement of policy: do not
// change it to make a build pass; change the code.
var allowed = map[string][]string{
	"filter":              nil,
	"filter/agilenow":     nil,
	"jsonpatch":           nil,
	"mockisc":             {"filter", "filter/agilenow", "jsonpatch", "internal/strictjson"},
	"fixtures":            {"mockisc", "internal/strictjson"},
	"examples":            nil,
	"cmd/mockisc":         {"mockisc", "fixtures"},
	"internal/archtest":   nil,
	"internal/oas":        nil,
	"internal/strictjson": nil,
}

// testOnly lists imports that no non-test file may use.
var testOnly = []string{"testing", "github.com/google/go-cmp"}

// neverInTests lists, for a package, the packages of this module its test
// files must not import either (a lower layer never reaches up).
var neverInTests = map[string][]string{
	"filter":          {"mockisc", "jsonpatch", "fixtures", "cmd/mockisc", "examples"},
	"filter/agilenow": {"mockisc", "jsonpatch", "fixtures", "cmd/mockisc", "examples"},
	"jsonpatch":       {"mockisc", "filter", "fixtures", "cmd/mockisc", "examples"},
	"mockisc":         {"fixtures", "cmd/mockisc", "examples"},
	"fixtures":        {"cmd/mockisc", "examples"},
}

func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("module root not found at %s: %v", dir, err)
	}
	return dir
}

// packages returns every directory below the module root holding Go files,
// relative to the root, skipping testdata.
func packages(t *testing.T, dir string) []string {
	t.Helper()
	var pkgs []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if name == "testdata" || (strings.HasPrefix(name, ".") && path != dir) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") {
			rel, _ := filepath.Rel(dir, filepath.Dir(path))
			rel = filepath.ToSlash(rel)
			if !slices.Contains(pkgs, rel) {
				pkgs = append(pkgs, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func local(path string) (string, bool) {
	if path == module {
		return ".", true
	}
	rest, ok := strings.CutPrefix(path, module+"/")
	return rest, ok
}

func TestImportGraph(t *testing.T) {
	t.Parallel()
	dir := root(t)
	for _, rel := range packages(t, dir) {
		pkg, err := build.ImportDir(filepath.Join(dir, rel), 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				continue
			}
			t.Fatalf("%s: %v", rel, err)
		}
		allow, known := allowed[rel]
		if !known {
			t.Errorf("package %s is not in the import policy table; add it to allowed", rel)
			continue
		}
		for _, imp := range pkg.Imports {
			for _, bad := range testOnly {
				if imp == bad || strings.HasPrefix(imp, bad+"/") {
					t.Errorf("%s: non-test code imports %s", rel, imp)
				}
			}
			if dep, ok := local(imp); ok && !slices.Contains(allow, dep) {
				t.Errorf("%s imports %s; allowed: %v", rel, dep, allow)
			}
		}
		for _, imp := range append(slices.Clone(pkg.TestImports), pkg.XTestImports...) {
			if dep, ok := local(imp); ok && slices.Contains(neverInTests[rel], dep) {
				t.Errorf("%s: a test file imports %s, a package above it", rel, dep)
			}
		}
	}
}

// TestPolicyCatchesViolations checks the checker itself on a made-up
// package, so a broken walk cannot pass silently.
func TestPolicyCatchesViolations(t *testing.T) {
	t.Parallel()
	if _, ok := local(module + "/mockisc"); !ok {
		t.Fatal("local() does not recognise a module path")
	}
	if _, ok := local("github.com/mockisc/mockiscx"); ok {
		t.Fatal("local() accepts a path outside the module")
	}
	if slices.Contains(allowed["filter"], "mockisc") {
		t.Fatal("policy lets filter import mockisc")
	}
	if pkgs := packages(t, root(t)); !slices.Contains(pkgs, "internal/archtest") {
		t.Fatalf("walk missed this package; found %v", pkgs)
	}
}
