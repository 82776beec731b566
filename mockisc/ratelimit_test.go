package mockisc

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestRateLimitISC pins ISC's limit: request 101 in a 10 s window gets 429
// with ISC's body and Retry-After; advancing the clock by Retry-After
// makes the next request succeed.
func TestRateLimitISC(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, with(mode, WithRateLimit(ISCRateLimit()))...)
		k := iscClient(s.Client(), s.URL)
		got := statuses(t, k, 100, "/v3/accounts")
		if d := cmp.Diff(repeat(200, 100), got); d != "" {
			t.Fatalf("first 100 requests (-want +got):\n%s", d)
		}
		r := k.do(t, "GET", "/v3/accounts", "")
		if r.status != 429 {
			t.Fatalf("request 101: status %d, want 429", r.status)
		}
		if string(r.body) != `{"message":" Rate Limit Exceeded "}` {
			t.Errorf("429 body = %s", r.body)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/json;charset=UTF-8" {
			t.Errorf("429 Content-Type = %q", ct)
		}
		if ra := r.header.Get("Retry-After"); ra != "10" {
			t.Fatalf("Retry-After = %q, want 10", ra)
		}
		s.Clock().Advance(10 * time.Second)
		if r := k.do(t, "GET", "/v3/accounts", ""); r.status != 200 {
			t.Fatalf("after advancing Retry-After: status %d, want 200", r.status)
		}
	})
}

// TestRateLimitRetryAfterIsExact checks Retry-After is the wait until the
// next request would be accepted, rounded up to whole seconds, and that
// waiting exactly that long is enough while a second less is not.
func TestRateLimitRetryAfterIsExact(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithRateLimit(RateLimit{Limit: 2, Window: Duration(10 * time.Second)}))
	k := iscClient(s.Client(), s.URL)
	type step struct {
		advance    time.Duration
		status     int
		retryAfter string
	}
	steps := []step{
		{0, 200, ""},                       // t=0
		{3500 * time.Millisecond, 200, ""}, // t=3.5
		{500 * time.Millisecond, 429, "6"}, // t=4: oldest at 0 leaves at 10
		{5 * time.Second, 429, "1"},        // t=9: still 1 s to go
		{time.Second, 200, ""},             // t=10: the request at 0 left
		{0, 429, "4"},                      // t=10: the one at 3.5 leaves at 13.5
		{3500 * time.Millisecond, 200, ""}, // t=13.5
		{100 * time.Millisecond, 429, "7"}, // t=13.6: 10 leaves at 20
	}
	for i, st := range steps {
		s.Clock().Advance(st.advance)
		r := k.do(t, "GET", "/v3/accounts", "")
		if r.status != st.status || r.header.Get("Retry-After") != st.retryAfter {
			t.Fatalf("step %d: status %d Retry-After %q, want %d %q",
				i, r.status, r.header.Get("Retry-After"), st.status, st.retryAfter)
		}
	}
}

// TestRateLimitKeys checks what a window is kept for.
func TestRateLimitKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key RateLimitKey
		// statuses of: client a on v3, a on v3, a on v2025, b on v3
		want []int
	}{
		{KeyClientAPI, []int{200, 429, 404, 200}},
		{"", []int{200, 429, 404, 200}},
		{KeyClient, []int{200, 429, 429, 200}},
		{KeyGlobal, []int{200, 429, 429, 429}},
	}
	for _, tt := range tests {
		t.Run(string(tt.key), func(t *testing.T) {
			t.Parallel()
			s := New(t, WithoutListener(), WithRateLimit(RateLimit{Limit: 1, Window: Duration(time.Minute), Key: tt.key}))
			a, b := iscClient(s.ClientAs("a", ""), s.URL), iscClient(s.ClientAs("b", ""), s.URL)
			got := []int{
				a.do(t, "GET", "/v3/accounts", "").status,
				a.do(t, "GET", "/v3/accounts", "").status,
				// An unknown task is 404 once past the limiter.
				a.do(t, "GET", "/v2025/task-status/x", "").status,
				b.do(t, "GET", "/v3/accounts", "").status,
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("statuses (-want +got):\n%s", d)
			}
		})
	}
}

// TestRateLimitCountsOnlyAccepted checks that refused requests (429, 401)
// do not use up the window, and that it is off by default.
func TestRateLimitCountsOnlyAccepted(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithRateLimit(RateLimit{Limit: 2, Window: Duration(time.Second)}))
	k := iscClient(s.Client(), s.URL)
	got := statuses(t, k, 5, "/v3/accounts")
	if d := cmp.Diff([]int{200, 200, 429, 429, 429}, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	anonymous := iscClient(noTokenClient(s), s.URL)
	s.Clock().Advance(time.Second)
	if got := statuses(t, anonymous, 3, "/v3/accounts"); !slices.Equal(got, repeat(401, 3)) {
		t.Fatalf("without a token: %v, want 401s", got)
	}
	if got := statuses(t, k, 3, "/v3/accounts"); !slices.Equal(got, []int{200, 200, 429}) {
		t.Fatalf("after the window: %v, want [200 200 429]", got)
	}

	off := New(t, WithoutListener())
	if got := statuses(t, iscClient(off.Client(), off.URL), 150, "/v3/accounts"); !slices.Equal(got, repeat(200, 150)) {
		t.Fatalf("default server limited requests: %v", got)
	}
}

func TestRateLimitValidation(t *testing.T) {
	t.Parallel()
	bad := []RateLimit{
		{Limit: -1, Window: Duration(time.Second)},
		{Limit: 1},
		{Limit: 1, Window: Duration(time.Second), Key: "token"},
	}
	s := New(t, WithoutListener())
	for _, rl := range bad {
		if err := s.SetRateLimit(rl); err == nil {
			t.Errorf("SetRateLimit(%+v) = nil, want an error", rl)
		}
		if _, err := NewServer(WithoutListener(), WithRateLimit(rl)); err == nil {
			t.Errorf("WithRateLimit(%+v) accepted", rl)
		}
	}
	if err := s.SetRateLimit(ISCRateLimit()); err != nil {
		t.Fatal(err)
	}
	if got := s.RateLimit(); got != ISCRateLimit() {
		t.Errorf("RateLimit() = %+v, want %+v", got, ISCRateLimit())
	}
}
