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
//
// The layers, bottom up: the leaves (filter, filter/agilenow, jsonpatch,
// internal/strictjson, internal/oas, internal/tlsca, internal/plain); the
// simulation engine internal/sim; the HTTP pipeline internal/engine; the
// API surfaces (internal/agilenowapi beside mockisc's ISC and admin APIs),
// which never import each other; mockisc, the facade; fixtures and
// examples; tenantsync (import, record) above fixtures; the binary on top;
// internal/uitest, the browser tests, above them all. internal/iscclient,
// a leaf, is the ISC API client (token, retries) of fixtures' verify mode
// and of tenantsync. internal/tlsca, the certificate maker, serves both
// mockisc and the binary, which listens on its own socket.
// internal/benchbare, the bare net/http baseline of
// scripts/wrk-vs-bare.sh, imports nothing of the module.
var allowed = map[string][]string{
	"filter":               nil,
	"filter/agilenow":      nil,
	"jsonpatch":            nil,
	"internal/strictjson":  nil,
	"internal/oas":         nil,
	"internal/tlsca":       nil,
	"internal/iscclient":   nil,
	"internal/plain":       nil,
	"internal/sim":         nil,
	"internal/engine":      {"internal/sim"},
	"internal/agilenowapi": {"internal/engine", "internal/sim", "filter/agilenow"},
	"mockisc":              {"filter", "jsonpatch", "internal/strictjson", "internal/engine", "internal/sim", "internal/agilenowapi", "internal/tlsca", "internal/plain"},
	"fixtures":             {"mockisc", "internal/strictjson", "internal/sim", "internal/iscclient"},
	"tenantsync":           {"mockisc", "fixtures", "internal/iscclient"},
	"examples":             nil,
	"cmd/mockisc":          {"mockisc", "fixtures", "tenantsync", "internal/tlsca", "internal/plain"},
	"internal/archtest":    nil,
	"internal/benchbare":   nil,
	// internal/uitest is test files only (the dashboard's browser tests,
	// which keep chromedp out of mockisc's test binary); its doc.go
	// imports nothing.
	"internal/uitest": nil,
}

// stdForbidden lists, for a package, standard library packages its
// non-test files must not import: the simulation engine knows nothing of
// HTTP or the network.
var stdForbidden = map[string][]string{
	"internal/sim": {"net", "net/http", "net/url", "mime", "mime/multipart"},
}

// testOnly lists imports that no non-test file may use: a browser driver
// never ships in the library or the binary.
var testOnly = []string{"testing", "github.com/google/go-cmp", "github.com/chromedp"}

// neverInTests lists, for a package, the packages of this module its test
// files must not import either (a lower layer never reaches up).
var neverInTests = map[string][]string{
	"filter":               {"mockisc", "jsonpatch", "fixtures", "cmd/mockisc", "examples"},
	"filter/agilenow":      {"mockisc", "jsonpatch", "fixtures", "cmd/mockisc", "examples"},
	"jsonpatch":            {"mockisc", "filter", "fixtures", "cmd/mockisc", "examples"},
	"internal/sim":         {"internal/engine", "internal/agilenowapi", "mockisc", "fixtures", "cmd/mockisc", "examples"},
	"internal/engine":      {"internal/agilenowapi", "mockisc", "fixtures", "cmd/mockisc", "examples"},
	"internal/agilenowapi": {"mockisc", "fixtures", "cmd/mockisc", "examples"},
	"mockisc":              {"fixtures", "cmd/mockisc", "examples"},
	"fixtures":             {"tenantsync", "cmd/mockisc", "examples"},
	"internal/iscclient":   {"mockisc", "fixtures", "tenantsync", "cmd/mockisc", "examples"},
	"tenantsync":           {"cmd/mockisc"},
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
			if slices.Contains(stdForbidden[rel], imp) {
				t.Errorf("%s imports %s, which its layer must not", rel, imp)
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
	if !slices.Contains(stdForbidden["internal/sim"], "net/http") {
		t.Fatal("policy lets the simulation engine import net/http")
	}
	if slices.Contains(allowed["internal/agilenowapi"], "mockisc") || slices.Contains(allowed["internal/engine"], "internal/agilenowapi") {
		t.Fatal("policy lets a lower layer import an API surface")
	}
	if pkgs := packages(t, root(t)); !slices.Contains(pkgs, "internal/archtest") {
		t.Fatalf("walk missed this package; found %v", pkgs)
	}
}
