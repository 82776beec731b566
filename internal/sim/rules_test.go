package sim

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var anyCall = Request{Method: "GET", Path: "/v3/accounts/2c9", Route: "/v3/accounts/{id}", ClientID: "c1"}

func mustAdd(t *testing.T, rs *Rules, f Fault, now time.Time) Fault {
	t.Helper()
	got, err := rs.Add(f, now)
	if err != nil {
		t.Fatalf("Add(%+v): %v", f, err)
	}
	return got
}

func ruleIDs(rs *Rules) []string {
	var out []string
	for _, f := range rs.List() {
		out = append(out, f.ID)
	}
	return out
}

func TestRulesAdd(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	first := mustAdd(t, rs, Fault{Method: "get", Status: 500, Seen: 9, Fired: 4, ID: "mine"}, t0)
	second := mustAdd(t, rs, Fault{Method: "Post", Drop: true, ExpiresAfter: 30 * time.Second}, t0.Add(time.Minute))
	explicit := t0.Add(time.Hour)
	third := mustAdd(t, rs, Fault{Truncate: true, ExpiresAt: explicit}, t0)

	if first.ID != "fault-1" || second.ID != "fault-2" || third.ID != "fault-3" {
		t.Errorf("ids = %s, %s, %s; want fault-1, fault-2, fault-3", first.ID, second.ID, third.ID)
	}
	if first.Method != "GET" || second.Method != "POST" || third.Method != "" {
		t.Errorf("methods = %q, %q, %q; want GET, POST and \"\"", first.Method, second.Method, third.Method)
	}
	if first.Seen != 0 || first.Fired != 0 {
		t.Errorf("added rule has seen %d, fired %d; want 0, 0", first.Seen, first.Fired)
	}
	if want := t0.Add(time.Minute + 30*time.Second); second.ExpiresAt != want {
		t.Errorf("ExpiresAfter 30s added at +1m: ExpiresAt = %v, want %v", second.ExpiresAt, want)
	}
	if second.ExpiresAfter != 30*time.Second {
		t.Errorf("Add dropped ExpiresAfter: %v", second.ExpiresAfter)
	}
	if !first.ExpiresAt.IsZero() {
		t.Errorf("a rule without ExpiresAfter got ExpiresAt %v", first.ExpiresAt)
	}
	if third.ExpiresAt != explicit {
		t.Errorf("an explicit ExpiresAt became %v, want %v", third.ExpiresAt, explicit)
	}
	list := rs.List()
	if !reflect.DeepEqual(list, []Fault{first, second, third}) {
		t.Errorf("List() =\n%+v\nwant the added rules in order\n%+v", list, []Fault{first, second, third})
	}
}

func TestRulesAddRefusesAnInvalidRule(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	if _, err := rs.Add(Fault{Status: 700}, t0); err == nil || !strings.Contains(err.Error(), "status 700") {
		t.Fatalf("Add of status 700 = %v, want an error naming 700", err)
	}
	if n := len(rs.List()); n != 0 {
		t.Fatalf("an invalid rule was added: %d rules", n)
	}
	if f := mustAdd(t, rs, Fault{Status: 500}, t0); f.ID != "fault-1" {
		t.Fatalf("after a refused rule the next id is %s, want fault-1", f.ID)
	}
}

func TestRulesAddCopiesTheBody(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	body := []byte(`{"a":1}`)
	mustAdd(t, rs, Fault{Status: 500, Body: body}, t0)
	body[5] = '2'
	if got := string(rs.List()[0].Body); got != `{"a":1}` {
		t.Fatalf("changing the caller's body changed the rule's: %s", got)
	}
}

func TestRulesRemoveAndClear(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	for range 3 {
		mustAdd(t, rs, Fault{Status: 500}, t0)
	}
	if !rs.Remove("fault-2") {
		t.Fatal("Remove(fault-2) = false for an existing rule")
	}
	if got := ruleIDs(rs); !slices.Equal(got, []string{"fault-1", "fault-3"}) {
		t.Fatalf("after Remove(fault-2), ids = %v", got)
	}
	if rs.Remove("fault-2") {
		t.Fatal("Remove(fault-2) = true for a removed rule")
	}
	if rs.Remove("fault-9") || rs.Remove("") {
		t.Fatal("Remove of an unknown id = true")
	}
	rs.Clear()
	if got := rs.List(); len(got) != 0 {
		t.Fatalf("after Clear, List() = %+v", got)
	}
	if f := mustAdd(t, rs, Fault{Status: 500}, t0); f.ID != "fault-4" {
		t.Fatalf("after Clear the next id is %s, want fault-4 (ids go on)", f.ID)
	}
	if rs.Fire(anyCall, t0) == nil {
		t.Fatal("a rule added after Clear does not fire")
	}
}

