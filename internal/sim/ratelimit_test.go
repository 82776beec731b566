package sim

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestISCRateLimitIs100Per10SecondsPerClientAndAPI(t *testing.T) {
	t.Parallel()
	want := RateLimit{Limit: 100, Window: 10 * time.Second, Key: RateLimitPerClientAPI}
	if got := ISCRateLimit(); got != want {
		t.Fatalf("ISCRateLimit() = %+v, want %+v", got, want)
	}
	if err := ISCRateLimit().Validate(); err != nil {
		t.Fatalf("ISC's own limit does not validate: %v", err)
	}
}

func TestRateLimitValidate(t *testing.T) {
	t.Parallel()
	good := []struct {
		name string
		rl   RateLimit
	}{
		{"ISC's limit", ISCRateLimit()},
		{"no limit", RateLimit{}},
		{"no limit needs no window", RateLimit{Limit: 0, Window: 0, Key: RateLimitGlobal}},
		{"an empty key means client+api", RateLimit{Limit: 5, Window: time.Second}},
		{"per client", RateLimit{Limit: 5, Window: time.Second, Key: RateLimitPerClient}},
		{"global", RateLimit{Limit: 5, Window: time.Second, Key: RateLimitGlobal}},
		{"a one-nanosecond window", RateLimit{Limit: 1, Window: time.Nanosecond}},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.rl.Validate(); err != nil {
				t.Fatalf("Validate(%+v) = %v, want nil", tt.rl, err)
			}
		})
	}
	bad := []struct {
		name string
		rl   RateLimit
		want string
	}{
		{"a negative limit", RateLimit{Limit: -1, Window: 10 * time.Second}, "limit -1 is negative"},
		{"a limit with no window", RateLimit{Limit: 100}, "window 0s is not positive"},
		{"a limit with a negative window", RateLimit{Limit: 100, Window: -10 * time.Second}, "window -10s is not positive"},
		{"an unknown key", RateLimit{Limit: 100, Window: 10 * time.Second, Key: "tenant"}, `key "tenant" is not client+api, client or global`},
		{"an unknown key with no limit", RateLimit{Key: "Client"}, `key "Client"`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantErr(t, tt.rl.Validate(), "rate limit: ", tt.want)
		})
	}
}

func TestRateLimitJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		rl   RateLimit
		want string
	}{
		{"ISC's limit", ISCRateLimit(), `{"limit":100,"window":"10s","key":"client+api"}`},
		{"an empty key is left out", RateLimit{Limit: 5, Window: 1500 * time.Millisecond}, `{"limit":5,"window":"1.5s"}`},
		{"no limit", RateLimit{}, `{"limit":0,"window":"0s"}`},
		{"global", RateLimit{Limit: 1000, Window: time.Minute, Key: RateLimitGlobal}, `{"limit":1000,"window":"1m0s","key":"global"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tt.rl)
			if err != nil || string(b) != tt.want {
				t.Fatalf("Marshal = %s, %v; want %s", b, err, tt.want)
			}
			var back RateLimit
			if err := json.Unmarshal(b, &back); err != nil || back != tt.rl {
				t.Fatalf("round trip gave %+v, %v; want %+v", back, err, tt.rl)
			}
		})
	}
}

func TestRateLimitJSONReadsWindowAsStringOrNanoseconds(t *testing.T) {
	t.Parallel()
	want := ISCRateLimit()
	for _, in := range []string{
		`{"limit":100,"window":"10s","key":"client+api"}`,
		`{"limit":100,"window":10000000000,"key":"client+api"}`,
		`{"key":"client+api","window":"10000ms","limit":100}`,
	} {
		var got RateLimit
		if err := json.Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", in, got, err, want)
		}
	}
}

func TestRateLimitJSONErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, names string }{
		{`{"limit":100,"window":"ten seconds"}`, `"ten seconds"`},
		{`{"limit":100,"window":true}`, "true"},
		{`{"limit":"100","window":"10s"}`, "string"},
		{`[100,"10s"]`, "array"},
	}
	for _, tt := range tests {
		var rl RateLimit
		wantErr(t, json.Unmarshal([]byte(tt.in), &rl), tt.names)
	}
}

// limitStep is n calls of one client to one API version, the first at
// t0+at and each next one every later, all accepted or all refused.
type limitStep struct {
	at, every   time.Duration
	n           int
	client, api string
	ok          bool
	wait        time.Duration // a refused call's wait
	retryAfter  string        // a refused call's Retry-After
}

func accept(n int, at, every time.Duration, client, api string) limitStep {
	return limitStep{at: at, every: every, n: n, client: client, api: api, ok: true}
}

func refuse(n int, at time.Duration, client, api string, wait time.Duration, retryAfter string) limitStep {
	return limitStep{at: at, n: n, client: client, api: api, wait: wait, retryAfter: retryAfter}
}

func TestLimiterFollowsISCRules(t *testing.T) {
	t.Parallel()
	const ms = time.Millisecond
	const s = time.Second
	isc := ISCRateLimit()
	tests := []struct {
		name  string
		rl    RateLimit
		steps []limitStep
	}{
		{"requests 1 to 100 within 10 s are accepted", isc, []limitStep{
			accept(100, 0, 99*ms, "c1", "v3"),
		}},
		{"request 101 within 10 s is refused", isc, []limitStep{
			accept(100, 0, 90*ms, "c1", "v3"),
			refuse(1, 9999*ms, "c1", "v3", 1*ms, "1"),
		}},
		{"request 101 at the same instant is refused with Retry-After 10", isc, []limitStep{
			accept(100, 0, 0, "c1", "v3"),
			refuse(1, 0, "c1", "v3", 10*s, "10"),
		}},
		{"Retry-After is the whole seconds until the oldest request leaves the window, rounded up", isc, []limitStep{
			accept(1, 0, 0, "c1", "v3"),
			accept(99, 1*s, 0, "c1", "v3"),
			refuse(1, 2500*ms, "c1", "v3", 7500*ms, "8"),
			refuse(1, 9001*ms, "c1", "v3", 999*ms, "1"),
		}},
		{"the oldest request leaves the window exactly Window after it was made", isc, []limitStep{
			accept(1, 0, 0, "c1", "v3"),
			accept(99, 5*s, 0, "c1", "v3"),
			refuse(1, 10*s-1, "c1", "v3", 1, "1"),
			accept(1, 10*s, 0, "c1", "v3"),
			refuse(1, 10*s, "c1", "v3", 5*s, "5"),
		}},
		{"a refused request is not counted", isc, []limitStep{
			accept(100, 0, 0, "c1", "v3"),
			refuse(50, 1*s, "c1", "v3", 9*s, "9"),
			accept(100, 10*s, 0, "c1", "v3"),
			refuse(1, 10*s, "c1", "v3", 10*s, "10"),
		}},
		{"the window slides: each request that leaves frees one place", isc, []limitStep{
			accept(100, 0, 100*ms, "c1", "v3"),
			accept(1, 10*s, 0, "c1", "v3"),
			refuse(1, 10*s, "c1", "v3", 100*ms, "1"),
			accept(1, 10100*ms, 0, "c1", "v3"),
			refuse(1, 10100*ms, "c1", "v3", 100*ms, "1"),
		}},
		{"an idle client gets its whole budget back", isc, []limitStep{
			accept(100, 0, 0, "c1", "v3"),
			accept(100, time.Hour, 0, "c1", "v3"),
			refuse(1, time.Hour, "c1", "v3", 10*s, "10"),
		}},
		{"windows are per client and API version: v3 and v2025 budgets are separate", isc, []limitStep{
			accept(100, 0, 0, "c1", "v3"),
			accept(100, 0, 0, "c1", "v2025"),
			refuse(1, 0, "c1", "v3", 10*s, "10"),
			refuse(1, 0, "c1", "v2025", 10*s, "10"),
			accept(100, 0, 0, "c1", "beta"),
		}},
		{"windows are per client: one client's burst does not refuse another", isc, []limitStep{
			accept(100, 0, 0, "c1", "v3"),
			refuse(1, 0, "c1", "v3", 10*s, "10"),
			accept(100, 0, 0, "c2", "v3"),
		}},
		{"a client and a version that run together still keep separate windows", RateLimit{Limit: 1, Window: s}, []limitStep{
			accept(1, 0, 0, "c1", "v3"),
			accept(1, 0, 0, "c1v", "3"),
			accept(1, 0, 0, "c1v3", ""),
			refuse(1, 0, "c1", "v3", s, "1"),
		}},
		{"an empty key means per client and API version", RateLimit{Limit: 2, Window: s}, []limitStep{
			accept(2, 0, 0, "c1", "v3"),
			refuse(1, 0, "c1", "v3", s, "1"),
			accept(2, 0, 0, "c1", "beta"),
			accept(2, 0, 0, "c2", "v3"),
		}},
		{"RateLimitPerClient shares one window across versions", RateLimit{Limit: 100, Window: 10 * s, Key: RateLimitPerClient}, []limitStep{
			accept(50, 0, 0, "c1", "v3"),
			accept(50, 2*s, 0, "c1", "v2025"),
			refuse(1, 3*s, "c1", "beta", 7*s, "7"),
			accept(100, 3*s, 0, "c2", "v3"),
		}},
		{"RateLimitGlobal shares one window across clients", RateLimit{Limit: 100, Window: 10 * s, Key: RateLimitGlobal}, []limitStep{
			accept(40, 0, 0, "c1", "v3"),
			accept(60, 0, 0, "c2", "beta"),
			refuse(1, 4*s, "c3", "v2025", 6*s, "6"),
			accept(100, 10*s, 0, "c3", "v2025"),
		}},
		{"Limit 0 never refuses", RateLimit{}, []limitStep{
			accept(10_000, 0, 0, "c1", "v3"),
		}},
		{"Limit 0 never refuses, whatever the window", RateLimit{Limit: 0, Window: 10 * s, Key: RateLimitGlobal}, []limitStep{
			accept(10_000, 0, 0, "c1", "v3"),
		}},
		{"a limit of 1 per second", RateLimit{Limit: 1, Window: s}, []limitStep{
			accept(1, 0, 0, "c1", "v3"),
			refuse(1, 999*ms, "c1", "v3", 1*ms, "1"),
			accept(3, s, s, "c1", "v3"),
			refuse(1, 3*s+500*ms, "c1", "v3", 500*ms, "1"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lim := NewLimiter(tt.rl)
			for si, st := range tt.steps {
				for i := range st.n {
					now := t0.Add(st.at + time.Duration(i)*st.every)
					ok, wait := lim.Allow(st.client, st.api, now)
					where := fmt.Sprintf("step %d, call %d of %s to %s at +%v", si+1, i+1, st.client, st.api, now.Sub(t0))
					if ok != st.ok {
						t.Fatalf("%s: ok = %v, want %v (wait %v)", where, ok, st.ok, wait)
					}
					if st.ok {
						if wait != 0 {
							t.Fatalf("%s: accepted with wait %v, want 0", where, wait)
						}
						continue
					}
					if wait != st.wait {
						t.Fatalf("%s: wait = %v, want %v", where, wait, st.wait)
					}
					if got := RetryAfter(wait); got != st.retryAfter {
						t.Fatalf("%s: Retry-After = %s, want %s", where, got, st.retryAfter)
					}
				}
			}
		})
	}
}

func TestLimiterSetForgetsEveryWindow(t *testing.T) {
	t.Parallel()
	lim := NewLimiter(ISCRateLimit())
	for _, client := range []string{"c1", "c2"} {
		for range 100 {
			lim.Allow(client, "v3", t0)
		}
		if ok, _ := lim.Allow(client, "v3", t0); ok {
			t.Fatalf("%s: request 101 accepted", client)
		}
	}
	lim.Set(ISCRateLimit())
	for _, client := range []string{"c1", "c2"} {
		if ok, wait := lim.Allow(client, "v3", t0); !ok {
			t.Fatalf("%s: refused (wait %v) right after Set", client, wait)
		}
	}
}

func TestLimiterSetChangesTheLimit(t *testing.T) {
	t.Parallel()
	lim := NewLimiter(ISCRateLimit())
	lim.Set(RateLimit{Limit: 1, Window: time.Minute, Key: RateLimitGlobal})
	if got, want := lim.Limit(), (RateLimit{Limit: 1, Window: time.Minute, Key: RateLimitGlobal}); got != want {
		t.Fatalf("Limit() = %+v, want %+v", got, want)
	}
	if ok, _ := lim.Allow("c1", "v3", t0); !ok {
		t.Fatal("first request refused")
	}
	ok, wait := lim.Allow("c2", "beta", t0.Add(time.Second))
	if ok || wait != 59*time.Second {
		t.Fatalf("second request (another client, same global window) = %v, %v; want refused, 59s", ok, wait)
	}
	lim.Set(RateLimit{})
	for range 1000 {
		if ok, _ := lim.Allow("c1", "v3", t0); !ok {
			t.Fatal("refused after Set(RateLimit{}) turned the limit off")
		}
	}
}

func TestLimiterLimitReportsAnEmptyKeyAsClientAPI(t *testing.T) {
	t.Parallel()
	lim := NewLimiter(RateLimit{Limit: 5, Window: time.Second})
	if got := lim.Limit().Key; got != RateLimitPerClientAPI {
		t.Fatalf("Limit().Key = %q, want %q", got, RateLimitPerClientAPI)
	}
}

func TestLimiterIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	lim := NewLimiter(ISCRateLimit())
	var accepted atomic.Int64
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if ok, _ := lim.Allow("c1", "v3", t0); ok {
					accepted.Add(1)
				}
				_ = lim.Limit()
			}
		}()
	}
	wg.Wait()
	if got := accepted.Load(); got != 100 {
		t.Fatalf("200 concurrent requests: %d accepted, want exactly 100", got)
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		wait time.Duration
		want string
	}{
		{0, "1"},
		{-time.Second, "1"},
		{1, "1"},
		{999 * time.Millisecond, "1"},
		{time.Second, "1"},
		{time.Second + 1, "2"},
		{1500 * time.Millisecond, "2"},
		{9500 * time.Millisecond, "10"},
		{10 * time.Second, "10"},
		{10*time.Second + 1, "11"},
		{time.Hour, "3600"},
	}
	for _, tt := range tests {
		t.Run(tt.wait.String(), func(t *testing.T) {
			t.Parallel()
			if got := RetryAfter(tt.wait); got != tt.want {
				t.Fatalf("RetryAfter(%v) = %q, want %q", tt.wait, got, tt.want)
			}
		})
	}
}
