package mockisc

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// call is one answered request of a simulation test, where a 5xx or a
// dropped connection is the expected outcome, not a failure.
type simResult struct {
	status int
	header http.Header
	body   string
	err    error // transport error (dropped connection) or body read error
}

// simDo sends a request and returns what came back, errors included.
func simDo(t testing.TB, c *http.Client, s *Server, method, path, body string) simResult {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return simResult{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return simResult{status: resp.StatusCode, header: resp.Header, body: string(b), err: err}
}

// statuses sends n GETs of path and returns their statuses.
func statuses(t testing.TB, c *http.Client, s *Server, n int, path string) []int {
	t.Helper()
	out := make([]int, n)
	for i := range out {
		r := simDo(t, c, s, "GET", path, "")
		if r.err != nil {
			t.Fatalf("request %d: %v", i+1, r.err)
		}
		out[i] = r.status
	}
	return out
}

func repeat(status, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = status
	}
	return out
}