func TestRulesListReturnsCopies(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	mustAdd(t, rs, Fault{Status: 500}, t0)
	l := rs.List()
	l[0].Status, l[0].Seen = 404, 99
	if got := rs.List()[0]; got.Status != 500 || got.Seen != 0 {
		t.Fatalf("changing List's copy changed the rule: %+v", got)
	}
	if got := NewRules(NewRand(1)).List(); len(got) != 0 {
		t.Fatalf("a new list has rules: %+v", got)
	}
}

// firePattern fires n calls at one rule and writes 'x' for a call it
// fired on and '.' for one it did not.
func firePattern(t *testing.T, rs *Rules, n int) string {
	t.Helper()
	var b strings.Builder
	for range n {
		if rs.Fire(anyCall, t0) != nil {
			b.WriteByte('x')
		} else {
			b.WriteByte('.')
		}
	}
	return b.String()
}

func TestRulesFireConstraints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    Fault
		want string
	}{
		{"no constraint fires on every matching call", Fault{Status: 500}, "xxxxxx"},
		{"Nth 3 fires on the third matching call only", Fault{Status: 500, Nth: 3}, "..x....."},
		{"Nth 1 fires on the first matching call only", Fault{Status: 500, Nth: 1}, "x....."},
		{"Times 2 fires on the first two calls only", Fault{Status: 500, Times: 2}, "xx...."},
		{"After 2 skips the first two calls", Fault{Status: 500, After: 2}, "..xxxx"},
		{"Every 3 fires on every third call", Fault{Status: 500, Every: 3}, "..x..x..x."},
		{"Every 1 fires on every call", Fault{Status: 500, Every: 1}, "xxxx"},
		{"After and Every count calls from the first match", Fault{Status: 500, After: 2, Every: 2}, "...x.x.x"},
		{"Every with Times stops after Times firings", Fault{Status: 500, Every: 2, Times: 2}, ".x.x...."},
		{"After with Times fires Times calls after the skipped ones", Fault{Status: 500, After: 3, Times: 2}, "...xx..."},
		{"Nth within After never fires", Fault{Status: 500, Nth: 3, After: 3}, "........"},
		{"Nth past After fires", Fault{Status: 500, Nth: 4, After: 3}, "...x...."},
		{"Nth that is not a multiple of Every never fires", Fault{Status: 500, Nth: 3, Every: 2}, "........"},
		{"Probability 1 fires on every call", Fault{Status: 500, Probability: 1}, "xxxxxx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs := NewRules(NewRand(1))
			mustAdd(t, rs, tt.f, t0)
			got := firePattern(t, rs, len(tt.want))
			if got != tt.want {
				t.Fatalf("fired %s, want %s", got, tt.want)
			}
			f := rs.List()[0]
			if f.Seen != len(tt.want) || f.Fired != strings.Count(tt.want, "x") {
				t.Fatalf("seen %d, fired %d; want %d, %d", f.Seen, f.Fired, len(tt.want), strings.Count(tt.want, "x"))
			}
		})
	}
}

func TestRulesFireProbability(t *testing.T) {
	t.Parallel()
	pattern := func(seed uint64, f Fault) string {
		rs := NewRules(NewRand(seed))
		mustAdd(t, rs, f, t0)
		return firePattern(t, rs, 200)
	}
	half := Fault{Status: 500, Probability: 0.5}
	a, b := pattern(7, half), pattern(7, half)
	if a != b {
		t.Fatalf("seed 7 fired two different sequences:\n%s\n%s", a, b)
	}
	if c := pattern(8, half); c == a {
		t.Fatalf("seeds 7 and 8 fired the same sequence %s", a)
	}
	// Fixed by the seed, so not flaky.
	if n := strings.Count(a, "x"); n < 70 || n > 130 {
		t.Fatalf("probability 0.5 fired %d of 200 calls", n)
	}
	if n := strings.Count(pattern(7, Fault{Status: 500, Probability: 0.1}), "x"); n < 5 || n > 40 {
		t.Fatalf("probability 0.1 fired %d of 200 calls", n)
	}
	// The sequence is the seeded stream's: call i fires when draw i < p.
	r := NewRand(7)
	for i, c := range a {
		if fired := r.Float() < 0.5; fired != (c == 'x') {
			t.Fatalf("call %d fired = %v, but draw %d of seed 7 says %v", i+1, c == 'x', i+1, fired)
		}
	}
}

