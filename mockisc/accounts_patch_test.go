package mockisc

import (
	"net/http"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

const patchCT = "application/json-patch+json"

// patch sends a JSON patch to an account.
func (e *env) patch(t testing.TB, id, ops string) result {
	t.Helper()
	return e.do(t, "PATCH", "/v3/accounts/"+id, ops, "Content-Type", patchCT)
}

func TestPatchCorrelation(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		keys := func(m map[string]any) map[string]any {
			out := map[string]any{}
			for _, k := range []string{"identityId", "identity", "uncorrelated", "identityState", "cloudLifecycleState", "manuallyCorrelated"} {
				if v, ok := m[k]; ok {
					out[k] = v
				}
			}
			return out
		}
		// Correlate an uncorrelated account.
		id := taskID(t, e.patch(t, fx.adSvc.ID, `[{"op":"replace","path":"/identityId","value":"`+fx.bob.ID+`"}]`))
		e.wantTask(t, id, "Update Account", fx.adSvc.ID)
		want := map[string]any{"identityId": fx.bob.ID, "identity": map[string]any{"id": fx.bob.ID, "type": "IDENTITY", "name": "Bob Baker"},
			"uncorrelated": false, "identityState": "INACTIVE_LONG_TERM", "cloudLifecycleState": "terminated", "manuallyCorrelated": true}
		if d := gocmp.Diff(want, keys(e.get(t, fx.adSvc.ID))); d != "" {
			t.Errorf("after correlating (-want +got):\n%s", d)
		}
		// Uncorrelate: identityId and identity are left out.
		taskID(t, e.patch(t, fx.adBob.ID, `[{"op":"remove","path":"/identityId"}]`))
		want = map[string]any{"uncorrelated": true, "identityState": nil, "cloudLifecycleState": nil, "manuallyCorrelated": false}
		if d := gocmp.Diff(want, keys(e.get(t, fx.adBob.ID))); d != "" {
			t.Errorf("after uncorrelating (-want +got):\n%s", d)
		}
		// Moving alice's authoritative account to carol: alice is no
		// longer identity.correlated, carol is.
		taskID(t, e.patch(t, fx.hrAlice.ID, `[{"op":"replace","path":"/identityId","value":"`+fx.carol.ID+`"},{"op":"replace","path":"/manuallyCorrelated","value":false}]`))
		a, _ := e.s.Account(fx.hrAlice.ID)
		if a.IdentityID != fx.carol.ID || a.ManuallyCorrelated {
			t.Errorf("hrAlice identity %q manuallyCorrelated %v, want carol, false", a.IdentityID, a.ManuallyCorrelated)
		}
		r := e.do(t, "GET", listPath("filters", "identity.correlated eq true"), "")
		if d := gocmp.Diff(accountIDs(fx.hrAlice, fx.hrBob, fx.adSvc, fx.csvCarol), ids(r.list(t))); d != "" {
			t.Errorf("correlated accounts (-want +got):\n%s", d)
		}
	})
}

func TestPatchAttributes(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		e.s.Clock().Advance(7e9)
		taskID(t, e.patch(t, fx.hrAlice.ID, `[{"op":"add","path":"/attributes/title","value":"CTO"},
			{"op":"replace","path":"/attributes/displayName","value":"Alice A"},{"op":"remove","path":"/attributes/dept"},
			{"op":"test","path":"/attributes/userName","value":"E001"}]`))
		got := e.get(t, fx.hrAlice.ID)
		if d := gocmp.Diff(map[string]any{"userName": "E001", "displayName": "Alice A", "title": "CTO"}, got["attributes"]); d != "" {
			t.Errorf("attributes (-want +got):\n%s", d)
		}
		if got["name"] != "Alice A" || got["modified"] != formatTime(e.s.Clock().Now()) {
			t.Errorf("name %v modified %v after patch", got["name"], got["modified"])
		}
		// Replacing the whole attributes object, and setting it to null.
		taskID(t, e.patch(t, fx.csvCarol.ID, `[{"op":"replace","path":"/attributes","value":{"k":[1,2]}}]`))
		if a, _ := e.s.Account(fx.csvCarol.ID); !gocmp.Equal(map[string]any{"k": []any{1.0, 2.0}}, a.Attributes) {
			t.Errorf("attributes %v after replace", a.Attributes)
		}
		taskID(t, e.patch(t, fx.csvCarol.ID, `[{"op":"replace","path":"/attributes","value":null}]`))
		if got := e.get(t, fx.csvCarol.ID); !gocmp.Equal(map[string]any{}, got["attributes"]) {
			t.Errorf("attributes %v after replace with null, want {}", got["attributes"])
		}
	})
}

func TestPatchErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	fx := e.fx
	tests := []struct {
		name, id, body string
		ct             string
		status         int
		detail         string
		want           []string
	}{
		{"json content type", fx.hrAlice.ID, `[]`, "application/json", 415, detailMediaType, []string{patchCT}},
		{"unknown account", "nope", `[]`, patchCT, 404, detailNotFound, []string{`"nope"`}},
		{"unknown identity", fx.adSvc.ID, `[{"op":"replace","path":"/identityId","value":"ghost"}]`, patchCT, 400, detailRefNotFound, []string{`"ghost"`}},
		{"identityId number", fx.adSvc.ID, `[{"op":"replace","path":"/identityId","value":5}]`, patchCT, 400, detailIllegalValue, []string{"must be a string"}},
		{"identityId empty", fx.adSvc.ID, `[{"op":"add","path":"/identityId","value":""}]`, patchCT, 400, detailIllegalValue, []string{"must not be empty"}},
		{"manuallyCorrelated string", fx.adSvc.ID, `[{"op":"replace","path":"/manuallyCorrelated","value":"yes"}]`, patchCT, 400, detailIllegalValue, []string{"boolean"}},
		{"remove manuallyCorrelated", fx.adSvc.ID, `[{"op":"remove","path":"/manuallyCorrelated"}]`, patchCT, 400, detailBadRequest, []string{`op "remove" is not allowed`}},
		{"attributes on direct source", fx.adAlice.ID, `[{"op":"add","path":"/attributes/x","value":1}]`, patchCT, 400, detailBadRequest, []string{"flat file"}},
		{"name", fx.hrAlice.ID, `[{"op":"replace","path":"/name","value":"x"}]`, patchCT, 400, detailBadRequest, []string{`"/name" is not a valid patch field`}},
		{"disabled", fx.hrAlice.ID, `[{"op":"replace","path":"/disabled","value":true}]`, patchCT, 400, detailBadRequest, []string{`"/disabled"`}},
		{"id", fx.hrAlice.ID, `[{"op":"replace","path":"/id","value":"x"}]`, patchCT, 400, detailBadRequest, []string{`"/id"`}},
		{"second op forbidden", fx.hrAlice.ID, `[{"op":"add","path":"/attributes/x","value":1},{"op":"remove","path":"/sourceId"}]`, patchCT, 400, detailBadRequest, []string{"1"}},
		{"failed test applies nothing", fx.hrAlice.ID, `[{"op":"replace","path":"/attributes/dept","value":"ops"},{"op":"test","path":"/attributes/dept","value":"eng"}]`, patchCT, 400, detailBadRequest, nil},
		{"remove missing attribute", fx.hrAlice.ID, `[{"op":"remove","path":"/attributes/none"}]`, patchCT, 400, detailBadRequest, nil},
		{"not an array", fx.hrAlice.ID, `{"op":"add"}`, patchCT, 400, detailBadRequest, nil},
		{"malformed", fx.hrAlice.ID, `[{"op":"add",`, patchCT, 400, detailBadRequest, nil},
		{"unknown op", fx.hrAlice.ID, `[{"op":"frob","path":"/attributes/x"}]`, patchCT, 400, detailBadRequest, []string{"frob"}},
		{"missing value", fx.hrAlice.ID, `[{"op":"add","path":"/attributes/x"}]`, patchCT, 400, detailBadRequest, []string{"value"}},
	}
	before := e.s.Snapshot()
	// The cases run in parallel; they are all refused, so none changes
	// the tenant, which the check below confirms.
	t.Run("cases", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, "PATCH", "/v3/accounts/"+tt.id, tt.body, "Content-Type", tt.ct)
				wantError(t, r, tt.status, tt.detail, tt.want...)
			})
		}
	})
	if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
		t.Errorf("failed patches changed the tenant (-before +after):\n%s", d)
	}
	// A patch whose test passes, in the same order, applies.
	taskID(t, e.patch(t, fx.hrAlice.ID, `[{"op":"test","path":"/attributes/dept","value":"eng"},{"op":"replace","path":"/attributes/dept","value":"ops"}]`))
	if a, _ := e.s.Account(fx.hrAlice.ID); a.Attributes["dept"] != "ops" {
		t.Errorf("dept %v, want ops", a.Attributes["dept"])
	}
}

func TestAccountEntitlements(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		base := "/v3/accounts/" + fx.adAlice.ID + "/entitlements"
		r := e.do(t, "GET", base+"?count=true", "")
		r.want(t, http.StatusOK)
		list := r.list(t)
		if d := gocmp.Diff([]string{fx.admins.ID, fx.users.ID}, ids(list)); d != "" {
			t.Errorf("entitlements (-want +got):\n%s", d)
		}
		if r.header.Get("X-Total-Count") != "2" {
			t.Errorf("X-Total-Count %q, want 2", r.header.Get("X-Total-Count"))
		}
		want := map[string]any{"name": "Admins", "attribute": "memberOf", "value": "Admins", "privileged": true,
			"sourceSchemaObjectType": "group", "source": map[string]any{"id": fx.ad.ID, "type": "SOURCE", "name": "Active Directory"}}
		for k, v := range want {
			if !gocmp.Equal(v, list[0][k]) {
				t.Errorf("entitlement %s = %v, want %v", k, list[0][k], v)
			}
		}
		r = e.do(t, "GET", base+"?limit=1&offset=1&count=true", "")
		if d := gocmp.Diff([]string{fx.users.ID}, ids(r.list(t))); d != "" || r.header.Get("X-Total-Count") != "2" {
			t.Errorf("page 2: %s X-Total-Count %q", d, r.header.Get("X-Total-Count"))
		}
		r = e.do(t, "GET", base+"?offset=2", "")
		if string(r.body) != "[]" {
			t.Errorf("past the end: %s, want []", r.body)
		}
		r = e.do(t, "GET", "/v3/accounts/"+fx.hrAlice.ID+"/entitlements", "")
		if string(r.body) != "[]" {
			t.Errorf("no entitlements: %s, want []", r.body)
		}
		wantError(t, e.do(t, "GET", "/v3/accounts/nope/entitlements", ""), 404, detailNotFound, `"nope"`)
	})
}
