package mockisc

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
)

// The tests of this file drive the same tenant through every API version
// (v3, beta, v2024, v2025, v2026 and the per-service v1) and check that
// the versions agree on what they share and differ where their specs do
// (testdata/openapi/versions/README.md).

// verList is the accounts list of version v with the query parameters
// params (name/value pairs).
func verList(v string, params ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Set(params[i], params[i+1])
	}
	p := versionPath(v, "/accounts")
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return p
}

// verTaskAPI is the version whose task status shows v's tasks: v itself,
// or v2025 for v3, which has no task status.
func verTaskAPI(v string) string {
	if v == v3 {
		return v2025
	}
	return v
}

// verTask checks through the task status of v (see verTaskAPI) that task
// id finished with SUCCESS as the named task of the account.
func (e *env) verTask(t testing.TB, v, id, name, accountID string) {
	t.Helper()
	m := e.do(t, "GET", versionPath(verTaskAPI(v), "/task-status/"+id), "").want(t, http.StatusOK).obj(t)
	attrs, _ := m["attributes"].(map[string]any)
	got := map[string]any{"id": m["id"], "uniqueName": m["uniqueName"], "completionStatus": m["completionStatus"], "accountId": attrs["accountId"]}
	want := map[string]any{"id": id, "uniqueName": name, "completionStatus": TaskSuccess, "accountId": accountID}
	if d := gocmp.Diff(want, got); d != "" {
		t.Errorf("%s task %s (-want +got):\n%s", verTaskAPI(v), id, d)
	}
}

// verSeen fetches account id through v3 and v1 and returns, for each, the
// members named by keys (a member left out is absent from the map).
func (e *env) verSeen(t testing.TB, id string, keys ...string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, v := range []string{v3, v1} {
		m := e.do(t, "GET", versionPath(v, "/accounts/"+id), "").want(t, http.StatusOK).obj(t)
		picked := map[string]any{}
		for _, k := range keys {
			if x, ok := m[k]; ok {
				picked[k] = x
			}
		}
		out[v] = picked
	}
	return out
}

// verWantSeen fails unless v3 and v1 both show want's members of account id.
func (e *env) verWantSeen(t testing.TB, what, id string, want map[string]any) {
	t.Helper()
	for v, got := range e.verSeen(t, id, slices.Collect(maps.Keys(want))...) {
		if d := gocmp.Diff(want, got); d != "" {
			t.Errorf("%s, seen through %s (-want +got):\n%s", what, v, d)
		}
	}
}

// TestValidateV1UndeclaredError: a well-formed ErrorResponseDto for an
// error status a v1 operation does not declare passes validateResponse
// (it is checked against v3's schema, in v3's document).
func TestValidateV1UndeclaredError(t *testing.T) {
	t.Parallel()
	body := []byte(`{"detailCode":"404 Not found","trackingId":"0123456789abcdef0123456789abcdef",` +
		`"messages":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"account \"x\" not found"}],"causes":[]}`)
	tests := []struct {
		method, path string
		status       int
	}{
		{"POST", "/accounts/v1/x/remove", 404},
		{"GET", "/accounts/v1/x/nope", 404},
		{"DELETE", "/accounts/v1", 405},
		{"POST", "/v2025/accounts/x/remove", 404}, // the same in v2025 passes
	}
	for _, tt := range tests {
		if probs := validateResponse(tt.method, tt.path, tt.status, body); len(probs) > 0 {
			t.Errorf("%s %s %d: %v", tt.method, tt.path, tt.status, probs)
		}
	}
}

