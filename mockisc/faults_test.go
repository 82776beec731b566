package mockisc

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestFaultSchedules pins which of ten matching calls each schedule fails.
func TestFaultSchedules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault Fault
		fails []int // 1-based numbers of the calls that get 500
	}{
		{"nth", Fault{Nth: 3}, []int{3}},
		{"next two", Fault{Times: 2}, []int{1, 2}},
		{"after four", Fault{After: 4}, []int{5, 6, 7, 8, 9, 10}},
		{"every third", Fault{Every: 3}, []int{3, 6, 9}},
		{"after two, twice", Fault{After: 2, Times: 2}, []int{3, 4}},
		{"every second, after four, twice", Fault{Every: 2, After: 4, Times: 2}, []int{6, 8}},
		{"unconditional", Fault{}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New(t, WithoutListener())
			f := tt.fault
			f.Method, f.Path, f.Status = "GET", "/v3/accounts", 500
			added, err := s.AddFault(f)
			if err != nil {
				t.Fatal(err)
			}
			var fails []int
			for i, st := range statuses(t, rawClient(s.Client(), s.URL), 10, "/v3/accounts") {
				if st == 500 {
					fails = append(fails, i+1)
				} else if st != 200 {
					t.Fatalf("call %d: status %d", i+1, st)
				}
			}
			if d := cmp.Diff(tt.fails, fails); d != "" {
				t.Errorf("failed calls (-want +got):\n%s", d)
			}
			got := s.Faults()
			if len(got) != 1 || got[0].ID != added.ID || got[0].Seen != 10 || got[0].Fired != len(tt.fails) {
				t.Errorf("Faults() = %+v, want seen 10 fired %d", got, len(tt.fails))
			}
		})
	}
}

// TestFaultProbabilityIsSeeded checks that a probability rule fires on
// the same calls for the same seed, on a plausible share of them, and
// that its draws do not shift the ids the server generates.
func TestFaultProbabilityIsSeeded(t *testing.T) {
	t.Parallel()
	run := func(seed uint64, p float64) ([]bool, string) {
		s := New(t, WithoutListener(), WithSeed(seed))
		if p > 0 {
			// A header-only action: the answer is otherwise normal, so no
			// error tracking id is drawn and only the rule's draws differ.
			if _, err := s.AddFault(Fault{Path: "/v3/accounts", Probability: p, Headers: map[string]string{"X-Fault": "1"}}); err != nil {
				t.Fatal(err)
			}
		}
		fired := make([]bool, 200)
		k := rawClient(s.Client(), s.URL)
		for i := range fired {
			fired[i] = k.do(t, "GET", "/v3/accounts", "").header.Get("X-Fault") == "1"
		}
		src, err := s.AddSource(Source{Name: "after"})
		if err != nil {
			t.Fatal(err)
		}
		return fired, src.ID
	}
	a, idA := run(7, 0.3)
	b, _ := run(7, 0.3)
	if !slices.Equal(a, b) {
		t.Fatal("the same seed gave different fault sequences")
	}
	_, plain := run(7, 0)
	if idA != plain {
		t.Errorf("probability draws shifted generated ids: %s, without the rule %s", idA, plain)
	}
	n := 0
	for _, f := range a {
		if f {
			n++
		}
	}
	if n < 30 || n > 90 {
		t.Errorf("fired on %d of 200 calls at p=0.3", n)
	}
}

// TestFaultMatching checks method, path pattern, exact path, glob and
// client matching.
func TestFaultMatching(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault Fault
		// whether it fires for: GET list as a, GET one as a, POST reload as a, GET list as b
		want []bool
	}{
		{"method", Fault{Method: "post"}, []bool{false, false, true, false}},
		{"route pattern", Fault{Path: "/v3/accounts/{id}"}, []bool{false, true, false, false}},
		{"exact path", Fault{Path: "/v3/accounts"}, []bool{true, false, false, true}},
		{"glob", Fault{Path: "/v3/accounts/*/reload"}, []bool{false, false, true, false}},
		{"client", Fault{ClientID: "b"}, []bool{false, false, false, true}},
		{"any", Fault{}, []bool{true, true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New(t, WithoutListener())
			fx := seed(t, s)
			f := tt.fault
			f.Status = http.StatusTeapot
			if _, err := s.AddFault(f); err != nil {
				t.Fatal(err)
			}
			a, b := iscClient(s.ClientAs("a", ""), s.URL), iscClient(s.ClientAs("b", ""), s.URL)
			id := fx.hrAlice.ID
			got := []bool{
				a.do(t, "GET", "/v3/accounts", "").status == http.StatusTeapot,
				a.do(t, "GET", "/v3/accounts/"+id, "").status == http.StatusTeapot,
				a.do(t, "POST", "/v3/accounts/"+id+"/reload", "").status == http.StatusTeapot,
				b.do(t, "GET", "/v3/accounts", "").status == http.StatusTeapot,
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("fired (-want +got):\n%s", d)
			}
		})
	}
}

