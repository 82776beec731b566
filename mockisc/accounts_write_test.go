package mockisc

import (
	"net/http"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// wantTask checks that task id resolves on both task-status APIs as a
// finished task of the given name for the account.
func (e *env) wantTask(t testing.TB, id, name, accountID string) {
	t.Helper()
	for _, api := range []string{"/v2025", "/beta"} {
		m := e.do(t, "GET", api+"/task-status/"+id, "").want(t, http.StatusOK).obj(t)
		attrs, _ := m["attributes"].(map[string]any)
		got := map[string]any{"id": m["id"], "uniqueName": m["uniqueName"], "completionStatus": m["completionStatus"],
			"percentComplete": m["percentComplete"], "accountId": attrs["accountId"]}
		want := map[string]any{"id": id, "uniqueName": name, "completionStatus": "SUCCESS",
			"percentComplete": 100.0, "accountId": accountID}
		if d := gocmp.Diff(want, got); d != "" {
			t.Errorf("%s task %s (-want +got):\n%s", api, id, d)
		}
	}
	if ti, ok := e.s.Task(id); !ok || ti.Name != name || ti.AccountID != accountID || ti.Status != TaskSuccess {
		t.Errorf("Task(%s) = %+v, %v; want %s of %s, SUCCESS", id, ti, ok, name, accountID)
	}
}

// get fetches an account over HTTP as a JSON object.
func (e *env) get(t testing.TB, id string) map[string]any {
	t.Helper()
	return e.do(t, "GET", "/v3/accounts/"+id, "").want(t, http.StatusOK).obj(t)
}

func TestGetAccountDerivedFields(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		pick := func(m map[string]any, keys ...string) map[string]any {
			out := map[string]any{}
			for _, k := range keys {
				if v, ok := m[k]; ok {
					out[k] = v
				}
			}
			return out
		}
		keys := []string{"id", "name", "nativeIdentity", "sourceId", "sourceName", "connectionType", "authoritative",
			"features", "sourceOwner", "identityId", "identity", "identityState", "cloudLifecycleState",
			"uncorrelated", "hasEntitlements", "origin", "uuid", "isMachine", "recommendation", "ownerIdentity",
			"description", "disabled", "locked", "manuallyCorrelated", "created", "modified"}
		ref := func(id, name string) map[string]any {
			return map[string]any{"id": id, "type": "IDENTITY", "name": name}
		}
		tests := []struct {
			a    Account
			want map[string]any
		}{
			{fx.hrAlice, map[string]any{"id": fx.hrAlice.ID, "name": "alice", "nativeIdentity": "E001", "sourceId": fx.hr.ID,
				"sourceName": "HR", "connectionType": "file", "authoritative": true, "features": nil,
				"sourceOwner": ref(fx.alice.ID, "Alice Anders"), "identityId": fx.alice.ID, "identity": ref(fx.alice.ID, "Alice Anders"),
				"identityState": "ACTIVE", "cloudLifecycleState": "active", "uncorrelated": false, "hasEntitlements": false,
				"origin": "AGGREGATED", "uuid": nil, "isMachine": false, "recommendation": nil, "ownerIdentity": nil,
				"description": nil, "disabled": false, "locked": false, "manuallyCorrelated": false,
				"created": formatTime(fx.hrAlice.Created), "modified": formatTime(fx.hrAlice.Modified)}},
			{fx.adSvc, map[string]any{"id": fx.adSvc.ID, "name": "svc", "nativeIdentity": "CN=svc", "sourceId": fx.ad.ID,
				"sourceName": "Active Directory", "connectionType": "direct", "authoritative": false, "features": "ENABLE, UNLOCK",
				"sourceOwner": nil, "identityState": nil, "cloudLifecycleState": nil,
				"uncorrelated": true, "hasEntitlements": false, "origin": "PROVISIONED",
				"uuid": "{b0dce506-d6d4-44d2-8a32-d9a5b21fb175}", "isMachine": true,
				"recommendation": map[string]any{"type": "MACHINE", "method": "DISCOVERY"}, "ownerIdentity": ref(fx.carol.ID, "Carol Chen"),
				"description": nil, "disabled": false, "locked": false, "manuallyCorrelated": false,
				"created": formatTime(fx.adSvc.Created), "modified": formatTime(fx.adSvc.Modified)}},
			{fx.adBob, map[string]any{"id": fx.adBob.ID, "name": "bob.ad", "nativeIdentity": "CN=bob", "sourceId": fx.ad.ID,
				"sourceName": "Active Directory", "connectionType": "direct", "authoritative": false, "features": "ENABLE, UNLOCK",
				"sourceOwner": nil, "identityId": fx.bob.ID, "identity": ref(fx.bob.ID, "Bob Baker"),
				"identityState": "INACTIVE_LONG_TERM", "cloudLifecycleState": "terminated", "uncorrelated": false,
				"hasEntitlements": true, "origin": nil, "uuid": nil, "isMachine": false, "recommendation": nil,
				"ownerIdentity": nil, "description": nil, "disabled": true, "locked": true, "manuallyCorrelated": true,
				"created": formatTime(fx.adBob.Created), "modified": formatTime(fx.adBob.Modified)}},
			{fx.csvCarol, map[string]any{"id": fx.csvCarol.ID, "name": "carol", "nativeIdentity": "carol", "sourceId": fx.csv.ID,
				"sourceName": "CSV", "connectionType": "file", "authoritative": false, "features": nil, "sourceOwner": nil,
				"identityId": fx.carol.ID, "identity": ref(fx.carol.ID, "Carol Chen"), "identityState": nil,
				"cloudLifecycleState": nil, "uncorrelated": false, "hasEntitlements": false, "origin": nil, "uuid": nil,
				"isMachine": false, "recommendation": nil, "ownerIdentity": nil, "description": "a csv account",
				"disabled": false, "locked": false, "manuallyCorrelated": false,
				"created": formatTime(fx.csvCarol.Created), "modified": formatTime(fx.csvCarol.Modified)}},
		}
		for _, tt := range tests {
			got := pick(e.get(t, tt.a.ID), keys...)
			if d := gocmp.Diff(tt.want, got); d != "" {
				t.Errorf("account %s (-want +got):\n%s", tt.a.Name, d)
			}
		}
		// The identity's changes show at once; a source's owner too.
		if _, err := e.s.UpdateIdentity(fx.alice.ID, func(id *Identity) {
			id.IdentityState, id.LifecycleState = "INACTIVE_SHORT_TERM", "leave"
		}); err != nil {
			t.Fatal(err)
		}
		got := pick(e.get(t, fx.adAlice.ID), "identityState", "cloudLifecycleState", "hasEntitlements")
		want := map[string]any{"identityState": "INACTIVE_SHORT_TERM", "cloudLifecycleState": "leave", "hasEntitlements": true}
		if d := gocmp.Diff(want, got); d != "" {
			t.Errorf("after identity change (-want +got):\n%s", d)
		}

		r := e.do(t, "GET", "/v3/accounts/0123456789abcdef0123456789abcdef", "")
		wantError(t, r, http.StatusNotFound, detailNotFound, `"0123456789abcdef0123456789abcdef" not found`)
	})
}