func TestRulesFireDrawsOnlyWhenTheOtherConstraintsHold(t *testing.T) {
	t.Parallel()
	r := NewRand(3)
	rs := NewRules(r)
	mustAdd(t, rs, Fault{Status: 500, Every: 4, Probability: 0.5}, t0)
	firePattern(t, rs, 20) // calls 4, 8, 12, 16, 20 each draw once
	ref := NewRand(3)
	for range 5 {
		ref.Float()
	}
	if got, want := r.Float(), ref.Float(); got != want {
		t.Fatalf("after 20 calls with Every 4 the stream is not 5 draws on: next draw %v, want %v", got, want)
	}
}

func TestRulesFireExpiry(t *testing.T) {
	t.Parallel()
	clock := NewClock(false, t0)
	rs := NewRules(NewRand(1))
	mustAdd(t, rs, Fault{Status: 500, ExpiresAfter: 10 * time.Second}, clock.Now())
	clock.Advance(10*time.Second - 1)
	if rs.Fire(anyCall, clock.Now()) == nil {
		t.Fatal("the rule did not fire 1ns before it expires")
	}
	clock.Advance(1)
	if f := rs.Fire(anyCall, clock.Now()); f != nil {
		t.Fatalf("the rule fired when it expired: %+v", f)
	}
	if f := rs.List()[0]; f.Seen != 1 || f.Fired != 1 {
		t.Fatalf("an expired rule counted the call: seen %d, fired %d", f.Seen, f.Fired)
	}
}

func TestRulesFireFirstMatchingRule(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	mustAdd(t, rs, Fault{Status: 500}, t0)
	mustAdd(t, rs, Fault{Status: 503}, t0)
	mustAdd(t, rs, Fault{Path: "/beta/*", Status: 404}, t0)

	hit := rs.Fire(anyCall, t0)
	if hit == nil || hit.ID != "fault-1" || hit.Status != 500 {
		t.Fatalf("Fire = %+v, want fault-1 (status 500)", hit)
	}
	if hit.Seen != 1 || hit.Fired != 1 {
		t.Fatalf("the fired copy has seen %d, fired %d; want 1, 1", hit.Seen, hit.Fired)
	}
	list := rs.List()
	if f := list[1]; f.Seen != 1 || f.Fired != 0 {
		t.Fatalf("a later matching rule has seen %d, fired %d; want 1, 0", f.Seen, f.Fired)
	}
	if f := list[2]; f.Seen != 0 || f.Fired != 0 {
		t.Fatalf("a rule that does not match has seen %d, fired %d; want 0, 0", f.Seen, f.Fired)
	}

	hit.Status, hit.Fired = 200, 50
	if f := rs.List()[0]; f.Status != 500 || f.Fired != 1 {
		t.Fatalf("changing Fire's copy changed the rule: %+v", f)
	}
}

func TestRulesFireARuleThatDoesNotFireLetsTheNextOneFire(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	mustAdd(t, rs, Fault{Status: 500, Nth: 2}, t0)
	mustAdd(t, rs, Fault{Status: 503}, t0)
	var got []string
	for range 3 {
		got = append(got, rs.Fire(anyCall, t0).ID)
	}
	if want := []string{"fault-2", "fault-1", "fault-2"}; !slices.Equal(got, want) {
		t.Fatalf("fired %v, want %v", got, want)
	}
	list := rs.List()
	if list[0].Seen != 3 || list[0].Fired != 1 || list[1].Seen != 3 || list[1].Fired != 2 {
		t.Fatalf("counters: %d/%d and %d/%d; want 3/1 and 3/2", list[0].Seen, list[0].Fired, list[1].Seen, list[1].Fired)
	}
}

func TestRulesFireFilters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    Fault
		req  Request
		want bool
	}{
		{"an exact path", Fault{Path: "/v3/accounts/2c9", Status: 500}, anyCall, true},
		{"an exact path of another account", Fault{Path: "/v3/accounts/2c8", Status: 500}, anyCall, false},
		{"the route pattern", Fault{Path: "/v3/accounts/{id}", Status: 500}, anyCall, true},
		{"another route pattern", Fault{Path: "/v3/identities/{id}", Status: 500}, anyCall, false},
		{"a glob", Fault{Path: "/v3/*/2c9", Status: 500}, anyCall, true},
		{"a glob of another version", Fault{Path: "/beta/*/*", Status: 500}, anyCall, false},
		{`the path ""`, Fault{Status: 500}, anyCall, true},
		{"a lower-case method is upper-cased by Add", Fault{Method: "get", Status: 500}, anyCall, true},
		{"another method", Fault{Method: "patch", Status: 500}, anyCall, false},
		{"the client", Fault{ClientID: "c1", Status: 500}, anyCall, true},
		{"another client", Fault{ClientID: "c2", Status: 500}, anyCall, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs := NewRules(NewRand(1))
			mustAdd(t, rs, tt.f, t0)
			if got := rs.Fire(tt.req, t0) != nil; got != tt.want {
				t.Fatalf("fired = %v, want %v", got, tt.want)
			}
			wantSeen := 0
			if tt.want {
				wantSeen = 1
			}
			if seen := rs.List()[0].Seen; seen != wantSeen {
				t.Fatalf("seen = %d, want %d", seen, wantSeen)
			}
		})
	}
}

