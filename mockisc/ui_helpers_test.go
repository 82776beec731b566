package mockisc

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// uiResult is a dashboard answer.
type uiResult struct {
	status int
	header http.Header
	body   string
}

// uiGet calls the dashboard in process from loopback, with header
// name-value pairs.
func uiGet(t *testing.T, s *Server, target string, hdr ...string) uiResult {
	t.Helper()
	return uiDo(t, s, "127.0.0.1:5000", http.MethodGet, target, "", hdr...)
}

// uiDo calls s with method and target from remote.
func uiDo(t *testing.T, s *Server, remote, method, target, body string, hdr ...string) uiResult {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	r.RemoteAddr = remote
	r.Host = "127.0.0.1:8080"
	for i := 0; i+1 < len(hdr); i += 2 {
		if strings.EqualFold(hdr[i], "Host") {
			r.Host = hdr[i+1]
			continue
		}
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return uiResult{status: w.Code, header: w.Header(), body: w.Body.String()}
}

// wantPage fails t unless the answer has status and holds every
// fragment.
func (r uiResult) wantPage(t *testing.T, status int, fragments ...string) uiResult {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d; want %d; body:\n%s", r.status, status, r.body)
	}
	for _, f := range fragments {
		if !strings.Contains(r.body, f) {
			t.Errorf("the page lacks %q; body:\n%s", f, r.body)
		}
	}
	return r
}

// demoServer is a server of the demo tenant, with no listener.
func demoServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	return New(t, append([]Option{WithoutListener(), WithState(DemoState())}, opts...)...)
}
