package mockisc

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoutesMatchSpecSecurity checks every ISC route against its
// operation in its version's document: the scopes (security, every
// scheme), the user levels (x-sailpoint-userLevels), and Tasks, which a
// route must have exactly when the spec's 202 answer carries a task id.
// Every operation of the served paths in every document must be served,
// unless listed as not served.
func TestRoutesMatchSpecSecurity(t *testing.T) {
	t.Parallel()
	docs := map[string]map[string]any{}
	for _, v := range allVersions {
		b, err := os.ReadFile(iscVersionsDir + v + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		docs[v] = doc
	}
	params := regexp.MustCompile(`\{[^}]*\}`)
	norm := func(p string) string { return params.ReplaceAllString(p, "{}") }
	operation := func(version, path, method string) map[string]any {
		paths, _ := docs[version]["paths"].(map[string]any)
		for key, item := range paths {
			if norm(key) == norm(path) {
				op, _ := item.(map[string]any)[strings.ToLower(method)].(map[string]any)
				return op
			}
		}
		return nil
	}
	served := map[string]bool{}
	for _, rt := range New(t, WithoutListener()).eng.Routes() {
		if rt.Surface != iscSurface || rt.Public() {
			continue
		}
		path := rt.Pattern
		if rt.API != v1 {
			path = strings.TrimPrefix(path, "/"+rt.API)
		}
		served[rt.API+" "+rt.Method+" "+norm(path)] = true
		op := operation(rt.API, path, rt.Method)
		if op == nil {
			t.Errorf("%s %s: no such operation in %s.json", rt.Method, rt.Pattern, rt.API)
			continue
		}
		var scopes []string
		sec, ok := op["security"].([]any)
		if !ok { // no security of its own: the document's applies
			sec, _ = docs[rt.API]["security"].([]any)
		}
		apps := false // the spec accepts client-credentials tokens (applicationAuth)
		for _, s := range sec {
			_, app := s.(map[string]any)["applicationAuth"]
			apps = apps || app
			for _, list := range s.(map[string]any) {
				for _, sc := range list.([]any) {
					if !slices.Contains(scopes, sc.(string)) {
						scopes = append(scopes, sc.(string))
					}
				}
			}
		}
		var levels []string
		lv, _ := op["x-sailpoint-userLevels"].([]any)
		if lv == nil { // the disable operation misspells the key
			lv, _ = op["x-sailpont-userLevels"].([]any)
		}
		for _, l := range lv {
			levels = append(levels, l.(string))
		}
		if d := cmp.Diff(sortedIDs(scopes), sortedIDs(rt.Scopes)); d != "" {
			t.Errorf("%s %s scopes (-spec +route):\n%s", rt.Method, rt.Pattern, d)
		}
		if d := cmp.Diff(sortedIDs(levels), sortedIDs(rt.Levels)); d != "" {
			t.Errorf("%s %s user levels (-spec +route):\n%s", rt.Method, rt.Pattern, d)
		}
		// Without user levels, only UserOnly keeps API clients out; it
		// must be set exactly where the spec takes user tokens only.
		if rt.Levels == nil && rt.UserOnly == apps {
			t.Errorf("%s %s: UserOnly is %v, but the spec accepts API clients: %v", rt.Method, rt.Pattern, rt.UserOnly, apps)
		}
		// PATCH's 202 is "an object" in the spec; the fake answers a task
		// id, as every other change does (a documented choice).
		if task := answersTask(docs[rt.API], op) || rt.Method == "PATCH"; task != rt.Tasks {
			t.Errorf("%s %s: Tasks is %v, but the spec's 202 answer carries a task id: %v", rt.Method, rt.Pattern, rt.Tasks, task)
		}
	}
	// Every GET and POST of the documents' paths is served, but these.
	notServed := regexp.MustCompile(`^(PUT|PATCH|DELETE|POST /sources$|POST /sources/\{\}/schemas$)`)
	for _, v := range allVersions {
		paths, _ := docs[v]["paths"].(map[string]any)
		for key, item := range paths {
			for method := range item.(map[string]any) {
				m := strings.ToUpper(method)
				unversioned := strings.Replace(norm(key), "/v1", "", 1)
				if m != "GET" && m != "POST" || notServed.MatchString(m+" "+unversioned) {
					continue
				}
				if !served[v+" "+m+" "+norm(key)] {
					t.Errorf("%s %s %s is in the spec but not served", v, m, key)
				}
			}
		}
	}
	// 11 account operations in 6 versions, remove in 5, identities-accounts
	// 4 in 5, task status 2 in 5, sources 3 in 6, identities 2 in 5, the
	// source tasks (load-accounts, remove-accounts,
	// load-uncorrelated-accounts) and the aggregation status in 5.
	if want := 11*6 + 5 + 4*5 + 2*5 + 3*6 + 2*5 + 4*5; len(served) != want {
		t.Errorf("checked %d routes, want %d", len(served), want)
	}
}

// answersTask reports whether an operation's 202 answer is an object
// with an id (a task to poll), or with a task that has one
// (LoadAccountsTask), resolving $refs in doc.
func answersTask(doc, op map[string]any) bool {
	responses, _ := op["responses"].(map[string]any)
	r, ok := responses["202"].(map[string]any)
	if !ok {
		return false
	}
	resolve := func(v any) map[string]any {
		m, _ := v.(map[string]any)
		for range 8 {
			ref, ok := m["$ref"].(string)
			if !ok {
				break
			}
			var cur any = doc
			for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
				cur = cur.(map[string]any)[part]
			}
			m, _ = cur.(map[string]any)
		}
		return m
	}
	r = resolve(r)
	content, _ := r["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	schema := resolve(media["schema"])
	props, _ := schema["properties"].(map[string]any)
	if _, hasID := props["id"]; hasID {
		return true
	}
	task := resolve(props["task"])
	taskProps, _ := task["properties"].(map[string]any)
	_, hasID := taskProps["id"]
	return hasID
}
