package mockisc

import (
	"fmt"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// An aggregation (POST /sources/{id}/load-accounts) reads a CSV file into
// a DelimitedFile source as a task on the server clock. Submitted, it is
// STARTED; after half the task delay its accounts are collected
// (ACCOUNTS_COLLECTED: totalAccounts known, processedAccounts rising with
// the clock); at the task's due time its changes land and it is
// COMPLETED, or TERMINATED when a fault rule's taskError fails it. It
// counts what it would do when submitted (the totals of
// ACCOUNTS_COLLECTED) and does it against the tenant as it then is.

// Source task kinds: their task definition types, which the task list's
// type filter matches.
const (
	kindAggregation  = "CLOUD_ACCOUNT_AGGREGATION"
	kindUncorrelated = "CLOUD_PROCESS_UNCORRELATED_ACCOUNTS"
	kindRemoval      = "ACCOUNT_DELETION"
)

// AccountAggregationStatus.status values.
const (
	aggStarted    = "STARTED"
	aggCollected  = "ACCOUNTS_COLLECTED"
	aggCompleted  = "COMPLETED"
	aggTerminated = "TERMINATED"
)

// Delete threshold defaults.
const (
	// defaultDeleteThreshold is the deleteThreshold of a source that
	// sets none, in percent.
	defaultDeleteThreshold = 10
	// smallSource is the most accounts a source can hold and still lose
	// any share of them to one aggregation: the threshold protects only
	// larger ones.
	smallSource = 10
)

// deleteThreshold is src's delete threshold in percent.
func deleteThreshold(src *Source) int {
	if src.DeleteThreshold != nil {
		return *src.DeleteThreshold
	}
	return defaultDeleteThreshold
}

// aggregation is one load-accounts run.
type aggregation struct {
	rows      []csvRow      // the file's accounts; dropped once the task completes
	reprocess bool          // disableOptimization: every existing row is processed as changed
	delay     time.Duration // the task delay it was submitted with
	planned   aggCounts     // what it would do, counted when submitted
	did       aggCounts     // what it did, once complete
}

// aggCounts counts an aggregation's accounts.
type aggCounts struct {
	scanned    int  // rows in the file
	created    int  // NEW accounts
	updated    int  // CHANGED accounts (every existing one with disableOptimization)
	unchanged  int  // rows whose account was left alone
	before     int  // the source's accounts before the run
	marked     int  // of those, the ones missing from the file
	deleted    int  // of those, the ones deleted: none when the delete threshold holds them
	held       bool // the delete threshold held the marked accounts
	identities int  // distinct identities of the new, changed and deleted accounts
	correlated int  // accounts the run correlated to an identity
}

// total is what AccountAggregationStatus counts: the NEW, CHANGED and
// DELETED accounts.
func (n aggCounts) total() int { return n.created + n.updated + n.deleted }

// runAggregation walks g's rows over src: with apply false it counts
// what it would do and changes nothing; with apply true it does it at
// now. New rows become accounts (origin AGGREGATED), changed rows replace
// their account's attributes and name (and modified), unchanged rows are
// left alone, and the source's accounts missing from the file are
// deleted unless that is more than the delete threshold allows. New and
// changed accounts without an identity are correlated by the source's
// rules. Caller holds s.mu.
func (s *Server) runAggregation(src *Source, g *aggregation, apply bool, now time.Time) aggCounts {
	t := s.ten
	n := aggCounts{scanned: len(g.rows)}
	for _, a := range t.order {
		if a.SourceID == src.ID {
			n.before++
		}
	}
	c := newCorrelator(t, src)
	var idents map[string]struct{}
	touch := func(id string) {
		if id == "" {
			return
		}
		if idents == nil {
			idents = map[string]struct{}{}
		}
		idents[id] = struct{}{}
	}
	matched := 0
	for _, row := range g.rows {
		a := t.native(src.ID, row.native)
		if a == nil {
			n.created++
			id := c.match(row.attrs)
			if id != "" {
				n.correlated++
				touch(id)
			}
			if apply {
				t.addAccount(Account{
					ID: s.ids.ID(), Name: row.name, NativeIdentity: row.native, SourceID: src.ID, IdentityID: id,
					Attributes: row.attrs, Origin: "AGGREGATED", Created: now, Modified: now,
				})
			}
			continue
		}
		matched++
		if !g.reprocess && sameAccount(a, row) {
			n.unchanged++
			continue
		}
		n.updated++
		id := ""
		if a.IdentityID == "" {
			id = c.match(row.attrs)
		}
		if id != "" {
			n.correlated++
			touch(id)
		} else {
			touch(a.IdentityID)
		}
		if apply {
			t.rename(a, row.name)
			a.Modified = now
			a.setAttrs(row.attrs)
			if id != "" {
				s.correlate(a, id, now)
			} else {
				t.changed(a)
			}
		}
	}
	n.marked = n.before - matched
	n.held = n.marked > 0 && n.before > smallSource && n.marked*100 > deleteThreshold(src)*n.before
	if n.marked > 0 && !n.held {
		n.deleted = n.marked
		inFile := make(map[string]struct{}, len(g.rows))
		for _, row := range g.rows {
			inFile[row.native] = struct{}{}
		}
		gone := func(a *account) bool {
			if a.SourceID != src.ID {
				return false
			}
			_, keep := inFile[a.NativeIdentity]
			return !keep
		}
		for _, a := range t.order {
			if gone(a) {
				touch(a.IdentityID)
			}
		}
		if apply {
			t.deleteAccountsWhere(gone)
		}
	}
	n.identities = len(idents)
	return n
}

// sameAccount reports whether a already holds row: the same name and
// exactly the row's attributes, each the same string.
func sameAccount(a *account, row csvRow) bool {
	return a.Name == row.name && a.hasStringAttributes(row.attrs)
}

// Aggregation task names, as ISC's LoadAccountsTask example shows them.
const (
	aggregationName        = "Cloud Account Aggregation"
	aggregationDescription = "Aggregate from the specified application"
	// aggregationBusy is ISC's message (LoadAccountsTask's example) for
	// an aggregation started while another of the source runs.
	aggregationBusy = "This aggregation failed because the currently running aggregation must complete before the next one can start."
)

// scheduleAggregation records g's task on src and applies or defers it.
// While an aggregation of the same source is pending, the new one fails
// at once with ISC's message and changes nothing. Caller holds s.mu.
func (s *Server) scheduleAggregation(c *engine.Call, src *Source, g *aggregation) *task {
	if s.aggregating[src.ID] != nil {
		t := s.newSourceTask(c, kindAggregation, aggregationName, aggregationDescription, src, g)
		t.key = aggregationBusy
		t.finish(t.created, TaskError, aggregationBusy)
		g.rows = nil
		return t
	}
	t := s.scheduleSource(c, kindAggregation, aggregationName, aggregationDescription, src, g, func(t *task, now time.Time) error {
		src := s.ten.sources[t.sourceID]
		n := s.runAggregation(src, g, true, now)
		g.did = n
		if n.held {
			t.warning, t.key = heldWarning(src, n), "aggregation_delete_threshold"
		}
		t.results = map[string]any{"total": n.scanned, "optimized": n.unchanged, "created": n.created,
			"updated": n.updated, "deleted": n.deleted, "correlated": n.correlated}
		return nil
	})
	if t.status == "" {
		if s.aggregating == nil {
			s.aggregating = map[string]*task{}
		}
		s.aggregating[src.ID] = t
	}
	return t
}

// aggregationDone lets go of a completed aggregation's rows. Caller
// holds s.mu.
func (s *Server) aggregationDone(t *task) {
	t.agg.rows = nil
	if s.aggregating[t.sourceID] == t {
		delete(s.aggregating, t.sourceID)
	}
}

// phase is the status of the aggregation of t at now, and how many of
// its NEW, CHANGED and DELETED accounts it has processed: STARTED for the
// first half of its delay, then ACCOUNTS_COLLECTED with the processed
// accounts rising in step with the clock, COMPLETED once its task
// completed, TERMINATED if the task failed.
func (g *aggregation) phase(t *task, now time.Time) (status string, processed int) {
	switch t.status {
	case "":
	case TaskError:
		return aggTerminated, 0
	default:
		return aggCompleted, g.did.total()
	}
	half := g.delay / 2
	elapsed := now.Sub(t.created)
	if elapsed < half {
		return aggStarted, 0
	}
	total := g.planned.total()
	rest := g.delay - half
	if rest <= 0 || elapsed >= g.delay {
		return aggCollected, total
	}
	return aggCollected, int(float64(total) * float64(elapsed-half) / float64(rest))
}

// heldWarning is the warning of an aggregation whose delete threshold
// held the accounts missing from its file.
func heldWarning(src *Source, n aggCounts) string {
	return fmt.Sprintf("%d of the %d accounts of source %q are missing from the file, more than its delete threshold of %d%%: none was deleted",
		n.marked, n.before, src.Name, deleteThreshold(src))
}
