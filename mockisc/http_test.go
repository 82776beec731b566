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
		for _, p := range []string{"/", "/v3", "/v3/nope", "/v3/accounts/a/b/c", "/v2/accounts", "/v3/accounts/x/entitlements/y", "/v2025/task-status"} {
			wantError(t, e.do("GET", p, ""), http.StatusNotFound, detailNotFound, p)
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
			r := e.do(tt.method, tt.path, "")
			wantError(t, r, http.StatusMethodNotAllowed, detailMethod, tt.method, tt.allow)
			if got := r.header.Get("Allow"); got != tt.allow {
				t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
			}
		}
		// HEAD is GET without a body.
		resp, err := e.c.Head(e.s.URL + "/v3/accounts")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("HEAD /v3/accounts: %d", resp.StatusCode)
		}
	})
}

// onlyReader hides a reader's type so the request has no Content-Length.
type onlyReader struct{ io.Reader }

func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, append(slices.Clone(mode), WithMaxBodyBytes(128))...)
		big := `{"attributes":{"sourceId":"` + e.fx.hr.ID + `","userName":"` + strings.Repeat("x", 128) + `"}}`
		wantError(t, e.do("POST", "/v3/accounts", big), http.StatusRequestEntityTooLarge, detailTooLarge, "128 bytes")
		// Without Content-Length (chunked), the cap still holds.
		req, _ := http.NewRequest("POST", e.s.URL+"/v3/accounts", onlyReader{strings.NewReader(big)})
		req.Header.Set("Content-Type", "application/json")
		resp, err := e.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		r := result{status: resp.StatusCode, header: resp.Header, body: body}
		checkResponse(t, "POST", "/v3/accounts", r)
		wantError(t, r, http.StatusRequestEntityTooLarge, detailTooLarge, "128 bytes")
		// Exactly at the cap is fine.
		small := `{"attributes":{"sourceId":"` + e.fx.hr.ID + `","userName":"`
		small += strings.Repeat("y", 128-len(small)-3) + `"}}`
		if len(small) != 128 {
			t.Fatalf("len %d", len(small))
		}
		taskID(t, e.do("POST", "/v3/accounts", small))
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
			taskID(t, e.do("POST", "/v3/accounts", specExample(fx.hr.ID))),
			taskID(t, e.do("PUT", "/v3/accounts/"+fx.hrAlice.ID, `{"attributes":{}}`)),
			taskID(t, e.patch(fx.hrBob.ID, `[]`)),
			taskID(t, e.do("POST", "/v3/accounts/"+fx.adAlice.ID+"/reload", "")),
			taskID(t, e.do("POST", "/v3/accounts/"+fx.adAlice.ID+"/enable", "{}")),
			taskID(t, e.do("POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", "{}")),
			taskID(t, e.do("POST", "/v3/accounts/"+fx.adAlice.ID+"/unlock", "{}")),
			taskID(t, e.do("DELETE", "/v3/accounts/"+fx.hrBob.ID, "")),
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
				r := e.do("GET", api+"/task-status/"+id, "")
				wantStatus(t, r, http.StatusOK)
				m := r.obj(t)
				if m["id"] != id || m["type"] != "QUEUED_TASK" || m["launcher"] != DefaultClientID || m["progress"] != "Completed" {
					t.Errorf("task %s: %s", id, r.body)
				}
			}
		}
		// Delete's target is the source the account was on.
		m := e.do("GET", "/v2025/task-status/"+tasks[7], "").obj(t)
		if tgt, _ := m["target"].(map[string]any); tgt["id"] != fx.hr.ID || tgt["name"] != "HR" || tgt["type"] != "APPLICATION" {
			t.Errorf("delete task target %v", m["target"])
		}
		for _, id := range []string{"nope", fx.hrAlice.ID, strings.ToUpper(tasks[0])} {
			wantError(t, e.do("GET", "/v2025/task-status/"+id, ""), http.StatusNotFound, detailNotFound, id)
			wantError(t, e.do("GET", "/beta/task-status/"+id, ""), http.StatusNotFound, detailNotFound)
		}
		// Reset forgets tasks.
		e.s.Reset()
		wantError(t, e.do("GET", "/v2025/task-status/"+tasks[0], ""), http.StatusNotFound, detailNotFound)
	})
}
