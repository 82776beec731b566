package mockisc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The identities-accounts operations: enable or disable identities' ISC
// login accounts, one at a time (202) or in bulk (207).

// idnFixture is the fixture plus an IdentityNowConnector source with a
// login account for alice (enabled) and bob (disabled).
type idnFixture struct {
	*env
	idn              Source
	idnAlice, idnBob Account
	otherAccounts    []Account // every fixture account, to check they do not change
	tasksBefore      int
}

func newIDNEnv(t *testing.T, opts ...Option) *idnFixture {
	t.Helper()
	e := newEnv(t, opts...)
	s := e.s
	idn, err := s.AddSource(Source{Name: "IdentityNow", Type: SourceTypeIdentityNow})
	if err != nil {
		t.Fatal(err)
	}
	add := func(a Account) Account {
		t.Helper()
		got, err := s.AddAccount(a)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	f := &idnFixture{env: e, idn: idn}
	f.idnAlice = add(Account{SourceID: idn.ID, NativeIdentity: "alice", IdentityID: e.fx.alice.ID})
	f.idnBob = add(Account{SourceID: idn.ID, NativeIdentity: "bob", IdentityID: e.fx.bob.ID, Disabled: true})
	f.otherAccounts = e.fx.accounts()
	f.tasksBefore = len(s.Tasks())
	return f
}

// account returns the stored account id.
func (f *idnFixture) account(t *testing.T, id string) Account {
	t.Helper()
	a, ok := f.s.Account(id)
	if !ok {
		t.Fatalf("account %s is gone", id)
	}
	return a
}

// wantDisabled checks the Disabled flag of the IDN accounts, and that
// every other account is as seeded (flag and modified time).
func (f *idnFixture) wantDisabled(t *testing.T, alice, bob bool) {
	t.Helper()
	if got := f.account(t, f.idnAlice.ID).Disabled; got != alice {
		t.Errorf("alice's IDN account disabled = %v, want %v", got, alice)
	}
	if got := f.account(t, f.idnBob.ID).Disabled; got != bob {
		t.Errorf("bob's IDN account disabled = %v, want %v", got, bob)
	}
	for _, a := range f.otherAccounts {
		got := f.account(t, a.ID)
		if got.Disabled != a.Disabled || !got.Modified.Equal(a.Modified) {
			t.Errorf("account %s (%s) changed: disabled %v → %v, modified %v → %v",
				a.Name, a.SourceID, a.Disabled, got.Disabled, a.Modified, got.Modified)
		}
	}
	if n := len(f.s.Tasks()); n != f.tasksBefore {
		t.Errorf("%d tasks, want %d: identities-accounts answers with no task", n, f.tasksBefore)
	}
}

// wantStatus checks an identity's identityStatus through the API, in the
// get and in the list's cloudStatus filter.
func (f *idnFixture) wantStatus(t *testing.T, v, id, status string) {
	t.Helper()
	m := rawMembers(t, f.do(t, "GET", versionPath(v, "/identities/"+id), "").want(t, http.StatusOK).body)
	wantJSON(t, "identity "+id, m, "identityStatus", `"`+status+`"`)
	found := false
	for _, got := range ids(f.do(t, "GET", vq(v, "/identities", "defaultFilter", "NONE", "filters", `cloudStatus eq "`+status+`"`), "").want(t, http.StatusOK).list(t)) {
		found = found || got == id
	}
	if !found {
		t.Errorf("%s: cloudStatus eq %q does not list %s", v, status, id)
	}
}

func TestIdentityAccountToggle(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		for _, v := range sinceBeta {
			t.Run(v, func(t *testing.T) {
				t.Parallel()
				f := newIDNEnv(t, mode...)
				s, fx := f.s, f.fx
				post := func(id, op string) result {
					t.Helper()
					return f.do(t, "POST", versionPath(v, "/identities-accounts/"+id+"/"+op), "")
				}

				s.Clock().Advance(time.Minute)
				r := post(fx.alice.ID, "disable").want(t, http.StatusAccepted)
				if string(r.body) != `{}` {
					t.Errorf("disable answered %s, want {}", r.body)
				}
				if got, _ := s.Identity(fx.alice.ID); got.Status != "DISABLED" || !got.Modified.Equal(s.Clock().Now()) {
					t.Errorf("alice: status %q modified %v, want DISABLED at %v", got.Status, got.Modified, s.Clock().Now())
				}
				if got := f.account(t, f.idnAlice.ID); !got.Modified.Equal(s.Clock().Now()) {
					t.Errorf("alice's IDN account modified %v, want %v", got.Modified, s.Clock().Now())
				}
				f.wantStatus(t, v, fx.alice.ID, "DISABLED")
				f.wantStatus(t, v, fx.bob.ID, "ACTIVE")
				f.wantDisabled(t, true, true)

				// Disabling again changes nothing more and still answers 202.
				post(fx.alice.ID, "disable").want(t, http.StatusAccepted)
				f.wantDisabled(t, true, true)

				s.Clock().Advance(time.Minute)
				r = post(fx.alice.ID, "enable").want(t, http.StatusAccepted)
				if string(r.body) != `{}` {
					t.Errorf("enable answered %s, want {}", r.body)
				}
				f.wantStatus(t, v, fx.alice.ID, "ACTIVE")
				f.wantDisabled(t, false, true)

				// Enabling bob enables his IDN account, not his disabled AD one.
				post(fx.bob.ID, "enable").want(t, http.StatusAccepted)
				f.wantStatus(t, v, fx.bob.ID, "ACTIVE")
				f.wantDisabled(t, false, false)
				if got := f.account(t, fx.adBob.ID); !got.Disabled {
					t.Error("enabling bob's ISC account enabled his AD account")
				}

				// carol has no IDN account: her status changes all the same.
				post(fx.carol.ID, "disable").want(t, http.StatusAccepted)
				f.wantStatus(t, v, fx.carol.ID, "DISABLED")
				f.wantDisabled(t, false, false)

				for _, op := range []string{"enable", "disable"} {
					wantError(t, post("x", op), http.StatusNotFound, detailNotFound, `Referenced identity "x" was not found.`)
				}
				f.wantDisabled(t, false, false)
			})
		}
		t.Run("v3", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, mode...)
			for _, p := range []string{"/" + e.fx.alice.ID + "/disable", "/" + e.fx.alice.ID + "/enable", "/disable", "/enable"} {
				wantError(t, e.do(t, "POST", "/v3/identities-accounts"+p, `{"identityIds":["x"]}`), http.StatusNotFound, detailNotFound)
			}
			if got, _ := e.s.Identity(e.fx.alice.ID); got.Status != "" {
				t.Errorf("alice's status %q after v3 calls", got.Status)
			}
		})
	})
}

