package engine

import (
	"time"
)

// Recent returns up to limit recorded requests, newest first, that keep
// returns true for (given the entry without its Header and Body) and whose Seq is
// below before (0: no bound), and
// whether older matching entries remain. It walks the journal from the
// newest entry and stops at limit, so a page costs what it shows plus
// the entries it skips, never a copy of the whole journal.
func (j *Journal) Recent(keep func(*Entry) bool, before, limit int) ([]Entry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []Entry
	for i := j.ring.Len() - 1; i >= 0; i-- {
		s := j.ring.At(i)
		if before > 0 && s.seq >= before {
			continue
		}
		if keep != nil {
			if e := s.bare(); !keep(&e) {
				continue
			}
		}
		if len(out) == limit {
			return out, true
		}
		out = append(out, s.entry())
	}
	return out, false
}

// Seq returns the journal entry numbered seq, and false when the journal
// no longer (or never) holds it.
func (j *Journal) Seq(seq int) (Entry, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := j.ring.Len()
	if n == 0 || seq < 1 {
		return Entry{}, false
	}
	// Entries are numbered in order, so seq is at index seq - first
	// unless entries too large to keep left gaps; search back from there.
	first := j.ring.At(0).seq
	for i := min(seq-first, n-1); i >= 0; i-- {
		s := j.ring.At(i)
		if s.seq == seq {
			return s.entry(), true
		}
		if s.seq < seq {
			break
		}
	}
	return Entry{}, false
}

// Tally counts the recorded requests of each status class (index 0 for
// dropped connections, 1 for 1xx, ..., 5 for 5xx) in each of n buckets
// of width ending at end: bucket n-1 holds the entries with a Time in
// (end-width, end], bucket 0 the oldest. Entries outside the buckets are
// not counted.
func (j *Journal) Tally(end time.Time, width time.Duration, n int) [][6]int {
	out := make([][6]int, max(n, 0))
	if n <= 0 || width <= 0 {
		return out
	}
	start := end.Add(-time.Duration(n) * width)
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := j.ring.Len() - 1; i >= 0; i-- {
		e := j.ring.At(i)
		if !e.time.After(start) || e.time.After(end) {
			continue // a set clock may have gone back: check every entry
		}
		b := int(e.time.Sub(start)-1) / int(width)
		class := 0
		if e.status >= 100 && e.status < 600 {
			class = e.status / 100
		}
		out[min(b, n-1)][class]++
	}
	return out
}
