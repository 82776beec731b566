package main

import (
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mockisc/mockisc/mockisc"
)

// Durable state: with -state, the tenant is saved to the state file (a
// temporary file, synced, renamed into place) every -state-interval
// (default 1s) in which a request that may change it (any method but
// GET, HEAD, OPTIONS and TRACE) was answered, and on shutdown. So a kill
// (SIGKILL, an OOM kill, a CI runner's timeout) loses at most the writes
// answered in the last interval, plus those of a save under way; the
// start after it loads the file as always. What the state file never
// held is lost as before: the journal, tokens, fault rules, the rate
// limit and the clock's offset.
//
// A save copies the tenant under the server's lock (Snapshot) and writes
// it outside; its cost grows with the tenant, not with the writes: at
// most one save per interval, however many writes it covers. Saves are
// spaced by at least four times the last one's duration, so that a large
// tenant (a 100,000-account save takes about a second) spends at most a
// fifth of its time saving; the window a kill can lose grows with it.

// stateSaver saves the tenant when it may have changed.
type stateSaver struct {
	file  string
	s     *mockisc.Server
	log   *slog.Logger
	dirty atomic.Bool
	mu    sync.Mutex // one save at a time
}

func newStateSaver(file string, s *mockisc.Server, log *slog.Logger) *stateSaver {
	return &stateSaver{file: file, s: s, log: log}
}

// track returns next, marking the state dirty after every request that
// may change it. A nil saver returns next as is.
func (sv *stateSaver) track(next http.Handler) http.Handler {
	if sv == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
			next.ServeHTTP(w, r)
			return
		}
		// After the handler (and after a panic: a change may have
		// landed), so the save that sees the flag sees the change.
		defer sv.dirty.Store(true)
		next.ServeHTTP(w, r)
	})
}

// every saves the state every interval while it is dirty, until the
// returned stop is called (which waits for a save under way). A nil
// saver or a zero interval saves nothing.
func (sv *stateSaver) every(interval time.Duration) (stop func()) {
	if sv == nil || interval <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		var next time.Time // no save before
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				if now.Before(next) || !sv.dirty.Swap(false) {
					continue
				}
				took := sv.save()
				next = time.Now().Add(4*took - interval)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// save writes the state file now and returns how long it took; on
// failure the state stays dirty and the error is logged.
func (sv *stateSaver) save() time.Duration {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	start := time.Now()
	st := sv.s.Snapshot()
	copied := time.Since(start)
	if err := writeStateFile(sv.file, st); err != nil {
		sv.dirty.Store(true)
		sv.log.Error("state not saved", "file", sv.file, "err", err)
		return time.Since(start)
	}
	took := time.Since(start)
	sv.log.Debug("state saved", "file", sv.file, "accounts", len(st.Accounts), "snapshot", copied, "duration", took)
	return took
}
