package mockisc

// Tests of POST /accounts/{id}/remove and of rate limits per version.

import (
	"net/http"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
)

// TestVersionsRemove checks POST /accounts/{id}/remove: 202 TaskResultDto
// in every version but v3 (where there is no such operation), on any
// source type; the account is gone from every version and its task is
// SUCCESS; with a task delay it stays until the clock passes the due time.
func TestVersionsRemove(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		// One account per version, of every source type.
		tests := []struct {
			v string
			a Account
		}{
			{beta, fx.adAlice},   // Active Directory - Direct, with entitlements
			{v2024, fx.hrBob},    // DelimitedFile
			{v2025, fx.csvCarol}, // CSV over a file connection
			{v2026, fx.adSvc},    // Active Directory, a machine account
			{v1, fx.adBob},       // Active Directory, disabled and locked
		}
		t.Run("remove", func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.v, func(t *testing.T) {
					t.Parallel()
					r := e.do(t, "POST", versionPath(tt.v, "/accounts/"+tt.a.ID+"/remove"), "").want(t, http.StatusAccepted)
					m := r.obj(t)
					tid, _ := m["id"].(string)
					if !hex32.MatchString(tid) {
						t.Fatalf("task id %q is not 32 hex characters: %s", tid, r.body)
					}
					if d := gocmp.Diff(map[string]any{"type": "TASK_RESULT", "id": tid, "name": nil}, m); d != "" {
						t.Errorf("answer (-want +got):\n%s", d)
					}
					e.verTask(t, tt.v, tid, "Remove Account", tt.a.ID)
					for _, w := range allVersions {
						wantError(t, e.do(t, "GET", versionPath(w, "/accounts/"+tt.a.ID), ""), http.StatusNotFound, detailNotFound, tt.a.ID)
						r := e.do(t, "GET", verList(w, "filters", `id eq "`+tt.a.ID+`"`), "").want(t, http.StatusOK)
						if got := r.list(t); len(got) != 0 {
							t.Errorf("removed account still listed through %s", w)
						}
					}
					if _, ok := e.s.Account(tt.a.ID); ok {
						t.Error("the direct API still has the removed account")
					}
					// Removing it again, or an account that never was, is 404.
					k := e.client
					wantError(t, k.do(t, "POST", versionPath(tt.v, "/accounts/"+tt.a.ID+"/remove"), ""), http.StatusNotFound, detailNotFound, tt.a.ID)
					wantError(t, k.do(t, "POST", versionPath(tt.v, "/accounts/nope/remove"), ""), http.StatusNotFound, detailNotFound, `"nope"`)
				})
			}
		})
		// v3 has no remove: 404, and hrAlice stays.
		r := e.do(t, "POST", "/v3/accounts/"+fx.hrAlice.ID+"/remove", "")
		wantError(t, r, http.StatusNotFound, detailNotFound, "no API operation matches")
		if _, ok := e.s.Account(fx.hrAlice.ID); !ok {
			t.Error("POST /v3/accounts/{id}/remove removed the account")
		}
		if got := accountIDs(e.s.Accounts()...); !slices.Equal(got, []string{fx.hrAlice.ID}) {
			t.Errorf("accounts left %v, want only hrAlice %s", got, fx.hrAlice.ID)
		}
	})
}