func TestRulesFireTaskErrorOnlyOnTaskRoutes(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	mustAdd(t, rs, Fault{Path: "/v3/sources/{id}/load-accounts", TaskError: "connector timed out"}, t0)
	req := Request{Method: "POST", Path: "/v3/sources/2c9/load-accounts", Route: "/v3/sources/{id}/load-accounts"}
	if f := rs.Fire(req, t0); f != nil {
		t.Fatalf("a TaskError rule fired on a request with Tasks false: %+v", f)
	}
	if seen := rs.List()[0].Seen; seen != 0 {
		t.Fatalf("a TaskError rule counted a request with Tasks false: seen %d", seen)
	}
	req.Tasks = true
	f := rs.Fire(req, t0)
	if f == nil || f.TaskError != "connector timed out" || f.Seen != 1 {
		t.Fatalf("on a task route Fire = %+v, want the rule, seen 1", f)
	}
}

func TestRulesFireNothingMatches(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	if f := rs.Fire(anyCall, t0); f != nil {
		t.Fatalf("an empty list fired %+v", f)
	}
	mustAdd(t, rs, Fault{Method: "DELETE", Status: 500}, t0)
	if f := rs.Fire(anyCall, t0); f != nil {
		t.Fatalf("a rule for DELETE fired on GET: %+v", f)
	}
}

func TestRulesAreSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	mustAdd(t, rs, Fault{Status: 500, Times: 10}, t0)
	mustAdd(t, rs, Fault{Status: 503, Probability: 0.5}, t0)
	var first, second atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				switch f := rs.Fire(anyCall, t0); {
				case f == nil:
				case f.ID == "fault-1":
					first.Add(1)
				default:
					second.Add(1)
				}
				_ = rs.List()
			}
		}()
	}
	wg.Wait()
	list := rs.List()
	if first.Load() != 10 || list[0].Fired != 10 || list[0].Seen != 800 {
		t.Fatalf("Times 10 over 800 concurrent calls: fired %d (rule says %d, seen %d), want 10 of 800", first.Load(), list[0].Fired, list[0].Seen)
	}
	if list[1].Seen != 800 || int64(list[1].Fired) != second.Load() {
		t.Fatalf("second rule: seen %d, fired %d, returned %d; want seen 800 and fired = returned", list[1].Seen, list[1].Fired, second.Load())
	}
}

// TestRulesShareNoMemory: a rule is stored and handed out as copies, so a
// caller changing its maps and bodies afterwards changes nothing.
func TestRulesShareNoMemory(t *testing.T) {
	t.Parallel()
	rs := NewRules(NewRand(1))
	h := map[string]string{"X-A": "1"}
	b := json.RawMessage(`{"a":1}`)
	added, err := rs.Add(Fault{Status: 500, Headers: h, Body: b}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	h["X-A"], b[1] = "changed", 'x'
	added.Headers["X-A"] = "changed too"
	listed := rs.List()[0]
	listed.Headers["X-A"] = "changed three"
	fired := rs.Fire(Request{Method: "GET", Path: "/"}, time.Time{})
	if fired == nil {
		t.Fatal("the rule did not fire")
	}
	for _, f := range []Fault{rs.List()[0], *fired} {
		if f.Headers["X-A"] != "1" || string(f.Body) != `{"a":1}` {
			t.Errorf("stored rule changed through a caller's copy: headers %v body %s", f.Headers, f.Body)
		}
	}
}

// TestRingAtOutOfRange: At refuses an index outside the values held.
func TestRingAtOutOfRange(t *testing.T) {
	t.Parallel()
	r := NewRing[int](2)
	r.Push(1)
	r.Push(2)
	for _, i := range []int{-1, 2} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("At(%d) on a ring of 2 did not panic", i)
				}
			}()
			r.At(i)
		}()
	}
}
