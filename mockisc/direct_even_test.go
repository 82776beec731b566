package mockisc

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDirectUpdateDelete covers Update and Delete of sources, identities
// and entitlements, and what each does to the accounts that refer to
// them, as the API renders them.
func TestDirectUpdateDelete(t *testing.T) {
	t.Parallel()
	t.Run("update source", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, WithoutListener())
		got, err := e.s.UpdateSource(e.fx.ad.ID, func(s *Source) { s.Name = "AD 2"; s.ID = "ignored" })
		if err != nil || got.Name != "AD 2" || got.ID != e.fx.ad.ID || !got.Modified.After(e.fx.ad.Modified) {
			t.Fatalf("UpdateSource = %+v, %v", got, err)
		}
		if name := e.do(t, "GET", "/v3/accounts/"+e.fx.adBob.ID, "").obj(t)["sourceName"]; name != "AD 2" {
			t.Errorf("account sourceName %v after the source was renamed", name)
		}
		if _, err := e.s.UpdateSource(e.fx.ad.ID, func(s *Source) { s.Name = "" }); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "source.name") {
			t.Errorf("blank name: %v, want ErrInvalid naming source.name", err)
		}
		if _, err := e.s.UpdateSource("nope", func(*Source) {}); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown source: %v", err)
		}
	})
	t.Run("delete source", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, WithoutListener())
		// An account of another source holding an AD entitlement loses it.
		if _, err := e.s.UpdateAccount(e.fx.csvCarol.ID, func(a *Account) { a.Entitlements = []string{e.fx.users.ID} }); err != nil {
			t.Fatal(err)
		}
		if err := e.s.DeleteSource(e.fx.ad.ID); err != nil {
			t.Fatal(err)
		}
		if _, ok := e.s.Source(e.fx.ad.ID); ok {
			t.Error("the source is still there")
		}
		for _, a := range []Account{e.fx.adAlice, e.fx.adBob, e.fx.adSvc} {
			if _, ok := e.s.Account(a.ID); ok {
				t.Errorf("account %s of the deleted source is still there", a.Name)
			}
		}
		if n := len(e.s.Entitlements()); n != 0 {
			t.Errorf("%d entitlements left, want the source's gone", n)
		}
		if a, _ := e.s.Account(e.fx.csvCarol.ID); len(a.Entitlements) != 0 {
			t.Errorf("carol still holds %v", a.Entitlements)
		}
		if n := len(e.do(t, "GET", "/v3/accounts", "").list(t)); n != 3 {
			t.Errorf("%d accounts listed, want 3", n)
		}
		if err := e.s.DeleteSource(e.fx.ad.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
	})
	t.Run("delete identity", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, WithoutListener())
		if err := e.s.DeleteIdentity(e.fx.alice.ID); err != nil {
			t.Fatal(err)
		}
		for _, a := range []Account{e.fx.hrAlice, e.fx.adAlice} {
			got := e.do(t, "GET", "/v3/accounts/"+a.ID, "").obj(t)
			if got["uncorrelated"] != true || got["identityId"] != nil {
				t.Errorf("%s: uncorrelated %v identityId %v after its identity was deleted", a.Name, got["uncorrelated"], got["identityId"])
			}
		}
		if slices.ContainsFunc(e.s.Identities(), func(i Identity) bool { return i.ID == e.fx.alice.ID }) {
			t.Error("the identity is still listed")
		}
		if err := e.s.DeleteIdentity(e.fx.alice.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
	})
	t.Run("update and delete entitlement", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, WithoutListener())
		if _, err := e.s.UpdateEntitlement(e.fx.admins.ID, func(en *Entitlement) { en.SourceID = "nope" }); !errors.Is(err, ErrInvalid) {
			t.Errorf("moving to an unknown source: %v, want ErrInvalid", err)
		}
		got, err := e.s.UpdateEntitlement(e.fx.admins.ID, func(en *Entitlement) { en.Name = "Domain Admins" })
		if err != nil || got.Name != "Domain Admins" {
			t.Fatalf("UpdateEntitlement = %+v, %v", got, err)
		}
		ents := e.do(t, "GET", "/v3/accounts/"+e.fx.adAlice.ID+"/entitlements", "").list(t)
		if len(ents) != 2 || ents[0]["name"] != "Domain Admins" {
			t.Errorf("entitlements after rename: %v", ents)
		}
		if err := e.s.DeleteEntitlement(e.fx.admins.ID); err != nil {
			t.Fatal(err)
		}
		if a, _ := e.s.Account(e.fx.adAlice.ID); !slices.Equal(a.Entitlements, []string{e.fx.users.ID}) {
			t.Errorf("alice holds %v, want only Users", a.Entitlements)
		}
		if ids := entitlementIDs(e.s.Entitlements()); !slices.Equal(ids, []string{e.fx.users.ID}) {
			t.Errorf("Entitlements() = %v", ids)
		}
	})
}