// TestFaultActions checks what a firing rule does.
func TestFaultActions(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, mode...)
		fx := seed(t, s)
		k := rawClient(s.Client(), s.URL)
		id := fx.hrAlice.ID

		mustFault(t)(s.FailNext(1, "GET", "/v3/accounts/{id}", 500))
		r := k.do(t, "GET", "/v3/accounts/"+id, "")
		if r.status != 500 || !strings.Contains(string(r.body), `"detailCode":"500.0 Internal Fault"`) {
			t.Errorf("status fault: %d %s", r.status, r.body)
		}

		mustFault(t)(s.AddFault(Fault{Times: 1, Status: 503, Body: []byte(`{"custom":true}`), Headers: map[string]string{"Retry-After": "3"}}))
		r = k.do(t, "GET", "/v3/accounts", "")
		if r.status != 503 || string(r.body) != `{"custom":true}` || r.header.Get("Retry-After") != "3" {
			t.Errorf("body fault: %d %q %v", r.status, r.body, r.header)
		}

		mustFault(t)(s.AddFault(Fault{Times: 1, Status: 429}))
		r = k.do(t, "GET", "/v3/accounts", "")
		if r.status != 429 || string(r.body) != `{"message":" Rate Limit Exceeded "}` || r.header.Get("Retry-After") == "" {
			t.Errorf("429 fault: %d %q %v", r.status, r.body, r.header)
		}

		// A dropped connection: no response, and the call is not handled.
		mustFault(t)(s.AddFault(Fault{Times: 1, Method: "POST", Drop: true}))
		r = k.do(t, "POST", "/v3/accounts/"+id+"/disable", "{}")
		if r.err == nil {
			t.Errorf("drop fault answered %d %s", r.status, r.body)
		}
		if a, _ := s.Account(id); a.Disabled {
			t.Error("a dropped call changed the tenant")
		}
		if e, _ := s.Journal().Last(); e.Status != 0 {
			t.Errorf("journal status of a dropped call = %d, want 0", e.Status)
		}

		// A truncated body: the call is handled, the client cannot read it.
		mustFault(t)(s.AddFault(Fault{Times: 1, Method: "POST", Truncate: true}))
		r = k.do(t, "POST", "/v3/accounts/"+id+"/disable", "{}")
		if r.err == nil {
			t.Errorf("truncate fault: body read without error: %q", r.body)
		}
		if a, _ := s.Account(id); !a.Disabled {
			t.Error("a truncated call was not handled")
		}
	})
}

// TestFaultTaskError checks that a taskError rule lets the call through
// with 202 and fails its task with no change to the tenant.
func TestFaultTaskError(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	s, id := e.s, e.fx.hrAlice.ID
	if _, err := s.AddFault(Fault{Method: "POST", Path: "/v3/accounts/{id}/disable", Times: 1, TaskError: "connector timed out"}); err != nil {
		t.Fatal(err)
	}
	taskID(t, e.do(t, "POST", "/v3/accounts/"+id+"/disable", "{}"))
	task := s.Tasks()[len(s.Tasks())-1]
	if task.Status != TaskError || task.Message != "connector timed out" {
		t.Errorf("task = %+v, want ERROR with the fault's message", task)
	}
	if a, _ := s.Account(id); a.Disabled {
		t.Error("a failed task changed the tenant")
	}
	st := e.do(t, "GET", "/v2025/task-status/"+task.ID, "").want(t, 200)
	for _, want := range []string{`"completionStatus":"ERROR"`, `"message":"connector timed out"`, `"type":"ERROR"`} {
		if !strings.Contains(string(st.body), want) {
			t.Errorf("task status lacks %s: %s", want, st.body)
		}
	}
	// The next call is not affected.
	taskID(t, e.do(t, "POST", "/v3/accounts/"+id+"/disable", "{}"))
	if a, _ := s.Account(id); !a.Disabled {
		t.Error("the call after the fault did not disable the account")
	}
}