// TestIdentityAccountToggleNoIDNSource: without an IdentityNowConnector
// source only the identities' status changes.
func TestIdentityAccountToggleNoIDNSource(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		before := e.s.Accounts()
		e.do(t, "POST", "/v2024/identities-accounts/"+e.fx.bob.ID+"/enable", "").want(t, http.StatusAccepted)
		e.client.do(t, "POST", "/identities-accounts/v1/disable", `{"identityIds":["`+e.fx.alice.ID+`"]}`).want(t, http.StatusMultiStatus)
		after := e.s.Accounts()
		for i := range before {
			if before[i].Disabled != after[i].Disabled || !before[i].Modified.Equal(after[i].Modified) {
				t.Errorf("account %s changed", before[i].Name)
			}
		}
		if got, _ := e.s.Identity(e.fx.alice.ID); got.Status != "DISABLED" {
			t.Errorf("alice's status %q, want DISABLED", got.Status)
		}
	})
}

type bulkEntry struct {
	ID         string  `json:"id"`
	StatusCode int     `json:"statusCode"`
	Message    *string `json:"message"`
}

func TestIdentityAccountsBulk(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		for _, v := range sinceBeta {
			t.Run(v, func(t *testing.T) {
				t.Parallel()
				f := newIDNEnv(t, mode...)
				fx := f.fx
				k := f.client
				post := func(op, body string, hdr ...string) result {
					t.Helper()
					return k.do(t, "POST", versionPath(v, "/identities-accounts/"+op), body, hdr...)
				}
				entries := func(r result) []bulkEntry {
					t.Helper()
					r.want(t, http.StatusMultiStatus)
					var out []bulkEntry
					if err := json.Unmarshal(r.body, &out); err != nil {
						t.Fatalf("207 body: %v\n%s", err, r.body)
					}
					return out
				}
				notFound := func(id string) *string {
					return ptr(fmt.Sprintf("Referenced identity %q was not found.", id))
				}
				wantEntries := func(got, want []bulkEntry) {
					t.Helper()
					if len(got) != len(want) {
						t.Fatalf("%d entries %+v, want %d", len(got), got, len(want))
					}
					for i := range want {
						g, w := got[i], want[i]
						if g.ID != w.ID || g.StatusCode != w.StatusCode || (g.Message == nil) != (w.Message == nil) ||
							(g.Message != nil && *g.Message != *w.Message) {
							gm, wm := "null", "null"
							if g.Message != nil {
								gm = *g.Message
							}
							if w.Message != nil {
								wm = *w.Message
							}
							t.Errorf("entry %d = {%s %d %s}, want {%s %d %s}", i, g.ID, g.StatusCode, gm, w.ID, w.StatusCode, wm)
						}
					}
				}

				body := `{"identityIds":["` + fx.alice.ID + `","nope","` + fx.bob.ID + `"]}`
				wantEntries(entries(post("disable", body)), []bulkEntry{
					{fx.alice.ID, 202, nil}, {"nope", 404, notFound("nope")}, {fx.bob.ID, 202, nil},
				})
				f.wantStatus(t, v, fx.alice.ID, "DISABLED")
				f.wantStatus(t, v, fx.bob.ID, "DISABLED")
				f.wantStatus(t, v, fx.carol.ID, "ACTIVE")
				f.wantDisabled(t, true, true)

				// Order follows the request, unknown ids first too.
				body = `{"identityIds":["gone","` + fx.bob.ID + `","` + fx.carol.ID + `"]}`
				wantEntries(entries(post("enable", body)), []bulkEntry{
					{"gone", 404, notFound("gone")}, {fx.bob.ID, 202, nil}, {fx.carol.ID, 202, nil},
				})
				f.wantStatus(t, v, fx.alice.ID, "DISABLED")
				f.wantStatus(t, v, fx.bob.ID, "ACTIVE")
				f.wantDisabled(t, true, false)

				// Only unknown ids: 207 all the same, nothing changes (and
				// every entry has a message, so the answer is valid as it is).
				wantEntries(entries(post("enable", `{"identityIds":["a","b"]}`)), []bulkEntry{
					{"a", 404, notFound("a")}, {"b", 404, notFound("b")},
				})
				f.wantDisabled(t, true, false)

				// 250 ids is the most one request takes.
				many := make([]string, 250)
				for i := range many {
					many[i] = fmt.Sprintf("id%03d", i)
				}
				bulk := func(ids []string) string {
					return `{"identityIds":["` + strings.Join(ids, `","`) + `"]}`
				}
				if got := entries(f.do(t, "POST", versionPath(v, "/identities-accounts/disable"), bulk(many))); len(got) != 250 || got[249].ID != "id249" || got[249].StatusCode != 404 {
					t.Errorf("250 ids: %d entries", len(got))
				}

				bad := []struct {
					name, op, body string
					hdr            []string
					status         int
					code           string
					texts          []string
				}{
					{"empty list", "disable", `{"identityIds":[]}`, nil, 400, detailBadRequest, []string{"identityIds"}},
					{"no list", "enable", `{}`, nil, 400, detailBadRequest, []string{"identityIds"}},
					{"null list", "enable", `{"identityIds":null}`, nil, 400, detailBadRequest, []string{"identityIds"}},
					{"251 ids", "disable", bulk(append(many, "one more")), nil, 400, detailBadRequest, []string{"251", "250"}},
					{"wrong content type", "disable", body, []string{"Content-Type", "text/plain"}, 415, detailMediaType, nil},
					{"form content type", "enable", body, []string{"Content-Type", formCT}, 415, detailMediaType, nil},
					{"not JSON", "disable", `{"identityIds":[`, nil, 400, detailBadRequest, nil},
					{"not an object", "disable", `["` + fx.alice.ID + `"]`, nil, 400, detailBadRequest, nil},
					{"ids not strings", "enable", `{"identityIds":[1,2]}`, nil, 400, detailBadRequest, []string{"identityIds"}},
				}
				for _, tt := range bad {
					t.Run(tt.name, func(t *testing.T) {
						wantError(t, post(tt.op, tt.body, tt.hdr...), tt.status, tt.code, tt.texts...)
					})
				}
				// None of the refused requests changed anything.
				f.wantStatus(t, v, fx.alice.ID, "DISABLED")
				f.wantStatus(t, v, fx.bob.ID, "ACTIVE")
				f.wantDisabled(t, true, false)
			})
		}
	})
}

