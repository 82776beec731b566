package engine

import (
	"testing"
	"time"
)

// TestJournalViews checks Recent's newest-first pages, Seq's lookup, the
// fault id an entry keeps and Tally's buckets.
func TestJournalViews(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	tok := te.issue(t, []string{scopeRead})
	for i := range 5 {
		te.clock.Advance(time.Second)
		te.do(t, "GET", "/v3/accounts/a"+string(rune('0'+i)), "", bearer(tok)...)
	}
	te.addRule(t, ruleStatus(503))
	te.clock.Advance(time.Second)
	te.do(t, "GET", "/v3/accounts/f", "", bearer(tok)...)

	page, more := te.journal.Recent(nil, 0, 2)
	if len(page) != 2 || !more || page[0].Seq != 6 || page[1].Seq != 5 {
		t.Fatalf("Recent(nil, 0, 2) = %+v, %v; want seq 6 and 5, more", page, more)
	}
	if page[0].Fault == "" || page[0].Status != 503 || page[1].Fault != "" {
		t.Errorf("fault ids: %q (status %d), %q; want the rule's id on the faulted entry only", page[0].Fault, page[0].Status, page[1].Fault)
	}
	page, more = te.journal.Recent(func(e *Entry) bool { return e.Status == 200 }, 5, 10)
	if len(page) != 4 || more || page[0].Seq != 4 || page[3].Seq != 1 {
		t.Errorf("Recent(200s, before 5) = %+v, %v; want seq 4 to 1, no more", page, more)
	}
	for _, c := range []struct {
		seq int
		ok  bool
	}{{1, true}, {6, true}, {0, false}, {7, false}, {-3, false}} {
		e, ok := te.journal.Seq(c.seq)
		if ok != c.ok || ok && e.Seq != c.seq {
			t.Errorf("Seq(%d) = seq %d, %v; want %v", c.seq, e.Seq, ok, c.ok)
		}
	}
	te.journal.Clear()
	if _, ok := te.journal.Seq(3); ok {
		t.Error("Seq(3) found an entry after Clear")
	}
}

// TestJournalTally checks the buckets of status classes.
func TestJournalTally(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{})
	tok := te.issue(t, []string{scopeRead})
	te.do(t, "GET", "/v3/accounts/a", "", bearer(tok)...) // 200 at t0
	te.do(t, "GET", "/v3/accounts/a", "")                 // 401 at t0
	te.clock.Advance(10 * time.Second)
	te.do(t, "GET", "/v3/accounts/a", "", bearer(tok)...) // 200 at t0+10s
	now := te.clock.Now()
	got := te.journal.Tally(now, 5*time.Second, 3) // (t0-5s, t0], (t0, t0+5s], (t0+5s, t0+10s]
	want := [][6]int{{0, 0, 1, 0, 1, 0}, {}, {0, 0, 1, 0, 0, 0}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("bucket %d = %v; want %v", i, got[i], want[i])
		}
	}
	if got := te.journal.Tally(now, 0, 3); len(got) != 3 || got[0] != [6]int{} {
		t.Errorf("Tally with zero width = %v; want 3 empty buckets", got)
	}
	if got := te.journal.Tally(now, time.Second, -1); len(got) != 0 {
		t.Errorf("Tally with -1 buckets = %v; want none", got)
	}
}
