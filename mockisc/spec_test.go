package mockisc

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	accountSchema = "v3/idn/v3/schemas/Account.yaml"
	taskSchema    = "v2025/idn/v2025/schemas/TaskStatus.yaml"
)

// goodAccount is a valid v3 Account, written by hand from the schema.
const goodAccount = `{"id":"a1","name":"jdoe","created":"2025-01-01T00:00:00.000Z","modified":"2025-01-01T00:00:00.000Z",
"sourceId":"s1","sourceName":"HR","identityId":"i1","cloudLifecycleState":null,"identityState":"ACTIVE",
"connectionType":"file","isMachine":false,"recommendation":null,"attributes":{"x":[1,{"y":null}]},
"authoritative":true,"description":null,"disabled":false,"locked":false,"nativeIdentity":"E1",
"systemAccount":false,"uncorrelated":false,"uuid":null,"manuallyCorrelated":false,"hasEntitlements":true,
"identity":{"id":"i1","type":"IDENTITY","name":"J Doe"},"sourceOwner":null,"features":"ENABLE",
"origin":null,"ownerIdentity":{"id":"i2","type":"IDENTITY","name":"Owner"}}`

const goodTask = `{"id":"t1","type":"QUEUED_TASK","uniqueName":"Create Account","description":"d","parentName":null,
"launcher":"me","target":{"id":"s1","type":"APPLICATION","name":"HR"},"created":"2025-01-01T00:00:00.000Z",
"modified":null,"launched":null,"completed":null,"completionStatus":null,
"messages":[{"type":"ERROR","localizedText":{"locale":"en-US","message":"m"},"key":"k","parameters":["p",{}]}],
"returns":[{"name":"n","attributeName":"a"}],"attributes":{},"progress":null,"percentComplete":0}`

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

// TestValidatorRejects proves the schema validator is not vacuous: the
// hand-written valid documents pass, and each broken variant fails with
// the reason.
func TestValidatorRejects(t *testing.T) {
	t.Parallel()
	for _, good := range []struct{ file, doc string }{{accountSchema, goodAccount}, {taskSchema, goodTask}} {
		if errs := validate(good.file, []byte(good.doc)); len(errs) > 0 {
			t.Errorf("%s: valid document rejected: %v", good.file, errs)
		}
	}
	tests := []struct {
		name   string
		file   string
		doc    string
		change func(m map[string]any)
		want   string
	}{
		{"missing required", accountSchema, goodAccount, func(m map[string]any) { delete(m, "sourceId") }, `$: required key "sourceId" is missing`},
		{"missing required from allOf base", accountSchema, goodAccount, func(m map[string]any) { delete(m, "name") }, `required key "name"`},
		{"wrong type", accountSchema, goodAccount, func(m map[string]any) { m["disabled"] = "no" }, "$.disabled: string is not of type boolean"},
		{"null not nullable", accountSchema, goodAccount, func(m map[string]any) { m["nativeIdentity"] = nil }, "$.nativeIdentity: null is not allowed"},
		{"bad enum", accountSchema, goodAccount, func(m map[string]any) { m["origin"] = "MANUAL" }, "$.origin: MANUAL is not one of"},
		{"bad nested enum", accountSchema, goodAccount, func(m map[string]any) {
			m["identity"] = map[string]any{"id": "i", "type": "ROBOT", "name": "n"}
		}, "$.identity.type: ROBOT is not one of"},
		{"bad allOf ref enum", accountSchema, goodAccount, func(m map[string]any) {
			m["ownerIdentity"] = map[string]any{"id": "i", "type": "ROBOT", "name": "n"}
		}, "$.ownerIdentity.type: ROBOT is not one of"},
		{"recommendation missing method", accountSchema, goodAccount, func(m map[string]any) {
			m["recommendation"] = map[string]any{"type": "HUMAN"}
		}, `$.recommendation: required key "method" is missing`},
		{"not a date-time", accountSchema, goodAccount, func(m map[string]any) { m["created"] = "yesterday" }, "is not an RFC 3339 date-time"},
		{"date-time without millis", accountSchema, goodAccount, func(m map[string]any) { m["modified"] = "2025-01-01T00:00:00Z" }, "not UTC with milliseconds"},
		{"undeclared key", accountSchema, goodAccount, func(m map[string]any) { m["identityID"] = "x" }, `key "identityID" is not declared`},
		{"attributes not object", accountSchema, goodAccount, func(m map[string]any) { m["attributes"] = []any{} }, "$.attributes: array is not of type object"},
		{"task bad status", taskSchema, goodTask, func(m map[string]any) { m["completionStatus"] = "DONE" }, "$.completionStatus: DONE is not one of"},
		{"task integer", taskSchema, goodTask, func(m map[string]any) { m["percentComplete"] = 1.5 }, "is not of type integer"},
		{"task message item", taskSchema, goodTask, func(m map[string]any) {
			m["messages"] = []any{map[string]any{"type": "INFO", "key": "k", "parameters": nil}}
		}, `$.messages[0]: required key "localizedText" is missing`},
		{"task anyOf", taskSchema, goodTask, func(m map[string]any) {
			m["messages"] = []any{map[string]any{"type": "INFO", "key": "k", "parameters": []any{3.0}, "localizedText": nil}}
		}, "$.messages[0].parameters[0]: matches no anyOf member"},
		{"error locale origin", errorSchema, `{}`, func(m map[string]any) {
			m["messages"] = []any{map[string]any{"locale": "en-US", "localeOrigin": "GUESS", "text": "x"}}
		}, "$.messages[0].localeOrigin: GUESS is not one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			errs := validate(tt.file, edit(t, tt.doc, tt.change))
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }) {
				t.Errorf("errors %q do not include %q", errs, tt.want)
			}
		})
	}
}

// TestRoutesMatchSpecSecurity checks each ISC route's scopes and user
// levels against the security and x-sailpoint-userLevels of its
// operation in the spec.
func TestRoutesMatchSpecSecurity(t *testing.T) {
	t.Parallel()
	sp, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, rt := range New(t, WithoutListener()).eng.Routes() {
		if rt.Surface != iscSurface || rt.Public() {
			continue
		}
		file, ok := specFileFor(rt.Pattern)
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

func specFileFor(pattern string) (string, bool) {
	r, err := http.NewRequest("GET", "http://x"+strings.ReplaceAll(pattern, "{id}", "x"), nil)
	if err != nil {
		return "", false
	}
	h, _ := specMux().Handler(r)
	f, ok := h.(specFile)
	return string(f), ok
}
