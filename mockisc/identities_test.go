package mockisc

import (
	"net/http"
	"testing"
)

// The identities API (GET /identities, /identities/{id}) in every version
// but v3.

// updateIdentity changes an identity of s through f, failing the test on
// error.
func updateIdentity(t *testing.T, s *Server, id string, f func(*Identity)) Identity {
	t.Helper()
	got, err := s.UpdateIdentity(id, f)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestIdentitiesList(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		t.Run("v3", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, mode...)
			wantError(t, e.do(t, "GET", "/v3/identities", ""), http.StatusNotFound, detailNotFound, "/v3/identities")
			wantError(t, e.do(t, "GET", "/v3/identities/"+e.fx.alice.ID, ""), http.StatusNotFound, detailNotFound)
		})
		for _, v := range sinceBeta {
			t.Run(v, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t, mode...)
				fx, s := e.fx, e.s
				alice, bob, carol := fx.alice.ID, fx.bob.ID, fx.carol.ID
				list := func(params ...string) result {
					t.Helper()
					return e.do(t, "GET", vq(v, "/identities", params...), "")
				}

				// Correlation comes from accounts on the authoritative HR
				// source: alice and bob have one, carol only a CSV account.
				wantIDs(t, list(), alice, bob)
				wantIDs(t, list("defaultFilter", "CORRELATED_ONLY"), alice, bob)
				wantIDs(t, list("defaultFilter", "NONE"), alice, bob, carol)
				wantError(t, list("defaultFilter", "bogus"), http.StatusBadRequest, detailIllegalValue, "defaultFilter", "bogus")
				wantError(t, list("defaultFilter", "none"), http.StatusBadRequest, detailIllegalValue, "defaultFilter")

				updateIdentity(t, s, alice, func(i *Identity) {
					i.FirstName, i.LastName, i.Email, i.Status = "Alice", "Anders", "alice@example.com", "REGISTERED"
				})
				updateIdentity(t, s, bob, func(i *Identity) {
					i.FirstName, i.LastName, i.Alias = "Bob", "Baker", "bbaker"
					i.Status, i.ProcessingState = "DISABLED", "ERROR"
				})
				updateIdentity(t, s, carol, func(i *Identity) {
					i.FirstName, i.LastName, i.Alias, i.Email = "Carol", "Chen", "cchen", "carol@example.com"
					i.Protected, i.ProcessingState = true, "OK"
				})

				filters := []struct {
					filter       string
					correlated   []string // default: correlated only
					uncorrelated []string // defaultFilter=NONE
				}{
					{`id in ("` + alice + `","` + carol + `")`, []string{alice}, []string{alice, carol}},
					{`id eq "` + bob + `"`, []string{bob}, []string{bob}},
					{`name sw "b"`, []string{bob}, []string{bob}},
					{`name eq "carol chen"`, nil, []string{carol}},
					{`alias eq "alice"`, []string{alice}, []string{alice}},
					{`alias sw "c"`, nil, []string{carol}},
					{`firstname eq "bob"`, []string{bob}, []string{bob}},
					{`lastname sw "Ch"`, nil, []string{carol}},
					{`lastname sw "A"`, []string{alice}, []string{alice}},
					{`email eq "alice@example.com"`, []string{alice}, []string{alice}},
					{`email sw "carol@"`, nil, []string{carol}},
					{`cloudStatus eq "DISABLED"`, []string{bob}, []string{bob}},
					{`cloudStatus eq "ACTIVE"`, nil, []string{carol}},
					{`processingState eq "ERROR"`, []string{bob}, []string{bob}},
					{`processingState eq "OK"`, nil, []string{carol}},
					{`correlated eq false`, nil, []string{carol}},
					{`correlated eq true`, []string{alice, bob}, []string{alice, bob}},
					{`protected eq true`, nil, []string{carol}},
					{`protected eq false`, []string{alice, bob}, []string{alice, bob}},
					{`firstname eq "Alice" or protected eq true`, []string{alice}, []string{alice, carol}},
				}
				for _, tt := range filters {
					t.Run("filter "+tt.filter, func(t *testing.T) {
						t.Parallel()
						wantIDs(t, list("filters", tt.filter), tt.correlated...)
						wantIDs(t, list("filters", tt.filter, "defaultFilter", "NONE"), tt.uncorrelated...)
					})
				}

				sorters := []struct {
					sorters string
					want    []string
				}{
					{"name", []string{alice, bob, carol}},
					{"-name", []string{carol, bob, alice}},
					{"alias", []string{alice, bob, carol}},
					{"-alias", []string{carol, bob, alice}},
					{"cloudStatus", []string{carol, bob, alice}}, // ACTIVE, DISABLED, REGISTERED
					{"-cloudStatus,name", []string{alice, bob, carol}},
				}
				for _, tt := range sorters {
					t.Run("sorters "+tt.sorters, func(t *testing.T) {
						t.Parallel()
						wantIDs(t, list("sorters", tt.sorters, "defaultFilter", "NONE"), tt.want...)
					})
				}

				paging := []struct {
					name   string
					params []string
					want   []string
					total  string
				}{
					{"count", []string{"count", "true"}, []string{alice, bob}, "2"},
					{"count NONE", []string{"count", "true", "defaultFilter", "NONE"}, []string{alice, bob, carol}, "3"},
					{"page", []string{"limit", "1", "offset", "1", "count", "true", "defaultFilter", "NONE"}, []string{bob}, "3"},
					{"sorted page", []string{"limit", "2", "sorters", "-name", "defaultFilter", "NONE"}, []string{carol, bob}, ""},
					{"filtered total", []string{"limit", "1", "count", "true", "filters", `protected eq false`}, []string{alice}, "2"},
					{"past the end", []string{"offset", "5", "count", "true"}, nil, "2"},
				}
				for _, tt := range paging {
					t.Run("paging "+tt.name, func(t *testing.T) {
						t.Parallel()
						r := list(tt.params...)
						wantIDs(t, r, tt.want...)
						wantTotal(t, r, tt.total)
					})
				}

				bad := []struct {
					name, param, value, code string
					texts                    []string
				}{
					{"created gt", "filters", `created gt "2025-01-01T00:00:00Z"`, detailBadRequest, []string{"created"}},
					{"name co", "filters", `name co "a"`, detailBadRequest, []string{"name", "co"}},
					{"cloudStatus sw", "filters", `cloudStatus sw "A"`, detailBadRequest, []string{"cloudStatus", "sw"}},
					{"correlated string", "filters", `correlated eq "yes"`, detailBadRequest, []string{"correlated"}},
					{"unknown field", "filters", `isManager eq true`, detailBadRequest, []string{"isManager"}},
					{"sorter firstname", "sorters", "firstname", detailBadRequest, []string{"firstname"}},
					{"sorter created", "sorters", "created", detailBadRequest, []string{"created"}},
					{"limit", "limit", "300", detailIllegalValue, []string{"limit"}},
					{"count", "count", "1", detailIllegalValue, []string{"count"}},
				}
				for _, tt := range bad {
					t.Run("bad "+tt.name, func(t *testing.T) {
						t.Parallel()
						wantError(t, list(tt.param, tt.value), http.StatusBadRequest, tt.code, tt.texts...)
					})
				}
			})
		}
	})
}

