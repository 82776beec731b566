package mockisc

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func newHTTPTest(t *testing.T, h http.Handler) *httptest.Server {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func TestUnknownRouteAndMethod(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		for _, p := range []string{"/", "/v3", "/v3/nope", "/v3/accounts/a/b/c", "/v2/accounts", "/v3/accounts/x/entitlements/y", "/v3/task-status", "/v3/identities"} {
			t.Run("GET "+p, func(t *testing.T) {
				t.Parallel()
				wantError(t, e.do(t, "GET", p, ""), http.StatusNotFound, detailNotFound, p)
			})
		}
		tests := []struct{ method, path, allow string }{
			{"DELETE", "/v3/accounts", "GET, POST"},
			{"PUT", "/v3/accounts", "GET, POST"},
			{"POST", "/v3/accounts/x", "GET, PUT, PATCH, DELETE"},
			{"GET", "/v3/accounts/x/enable", "POST"},
			{"DELETE", "/v3/accounts/x/entitlements", "GET"},
			{"GET", "/oauth/token", "POST"},
			{"PATCH", "/v2025/task-status/x", "GET"},
		}
		for _, tt := range tests {
			t.Run(tt.method+" "+tt.path, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, tt.method, tt.path, "")
				wantError(t, r, http.StatusMethodNotAllowed, detailMethod, tt.method, tt.allow)
				if got := r.header.Get("Allow"); got != tt.allow {
					t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
				}
			})
		}
		t.Run("HEAD /v3/accounts", func(t *testing.T) {
			t.Parallel()
			// HEAD is GET without a body (the check says so).
			e.do(t, "HEAD", "/v3/accounts", "").want(t, http.StatusOK)
		})
	})
}

func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithMaxBodyBytes(128))...)
		big := `{"attributes":{"sourceId":"` + e.fx.hr.ID + `","userName":"` + strings.Repeat("x", 128) + `"}}`
		wantError(t, e.do(t, "POST", "/v3/accounts", big), http.StatusRequestEntityTooLarge, detailTooLarge, "128 bytes")
		// Without Content-Length (chunked), the cap still holds.
		req, err := e.request("POST", "/v3/accounts", big)
		if err != nil {
			t.Fatal(err)
		}
		req.Body, req.ContentLength, req.GetBody = io.NopCloser(strings.NewReader(big)), 0, nil // length unknown
		wantError(t, e.send(t, req), http.StatusRequestEntityTooLarge, detailTooLarge, "128 bytes")
		// Exactly at the cap is fine.
		small := `{"attributes":{"sourceId":"` + e.fx.hr.ID + `","userName":"`
		small += strings.Repeat("y", 128-len(small)-3) + `"}}`
		if len(small) != 128 {
			t.Fatalf("len %d", len(small))
		}
		taskID(t, e.do(t, "POST", "/v3/accounts", small))
		if n := len(e.s.Accounts()); n != 7 {
			t.Errorf("%d accounts, want 7 (one created)", n)
		}
	})
}

func TestTaskStatus(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		var tasks []string
		tasks = append(tasks,
			taskID(t, e.do(t, "POST", "/v3/accounts", specExample(fx.hr.ID))),
			taskID(t, e.do(t, "PUT", "/v3/accounts/"+fx.hrAlice.ID, `{"attributes":{}}`)),
			taskID(t, e.patch(t, fx.hrBob.ID, `[]`)),
			taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/reload", "")),
			taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/enable", "{}")),
			taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", "{}")),
			taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/unlock", "{}")),
			taskID(t, e.do(t, "DELETE", "/v3/accounts/"+fx.hrBob.ID, "")),
		)
		var infos []string
		for _, ti := range e.s.Tasks() {
			infos = append(infos, ti.ID)
		}
		if !slices.Equal(tasks, infos) {
			t.Errorf("Tasks() %v, want %v", infos, tasks)
		}
		for _, id := range tasks {
			for _, api := range []string{"/v2025", "/beta"} {
				r := e.do(t, "GET", api+"/task-status/"+id, "")
				r.want(t, http.StatusOK)
				m := r.obj(t)
				if m["id"] != id || m["type"] != "QUEUED_TASK" || m["launcher"] != DefaultClientID || m["progress"] != "Completed" {
					t.Errorf("task %s: %s", id, r.body)
				}
			}
		}
		// Delete's target is the source the account was on.
		m := e.do(t, "GET", "/v2025/task-status/"+tasks[7], "").obj(t)
		if tgt, _ := m["target"].(map[string]any); tgt["id"] != fx.hr.ID || tgt["name"] != "HR" || tgt["type"] != "APPLICATION" {
			t.Errorf("delete task target %v", m["target"])
		}
		for _, id := range []string{"nope", fx.hrAlice.ID, strings.ToUpper(tasks[0])} {
			wantError(t, e.do(t, "GET", "/v2025/task-status/"+id, ""), http.StatusNotFound, detailNotFound, id)
			wantError(t, e.do(t, "GET", "/beta/task-status/"+id, ""), http.StatusNotFound, detailNotFound)
		}
		// Reset forgets tasks.
		e.s.Reset()
		wantError(t, e.do(t, "GET", "/v2025/task-status/"+tasks[0], ""), http.StatusNotFound, detailNotFound)
	})
}
