package iscclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		v       string
		attempt int
		want    time.Duration
	}{
		{"3", 0, 3 * time.Second},
		{" 0 ", 0, 0},
		{"99999", 0, 10 * time.Minute},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 0, 7 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, 0},
		{"", 0, time.Second},
		{"soon", 2, 4 * time.Second},
		{"", 9, 30 * time.Second},
		{"-1", 0, time.Second},
	}
	for _, tt := range tests {
		if got := RetryAfter(tt.v, now, tt.attempt); got != tt.want {
			t.Errorf("RetryAfter(%q, attempt %d) = %v, want %v", tt.v, tt.attempt, got, tt.want)
		}
	}
}

// tenant is a minimal ISC: a token endpoint and one route whose answers
// the test scripts.
type tenant struct {
	mu      sync.Mutex
	tokens  int
	answers []int // statuses to answer, in order; then 200
	auth    []string
}

func (tn *tenant) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if r.URL.Path == "/oauth/token" {
		if r.FormValue("client_secret") != "right" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
			return
		}
		tn.tokens++
		_, _ = w.Write([]byte(`{"access_token":"tok` + string(rune('0'+tn.tokens)) + `","expires_in":749}`))
		return
	}
	tn.auth = append(tn.auth, r.Header.Get("Authorization"))
	status := http.StatusOK
	if len(tn.answers) > 0 {
		status, tn.answers = tn.answers[0], tn.answers[1:]
	}
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "2")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`[]`))
}

func TestDoRetriesAndRenews(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		answers    []int
		retry      []int
		wantStatus int
		wantWaits  []time.Duration
		wantTokens int
	}{
		{"429 then ok", []int{429, 429}, nil, 200, []time.Duration{2 * time.Second, 2 * time.Second}, 1},
		{"503 backoff", []int{503, 502}, nil, 200, []time.Duration{time.Second, 2 * time.Second}, 1},
		{"verify sees 503", []int{503}, []int{429}, 503, nil, 1},
		{"401 renews once", []int{401}, nil, 200, nil, 2},
		{"401 twice", []int{401, 401}, nil, 401, nil, 2},
		{"500 is final", []int{500}, nil, 500, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tn := &tenant{answers: tt.answers}
			srv := httptest.NewServer(tn)
			defer srv.Close()
			var waits []time.Duration
			c := &Client{BaseURL: srv.URL, ClientID: "c", ClientSecret: "right", RetryStatuses: tt.retry,
				Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
			resp, err := c.Do(context.Background(), "GET", "/v3/accounts", nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != tt.wantStatus || len(waits) != len(tt.wantWaits) || tn.tokens != tt.wantTokens {
				t.Fatalf("status %d, waits %v, tokens %d; want %d, %v, %d", resp.Status, waits, tn.tokens, tt.wantStatus, tt.wantWaits, tt.wantTokens)
			}
			for i := range waits {
				if waits[i] != tt.wantWaits[i] {
					t.Errorf("wait %d = %v, want %v", i, waits[i], tt.wantWaits[i])
				}
			}
			if c.Retries() != len(tt.wantWaits) {
				t.Errorf("Retries() = %d, want %d", c.Retries(), len(tt.wantWaits))
			}
		})
	}
}

func TestTokenErrorsKeepTheSecret(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(&tenant{})
	defer srv.Close()
	c := &Client{BaseURL: srv.URL, ClientID: "c", ClientSecret: "wrong-secret-value"}
	_, err := c.Do(context.Background(), "GET", "/v3/accounts", nil, nil)
	if err == nil || !strings.Contains(err.Error(), `token: POST /oauth/token for client "c": status 401`) || strings.Contains(err.Error(), "wrong-secret-value") {
		t.Errorf("error %v; want a 401 naming the client, not the secret", err)
	}
}

func TestRawAndNoClientSendNoToken(t *testing.T) {
	t.Parallel()
	tn := &tenant{}
	srv := httptest.NewServer(tn)
	defer srv.Close()
	for _, c := range []*Client{{BaseURL: srv.URL}, {BaseURL: srv.URL, ClientID: "c", ClientSecret: "right"}} {
		if _, err := c.Raw(context.Background(), "GET", "/x", http.Header{"Authorization": {""}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := (&Client{BaseURL: srv.URL}).Do(context.Background(), "GET", "/x", nil, nil); err != nil {
		t.Fatal(err)
	}
	for i, a := range tn.auth {
		if a != "" {
			t.Errorf("request %d carried Authorization %q", i, a)
		}
	}
	if tn.tokens != 0 {
		t.Errorf("%d tokens fetched, want 0", tn.tokens)
	}
}