// TestVersionsAccountOperations runs every account operation through
// each version in turn, on one tenant: create on HR, read back through
// every other version, list by native identity in every version, PUT,
// PATCH, the AD actions, entitlements and DELETE, each change checked
// through v3 and v1. The versions run one after another, since they share
// the tenant.
func TestVersionsAccountOperations(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		for _, v := range allVersions {
			t.Run(v, func(t *testing.T) {
				user, display := "u-"+v, "User "+v

				// Create on the flat file source HR.
				tid := taskID(t, e.do(t, "POST", versionPath(v, "/accounts"),
					`{"attributes":{"sourceId":"`+fx.hr.ID+`","userName":"`+user+`","displayName":"`+display+`"}}`))
				ti, ok := e.s.Task(tid)
				if !ok || ti.AccountID == "" {
					t.Fatalf("Task(%s) = %+v, %v after create", tid, ti, ok)
				}
				id := ti.AccountID
				e.verTask(t, v, tid, "Create Account", id)

				// Read it back through every other version.
				want := map[string]any{"id": id, "nativeIdentity": user, "name": display, "sourceId": fx.hr.ID,
					"sourceName": "HR", "origin": "PROVISIONED", "uncorrelated": true,
					"attributes": map[string]any{"userName": user, "displayName": display}}
				for _, w := range allVersions {
					if w == v {
						continue
					}
					m := e.do(t, "GET", versionPath(w, "/accounts/"+id), "").want(t, http.StatusOK).obj(t)
					got := map[string]any{}
					for k := range want {
						got[k] = m[k]
					}
					if d := gocmp.Diff(want, got); d != "" {
						t.Errorf("created through %s, read through %s (-want +got):\n%s", v, w, d)
					}
				}

				// List it by native identity in every version.
				for _, w := range allVersions {
					r := e.do(t, "GET", verList(w, "filters", `nativeIdentity eq "`+user+`"`, "count", "true"), "").want(t, http.StatusOK)
					if d := gocmp.Diff([]string{id}, ids(r.list(t))); d != "" {
						t.Errorf("list through %s (-want +got):\n%s", w, d)
					}
					if n := r.header.Get("X-Total-Count"); n != "1" {
						t.Errorf("list through %s: X-Total-Count %q, want 1", w, n)
					}
				}

				// PUT replaces the attributes; the name follows displayName.
				tid = taskID(t, e.do(t, "PUT", versionPath(v, "/accounts/"+id),
					`{"attributes":{"userName":"`+user+`","displayName":"Put `+v+`","title":"t-`+v+`"}}`))
				e.verTask(t, v, tid, "Update Account", id)
				e.verWantSeen(t, "after PUT through "+v, id, map[string]any{"name": "Put " + v, "nativeIdentity": user,
					"attributes": map[string]any{"userName": user, "displayName": "Put " + v, "title": "t-" + v}})

				// PATCH adds an attribute and correlates the account.
				tid = taskID(t, e.do(t, "PATCH", versionPath(v, "/accounts/"+id),
					`[{"op":"add","path":"/attributes/dept","value":"d-`+v+`"},{"op":"replace","path":"/identityId","value":"`+fx.carol.ID+`"}]`,
					"Content-Type", patchCT))
				e.verTask(t, v, tid, "Update Account", id)
				e.verWantSeen(t, "after PATCH through "+v, id, map[string]any{"identityId": fx.carol.ID, "uncorrelated": false,
					"manuallyCorrelated": true,
					"attributes":         map[string]any{"userName": user, "displayName": "Put " + v, "title": "t-" + v, "dept": "d-" + v}})

				// The actions, on the AD accounts. adBob is locked again
				// first, so that every version's unlock has work to do.
				if _, err := e.s.UpdateAccount(fx.adBob.ID, func(a *Account) { a.Locked = true }); err != nil {
					t.Fatal(err)
				}
				svcBefore := e.verSeen(t, fx.adSvc.ID, "modified", "disabled", "locked")
				actions := []struct {
					action, id, task string
					want             map[string]any
				}{
					{"disable", fx.adAlice.ID, "Disable Account", map[string]any{"disabled": true, "locked": false}},
					{"enable", fx.adAlice.ID, "Enable Account", map[string]any{"disabled": false, "locked": false}},
					{"unlock", fx.adBob.ID, "Unlock Account", map[string]any{"disabled": true, "locked": false}},
				}
				for _, a := range actions {
					e.s.Clock().Advance(time.Second)
					tid := taskID(t, e.do(t, "POST", versionPath(v, "/accounts/"+a.id+"/"+a.action), `{}`))
					e.verTask(t, v, tid, a.task, a.id)
					want := map[string]any{"modified": formatTime(e.s.Clock().Now())}
					for k, x := range a.want {
						want[k] = x
					}
					e.verWantSeen(t, a.action+" through "+v, a.id, want)
				}
				e.s.Clock().Advance(time.Second)
				tid = taskID(t, e.do(t, "POST", versionPath(v, "/accounts/"+fx.adSvc.ID+"/reload"), ""))
				e.verTask(t, v, tid, "Reload Account", fx.adSvc.ID)
				if d := gocmp.Diff(svcBefore, e.verSeen(t, fx.adSvc.ID, "modified", "disabled", "locked")); d != "" {
					t.Errorf("reload through %s changed the account (-before +after):\n%s", v, d)
				}

				// Entitlements.
				r := e.do(t, "GET", versionPath(v, "/accounts/"+fx.adAlice.ID+"/entitlements?count=true"), "").want(t, http.StatusOK)
				if d := gocmp.Diff([]string{fx.admins.ID, fx.users.ID}, ids(r.list(t))); d != "" || r.header.Get("X-Total-Count") != "2" {
					t.Errorf("entitlements through %s, X-Total-Count %q (-want +got):\n%s", v, r.header.Get("X-Total-Count"), d)
				}
				r = e.do(t, "GET", versionPath(v, "/accounts/"+id+"/entitlements"), "").want(t, http.StatusOK)
				if got := r.list(t); len(got) != 0 {
					t.Errorf("entitlements of the new account through %s: %v", v, got)
				}

				// DELETE: gone from v3 and v1, and from the list.
				tid = taskID(t, e.do(t, "DELETE", versionPath(v, "/accounts/"+id), ""))
				e.verTask(t, v, tid, "Delete Account", id)
				for _, w := range []string{v3, v1} {
					wantError(t, e.do(t, "GET", versionPath(w, "/accounts/"+id), ""), http.StatusNotFound, detailNotFound, id)
				}
				r = e.do(t, "GET", verList(v, "filters", `nativeIdentity eq "`+user+`"`), "").want(t, http.StatusOK)
				if got := r.list(t); len(got) != 0 {
					t.Errorf("deleted account still listed through %s: %v", v, ids(got))
				}
			})
		}
		// Every version's account came and went; the fixture's remain.
		if got := len(e.s.Accounts()); got != len(fx.accounts()) {
			t.Errorf("%d accounts at the end, want %d", got, len(fx.accounts()))
		}
	})
}