// TestVersionsRemoveDeferred checks that with WithTaskDelay a removed
// account stays, its task pending, until the clock reaches the due time.
func TestVersionsRemoveDeferred(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		const delay = 30 * time.Second
		e := newEnv(t, with(mode, WithTaskDelay(delay))...)
		fx := e.fx
		tests := []struct {
			v string
			a Account
		}{
			{beta, fx.adAlice}, {v2024, fx.hrBob}, {v2025, fx.csvCarol}, {v2026, fx.adSvc}, {v1, fx.adBob},
		}
		tasks := make([]string, len(tests))
		for i, tt := range tests {
			tasks[i] = taskID(t, e.do(t, "POST", versionPath(tt.v, "/accounts/"+tt.a.ID+"/remove"), ""))
		}
		pending := func(when string) {
			t.Helper()
			for i, tt := range tests {
				m := e.do(t, "GET", versionPath(tt.v, "/task-status/"+tasks[i]), "").want(t, http.StatusOK).obj(t)
				if m["completionStatus"] != nil || m["progress"] != "Pending" {
					t.Errorf("%s: %s task completionStatus %v progress %v, want null, Pending", when, tt.v, m["completionStatus"], m["progress"])
				}
				for _, w := range []string{v3, v1, tt.v} {
					e.do(t, "GET", versionPath(w, "/accounts/"+tt.a.ID), "").want(t, http.StatusOK)
				}
			}
		}
		pending("at once")
		e.s.Clock().Advance(delay - time.Millisecond)
		pending("just before due")
		e.s.Clock().Advance(time.Millisecond)
		for i, tt := range tests {
			e.verTask(t, tt.v, tasks[i], "Remove Account", tt.a.ID)
			for _, w := range allVersions {
				wantError(t, e.do(t, "GET", versionPath(w, "/accounts/"+tt.a.ID), ""), http.StatusNotFound, detailNotFound, tt.a.ID)
			}
		}
		r := e.do(t, "GET", "/accounts/v1?count=true", "").want(t, http.StatusOK)
		if d := gocmp.Diff([]string{fx.hrAlice.ID}, ids(r.list(t))); d != "" || r.header.Get("X-Total-Count") != "1" {
			t.Errorf("accounts after the removes landed, X-Total-Count %q (-want +got):\n%s", r.header.Get("X-Total-Count"), d)
		}
	})
}

// TestVersionsRateLimit checks that rate limit windows are kept per API
// version: 3 requests in v3 and 3 more in v2025 before each answers 429,
// and the per-service v1 is one window across its services.
func TestVersionsRateLimit(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, with(mode, WithRateLimit(RateLimit{Limit: 3, Window: 10 * time.Second}))...)
		fx := seed(t, s)
		k := iscClient(s.Client(), s.URL)
		steps := []struct {
			path   string
			status int
		}{
			{"/v3/accounts", 200},
			{"/v3/accounts/" + fx.hrAlice.ID, 200},
			{"/v3/sources", 200},
			{"/v3/accounts", 429},
			{"/v3/sources/" + fx.hr.ID, 429},
			{"/v2025/accounts", 200},
			{"/v2025/identities", 200},
			{"/v2025/task-status", 200},
			{"/v2025/accounts", 429},
			{"/v2024/accounts", 200}, // a version of its own
			{"/accounts/v1", 200},
			{"/sources/v1", 200},
			{"/accounts/v1/" + fx.adAlice.ID, 200},
			{"/sources/v1", 429},
			{"/task-status/v1", 429},
			{"/identities/v1", 429},
			{"/accounts/v1", 429},
			{"/beta/accounts", 200},
			{"/v3/accounts", 429}, // still full
		}
		for i, st := range steps {
			r := k.do(t, "GET", st.path, "")
			if r.status != st.status {
				t.Fatalf("step %d GET %s: status %d, want %d; body %s", i, st.path, r.status, st.status, r.body)
			}
			if st.status != http.StatusTooManyRequests {
				if ra := r.header.Get("Retry-After"); ra != "" {
					t.Errorf("step %d GET %s: Retry-After %q on a %d", i, st.path, ra, r.status)
				}
				continue
			}
			if ra := r.header.Get("Retry-After"); ra != "10" {
				t.Errorf("step %d GET %s: Retry-After %q, want 10", i, st.path, ra)
			}
			if string(r.body) != `{"message":" Rate Limit Exceeded "}` {
				t.Errorf("step %d GET %s: 429 body %s", i, st.path, r.body)
			}
		}
		// After Retry-After every window has room again.
		s.Clock().Advance(10 * time.Second)
		for _, p := range []string{"/v3/accounts", "/v2025/accounts", "/sources/v1", "/accounts/v1"} {
			k.do(t, "GET", p, "").want(t, http.StatusOK)
		}
	})
}
