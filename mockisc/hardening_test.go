package mockisc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// TestBadQueryEncodingISC: ?filters=%zz is a 400 naming the parameter in
// ISC's envelope (400.1.3), and the token endpoint says so in OAuth's.
func TestBadQueryEncodingISC(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		for _, path := range []string{"/v3/accounts?filters=%zz", "/v2025/accounts?limit=2&sorters=%", "/v2025/task-status?filters=a%2"} {
			r := e.do(t, "GET", path, "")
			wantError(t, r, 400, detailIllegalValue, "query parameter", "is not validly percent-encoded")
		}
		r := rawClient(noTokenClient(e.s), e.s.URL).do(t, "POST", "/oauth/token?grant_type=client_credentials&client_id=%zz", "")
		r.want(t, 400)
		if !strings.Contains(string(r.body), `"invalid_request"`) || !strings.Contains(string(r.body), `query parameter \"client_id\"`) {
			t.Errorf("token endpoint: %s", r.body)
		}
	})
}

// TestTokenRequestRedactedOnEveryPath: a token request that misses the
// route keeps no secret in the journal.
func TestTokenRequestRedactedOnEveryPath(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	k := rawClient(noTokenClient(s), s.URL)
	k.do(t, "GET", "/oauth/token?grant_type=client_credentials&client_id=a&client_secret=hunter2", "").want(t, 405)
	k.do(t, "POST", "/oauth/token/", "client_id=a&client_secret=hunter2", "Content-Type", formCT).want(t, 404)
	k.do(t, "GET", "/oAuth/rest/v2/Token?client_secret=hunter2", "").want(t, 405)
	k.do(t, "GET", "/v3/accounts", "", "Cookie", "session=hunter2", "Proxy-Authorization", "Basic hunter2", "X-Api-Key", "hunter2").want(t, 401)
	for _, e := range s.Journal().Entries() {
		if strings.Contains(e.Query+string(e.Body)+strings.Join(e.Header.Values("Cookie"), "")+
			e.Header.Get("Proxy-Authorization")+e.Header.Get("X-Api-Key"), "hunter2") {
			t.Errorf("a secret is journaled: %+v", e)
		}
	}
}

// TestHandlerPanicAnswers500: a route that panics answers 500 in ISC's
// envelope, is logged at error level with its route, counted in health,
// and the server goes on serving.
func TestHandlerPanicAnswers500(t *testing.T) {
	t.Parallel()
	var log syncBuffer
	s := New(t, WithoutListener(), WithLogger(slog.New(slog.NewJSONHandler(&log, nil))))
	boom := &engine.Surface{Name: "ISC", Prefixes: []string{"/v3/boom"}, Envelope: iscSurface.Envelope,
		RequestIDHeader: iscSurface.RequestIDHeader, ContentType: iscSurface.ContentType}
	s.eng.Mount(boom, &engine.Route{Method: "GET", Pattern: "/v3/boom/{id}", API: "v3", Scopes: []string{"idn:accounts:read"},
		Handle: s.locked(func(*Server, *engine.Call) *engine.Response { panic("kaboom") })})
	k := client{c: s.Client(), base: s.URL, chk: check{envelope: iscEnvelopeKind}}
	r := k.do(t, "GET", "/v3/boom/1", "")
	wantError(t, r, 500, detailInternal, "GET /v3/boom/{id}", "kaboom")
	// The tenant lock was released: the server still answers.
	iscClient(s.Client(), s.URL).do(t, "GET", "/v3/accounts", "").want(t, 200)
	h := adminReq(t, s, "GET", "", "/__mockisc/health", "").want(t, 200).obj(t)
	if h["panics"] != 1.0 {
		t.Errorf("health panics = %v", h["panics"])
	}
	for _, want := range []string{`"level":"ERROR"`, `"msg":"handler panic"`, `"route":"GET /v3/boom/{id}"`, `"panic":"kaboom"`} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %s: %s", want, log.String())
		}
	}
}

// TestStalledBodyIsClosed: a request whose body stops arriving is
// answered 408 and its connection closed once the read timeout passes.
func TestStalledBodyIsClosed(t *testing.T) {
	t.Parallel()
	s := New(t, WithTimeouts(Timeouts{Read: 300 * time.Millisecond}))
	conn, err := net.Dial("tcp", s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	_, _ = io.WriteString(conn, "POST /v3/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":")
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || !bytes.Contains(body, []byte("read timeout")) {
		t.Errorf("answer %d %s; want 408", resp.StatusCode, body)
	}
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Error("the connection is still open")
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("took %v", el)
	}
}

// TestShutdownCutsStalledRequests: Shutdown returns when its context
// ends, cutting a stalled upload and a long request.
func TestShutdownCutsStalledRequests(t *testing.T) {
	t.Parallel()
	s, err := NewServer(WithLatency(Latency{Min: time.Minute, Max: time.Minute}))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "POST /v3/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
	long := make(chan error, 1)
	go func() {
		_, err := http.Get(s.URL + "/v3/accounts") // sleeps a minute of latency
		long <- err
	}()
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := s.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown = %v; want the deadline", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("Shutdown took %v", el)
	}
	select {
	case err := <-long:
		if err == nil {
			t.Error("the long request was answered")
		}
	case <-time.After(5 * time.Second):
		t.Error("the long request was not cut")
	}
}