// TestIdentityAccountsLevels: beta lets SOURCE_ADMIN toggle ISC accounts
// with idn:accounts-state:manage; from v2024 on only ORG_ADMIN may, and
// idn:accounts-provisioning:manage is accepted too.
func TestIdentityAccountsLevels(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode,
			WithClient(OAuthClient{ID: "srcadmin", Secret: "s", Scopes: []string{"idn:accounts-state:manage"}, Authorities: []string{"SOURCE_ADMIN"}}),
			WithClient(OAuthClient{ID: "subadmin", Secret: "s", Scopes: []string{"idn:accounts-state:manage"}, Authorities: []string{"SOURCE_SUBADMIN"}}),
			WithClient(OAuthClient{ID: "helpdesk", Secret: "s", Scopes: []string{"idn:accounts-state:manage"}, Authorities: []string{"HELPDESK"}}),
			WithClient(OAuthClient{ID: "prov", Secret: "s", Scopes: []string{"idn:accounts-provisioning:manage"}, Authorities: []string{"ORG_ADMIN"}}),
			WithClient(OAuthClient{ID: "reader", Secret: "s", Scopes: []string{"idn:accounts:manage"}, Authorities: []string{"ORG_ADMIN"}}),
		)...)
		id := e.fx.alice.ID
		ops := []struct{ path, body string }{
			{"/identities-accounts/" + id + "/disable", ""},
			{"/identities-accounts/" + id + "/enable", ""},
			{"/identities-accounts/disable", `{"identityIds":["` + id + `"]}`},
			{"/identities-accounts/enable", `{"identityIds":["` + id + `"]}`},
		}
		ok := func(path string) int {
			if strings.HasSuffix(path, id+"/disable") || strings.HasSuffix(path, id+"/enable") {
				return http.StatusAccepted
			}
			return http.StatusMultiStatus
		}
		for _, v := range sinceBeta {
			for _, op := range ops {
				t.Run(v+" "+op.path[len("/identities-accounts/"):], func(t *testing.T) {
					t.Parallel()
					as := func(client string) result {
						t.Helper()
						k := iscClient(e.s.ClientAs(client, "s"), e.s.URL)
						return k.do(t, "POST", versionPath(v, op.path), op.body)
					}
					for _, client := range []string{"srcadmin", "subadmin"} {
						if r := as(client); v == beta {
							r.want(t, ok(op.path))
						} else {
							wantError(t, r, http.StatusForbidden, detailForbidden, "ORG_ADMIN", "SOURCE_")
						}
					}
					// HELPDESK may not in any version.
					wantError(t, as("helpdesk"), http.StatusForbidden, detailForbidden, "HELPDESK")
					// idn:accounts-provisioning:manage is a scope of v2024 on.
					if r := as("prov"); v == beta {
						wantError(t, r, http.StatusForbidden, detailForbidden, "idn:accounts-state:manage")
					} else {
						r.want(t, ok(op.path))
					}
					wantError(t, as("reader"), http.StatusForbidden, detailForbidden, "idn:accounts-state:manage")
				})
			}
		}
	})
}

// TestIdentityAccountsBulkMessageNull: the 207 entry of an identity that
// was found carries no message, since BulkIdentitiesAccountsResponse's
// message is a plain string (not nullable) in beta, v2024, v2025, v2026
// and v1, so "message": null would fail every version's document.
func TestIdentityAccountsBulkMessageNull(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		for _, v := range sinceBeta {
			for _, op := range []string{"disable", "enable"} {
				// The ISC check validates the 207 against the version's document.
				r := e.do(t, "POST", versionPath(v, "/identities-accounts/"+op), `{"identityIds":["`+e.fx.alice.ID+`","x"]}`)
				r.want(t, http.StatusMultiStatus)
				if strings.Contains(string(r.body), `"message":null`) {
					t.Errorf("%s %s: %s", v, op, r.body)
				}
				if got := len(r.list(t)); got != 2 {
					t.Errorf("%s %s: %d entries, want 2", v, op, got)
				}
			}
		}
	})
}
