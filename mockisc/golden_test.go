package mockisc

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// step is one request of the golden script.
type step struct {
	name, method, path, body string
	hdr                      []string
}

// script is a request sequence over the fixture that touches every
// operation and the main errors. Ids in paths are filled from fx.
func script(fx *fixture) []step {
	acct := "/v3/accounts/"
	return []step{
		{name: "get_account_correlated", method: "GET", path: acct + fx.hrAlice.ID},
		{name: "get_account_machine", method: "GET", path: acct + fx.adSvc.ID},
		{name: "list_slim", method: "GET", path: "/v3/accounts?detailLevel=SLIM&limit=2&count=true"},
		{name: "list_filtered_sorted", method: "GET", path: listPath("filters", `sourceId eq "`+fx.ad.ID+`" or identity.name sw "Carol"`, "sorters", "-name", "count", "true")},
		{name: "entitlements", method: "GET", path: acct + fx.adAlice.ID + "/entitlements"},
		{name: "create", method: "POST", path: "/v3/accounts", body: specExample(fx.hr.ID)},
		{name: "list_after_create", method: "GET", path: listPath("filters", `origin eq "PROVISIONED"`)},
		{name: "patch", method: "PATCH", path: acct + fx.adSvc.ID, body: `[{"op":"add","path":"/identityId","value":"` + fx.carol.ID + `"}]`, hdr: []string{"Content-Type", patchCT}},
		{name: "get_after_patch", method: "GET", path: acct + fx.adSvc.ID},
		{name: "put", method: "PUT", path: acct + fx.csvCarol.ID, body: `{"attributes":{"userName":"carol","displayName":"Carol C."}}`},
		{name: "disable", method: "POST", path: acct + fx.adAlice.ID + "/disable", body: `{}`},
		{name: "delete", method: "DELETE", path: acct + fx.hrBob.ID},
		{name: "error_400_filter", method: "GET", path: listPath("filters", `name co "x"`)},
		{name: "error_400_limit", method: "GET", path: "/v3/accounts?limit=251"},
		{name: "error_400_body", method: "POST", path: acct + fx.adAlice.ID + "/enable", body: `{"forceProvisioning":1}`},
		{name: "error_400_delete", method: "DELETE", path: acct + fx.adAlice.ID},
		{name: "error_404", method: "GET", path: acct + "missing"},
		{name: "error_404_route", method: "GET", path: "/v3/identities"},
		{name: "error_405", method: "DELETE", path: "/v3/accounts"},
		{name: "error_415", method: "PATCH", path: acct + fx.adAlice.ID, body: `[]`},
		{name: "error_401", method: "GET", path: "/v3/accounts", hdr: []string{"Authorization", "Bearer nope"}},
	}
}

// recorded is one answer of the script, as a golden file holds it.
type recorded struct {
	Status int             `json:"status"`
	Total  string          `json:"xTotalCount,omitempty"`
	Body   json.RawMessage `json:"body"`
}

// runScript seeds a fresh server made with opts, runs the script with
// its Client and returns the answers and their task status documents.
func runScript(t *testing.T, opts ...Option) ([]string, []result) {
	t.Helper()
	e := newEnv(t, opts...)
	var names []string
	var out []result
	for _, st := range script(e.fx) {
		r := e.do(t, st.method, st.path, st.body, st.hdr...)
		names = append(names, st.name)
		out = append(out, r)
		if r.status == http.StatusAccepted {
			id, _ := r.obj(t)["id"].(string)
			names = append(names, st.name+"_task")
			out = append(out, e.do(t, "GET", "/v2025/task-status/"+id, ""))
		}
	}
	return names, out
}

func TestGolden(t *testing.T) {
	t.Parallel()
	names, results := runScript(t, WithoutListener())
	for i, r := range results {
		checkGolden(t, names[i], r)
	}
}

// checkGolden compares r's status, X-Total-Count and indented body with
// testdata/golden/<name>.json, or rewrites the file with -update. name
// may hold a folder ("versions/sources_list").
func checkGolden(t *testing.T, name string, r result) {
	t.Helper()
	rec := recorded{Status: r.status, Total: r.header.Get("X-Total-Count"), Body: r.body}
	raw, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := json.Indent(&got, raw, "", "  "); err != nil {
		t.Fatal(err)
	}
	got.WriteByte('\n')
	goldenFile(t, filepath.Join("testdata", "golden", filepath.FromSlash(name)+".json"), got.Bytes())
}

// goldenFile compares got with file, or with -update writes got there.
func goldenFile(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (go test -run %s -update rewrites it):\n%s", file, t.Name(), lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(want, got string) string {
	wl, gl := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := range max(len(wl), len(gl)) {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d:\n-%s\n+%s", i+1, w, g)
		}
	}
	return "(no line differs)"
}

// TestDeterminism runs the script on two servers with the same seed, one
// over a socket and one in process, and wants byte-identical answers; a
// third with another seed must differ.
func TestDeterminism(t *testing.T) {
	t.Parallel()
	_, a := runScript(t, WithSeed(7))
	_, b := runScript(t, WithSeed(7), WithoutListener())
	_, c := runScript(t, WithSeed(8), WithoutListener())
	if len(a) != len(b) {
		t.Fatalf("%d answers, then %d", len(a), len(b))
	}
	differs := 0
	for i := range a {
		if a[i].status != b[i].status || !bytes.Equal(a[i].body, b[i].body) {
			t.Errorf("answer %d differs:\n%s\n%s", i, a[i].body, b[i].body)
		}
		// Content-Length depends on the transport (the socket chunks large
		// bodies), so it is left out.
		for _, h := range []string{"Content-Type", "X-Total-Count", "Allow"} {
			if a[i].header.Get(h) != b[i].header.Get(h) {
				t.Errorf("answer %d: %s %q vs %q", i, h, a[i].header.Get(h), b[i].header.Get(h))
			}
		}
		if !bytes.Equal(a[i].body, c[i].body) {
			differs++
		}
	}
	if differs < len(a)/2 {
		t.Errorf("only %d of %d answers differ under another seed", differs, len(a))
	}
	if !slices.EqualFunc(a, b, func(x, y result) bool { return bytes.Equal(x.body, y.body) }) {
		t.Error("same seed, different bodies")
	}
}
