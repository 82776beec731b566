package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mockisc/mockisc/mockisc"
)

// buildBinary builds the command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "mockisc")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startChild starts the binary as a child process and returns its URL.
func startChild(t *testing.T, bin string, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-log-level", "error"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := urlLine.FindStringSubmatch(sc.Text() + "\n"); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case base, ok := <-found:
		if !ok {
			t.Fatal("the binary exited before serving")
		}
		go func() { _, _ = io.Copy(io.Discard, stdout) }()
		return cmd, base
	case <-time.After(20 * time.Second):
		t.Fatal("the binary printed no URL")
	}
	return nil, ""
}

// TestStateSurvivesKill: with -state, an accepted write survives SIGKILL.
func TestStateSurvivesKill(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	statePath := filepath.Join(t.TempDir(), "state.json")
	victim := mockisc.DemoState().Accounts[1].ID

	cmd, base := startChild(t, bin, "-state", statePath, "-state-interval", "50ms", "-rate-limit", "off")
	tok := token(t, base, "ci")
	if code := call(t, "POST", base+"/v3/accounts/"+victim+"/disable", tok); code != 202 {
		t.Fatalf("disable: %d", code)
	}
	// The next save holds it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(statePath); err == nil {
			if st, err := mockisc.DecodeState(b); err == nil && st.Accounts[1].Disabled {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the state file never showed the write")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	_, base = startChild(t, bin, "-state", statePath, "-rate-limit", "off")
	tok = token(t, base, "again")
	req, _ := http.NewRequest("GET", base+"/v3/accounts/"+victim, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var acct struct{ Disabled bool }
	_ = json.NewDecoder(resp.Body).Decode(&acct)
	if !acct.Disabled {
		t.Error("after SIGKILL and a restart the write is lost")
	}
}

// TestShutdownWithinGrace: a stalled upload and a long request do not
// hold up shutdown past -shutdown-grace: they are cut, the state is
// written, and the exit code is 0.
func TestShutdownWithinGrace(t *testing.T) {
	t.Parallel()
	statePath := filepath.Join(t.TempDir(), "state.json")
	base, stderr, stop := start(t, "-state", statePath, "-shutdown-grace", "300ms", "-latency", "1m", "-state-interval", "0")
	host := strings.TrimPrefix(base, "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "PUT /__mockisc/state HTTP/1.1\r\nHost: "+host+"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/v3/accounts", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil { // a minute of latency
			resp.Body.Close()
		}
	}()
	time.Sleep(200 * time.Millisecond)
	began := time.Now()
	if code := stop(); code != exitOK {
		t.Errorf("exit code %d; stderr %s", code, stderr.String())
	}
	if el := time.Since(began); el > 5*time.Second {
		t.Errorf("shutdown took %v", el)
	}
	if _, err := os.Stat(statePath); err != nil {
		t.Errorf("state not written: %v", err)
	}
	if !strings.Contains(stderr.String(), "were cut") {
		t.Errorf("no word of the cut requests: %s", stderr.String())
	}
}

// TestAdminTokenSources: -admin-token, else -admin-token-file's first
// line, else $MOCKISC_ADMIN_TOKEN.
func TestAdminTokenSources(t *testing.T) {
	t.Parallel()
	file := writeFile(t, "tok", "from-file\nignored\n")
	blank := writeFile(t, "blank", "\n")
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == adminTokenEnv {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		args []string
		env  string
		want string
	}{
		{nil, "", ""},
		{nil, "from-env", "from-env"},
		{[]string{"-admin-token", "from-flag"}, "from-env", "from-flag"},
		{[]string{"-admin-token-file", file}, "from-env", "from-file"},
	} {
		o, err := parseFlags(tc.args, io.Discard, env(tc.env))
		if err != nil || o.adminToken != tc.want {
			t.Errorf("%v with $%s=%q: token %q, %v; want %q", tc.args, adminTokenEnv, tc.env, o.adminToken, err, tc.want)
		}
	}
	if _, err := parseFlags([]string{"-admin-token-file", blank}, io.Discard, env("")); err == nil || !strings.Contains(err.Error(), "holds no token") {
		t.Errorf("a blank token file: %v", err)
	}
	// Through the whole binary: the file's token opens the admin API.
	base, _, _ := start(t, "-admin-token-file", file, "-log-level", "error")
	if code := call(t, "GET", base+"/__mockisc/health", "from-file"); code != 200 {
		t.Errorf("admin with the file's token: %d", code)
	}
	if code := call(t, "GET", base+"/__mockisc/health", ""); code != 401 {
		t.Errorf("admin without a token: %d", code)
	}
}

// TestParseBytes reads sizes with and without units.
func TestParseBytes(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{"65536": 65536, "64KiB": 64 << 10, "16MiB": 16 << 20, "1GiB": 1 << 30, "2K": 2048, "3M": 3 << 20, "1MB": 1e6, "10B": 10, " 5 KiB ": 5 << 10} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "x", "1TiB", "1.5MiB", "99999999999GiB"} {
		if _, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) accepted", in)
		}
	}
}

// BenchmarkStateSave is the cost of one -state save (snapshot, encode,
// fsync, rename): the cost a kill-safe -state adds per -state-interval in
// which the tenant changed, whatever the number of writes in it.
func BenchmarkStateSave(b *testing.B) {
	for _, tc := range []struct {
		name string
		st   mockisc.State
	}{{"demo", mockisc.DemoState()}, {"accounts=10000", mockisc.Generate(10_000, 1)}, {"accounts=100000", mockisc.Generate(100_000, 1)}} {
		b.Run(tc.name, func(b *testing.B) {
			s, err := mockisc.NewServer(mockisc.WithoutListener(), mockisc.WithState(tc.st))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			sv := newStateSaver(filepath.Join(b.TempDir(), "state.json"), s, newLogger(io.Discard, "text", 0))
			b.ReportAllocs()
			for b.Loop() {
				sv.save()
			}
		})
	}
}

// noEnv is an empty environment for parseFlags.
func noEnv(string) string { return "" }
