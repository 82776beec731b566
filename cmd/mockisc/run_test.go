package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/mockisc"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunRefusesBadInput(t *testing.T) {
	t.Parallel()
	badType := writeFile(t, "type.json", `{"accounts": [{"id": "a", "disabled": "no"}]}`)
	dangling := writeFile(t, "dangling.json", `{"accounts": [{"id": "a", "name": "a", "sourceId": "gone"}]}`)
	syntax := writeFile(t, "syntax.json", `{"sources": [`)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"-port", "1"}, "flag provided but not defined: -port"},
		{"argument", []string{"serve"}, `unexpected argument "serve"`},
		{"bad seed", []string{"-seed", "x"}, `invalid value "x" for flag -seed`},
		{"rate limit shape", []string{"-rate-limit", "100"}, `-rate-limit: "100" is not "N/duration"`},
		{"rate limit count", []string{"-rate-limit", "0/10s"}, "not a positive number of requests"},
		{"rate limit window", []string{"-rate-limit", "5/soon"}, "not a positive duration"},
		{"latency", []string{"-latency", "fast"}, "-latency:"},
		{"latency order", []string{"-latency", "200ms-10ms"}, "min <= max"},
		{"clock", []string{"-clock", "fake"}, `-clock: "fake" is not "real" or "fixed:`},
		{"clock time", []string{"-clock", "fixed:today"}, "not an RFC 3339 time"},
		{"log format", []string{"-log-format", "xml"}, `-log-format: "xml"`},
		{"log level", []string{"-log-level", "loud"}, `-log-level: "loud"`},
		{"negative generate", []string{"-generate", "-5"}, "-generate: -5 is negative"},
		{"tenant and generate", []string{"-tenant", badType, "-generate", "5"}, "exclude each other"},
		{"missing tenant", []string{"-tenant", filepath.Join(dir, "nope.json")}, "nope.json: file does not exist"},
		{"unreadable tenant", []string{"-tenant", dir}, dir + ": read: is a directory"},
		{"tenant syntax", []string{"-tenant", syntax}, "syntax.json: invalid JSON at byte offset"},
		{"tenant type", []string{"-tenant", badType}, "type.json: accounts[0].disabled: want a boolean, got a string"},
		{"tenant reference", []string{"-tenant", dangling}, `dangling.json: invalid: accounts[0].sourceId: source "gone" not found`},
		{"bad state file", []string{"-state", badType}, "type.json: accounts[0].disabled"},
		{"tls hosts empty", []string{"-tls-hosts", ""}, `-tls-hosts: empty name in ""`},
		{"tls hosts empty item", []string{"-tls-hosts", "a.example,,b.example"}, `-tls-hosts: empty name in "a.example,,b.example"`},
		{"tls hosts trailing comma", []string{"-tls-hosts", "a.example,"}, `-tls-hosts: empty name in "a.example,"`},
		{"tls hosts URL", []string{"-tls-hosts", "https://acme.api.identitynow.com"}, `-tls-hosts: "https://acme.api.identitynow.com" is not an IP address or a host name`},
		{"tls hosts port", []string{"-tls-hosts", "mockisc.test,acme.example:443"}, `-tls-hosts: "acme.example:443" is not`},
		{"tls hosts bad IP", []string{"-tls", "-tls-hosts", "300.1.2.3"}, `-tls-hosts: "300.1.2.3" is not`},
		{"tls ca empty", []string{"-tls-ca", ""}, "-tls-ca: empty file name"},
		{"tls off and ca", []string{"-tls=false", "-tls-ca", filepath.Join(dir, "ca.pem")}, "-tls=false contradicts"},
		{"journal bytes", []string{"-journal-bytes", "lots"}, `-journal-bytes: "lots" is not a positive size`},
		{"journal body bytes", []string{"-journal-body-bytes", "0"}, `-journal-body-bytes: "0" is not a positive size`},
		{"state max bytes", []string{"-state-max-bytes", "-1MiB"}, `-state-max-bytes:`},
		{"max body bytes", []string{"-max-body-bytes", "1TiB"}, `-max-body-bytes:`},
		{"max tokens", []string{"-max-tokens", "0"}, "-max-tokens: too small"},
		{"negative timeout", []string{"-read-timeout", "-1s"}, "-read-timeout: -1s is negative"},
		{"negative grace", []string{"-shutdown-grace", "-1s"}, "-shutdown-grace: -1s is negative"},
		{"admin hosts", []string{"-admin-hosts", "ok.example,bad host"}, `-admin-hosts: "bad host"`},
		{"admin token twice", []string{"-admin-token", "a", "-admin-token-file", filepath.Join(dir, "tok")}, "exclude each other"},
		{"admin token file missing", []string{"-admin-token-file", filepath.Join(dir, "none")}, "-admin-token-file: open"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr syncBuffer
			code := run(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, tc.args...), &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "mockisc: ") {
				t.Errorf("want one line starting with \"mockisc: \", got %q", msg)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not contain %q", msg, tc.want)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	t.Parallel()
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"-h"}, &stdout, &stderr); code != exitOK {
		t.Errorf("exit code %d", code)
	}
	for _, f := range []string{"-addr", "-seed", "-tenant", "-generate", "-rate-limit", "-latency", "-clock", "-state", "-log-format", "-log-level", "-admin-token", "-tls", "-tls-ca", "-tls-hosts",
		"-admin-token-file", "-admin-hosts", "-journal-size", "-journal-bytes", "-journal-body-bytes", "-max-tokens", "-max-tasks",
		"-max-body-bytes", "-state-max-bytes", "-read-header-timeout", "-read-timeout", "-write-timeout", "-idle-timeout",
		"-shutdown-grace", "-state-interval"} {
		if !strings.Contains(stderr.String(), f+" ") && !strings.Contains(stderr.String(), f+"\n") {
			t.Errorf("usage does not mention %s", f)
		}
	}
}