// specExample is the request body of the v3 create example.
func specExample(sourceID string) string {
	return `{"attributes":{"sourceId":"` + sourceID + `","city":"Austin","displayName":"John Doe","userName":"jdoe","sAMAccountName":"jDoe","mail":"john.doe@sailpoint.com"}}`
}

func TestCreateAccount(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		id := taskID(t, e.do(t, "POST", "/v3/accounts", specExample(e.fx.hr.ID)))
		all := e.s.Accounts()
		if len(all) != 7 {
			t.Fatalf("%d accounts after create, want 7", len(all))
		}
		a := all[6]
		e.wantTask(t, id, "Create Account", a.ID)
		got := e.get(t, a.ID)
		want := map[string]any{"name": "John Doe", "nativeIdentity": "jdoe", "sourceId": e.fx.hr.ID, "origin": "PROVISIONED",
			"uncorrelated": true, "sourceName": "HR", "created": formatTime(e.s.Clock().Now()),
			"attributes": map[string]any{"city": "Austin", "displayName": "John Doe", "userName": "jdoe",
				"sAMAccountName": "jDoe", "mail": "john.doe@sailpoint.com"}}
		for k, v := range want {
			if !gocmp.Equal(v, got[k]) {
				t.Errorf("created account %s = %v, want %v", k, got[k], v)
			}
		}
		if len(a.ID) != 32 || strings.Trim(a.ID, "0123456789abcdef") != "" {
			t.Errorf("generated id %q is not 32 lowercase hex", a.ID)
		}
	})
}

func TestCreateAccountSourceSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	src, err := e.s.AddSource(Source{Name: "LDAP flat", NativeIdentityAttribute: "uid", NameAttribute: "cn"})
	if err != nil {
		t.Fatal(err)
	}
	taskID(t, e.do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+src.ID+`","uid":"u1","cn":"User One"}}`))
	taskID(t, e.do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+src.ID+`","uid":"u2"}}`))
	all := e.s.Accounts()
	got := [][2]string{{all[6].NativeIdentity, all[6].Name}, {all[7].NativeIdentity, all[7].Name}}
	if d := gocmp.Diff([][2]string{{"u1", "User One"}, {"u2", "u2"}}, got); d != "" {
		t.Errorf("native identity and name (-want +got):\n%s", d)
	}
	// Creating on a direct source is allowed (a provisioning request).
	taskID(t, e.do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+e.fx.ad.ID+`","userName":"CN=dave"}}`))
}

func TestCreateAccountErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	hr := e.fx.hr.ID
	tests := []struct {
		name, body, ct string
		status         int
		detail         string
		want           string
	}{
		{"no sourceId", `{"attributes":{"userName":"x"}}`, "", 400, detailBadRequest, "attributes.sourceId is required"},
		{"empty sourceId", `{"attributes":{"sourceId":"","userName":"x"}}`, "", 400, detailBadRequest, "attributes.sourceId is required"},
		{"unknown sourceId", `{"attributes":{"sourceId":"nope","userName":"x"}}`, "", 400, detailRefNotFound, `source "nope" not found`},
		{"sourceId not string", `{"attributes":{"sourceId":7,"userName":"x"}}`, "", 400, detailBadRequest, "attributes.sourceId must be a string"},
		{"no native identity", `{"attributes":{"sourceId":"` + hr + `","displayName":"x"}}`, "", 400, detailBadRequest, "attributes.userName is required"},
		{"native identity not string", `{"attributes":{"sourceId":"` + hr + `","userName":5}}`, "", 400, detailBadRequest, "attributes.userName is required"},
		{"no attributes", `{"id2":"x"}`, "", 400, detailBadRequest, "attributes is required"},
		{"attributes null", `{"attributes":null}`, "", 400, detailBadRequest, "attributes is required"},
		{"attributes wrong type", `{"attributes":"x"}`, "", 400, detailBadRequest, "attributes"},
		{"id wrong type", `{"id":5,"attributes":{}}`, "", 400, detailBadRequest, "id"},
		{"malformed", `{"attributes":{`, "", 400, detailBadRequest, "offset"},
		{"malformed middle", `{"attributes": {"a" 1}}`, "", 400, detailBadRequest, "offset 21"},
		{"body not object", `[1]`, "", 400, detailBadRequest, "the body"},
		{"empty", ``, "application/json", 400, detailBadRequest, "body is required"},
		{"wrong content type", `{"attributes":{}}`, "text/plain", 415, detailMediaType, "text/plain"},
		{"no content type", `{"attributes":{}}`, "-", 415, detailMediaType, "application/json"},
		{"unknown upsert id", `{"id":"nope","attributes":{}}`, "", 400, detailRefNotFound, `account "nope" not found`},
		{"upsert id on another source", `{"id":"` + e.fx.hrAlice.ID + `","attributes":{"sourceId":"` + e.fx.csv.ID + `"}}`, "", 400, detailBadRequest, "does not match"},
		{"upsert id of direct account", `{"id":"` + e.fx.adAlice.ID + `","attributes":{"x":1}}`, "", 400, detailBadRequest, "DelimitedFile"},
		{"upsert native of direct account", `{"attributes":{"sourceId":"` + e.fx.ad.ID + `","userName":"CN=alice"}}`, "", 400, detailBadRequest, "flat file"},
	}
	before := e.s.Snapshot()
	// The cases run in parallel; they are all refused, so none changes
	// the tenant, which the check below confirms.
	t.Run("cases", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				var hdr []string
				switch tt.ct {
				case "":
				case "-":
					hdr = []string{"Content-Type", ""}
				default:
					hdr = []string{"Content-Type", tt.ct}
				}
				r := e.do(t, "POST", "/v3/accounts", tt.body, hdr...)
				wantError(t, r, tt.status, tt.detail, tt.want)
			})
		}
	})
	if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
		t.Errorf("failed creates changed the tenant (-before +after):\n%s", d)
	}
	if n := len(e.s.Tasks()); n != 0 {
		t.Errorf("failed creates made %d tasks", n)
	}
}

func TestCreateUpserts(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		e.s.Clock().Advance(5e9)
		// By top-level id: attributes merge, sourceId is not kept.
		id := taskID(t, e.do(t, "POST", "/v3/accounts", `{"id":"`+fx.hrBob.ID+`","attributes":{"sourceId":"`+fx.hr.ID+`","dept":"sales","displayName":"Robert"}}`))
		e.wantTask(t, id, "Update Account", fx.hrBob.ID)
		got, _ := e.s.Account(fx.hrBob.ID)
		want := map[string]any{"userName": "E002", "displayName": "Robert", "dept": "sales"}
		if d := gocmp.Diff(want, got.Attributes); d != "" {
			t.Errorf("upsert by id attributes (-want +got):\n%s", d)
		}
		if got.Name != "Robert" || got.NativeIdentity != "E002" || !got.Modified.Equal(e.s.Clock().Now()) {
			t.Errorf("upsert by id: name %q native %q modified %v", got.Name, got.NativeIdentity, got.Modified)
		}
		// By source and native identity.
		taskID(t, e.do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+fx.hr.ID+`","userName":"E001","title":"CTO"}}`))
		got, _ = e.s.Account(fx.hrAlice.ID)
		want = map[string]any{"userName": "E001", "displayName": "alice", "dept": "eng", "title": "CTO"}
		if d := gocmp.Diff(want, got.Attributes); d != "" {
			t.Errorf("upsert by native identity attributes (-want +got):\n%s", d)
		}
		// A CSV source (connection type file) is a flat file source too.
		taskID(t, e.do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+fx.csv.ID+`","userName":"carol","x":true}}`))
		if n := len(e.s.Accounts()); n != 6 {
			t.Errorf("%d accounts after upserts, want 6 (no twins)", n)
		}
		// The same native identity on another source is a new account.
		taskID(t, e.do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+fx.csv.ID+`","userName":"E001"}}`))
		if n := len(e.s.Accounts()); n != 7 {
			t.Errorf("%d accounts, want 7", n)
		}
	})
}