// TestIdentitiesListFollowsAccounts checks that correlation follows the
// tenant: an identity becomes correlated when it gets an account on an
// authoritative source, or when its source becomes authoritative.
func TestIdentitiesListFollowsAccounts(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx, s := e.fx, e.s
		list := func() result { t.Helper(); return e.do(t, "GET", "/v2025/identities", "") }
		wantIDs(t, list(), fx.alice.ID, fx.bob.ID)
		if err := s.DeleteAccount(fx.hrBob.ID); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, list(), fx.alice.ID)
		dave, err := s.AddIdentity(Identity{Name: "Dave"})
		if err != nil {
			t.Fatal(err)
		}
		wantIDs(t, list(), fx.alice.ID)
		// An account on a non-authoritative source does not correlate.
		if _, err := s.AddAccount(Account{SourceID: fx.csv.ID, NativeIdentity: "dave", IdentityID: dave.ID}); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, list(), fx.alice.ID)
		hrDave, err := s.AddAccount(Account{SourceID: fx.hr.ID, NativeIdentity: "E004", IdentityID: dave.ID})
		if err != nil {
			t.Fatal(err)
		}
		wantIDs(t, list(), fx.alice.ID, dave.ID)
		// Moving the account to another identity moves the correlation.
		if _, err := s.UpdateAccount(hrDave.ID, func(a *Account) { a.IdentityID = fx.carol.ID }); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, list(), fx.alice.ID, fx.carol.ID)
		// Deleting the identity's authoritative source uncorrelates it.
		if err := s.DeleteSource(fx.hr.ID); err != nil {
			t.Fatal(err)
		}
		wantIDs(t, list())
	})
}

// TestIdentitiesCorrelatedFollowsAuthoritative: the correlated flag is a
// count of accounts on authoritative sources, kept by link and unlink
// when accounts come, go or move; UpdateSource flipping a source's
// Authoritative does not recount, so the flag goes stale, and stays
// wrong: an account deleted while its source was not authoritative is
// never uncounted.
func TestIdentitiesCorrelatedFollowsAuthoritative(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx, s := e.fx, e.s
		list := func() result { t.Helper(); return e.do(t, "GET", "/v2025/identities", "") }
		authoritative := func(id string, on bool) {
			t.Helper()
			if _, err := s.UpdateSource(id, func(src *Source) { src.Authoritative = on }); err != nil {
				t.Fatal(err)
			}
		}
		wantIDs(t, list(), fx.alice.ID, fx.bob.ID)
		authoritative(fx.csv.ID, true)
		wantIDs(t, list(), fx.alice.ID, fx.bob.ID, fx.carol.ID)
		authoritative(fx.csv.ID, false)
		authoritative(fx.hr.ID, false)
		wantIDs(t, list())
		wantIDs(t, e.do(t, "GET", vq(v2025, "/identities", "defaultFilter", "NONE", "filters", "correlated eq true"), ""))
		if err := s.DeleteAccount(fx.hrBob.ID); err != nil {
			t.Fatal(err)
		}
		authoritative(fx.hr.ID, true)
		wantIDs(t, list(), fx.alice.ID) // bob has no HR account left
	})
}

