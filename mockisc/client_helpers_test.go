package mockisc

// The request helper: a client, the result of a request, and the answer
// checks (see helpers_test.go).

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// check is a pluggable answer check.
type check struct {
	name string
	// envelope names the error envelope of the API, which wantError reads.
	envelope envelope
	// lenient lets a transport error or a truncated body through as an
	// outcome (result.err) instead of a failure.
	lenient bool
	// problems says what is wrong with an answer; nil checks nothing. It
	// touches no testing.T, so any goroutine may run it.
	problems func(r result) []string
}

// envelope is an API's error envelope.
type envelope int

const (
	noEnvelope         envelope = iota
	iscEnvelopeKind             // ErrorResponseDto; 401 and 429 have shapes of their own
	vendorEnvelopeKind          // AgileNow's Error
)

var (
	iscCheck = check{name: "ISC", envelope: iscEnvelopeKind, problems: iscProblems}
	anCheck  = check{name: "AgileNow", envelope: vendorEnvelopeKind, problems: anProblems}
	rawCheck = check{name: "raw", lenient: true}
)

// client sends requests to one server through c and checks each answer.
type client struct {
	c    *http.Client
	base string // the server's URL, to which paths are appended
	chk  check
	hdr  []string // header name/value pairs sent with every request
}

// iscClient sends to ISC's API at base with c.
func iscClient(c *http.Client, base string) client { return client{c: c, base: base, chk: iscCheck} }

// anClient sends to the AgileNow API at base with c and, unless token is
// "", a vendor bearer token.
func anClient(c *http.Client, base, token string) client {
	k := client{c: c, base: base, chk: anCheck}
	if token != "" {
		k.hdr = []string{"Authorization", "Bearer " + token}
	}
	return k
}

// rawClient sends to base with c and checks nothing.
func rawClient(c *http.Client, base string) client { return client{c: c, base: base, chk: rawCheck} }

// result is an answered request.
type result struct {
	method string
	url    *url.URL // of the request that was answered
	status int
	header http.Header
	body   []byte
	// err is a transport error (no answer) or a body read error (a
	// truncated answer); only a lenient check lets one through.
	err error
	// envelope is the error envelope of the client's API.
	envelope envelope
}