func TestRunListenError(t *testing.T) {
	t.Parallel()
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"-addr", "256.0.0.1:1"}, &stdout, &stderr); code != exitError {
		t.Errorf("exit code %d, want %d; stderr %s", code, exitError, stderr.String())
	}
}

var urlLine = regexp.MustCompile(`on (https?://127\.0\.0\.1:\d+)\n`)

// start runs the binary in a goroutine and waits until it serves.
func start(t *testing.T, args ...string) (base string, stderr *syncBuffer, stop func() int) {
	t.Helper()
	base, _, stderr, stop = startWithOutput(t, args...)
	return base, stderr, stop
}

// startWithOutput is start that also returns the standard output.
func startWithOutput(t *testing.T, args ...string) (base string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout = &syncBuffer{}
	stderr = &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), stdout, stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := urlLine.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("run exited with %d before serving: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed; stdout %q stderr %q", stdout.String(), stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(stdout.String(), " -H \"Authorization: Bearer $TOKEN\" '"+base+"/v3/accounts") {
		t.Errorf("banner has no list command: %s", stdout.String())
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			cancel()
			<-done
		}
	})
	return base, stdout, stderr, func() int {
		stopped = true
		cancel()
		return <-done
	}
}

func token(t *testing.T, base, client string) string {
	t.Helper()
	resp, err := http.PostForm(base+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {client}, "client_secret": {"s"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %d %v", resp.StatusCode, err)
	}
	return tok.AccessToken
}

func call(t *testing.T, method, u, tok string) int {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestRunServesLogsAndSavesStateOnCancel(t *testing.T) {
	t.Parallel()
	statePath := filepath.Join(t.TempDir(), "state.json")
	demo := mockisc.DemoState()
	victim := demo.Accounts[1].ID

	base, stderr, stop := start(t, "-state", statePath, "-clock", "fixed:2030-01-02T03:04:05Z", "-log-format", "json")
	tok := token(t, base, "ci-job")
	if code := call(t, "GET", base+"/v3/accounts?limit=2", tok); code != 200 {
		t.Errorf("list: %d", code)
	}
	if code := call(t, "POST", base+"/v3/accounts/"+victim+"/disable", tok); code != 202 {
		t.Errorf("disable: %d", code)
	}
	if code := call(t, "GET", base+"/v3/accounts", "nonsense"); code != 401 {
		t.Errorf("bad token: %d", code)
	}
	if code := stop(); code != exitOK {
		t.Fatalf("exit code %d; stderr %s", code, stderr.String())
	}

	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", l, err)
		}
		if m["msg"] == "request" {
			delete(m, "time")
			delete(m, "level")
			delete(m, "msg")
			if _, ok := m["duration"].(float64); !ok {
				t.Errorf("no duration in %v", m)
			}
			delete(m, "duration")
			lines = append(lines, m)
		}
	}
	want := []map[string]any{
		{"method": "POST", "path": "/oauth/token", "status": 200.0, "client": "ci-job"},
		{"method": "GET", "path": "/v3/accounts", "status": 200.0, "client": "ci-job"},
		{"method": "POST", "path": "/v3/accounts/" + victim + "/disable", "status": 202.0, "client": "ci-job"},
		{"method": "GET", "path": "/v3/accounts", "status": 401.0, "client": ""},
	}
	if d := cmp.Diff(want, lines); d != "" {
		t.Errorf("request log lines (-want +got):\n%s", d)
	}

	b, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	st, err := mockisc.DecodeState(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Accounts) != len(demo.Accounts) || !st.Accounts[1].Disabled || st.Accounts[1].ID != victim {
		t.Errorf("saved state does not hold the disabled account: %+v", st.Accounts[1])
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(statePath), ".*tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// The next start loads the saved state.
	base, stderr, stop = start(t, "-state", statePath, "-rate-limit", "off")
	tok = token(t, base, "again")
	req, _ := http.NewRequest("GET", base+"/v3/accounts/"+victim, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var acct struct{ Disabled bool }
	_ = json.NewDecoder(resp.Body).Decode(&acct)
	resp.Body.Close()
	if !acct.Disabled {
		t.Error("after restart the account is enabled again")
	}
	if code := stop(); code != exitOK {
		t.Errorf("second run exit code %d: %s", code, stderr.String())
	}
}

func TestRunRateLimitAndAdminToken(t *testing.T) {
	t.Parallel()
	base, _, _ := start(t, "-rate-limit", "2/1h", "-admin-token", "tok", "-generate", "50", "-seed", "9", "-log-level", "error")
	tok := token(t, base, "c")
	var codes []int
	for range 3 {
		codes = append(codes, call(t, "GET", base+"/v3/accounts?limit=1", tok))
	}
	if d := cmp.Diff([]int{200, 200, 429}, codes); d != "" {
		t.Errorf("statuses under -rate-limit 2/1h (-want +got):\n%s", d)
	}
	if code := call(t, "GET", base+"/__mockisc/health", "wrong"); code != 401 {
		t.Errorf("admin with a wrong token: %d", code)
	}
	req, _ := http.NewRequest("GET", base+"/__mockisc/state", nil)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st mockisc.State
	_ = json.NewDecoder(resp.Body).Decode(&st)
	if d := cmp.Diff(mockisc.Generate(50, 9), st); d != "" {
		t.Errorf("-generate 50 -seed 9 state (-want +got):\n%s", d)
	}
}

func TestParseSpecs(t *testing.T) {
	t.Parallel()
	rl, err := parseRateLimit("100/10s")
	if want := mockisc.ISCRateLimit(); err != nil || rl != want {
		t.Errorf("100/10s = %+v, %v; want %+v", rl, err, want)
	}
	if rl, err := parseRateLimit("off"); err != nil || rl.Limit != 0 {
		t.Errorf("off = %+v, %v", rl, err)
	}
	for in, want := range map[string]mockisc.Latency{
		"":           {},
		"50ms":       {Min: mockisc.Duration(50 * time.Millisecond), Max: mockisc.Duration(50 * time.Millisecond)},
		"10ms-200ms": {Min: mockisc.Duration(10 * time.Millisecond), Max: mockisc.Duration(200 * time.Millisecond)},
	} {
		if got, err := parseLatency(in); err != nil || got != want {
			t.Errorf("parseLatency(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	real, at, err := parseClock("fixed:2025-03-04T05:06:07+01:00")
	if err != nil || real || !at.Equal(time.Date(2025, 3, 4, 4, 6, 7, 0, time.UTC)) {
		t.Errorf("parseClock fixed = %v %v %v", real, at, err)
	}
	if real, _, err := parseClock("real"); err != nil || !real {
		t.Errorf("parseClock real = %v %v", real, err)
	}
}