// TestFaultExpiry checks that a rule stops matching when the server clock
// reaches its expiry.
func TestFaultExpiry(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	f, err := s.AddFault(Fault{Status: 500, ExpiresAfter: Duration(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if !f.ExpiresAt.Equal(DefaultStartTime().Add(time.Minute)) {
		t.Errorf("ExpiresAt = %v", f.ExpiresAt)
	}
	k := rawClient(s.Client(), s.URL)
	s.Clock().Advance(59 * time.Second)
	if st := k.do(t, "GET", "/v3/accounts", "").status; st != 500 {
		t.Errorf("before expiry: %d", st)
	}
	s.Clock().Advance(time.Second)
	if st := k.do(t, "GET", "/v3/accounts", "").status; st != 200 {
		t.Errorf("at expiry: %d", st)
	}
}

// TestFaultOrder checks that the first firing rule acts and later
// matching rules only count the call.
func TestFaultOrder(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	first, _ := s.AddFault(Fault{Nth: 2, Status: 500})
	second, _ := s.AddFault(Fault{Times: 2, Status: 503})
	got := statuses(t, rawClient(s.Client(), s.URL), 4, "/v3/accounts")
	// Call 1: first does not fire (not the 2nd), second fires.
	// Call 2: first fires; second only counts. Call 3: second fires.
	if d := cmp.Diff([]int{503, 500, 503, 200}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	fs := s.Faults()
	if fs[0].ID != first.ID || fs[0].Fired != 1 || fs[0].Seen != 4 || fs[1].ID != second.ID || fs[1].Fired != 2 || fs[1].Seen != 4 {
		t.Errorf("counters: %+v", fs)
	}
	if !s.RemoveFault(first.ID) || s.RemoveFault(first.ID) {
		t.Error("RemoveFault did not remove exactly once")
	}
	s.ClearFaults()
	if len(s.Faults()) != 0 {
		t.Error("ClearFaults left rules")
	}
}

func TestFaultValidation(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	bad := []Fault{
		{},
		{Status: 500, Drop: true},
		{Status: 42},
		{Status: 500, Nth: -1},
		{Status: 500, Probability: 1.5},
		{Status: 500, Body: []byte("{")},
		{Status: 500, Path: "/v3/[accounts"},
		{Latency: Duration(-time.Second)},
	}
	for _, f := range bad {
		if _, err := s.AddFault(f); err == nil {
			t.Errorf("AddFault(%+v) accepted", f)
		}
	}
}

// TestLatency checks that latency delays a request and that the wait ends
// with the request's context.
func TestLatency(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, with(mode, WithLatency(Latency{Min: Duration(time.Hour)}))...)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		k := rawClient(s.Client(), s.URL)
		req, err := k.request("GET", "/v3/accounts", "")
		if err != nil {
			t.Fatal(err)
		}
		if r := k.send(t, req.WithContext(ctx)); !errors.Is(r.err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want the context deadline", r.err)
		}
		if err := s.SetLatency(Latency{}); err != nil {
			t.Fatal(err)
		}
		iscClient(s.Client(), s.URL).do(t, "GET", "/v3/accounts", "").want(t, 200)
	})
}

// TestLatencyDraws checks that random latency is drawn from the seeded
// generator within bounds, the same for the same seed.
func TestLatencyDraws(t *testing.T) {
	t.Parallel()
	draws := func() []time.Duration {
		s := New(t, WithoutListener(), WithSeed(3), WithLatency(Latency{Min: 10 * time.Millisecond, Max: 20 * time.Millisecond}))
		out := make([]time.Duration, 50)
		for i := range out {
			out[i] = s.delay.Draw()
			if out[i] < 10*time.Millisecond || out[i] > 20*time.Millisecond {
				t.Fatalf("draw %v out of bounds", out[i])
			}
		}
		return out
	}
	if a, b := draws(), draws(); !slices.Equal(a, b) {
		t.Error("the same seed drew different latencies")
	}
	for _, l := range []Latency{{Min: -1}, {Min: time.Second, Max: time.Millisecond}} {
		if _, err := NewServer(WithoutListener(), WithLatency(l)); err == nil {
			t.Errorf("WithLatency(%+v) accepted", l)
		}
	}
}

// mustFault fails the test if adding a fault rule failed.
func mustFault(t *testing.T) func(Fault, error) {
	return func(_ Fault, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}
