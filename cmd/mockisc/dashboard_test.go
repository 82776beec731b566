package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestDashboardInBanner checks that the banner names the dashboard and
// that the binary serves it, from loopback, with its embedded assets.
func TestDashboardInBanner(t *testing.T) {
	t.Parallel()
	base, stdout, _, _ := startWithOutput(t)
	want := "dashboard: " + base + "/__mockisc/ui/"
	if !strings.Contains(stdout.String(), want) {
		t.Fatalf("banner lacks %q:\n%s", want, stdout.String())
	}
	for _, c := range []struct{ path, ctype, fragment string }{
		{"/__mockisc/ui/", "text/html", "<h1>Overview</h1>"},
		{"/__mockisc/ui/accounts", "text/html", "Ada Lovelace"},
		{"/__mockisc/ui/assets/app.js", "text/javascript", "callAPI"},
		{"/__mockisc/ui/assets/app.css", "text/css", "--s5"},
	} {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.ctype) || !strings.Contains(string(b), c.fragment) {
			t.Errorf("GET %s: %d %s; want 200 %s with %q", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), c.ctype, c.fragment)
		}
	}
}