// TestTokenTableBounded: past WithMaxTokens the oldest token is
// forgotten; expired tokens go at the next issue.
func TestTokenTableBounded(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithMaxTokens(3))
	k := rawClient(noTokenClient(s), s.URL)
	var toks []string
	for range 5 {
		toks = append(toks, anyToken(t, k))
	}
	get := func(tok string) int {
		return k.do(t, "GET", "/v3/accounts", "", "Authorization", "Bearer "+tok).status
	}
	if get(toks[0]) != 401 || get(toks[4]) != 200 {
		t.Errorf("oldest token %d, newest %d; want 401, 200", get(toks[0]), get(toks[4]))
	}
	s.Clock().Advance(time.Hour)
	anyToken(t, k)
	if st := s.tokens.Stats(); st.Held != 1 || st.Expired != 3 || st.Evicted != 2 {
		t.Errorf("token stats %+v", st)
	}
	if r := k.do(t, "GET", "/v3/accounts", "", "Authorization", "Bearer "+toks[4]); !strings.Contains(string(r.body), engine.TextExpiredToken) {
		t.Errorf("a forgotten expired token: %d %s", r.status, r.body)
	}
}

func anyToken(t *testing.T, k client) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"c"}, "client_secret": {"s"}}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	r := k.do(t, "POST", "/oauth/token", form.Encode(), "Content-Type", formCT).want(t, 200)
	if err := json.Unmarshal(r.body, &tok); err != nil {
		t.Fatal(err)
	}
	return tok.AccessToken
}

// TestTaskTableBounded: past WithMaxTasks the oldest completed tasks are
// forgotten.
func TestTaskTableBounded(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener(), WithMaxTasks(2))
	var ids []string
	for range 3 {
		r := e.do(t, "POST", "/v3/accounts/"+e.fx.adAlice.ID+"/disable", "{}").want(t, 202)
		ids = append(ids, r.obj(t)["id"].(string))
	}
	e.do(t, "GET", "/v2025/task-status/"+ids[0], "").want(t, 404)
	e.do(t, "GET", "/v2025/task-status/"+ids[2], "").want(t, 200)
	if n := len(e.do(t, "GET", "/v2025/task-status", "").list(t)); n != 2 {
		t.Errorf("task list holds %d; want 2", n)
	}
}

// TestJournalBodyCutThroughServer: WithJournalBodyBytes cuts journaled
// bodies and says so.
func TestJournalBodyCutThroughServer(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithJournalBodyBytes(10))
	rawClient(noTokenClient(s), s.URL).do(t, "POST", "/v3/accounts", `{"sourceId":"0123456789"}`).want(t, 401)
	e, _ := s.Journal().Last()
	if string(e.Body) != `{"sourceId` || !e.BodyTruncated || e.BodySize != 25 {
		t.Errorf("entry body %q, truncated %v, size %d", e.Body, e.BodyTruncated, e.BodySize)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the
// test.
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

// TestRequestWorkIsBounded: every bound on the work one request can cause
// is a 400 naming the limit, in the API's envelope.
func TestRequestWorkIsBounded(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	ops := strings.Repeat(`{"op":"test","path":"/id","value":"`+e.fx.hrAlice.ID+`"},`, 1000)
	e.patch(t, e.fx.hrAlice.ID, "["+ops[:len(ops)-1]+"]").want(t, 202)
	wantError(t, e.patch(t, e.fx.hrAlice.ID, "["+ops+`{"op":"test","path":"/id","value":"x"}]`), 400, detailBadRequest, "the patch has 1001 operations; the limit is 1000")
	wantError(t, e.do(t, "GET", "/v3/accounts?sorters="+strings.Repeat("name,", 300), ""), 400, detailBadRequest, "the limit is 1024")
	wantError(t, e.do(t, "GET", "/v3/accounts?filters="+url.QueryEscape(`name eq "`+strings.Repeat("x", 20_000)+`"`), ""), 400, detailBadRequest, "the limit is 16384")

	an := newAnEnv(t, WithoutListener())
	like := url.QueryEscape("Name Like " + strings.Repeat("%a", 200))
	wantError(t, an.do(t, "GET", anBase+"/Accounts?Filters="+like, ""), 400, typeBadInput, "the Like pattern is 400 characters long; the limit is 256")
	many := strings.Repeat("(Name = a) OR ", 64) + "(Name = b)"
	wantError(t, an.do(t, "GET", anBase+"/Accounts?Filters="+url.QueryEscape(many), ""), 400, typeBadInput, "more than 64 conditions")
	wantError(t, an.do(t, "GET", anBase+"/Accounts?Orders="+strings.Repeat("Name%20", 300), ""), 400, typeBadInput, "Orders: offset 1024")
	// A long value and the longest pattern: answered at once.
	if _, err := e.s.AddAgileNowAccount(AgileNowAccount{Username: "big", Name: strings.Repeat("a", 60_000)}); err != nil {
		t.Fatal(err)
	}
	worst := url.QueryEscape("Name Like " + strings.Repeat("%a", 127) + "%b")
	an2 := anClient(noTokenClient(e.s), e.s.URL, anToken(t, e.s, "x", "y"))
	if r := an2.do(t, "GET", anBase+"/Accounts?Filters="+worst, "").want(t, 200); !strings.Contains(string(r.body), `"TotalItems":0`) {
		t.Errorf("worst Like: %s", r.body)
	}
}