func entitlementIDs(es []Entitlement) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// TestSettersReturnErrors: every setter refuses bad input with an error
// naming it, and changes nothing; none clamps or panics.
func TestSettersReturnErrors(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"negative task delay", func() error { return s.SetTaskDelay(-time.Second) }, "-1s is negative"},
		{"FailNext of zero calls", func() error { _, err := s.FailNext(0, "GET", "/v3/accounts", 503); return err }, "n is 0"},
		{"FailNext of a bad status", func() error { _, err := s.FailNext(1, "GET", "/v3/accounts", 99); return err }, "status 99"},
		{"negative rate limit", func() error { return s.SetRateLimit(RateLimit{Limit: -1}) }, "limit -1"},
		{"rate limit without a window", func() error { return s.SetRateLimit(RateLimit{Limit: 5}) }, "window 0s"},
		{"inverted latency", func() error { return s.SetLatency(Latency{Min: time.Second, Max: time.Millisecond}) }, "below min"},
		{"bad fault", func() error { _, err := s.AddFault(Fault{}); return err }, "no action"},
	}
	for _, tt := range tests {
		err := tt.call()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	if len(s.Faults()) != 0 || s.RateLimit().Limit != 0 || s.Latency() != (Latency{}) {
		t.Errorf("a refused setter changed something: faults %v, rate limit %+v, latency %+v", s.Faults(), s.RateLimit(), s.Latency())
	}
	if f, err := s.FailNext(2, "GET", "/v3/accounts", 503); err != nil || f.Times != 2 || f.ID == "" {
		t.Errorf("FailNext(2) = %+v, %v", f, err)
	}
	if err := s.SetTaskDelay(time.Minute); err != nil {
		t.Errorf("SetTaskDelay(1m): %v", err)
	}
}

// TestTaskErrorNeedsATaskRoute: a fault rule's taskError can act only on
// routes that answer with a task, so one that can reach none is refused
// when it is added, naming the method and path; one that can is kept.
func TestTaskErrorNeedsATaskRoute(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	refused := []Fault{
		{Method: "GET", Path: "/v3/accounts/{id}", TaskError: "x"},
		{Path: "/Endpoint/rest/api/v1/Account", TaskError: "x"},
		{Method: "PATCH", Path: "/Endpoint/rest/api/v1/*", TaskError: "x"},
		{Method: "POST", Path: "/oauth/token", TaskError: "x"},
		{Method: "DELETE", Path: "/v3/accounts", TaskError: "x"},
	}
	for _, f := range refused {
		_, err := s.AddFault(f)
		if err == nil || !strings.Contains(err.Error(), "taskError") || !strings.Contains(err.Error(), f.Path) {
			t.Errorf("%s %s: %v, want a taskError error naming the path", f.Method, f.Path, err)
		}
	}
	for _, f := range []Fault{
		{TaskError: "x"},
		{Method: "PATCH", Path: "/v3/accounts/{id}", TaskError: "x"},
		{Method: "POST", Path: "/v3/accounts/abc/disable", TaskError: "x"},
		{Path: "/v3/accounts/*", TaskError: "x"},
	} {
		if _, err := s.AddFault(f); err != nil {
			t.Errorf("%s %q: %v", f.Method, f.Path, err)
		}
	}
}

// TestHealthCounts: the admin health call counts the tenant without
// copying it, and agrees with the direct API.
func TestHealthCounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	h := rawClient(e.s.Client(), e.s.URL).do(t, "GET", "/__mockisc/health", "").want(t, 200).obj(t)
	if h["sources"] != 3.0 || h["identities"] != 3.0 || h["accounts"] != 6.0 || h["status"] != "ok" {
		t.Errorf("health = %v", h)
	}
	if err := e.s.DeleteAccount(e.fx.adSvc.ID); err != nil {
		t.Fatal(err)
	}
	if h := rawClient(e.s.Client(), e.s.URL).do(t, "GET", "/__mockisc/health", "").obj(t); h["accounts"] != 5.0 {
		t.Errorf("accounts after a delete: %v", h["accounts"])
	}
}
