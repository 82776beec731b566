package mockisc

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// sdkGet sends GET path with a bearer token (none when tok is "") through
// hc and returns the status and Retry-After.
func sdkGet(t *testing.T, hc *http.Client, base, path, tok string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("Retry-After")
}

// TestWithFaultRetryAfter checks the Retry-After of fault rules' answers
// over HTTP, with and without the option, and that the rate limiter's
// own 429 keeps its computed value.
func TestWithFaultRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []Option
		rule Fault
		want string
	}{
		{"503 by default", nil, Fault{Status: 503}, ""},
		{"429 by default", nil, Fault{Status: 429}, "1"},
		{"503, 0s", []Option{WithFaultRetryAfter(0)}, Fault{Status: 503}, "0"},
		{"429, 0s", []Option{WithFaultRetryAfter(0)}, Fault{Status: 429}, "0"},
		{"503, rounded up", []Option{WithFaultRetryAfter(1500 * time.Millisecond)}, Fault{Status: 503}, "2"},
		{"503, the rule's header wins", []Option{WithFaultRetryAfter(time.Second)},
			Fault{Status: 503, Headers: map[string]string{"Retry-After": "9"}}, "9"},
		{"500 is left alone", []Option{WithFaultRetryAfter(time.Second)}, Fault{Status: 500}, ""},
		{"502 is left alone", []Option{WithFaultRetryAfter(time.Second)}, Fault{Status: 502}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New(t, append([]Option{WithoutListener()}, tt.opts...)...)
			rule := tt.rule
			rule.Method, rule.Path, rule.Times = "GET", "/v3/accounts", 1
			if _, err := s.AddFault(rule); err != nil {
				t.Fatal(err)
			}
			status, ra := sdkGet(t, s.Client(), s.URL, "/v3/accounts", "")
			if status != rule.Status || ra != tt.want {
				t.Errorf("fault answer: %d with Retry-After %q, want %d with %q", status, ra, rule.Status, tt.want)
			}
			if status, ra := sdkGet(t, s.Client(), s.URL, "/v3/accounts", ""); status != 200 || ra != "" {
				t.Errorf("after the fault: %d with Retry-After %q", status, ra)
			}
		})
	}

	t.Run("the rate limiter's 429 is its own", func(t *testing.T) {
		t.Parallel()
		s := New(t, WithoutListener(), WithFaultRetryAfter(0),
			WithRateLimit(RateLimit{Limit: 1, Window: 10 * time.Second, Key: RateLimitPerClientAPI}))
		var got []string
		for range 2 {
			status, ra := sdkGet(t, s.Client(), s.URL, "/v3/accounts", "")
			got = append(got, http.StatusText(status)+" "+ra)
		}
		if want := "OK |Too Many Requests 10"; strings.Join(got, "|") != want {
			t.Errorf("answers %q, want %q", strings.Join(got, "|"), want)
		}
	})

	t.Run("negative", func(t *testing.T) {
		t.Parallel()
		if _, err := NewServer(WithoutListener(), WithFaultRetryAfter(-time.Second)); err == nil || !strings.Contains(err.Error(), "negative") {
			t.Errorf("WithFaultRetryAfter(-1s): %v", err)
		}
	})
}