// TestVersionsListAllowlists checks the accounts list's per-version
// filter and sorter allowlists, and that where a version allows a field,
// its results agree with the fixture (and with the other versions'
// filters of the same accounts).
func TestVersionsListAllowlists(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		// AD gets an owner (Carol Chen); CSV keeps none; HR's is Alice
		// Anders. Sorting by owner name then puts CSV (null) first, then
		// HR, then AD, each source's accounts in creation order.
		if _, err := e.s.UpdateSource(fx.ad.ID, func(s *Source) { s.Owner = &Ref{ID: fx.carol.ID} }); err != nil {
			t.Fatal(err)
		}
		notBeta := []string{v3, v2024, v2025, v2026, v1}
		tests := []struct {
			name, param, value string
			ok                 []string // the versions that answer 200; the others answer 400
			want               []Account
			texts              []string // what the 400 names
		}{
			{"created lt start", "filters", `created lt "2025-01-01T00:00:00Z"`, notBeta, []Account{}, []string{`"created"`, `"lt"`}},
			{"created lt adAlice", "filters", `created lt "` + formatTime(fx.adAlice.Created) + `"`, notBeta,
				[]Account{fx.hrAlice, fx.hrBob}, []string{`"created"`, `"lt"`}},
			{"created le hrBob", "filters", `created le "` + formatTime(fx.hrBob.Created) + `"`, allVersions,
				[]Account{fx.hrAlice, fx.hrBob}, nil},
			{"modified lt adAlice", "filters", `modified lt "` + formatTime(fx.adAlice.Modified) + `"`, allVersions,
				[]Account{fx.hrAlice, fx.hrBob}, nil},
			{"sort hasEntitlements", "sorters", "hasEntitlements", []string{beta},
				[]Account{fx.hrAlice, fx.hrBob, fx.adSvc, fx.csvCarol, fx.adAlice, fx.adBob}, []string{`"hasEntitlements"`}},
			{"sort -hasEntitlements", "sorters", "-hasEntitlements", []string{beta},
				[]Account{fx.adAlice, fx.adBob, fx.hrAlice, fx.hrBob, fx.adSvc, fx.csvCarol}, []string{`"hasEntitlements"`}},
			{"filter hasEntitlements", "filters", "hasEntitlements eq true", allVersions,
				[]Account{fx.adAlice, fx.adBob}, nil},
			{"sort sourceOwner.name", "sorters", "sourceOwner.name", []string{beta},
				[]Account{fx.csvCarol, fx.hrAlice, fx.hrBob, fx.adAlice, fx.adBob, fx.adSvc}, []string{`"sourceOwner.name"`}},
			{"sort -sourceOwner.name", "sorters", "-sourceOwner.name", []string{beta},
				[]Account{fx.adAlice, fx.adBob, fx.adSvc, fx.hrAlice, fx.hrBob, fx.csvCarol}, []string{`"sourceOwner.name"`}},
			{"sort sourceOwner.name,-name", "sorters", "sourceOwner.name,-name", []string{beta},
				[]Account{fx.csvCarol, fx.hrBob, fx.hrAlice, fx.adSvc, fx.adBob, fx.adAlice}, []string{`"sourceOwner.name"`}},
			{"recommendation.type HUMAN", "filters", `recommendation.type eq "HUMAN"`, []string{v2025},
				[]Account{fx.adAlice}, []string{`"recommendation.type"`}},
			{"recommendation.type MACHINE", "filters", `recommendation.type eq "MACHINE"`, []string{v2025},
				[]Account{fx.adSvc}, []string{`"recommendation.type"`}},
			{"recommendation.type in", "filters", `recommendation.type in ("HUMAN","MACHINE")`, []string{v2025},
				[]Account{fx.adAlice, fx.adSvc}, []string{`"recommendation.type"`}},
			{"recommendation.type isnull", "filters", `recommendation.type isnull`, []string{v2025},
				[]Account{fx.hrAlice, fx.hrBob, fx.adBob, fx.csvCarol}, []string{`"recommendation.type"`}},
			{"recommendation.method", "filters", `recommendation.method eq "DISCOVERY"`, allVersions,
				[]Account{fx.adSvc}, nil},
		}
		for _, tt := range tests {
			for _, v := range allVersions {
				t.Run(tt.name+"/"+v, func(t *testing.T) {
					t.Parallel()
					r := e.do(t, "GET", verList(v, tt.param, tt.value), "")
					if !slices.Contains(tt.ok, v) {
						wantError(t, r, http.StatusBadRequest, detailBadRequest, append([]string{"query parameter " + tt.param}, tt.texts...)...)
						return
					}
					r.want(t, http.StatusOK)
					if d := gocmp.Diff(accountIDs(tt.want...), ids(r.list(t))); d != "" {
						t.Errorf("%s=%s (-want +got):\n%s", tt.param, tt.value, d)
					}
				})
			}
		}
	})
}