func TestPutAccount(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		e.s.Clock().Advance(3e9)
		id := taskID(t, e.do(t, "PUT", "/v3/accounts/"+fx.hrAlice.ID, `{"attributes":{"sourceId":"`+fx.hr.ID+`","userName":"E001","title":"x"}}`))
		e.wantTask(t, id, "Update Account", fx.hrAlice.ID)
		got := e.get(t, fx.hrAlice.ID)
		if d := gocmp.Diff(map[string]any{"userName": "E001", "title": "x"}, got["attributes"]); d != "" {
			t.Errorf("attributes after PUT (-want +got):\n%s", d)
		}
		if got["nativeIdentity"] != "E001" || got["name"] != "alice" || got["modified"] != formatTime(e.s.Clock().Now()) {
			t.Errorf("after PUT: nativeIdentity %v name %v modified %v", got["nativeIdentity"], got["name"], got["modified"])
		}
		// The name follows the name attribute when present.
		taskID(t, e.do(t, "PUT", "/v3/accounts/"+fx.csvCarol.ID, `{"attributes":{"displayName":"Carol C"}}`))
		if got := e.get(t, fx.csvCarol.ID); got["name"] != "Carol C" {
			t.Errorf("name %v after PUT with displayName", got["name"])
		}

		before := e.s.Snapshot()
		wantError(t, e.do(t, "PUT", "/v3/accounts/"+fx.adAlice.ID, `{"attributes":{}}`), 400, detailBadRequest,
			"Active Directory - Direct", "flat file")
		wantError(t, e.do(t, "PUT", "/v3/accounts/nope", `{"attributes":{}}`), 404, detailNotFound, `"nope"`)
		wantError(t, e.do(t, "PUT", "/v3/accounts/"+fx.hrAlice.ID, `{"attributes":{}}`, "Content-Type", "application/xml"), 415, detailMediaType, "application/xml")
		wantError(t, e.do(t, "PUT", "/v3/accounts/"+fx.hrAlice.ID, `{}`), 400, detailBadRequest, "attributes is required")
		wantError(t, e.do(t, "PUT", "/v3/accounts/"+fx.hrAlice.ID, `{"attributes":[]}`), 400, detailBadRequest, "attributes")
		if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
			t.Errorf("failed PUTs changed the tenant (-before +after):\n%s", d)
		}
	})
}

func TestDeleteAccount(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		id := taskID(t, e.do(t, "DELETE", "/v3/accounts/"+fx.hrBob.ID, ""))
		e.wantTask(t, id, "Delete Account", fx.hrBob.ID)
		wantError(t, e.do(t, "GET", "/v3/accounts/"+fx.hrBob.ID, ""), 404, detailNotFound)
		if _, ok := e.s.Account(fx.hrBob.ID); ok {
			t.Error("deleted account still in the tenant")
		}
		// Bob lost his only authoritative account: his other accounts
		// are no longer identity.correlated.
		r := e.do(t, "GET", listPath("filters", "identity.correlated eq true"), "")
		if d := gocmp.Diff(accountIDs(fx.hrAlice, fx.adAlice), ids(r.list(t))); d != "" {
			t.Errorf("correlated after delete (-want +got):\n%s", d)
		}
		// The native identity is free again.
		taskID(t, e.do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+fx.hr.ID+`","userName":"E002"}}`))

		before := e.s.Snapshot()
		wantError(t, e.do(t, "DELETE", "/v3/accounts/"+fx.adAlice.ID, ""), 400, detailBadRequest, "only accounts of DelimitedFile sources")
		wantError(t, e.do(t, "DELETE", "/v3/accounts/"+fx.csvCarol.ID, ""), 400, detailBadRequest, `type "CSV"`)
		wantError(t, e.do(t, "DELETE", "/v3/accounts/nope", ""), 404, detailNotFound)
		if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
			t.Errorf("failed DELETEs changed the tenant (-before +after):\n%s", d)
		}
	})
}