// TestToken checks the token helpers against the API: the token works,
// expires on the server clock, and carries its client's rights.
func TestToken(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(),
		WithClient(OAuthClient{ID: "reader", Secret: "pw", Scopes: []string{"idn:accounts:read"}, Authorities: []string{"ORG_ADMIN"}}),
		WithClient(OAuthClient{ID: "api", Secret: "pw", Scopes: []string{"sp:scopes:all"}, Kind: APIClient}))
	plainClient := &http.Client{Transport: s.Transport()}

	tok, exp, err := s.Token()
	if err != nil {
		t.Fatal(err)
	}
	if want := s.Clock().Now().Add(749 * time.Second); !exp.Equal(want) {
		t.Errorf("expiry %v, want %v (749 s of server time)", exp, want)
	}
	if status, _ := sdkGet(t, plainClient, s.URL, "/v3/accounts", tok); status != 200 {
		t.Errorf("GET with Token(): %d", status)
	}
	other, _, _ := s.Token()
	if other == tok {
		t.Error("two Token calls gave the same token; each should issue a new one")
	}
	s.Clock().Advance(749 * time.Second)
	if status, _ := sdkGet(t, plainClient, s.URL, "/v3/accounts", tok); status != 401 {
		t.Errorf("GET with an expired token: %d, want 401", status)
	}

	reader, _, err := s.TokenAs("reader", "pw")
	if err != nil {
		t.Fatal(err)
	}
	if status, _ := sdkGet(t, plainClient, s.URL, "/v3/accounts", reader); status != 200 {
		t.Errorf("reader lists accounts: %d", status)
	}
	if status, _ := sdkGet(t, plainClient, s.URL, "/v3/sources", reader); status != 403 {
		t.Errorf("reader lists sources: %d, want 403 (no idn:sources scope)", status)
	}
	api, _, err := s.TokenAs("api", "pw")
	if err != nil {
		t.Fatal(err)
	}
	if status, _ := sdkGet(t, plainClient, s.URL, "/v2025/identities", api); status != 403 {
		t.Errorf("API client lists identities: %d, want 403 (no user context)", status)
	}
	if _, _, err := s.TokenAs("reader", "wrong"); err == nil || !strings.Contains(err.Error(), `"reader"`) {
		t.Errorf("TokenAs with a wrong secret: %v", err)
	}
}

// TestTokenSource checks that a TokenSource keeps its token until the
// server clock reaches the expiry, then renews it, also when called from
// many goroutines.
func TestTokenSource(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithTokenTTL(time.Minute))
	ts := s.TokenSource("sdk", "secret")
	first, exp, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	values := make([]string, 8)
	for i := range values {
		wg.Add(1)
		go func() {
			defer wg.Done()
			values[i], _, _ = ts.Token()
		}()
	}
	wg.Wait()
	for i, v := range values {
		if v != first {
			t.Errorf("call %d got a new token before the expiry", i)
		}
	}
	s.Clock().Advance(time.Minute - time.Second)
	if v, _, _ := ts.Token(); v != first {
		t.Error("renewed a second before the expiry")
	}
	s.Clock().Advance(time.Second)
	second, exp2, err := ts.Token()
	if err != nil || second == first || !exp2.Equal(exp.Add(time.Minute)) {
		t.Errorf("at the expiry: %q (first %q), expires %v (first %v), %v; want a new token", second, first, exp2, exp, err)
	}
	if status, _ := sdkGet(t, &http.Client{Transport: s.Transport()}, s.URL, "/accounts/v1", second); status != 200 {
		t.Errorf("GET /accounts/v1 with the renewed token: %d", status)
	}

	strict := New(t, WithoutListener(), WithStrictClients())
	if _, _, err := strict.TokenSource("nobody", "x").Token(); err == nil {
		t.Error("TokenSource of an unknown client under WithStrictClients gave a token")
	}
}

// TestClientCarriesSDKTokens checks what docs/sdks.md relies on: Client
// passes an Authorization header the caller (an SDK) set untouched, over
// TLS too, so an SDK's own token, stale or not, is what the fake sees.
func TestClientCarriesSDKTokens(t *testing.T) {
	t.Parallel()
	s := NewTLS(t)
	tok, _, err := s.Token()
	if err != nil {
		t.Fatal(err)
	}
	if status, _ := sdkGet(t, s.Client(), s.URL, "/v3/accounts", tok); status != 200 {
		t.Errorf("HTTPS GET with the SDK's token: %d", status)
	}
	if status, _ := sdkGet(t, s.Client(), s.URL, "/v3/accounts", "not-a-token"); status != 401 {
		t.Errorf("HTTPS GET with a bad SDK token: %d, want 401 (Client must not replace it)", status)
	}
}
