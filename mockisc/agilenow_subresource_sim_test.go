package mockisc

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// anSubOps are the six sub-resource operations, on account a1 (which
// has a picture and tenant links 1 and 7182).
var anSubOps = []struct{ method, path, body string }{
	{"GET", "/Account/a1/Tenants", ""},
	{"POST", "/Account/a1/Tenant", `{"TenantId":{"Value":"7186"}}`},
	{"DELETE", "/Account/a1/Tenant/7182?SubName=TenantId", ""},
	{"GET", "/Account/a1/Pictures", ""},
	{"POST", "/Account/a1/Picture", `{"Picture":"AAEC"}`},
	{"DELETE", "/Account/a1/Picture/a1", ""},
}

// anSubSeed seeds the tenants and the accounts of anSeed, with a1 linked
// to 7182 too and holding a picture.
func anSubSeed(t testing.TB, s *Server) {
	t.Helper()
	anSeedTenants(t, s)
	anSeed(t, s)
	if _, err := s.UpdateAgileNowAccount("a1", func(a *AgileNowAccount) { a.Tenants = []int64{1, anExt1} }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAgileNowPicture(AgileNowPicture{AccountID: "a1", Picture: anPNG}); err != nil {
		t.Fatal(err)
	}
}

// TestAgileNowSubResourceScopes: each sub-resource operation takes the
// scopes the spec lists (the upserts "Create, Update", or a create and an
// update scope), else 403 in the vendor envelope.
func TestAgileNowSubResourceScopes(t *testing.T) {
	t.Parallel()
	clients := []OAuthClient{
		{ID: "reader", Secret: "s", Scopes: []string{"AccessManager:Read"}},
		{ID: "creator", Secret: "s", Scopes: []string{"AccessUser:Create"}},
		{ID: "create+update", Secret: "s", Scopes: []string{"AccessUser:Create", "AccessManager:Update"}},
		{ID: "combined", Secret: "s", Scopes: []string{"AccessManager:Create, Update"}},
		{ID: "deleter", Secret: "s", Scopes: []string{"AccessUser:Delete"}},
	}
	allowed := map[string][]string{
		"reader":        {"GET"},
		"create+update": {"POST"},
		"combined":      {"POST"},
		"deleter":       {"DELETE"},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		opts := slices.Clone(mode)
		for _, c := range clients {
			opts = append(opts, WithClient(c))
		}
		for _, c := range clients {
			t.Run(c.ID, func(t *testing.T) {
				t.Parallel()
				s := New(t, opts...)
				anSubSeed(t, s)
				k := anClient(noTokenClient(s), s.URL, anToken(t, s, c.ID, c.Secret))
				for _, op := range anSubOps {
					r := k.do(t, op.method, anBase+op.path, op.body)
					if slices.Contains(allowed[c.ID], op.method) {
						r.want(t, 200)
						continue
					}
					wantError(t, r, 403, typePermission, "The user does not have access to execute operation")
				}
			})
		}
	})
}

// TestAgileNowSubResourceSimulation: the sub-resource routes are rate
// limited, faulted and journaled by route pattern like every route, and
// two servers of one seed answer them byte for byte alike.
func TestAgileNowSubResourceSimulation(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSubSeed(t, e.s)
		if _, err := e.s.AddFault(Fault{Method: "GET", Path: anBase + "/Account/{Id}/Pictures", Status: 409, Times: 1}); err != nil {
			t.Fatal(err)
		}
		wantError(t, e.do(t, "GET", anBase+"/Account/a1/Pictures", ""), 409, "/Errors/Conflict")
		e.do(t, "GET", anBase+"/Account/a1/Pictures", "").want(t, 200)
		e.do(t, "DELETE", anBase+"/Account/a1/Tenant/7182?SubName=TenantId", "").want(t, 200)
		if n := e.s.Journal().Count("GET", anBase+"/Account/{Id}/Pictures"); n != 2 {
			t.Errorf("journal has %d picture lists, want 2", n)
		}
		if n := e.s.Journal().Count("DELETE", anBase+"/Account/{Id}/Tenant/{SubId}"); n != 1 {
			t.Errorf("journal has %d link deletes, want 1", n)
		}
		if err := e.s.SetRateLimit(RateLimit{Limit: 1, Window: Duration(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		e.do(t, "GET", anBase+"/Account/a1/Tenants", "").want(t, 200)
		wantError(t, e.do(t, "POST", anBase+"/Account/a1/Picture", `{"Picture":"AA=="}`), 429, "/Errors/Too Many Requests")
	})
	t.Run("determinism", func(t *testing.T) {
		t.Parallel()
		run := func(mode []Option) [][]byte {
			e := newAnEnv(t, with(mode, WithSeed(11))...)
			anSubSeed(t, e.s)
			var out [][]byte
			for _, op := range append(anSubOps, anSubOps...) { // the second round fails: nothing left to delete
				out = append(out, e.do(t, op.method, anBase+op.path, op.body).body)
			}
			return out
		}
		first := run(modes[0].opts)
		for _, m := range modes {
			if d := cmp.Diff(first, run(m.opts)); d != "" {
				t.Errorf("%s: same seed, different answers (-first +this):\n%s", m.name, d)
			}
		}
	})
}