// request builds a request for path on k's server: k's headers, then
// hdr (name/value pairs); a non-empty body is sent as application/json
// unless a header says otherwise.
func (k client) request(method, path, body string, hdr ...string) (*http.Request, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, k.base+path, rd)
	if err != nil {
		return nil, fmt.Errorf("%s %s: cannot build the request: %v", method, path, err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range [][]string{k.hdr, hdr} {
		for i := 0; i+1 < len(h); i += 2 {
			req.Header.Set(h[i], h[i+1])
		}
	}
	return req, nil
}

// exchange sends req, reads the answer and checks it. The error says
// what went wrong: the transport (unless the check is lenient) or the
// check's problems. It reports to no test, so any goroutine may call it.
func (k client) exchange(req *http.Request) (result, error) {
	r := result{method: req.Method, url: req.URL, envelope: k.chk.envelope}
	resp, err := k.c.Do(req)
	if err != nil {
		r.err = err
	} else {
		if resp.Request != nil {
			r.url = resp.Request.URL
		}
		r.status, r.header = resp.StatusCode, resp.Header
		r.body, r.err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	if r.err != nil {
		if k.chk.lenient {
			return r, nil
		}
		return r, fmt.Errorf("%s %s: %w", req.Method, req.URL.RequestURI(), r.err)
	}
	if k.chk.problems == nil {
		return r, nil
	}
	if probs := k.chk.problems(r); len(probs) > 0 {
		return r, fmt.Errorf("%s %s -> %d: the answer fails the %s check:\n  %s\nbody: %s", r.method,
			req.URL.RequestURI(), r.status, k.chk.name, strings.Join(probs, "\n  "), r.body)
	}
	return r, nil
}

// try builds and exchanges a request; see exchange.
func (k client) try(method, path, body string, hdr ...string) (result, error) {
	req, err := k.request(method, path, body, hdr...)
	if err != nil {
		return result{method: method, err: err, envelope: k.chk.envelope}, err
	}
	return k.exchange(req)
}

// do sends a request from the test goroutine: a request that gets no
// answer fails the test at once (unless the check is lenient), and an
// answer that fails the check fails it at the end.
func (k client) do(t testing.TB, method, path, body string, hdr ...string) result {
	t.Helper()
	r, err := k.try(method, path, body, hdr...)
	return report(t, r, err)
}

// send is do for a request built by request and then changed.
func (k client) send(t testing.TB, req *http.Request) result {
	t.Helper()
	r, err := k.exchange(req)
	return report(t, r, err)
}

func report(t testing.TB, r result, err error) result {
	t.Helper()
	switch {
	case err == nil:
	case r.err != nil:
		t.Fatal(err)
	default:
		t.Error(err)
	}
	return r
}

// iscProblems is the ISC check: never a 5xx; a JSON body with a JSON
// content type, valid against the bundle for the route and status; every
// error but 401 and 429 in ISC's envelope; no body for HEAD.
func iscProblems(r result) []string {
	var out []string
	if r.status >= 500 {
		out = append(out, fmt.Sprintf("status %d", r.status))
	}
	if r.method == http.MethodHead {
		return append(out, headProblems(r)...)
	}
	if len(r.body) == 0 {
		return out
	}
	if p := jsonProblems(r); p != nil {
		return append(out, p...)
	}
	out = append(out, validateResponse(r.method, r.url.EscapedPath(), r.status, r.body)...)
	return append(out, envelopeProblems(r)...)
}

// anProblems is the AgileNow check: never a 5xx; a JSON body with a JSON
// content type, valid against Accounts.json; every error in the vendor's
// envelope; no body for HEAD.
func anProblems(r result) []string {
	var out []string
	if r.status >= 500 {
		out = append(out, fmt.Sprintf("status %d", r.status))
	}
	if r.method == http.MethodHead {
		return append(out, headProblems(r)...)
	}
	if len(r.body) == 0 {
		return append(out, "no body")
	}
	if p := jsonProblems(r); p != nil {
		return append(out, p...)
	}
	problems := validateAgileNowResponse(r.method, r.url.EscapedPath(), r.status, r.body)
	if projected(r.url) {
		// A Fields projection keeps only the members asked for; the
		// spec's required members may be among those left out.
		problems = slices.DeleteFunc(problems, func(p string) bool { return strings.Contains(p, ": required key ") })
	}
	out = append(out, problems...)
	return append(out, envelopeProblems(r)...)
}

// projected reports whether an AgileNow list asks for a Fields projection
// (a parameter named Fields in any case, not empty and not "*").
func projected(u *url.URL) bool {
	for k, v := range u.Query() {
		if strings.EqualFold(k, "Fields") && len(v) > 0 {
			if f := strings.TrimSpace(v[len(v)-1]); f != "" && f != "*" {
				return true
			}
		}
	}
	return false
}

// headProblems: a HEAD answer is a GET answer without the body.
func headProblems(r result) []string {
	if len(r.body) > 0 {
		return []string{fmt.Sprintf("a HEAD answer has a body of %d bytes", len(r.body))}
	}
	return nil
}

func jsonProblems(r result) []string {
	var out []string
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		out = append(out, fmt.Sprintf("Content-Type %q, want application/json", ct))
	}
	if !json.Valid(r.body) {
		out = append(out, "the body is not JSON")
	}
	return out
}

// json decodes the body into a generic value.
func (r result) json(t testing.TB) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.body)
	}
	return v
}

// obj decodes the body as a JSON object.
func (r result) obj(t testing.TB) map[string]any {
	t.Helper()
	m, ok := r.json(t).(map[string]any)
	if !ok {
		t.Fatalf("body is not a JSON object: %s", r.body)
	}
	return m
}

// list decodes the body as a JSON array of objects.
func (r result) list(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatalf("body is not a JSON array of objects: %v\n%s", err, r.body)
	}
	return out
}

// want fails the test at once unless r has status want, and returns r.
func (r result) want(t testing.TB, want int) result {
	t.Helper()
	if r.status != want {
		t.Fatalf("%s %s: status %d, want %d; body: %s", r.method, r.uri(), r.status, want, r.body)
	}
	return r
}

// uri is the answered request's path and query, for messages.
func (r result) uri() string {
	if r.url == nil {
		return "?"
	}
	return r.url.RequestURI()
}

// path is the answered request's path, decoded, as the vendor's Error
// names it in Instance.
func (r result) path() string {
	if r.url == nil {
		return ""
	}
	return r.url.Path
}