func TestIdentityGet(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx, s := e.fx, e.s
		alice := updateIdentity(t, s, fx.alice.ID, func(i *Identity) {
			i.FirstName, i.LastName, i.Email = "Alice", "Anders", "alice@example.com"
			i.Attributes = map[string]any{"department": "Engineering", "costCenter": 42.0, "displayName": "not this"}
		})
		bob := updateIdentity(t, s, fx.bob.ID, func(i *Identity) {
			i.ManagerID, i.ProcessingState, i.Protected = fx.alice.ID, "ERROR", true
		})
		carol, _ := s.Identity(fx.carol.ID)

		tests := []struct {
			name  string
			ident Identity
			want  map[string]string // member → JSON text
		}{
			{"alice", alice, map[string]string{
				"name": `"Alice Anders"`, "alias": `"alice"`, "emailAddress": `"alice@example.com"`,
				"processingState": `null`, "identityStatus": `"ACTIVE"`, "managerRef": `null`, "isManager": `true`,
				"lifecycleState": `{"stateName":"active","manuallyUpdated":false}`,
				"attributes": `{"firstname":"Alice","lastname":"Anders","email":"alice@example.com",` +
					`"displayName":"Alice Anders","uid":"alice","cloudStatus":"ACTIVE","identityState":"ACTIVE",` +
					`"cloudLifecycleState":"active","department":"Engineering","costCenter":42}`,
			}},
			{"bob", bob, map[string]string{
				"name": `"Bob Baker"`, "alias": `""`, "emailAddress": `null`, "processingState": `"ERROR"`,
				"identityStatus": `"ACTIVE"`, "isManager": `false`,
				"managerRef":     `{"type":"IDENTITY","id":"` + fx.alice.ID + `","name":"Alice Anders"}`,
				"lifecycleState": `{"stateName":"terminated","manuallyUpdated":false}`,
				"attributes": `{"displayName":"Bob Baker","cloudStatus":"ACTIVE","identityState":"INACTIVE_LONG_TERM",` +
					`"cloudLifecycleState":"terminated"}`,
			}},
			{"carol", carol, map[string]string{
				"name": `"Carol Chen"`, "emailAddress": `null`, "processingState": `null`, "identityStatus": `"ACTIVE"`,
				"managerRef": `null`, "isManager": `false`, "lifecycleState": `null`,
				"attributes": `{"displayName":"Carol Chen","cloudStatus":"ACTIVE"}`,
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				var first result
				for i, v := range sinceBeta {
					r := e.do(t, "GET", versionPath(v, "/identities/"+tt.ident.ID), "").want(t, http.StatusOK)
					if i == 0 {
						first = r
					} else if string(r.body) != string(first.body) {
						t.Errorf("%s: body differs from %s's:\n%s\n%s", v, sinceBeta[0], r.body, first.body)
					}
				}
				m := rawMembers(t, first.body)
				wantJSON(t, tt.name, m, "id", `"`+tt.ident.ID+`"`)
				wantJSON(t, tt.name, m, "created", `"`+formatTime(tt.ident.Created)+`"`)
				wantJSON(t, tt.name, m, "modified", `"`+formatTime(tt.ident.Modified)+`"`)
				for k, want := range tt.want {
					wantJSON(t, tt.name, m, k, want)
				}
				// The list renders the identity the same way.
				var listed map[string]any
				for _, o := range e.do(t, "GET", vq(v2026, "/identities", "defaultFilter", "NONE", "filters", `id eq "`+tt.ident.ID+`"`), "").want(t, 200).list(t) {
					listed = o
				}
				if listed == nil || !jsonEq(mustJSON(t, listed), first.body) {
					t.Errorf("the list renders %v, the get %s", listed, first.body)
				}
			})
		}
		t.Run("status follows Status", func(t *testing.T) {
			t.Parallel()
			s := New(t, mode...)
			id, err := s.AddIdentity(Identity{Name: "Dee", Status: "LOCKED"})
			if err != nil {
				t.Fatal(err)
			}
			m := rawMembers(t, iscClient(s.Client(), s.URL).do(t, "GET", "/v2024/identities/"+id.ID, "").want(t, 200).body)
			wantJSON(t, "Dee", m, "identityStatus", `"LOCKED"`)
			wantJSON(t, "Dee", m, "attributes", `{"displayName":"Dee","cloudStatus":"LOCKED"}`)
		})
		for _, v := range sinceBeta {
			t.Run("unknown "+v, func(t *testing.T) {
				t.Parallel()
				wantError(t, e.do(t, "GET", versionPath(v, "/identities/nope"), ""), http.StatusNotFound, detailNotFound, "nope")
			})
		}
	})
}
