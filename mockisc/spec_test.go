package mockisc

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoutesMatchSpecSecurity checks each ISC route's scopes and user
// levels against the security and x-sailpoint-userLevels of its
// operation in the spec.
func TestRoutesMatchSpecSecurity(t *testing.T) {
	t.Parallel()
	// The bundle as a plain map: file path → the file's document.
	b, err := os.ReadFile(iscBundleFile)
	if err != nil {
		t.Fatal(err)
	}
	var sp map[string]any
	if err := json.Unmarshal(b, &sp); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, rt := range New(t, WithoutListener()).eng.Routes() {
		if rt.Surface != iscSurface || rt.Public() {
			continue
		}
		file, ok := specFileFor(strings.ReplaceAll(rt.Pattern, "{id}", "x"))
		if !ok {
			t.Errorf("%s %s: no spec file", rt.Method, rt.Pattern)
			continue
		}
		item, _ := sp[file].(map[string]any)
		op, _ := item[strings.ToLower(rt.Method)].(map[string]any)
		if op == nil {
			t.Errorf("%s %s: no operation in %s", rt.Method, rt.Pattern, file)
			continue
		}
		var scopes []string
		sec, _ := op["security"].([]any)
		for _, s := range sec {
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
		if lv == nil { // the v3 disable operation misspells the key
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
		responses, _ := op["responses"].(map[string]any)
		if _, async := responses["202"]; async != rt.Tasks {
			t.Errorf("%s %s: Tasks is %v, but the spec's 202 answer is there: %v", rt.Method, rt.Pattern, rt.Tasks, async)
		}
		checked++
	}
	if checked != 13 {
		t.Errorf("checked %d routes, want the 13 of v3 accounts and task status", checked)
	}
}
