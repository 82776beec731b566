package engine

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// TestCaptureHeader: a captured header reads back as the request header
// with its credentials redacted, a copy of its own each time, and its
// size share is what Entry.Size counts for it.
func TestCaptureHeader(t *testing.T) {
	t.Parallel()
	for _, h := range []http.Header{
		nil,
		{},
		{"Accept": {"application/json"}},
		{
			"Authorization": {"Bearer abc.def.ghi"}, "Proxy-Authorization": {"Basic xyz", "bare"},
			"X-My-Session-Token": {"s1", "s2"}, "User-Agent": {"Go-http-client/1.1"}, "Accept": {"a", "b", "c"},
			"X-Api\u212aey": {"kelvin"}, "Cookie": {"c=1"},
		},
		{"Authorization": {"Bearer x"}, "X-Empty": {}, "X-Nil": nil},
	} {
		want := oracleRedact(h)
		b, p := appendHeader([]byte("before"), h)
		if !strings.HasPrefix(string(b), "before") {
			t.Errorf("appendHeader(%v) changed what it appends to: %q", h, b)
		}
		pairs := string(b[len("before"):])
		got := p.header(pairs)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("appendHeader(%v): header() = %v; want %v", h, got, want)
		}
		for k, vs := range got {
			if len(vs) > 0 {
				vs[0] = "changed"
				if p.header(pairs)[k][0] == "changed" {
					t.Error("header() shares its values")
				}
				break
			}
		}
		e := Entry{Header: want}
		if a, b := (&Entry{}).Size()+p.bytes, e.Size(); a != b {
			t.Errorf("%v: pairs size %d; Entry.Size %d", h, a, b)
		}
	}
}

// oracleRedact is the journal's header redaction, written plainly.
func oracleRedact(h http.Header) http.Header {
	out := h.Clone()
	for k, vs := range out {
		if !IsCredentialHeader(k) {
			continue
		}
		for i, v := range vs {
			vs[i] = Redacted
			if k == "Authorization" || k == "Proxy-Authorization" {
				if scheme, _, ok := strings.Cut(v, " "); ok {
					vs[i] = scheme + " " + Redacted
				}
			}
		}
	}
	return out
}

// TestIsCredentialHeaderFold: the ASCII quick path agrees with
// lower-casing the name.
func TestIsCredentialHeaderFold(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"X-AUTHOR", "x-sEsSiOn-id", "X-Api-Key", "Content-Type", "Accept", "X-Signature-256",
		"X-Api\u212aey", "Tok", "X-Credentials", "Passwd", "X-APIKEY", "Api_Key", "X-Trace",
		// The names answered without a search.
		"Accept-Encoding", "Accept-Language", "Cache-Control", "Connection", "Content-Length", "If-Match", "If-None-Match",
		"Origin", "Pragma", "Referer", "Traceparent", "User-Agent", "X-Request-Id", "X-Sailpoint-Experimental",
		"X-Forwarded-For", "X-Forwarded-Proto", "Authorization"} {
		want := slicesContainsCanon(name) || containsWord(strings.ToLower(name), credentialWords)
		if got := IsCredentialHeader(name); got != want {
			t.Errorf("IsCredentialHeader(%q) = %v; want %v", name, got, want)
		}
	}
	for _, q := range []string{"limit=3", "client%5FSECRET=x", "ApiKey=1", "x=Token", "a=%C3%A9&password=1", "filters=name eq \"x\"", "K=\u212a"} {
		if got, want := mentionsCredential(q), mentionsCredentialSlow(q); got != want {
			t.Errorf("mentionsCredential(%q) = %v; want %v", q, got, want)
		}
	}
}

func slicesContainsCanon(name string) bool {
	canon := http.CanonicalHeaderKey(name)
	for _, h := range credentialHeaders {
		if h == canon {
			return true
		}
	}
	return false
}

// TestCredentialsPath: a request is a token request's for the journal when
// its path is a token endpoint's but for case, a trailing slash, or
// letters that lower-case to the path's (the Kelvin sign).
func TestCredentialsPath(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	for path, want := range map[string]bool{
		"/oauth/token": true, "/OAUTH/Token/": true, "/oauth/to\u212aen": true, "/agile/v1/TOKEN": true,
		"/oauth/tokens": false, "/oauth/toke": false, "/v3/accounts/x": false, "/oauth/tokén": false,
	} {
		c := &Call{Req: &http.Request{URL: &url.URL{Path: path}}}
		if got := te.e.credentials(c); got != want {
			t.Errorf("credentials(%q) = %v, want %v", path, got, want)
		}
	}
}
