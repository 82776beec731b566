package mockisc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mockisc/mockisc/internal/sim"
)

func (s *Server) adminHealth(w http.ResponseWriter, r *http.Request) {
	n := s.Counts()
	adminJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "time": formatTime(s.now()),
		"sources": n.Sources, "identities": n.Identities, "accounts": n.Accounts,
		"journal": s.jr.Stats(), "tokens": s.tokens.Stats(), "panics": s.eng.Panics(),
	})
}

func (s *Server) adminReset(w http.ResponseWriter, r *http.Request) {
	s.Reset()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminGetState(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, s.Snapshot())
}

func (s *Server) adminPutState(w http.ResponseWriter, r *http.Request) {
	var st State
	if !adminBody(w, r, &st, s.cfg.stateMaxBytes, "WithStateMaxBytes, -state-max-bytes") {
		return
	}
	if err := s.Restore(st); err != nil {
		adminError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "mockisc: "))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// adminEntry is a journal entry as the admin API shows it: the body as
// JSON when it is JSON, else as text.
type adminEntry struct {
	Entry
	Body any `json:"body,omitempty"`
}

func (s *Server) adminGetRequests(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	entries := s.jr.Find(q.Get("method"), q.Get("path"))
	out := make([]adminEntry, 0, len(entries))
	for _, e := range entries {
		ae := adminEntry{Entry: e}
		switch {
		case len(e.Body) == 0:
		case json.Valid(e.Body):
			ae.Body = json.RawMessage(e.Body)
		case utf8.Valid(e.Body):
			ae.Body = string(e.Body)
		default:
			ae.Body = e.Body
		}
		out = append(out, ae)
	}
	adminJSON(w, http.StatusOK, out)
}

func (s *Server) adminDeleteRequests(w http.ResponseWriter, r *http.Request) {
	s.jr.Clear()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminGetFaults(w http.ResponseWriter, r *http.Request) {
	f := s.Faults()
	if f == nil {
		f = []Fault{}
	}
	adminJSON(w, http.StatusOK, f)
}

func (s *Server) adminPostFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !s.body(w, r, &f) {
		return
	}
	added, err := s.AddFault(f)
	if err != nil {
		adminError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "mockisc: "))
		return
	}
	adminJSON(w, http.StatusCreated, added)
}

func (s *Server) adminClearFaults(w http.ResponseWriter, r *http.Request) {
	s.ClearFaults()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminDeleteFault(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !s.RemoveFault(id) {
		adminError(w, http.StatusNotFound, fmt.Sprintf("no fault rule %q", id))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// adminClock is the clock as the admin API shows it.
type adminClock struct {
	Now    string `json:"now"`
	Manual bool   `json:"manual"`
}

func (s *Server) adminGetClock(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, adminClock{Now: formatTime(s.clock.Now()), Manual: s.clock.Manual()})
}

// adminClockChange is the body of POST /__mockisc/clock: exactly one of
// Advance (a Go duration, may be negative) and Set (RFC 3339).
type adminClockChange struct {
	Advance *sim.JSONDuration `json:"advance"`
	Set     *string           `json:"set"`
}

func (s *Server) adminPostClock(w http.ResponseWriter, r *http.Request) {
	var ch adminClockChange
	if !s.body(w, r, &ch) {
		return
	}
	switch {
	case (ch.Advance == nil) == (ch.Set == nil):
		adminError(w, http.StatusBadRequest, `send exactly one of "advance" (like "10s") and "set" (RFC 3339)`)
		return
	case ch.Advance != nil:
		s.clock.Advance(time.Duration(*ch.Advance))
	default:
		t, err := time.Parse(time.RFC3339Nano, *ch.Set)
		if err != nil {
			adminError(w, http.StatusBadRequest, fmt.Sprintf("set: %q is not an RFC 3339 time", *ch.Set))
			return
		}
		s.clock.Set(t)
	}
	s.adminGetClock(w, r)
}

func (s *Server) adminGetRateLimit(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, s.RateLimit())
}

func (s *Server) adminPutRateLimit(w http.ResponseWriter, r *http.Request) {
	var rl RateLimit
	if !s.body(w, r, &rl) {
		return
	}
	if err := s.SetRateLimit(rl); err != nil {
		adminError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "mockisc: "))
		return
	}
	adminJSON(w, http.StatusOK, s.RateLimit())
}

func (s *Server) adminCompleteTasks(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, map[string]int{"completed": s.CompleteTasks()})
}

// adminTaskDelay is the body of GET and PUT /__mockisc/tasks/delay: the
// delay of tasks submitted from then on, as a Go duration ("0s" is none).
type adminTaskDelay struct {
	Delay *sim.JSONDuration `json:"delay"`
}

func (s *Server) adminGetTaskDelay(w http.ResponseWriter, r *http.Request) {
	d := sim.JSONDuration(s.TaskDelay())
	adminJSON(w, http.StatusOK, adminTaskDelay{Delay: &d})
}

func (s *Server) adminPutTaskDelay(w http.ResponseWriter, r *http.Request) {
	var body adminTaskDelay
	if !s.body(w, r, &body) {
		return
	}
	if body.Delay == nil {
		adminError(w, http.StatusBadRequest, `send {"delay": "60s"} ("0s" completes tasks at once)`)
		return
	}
	if err := s.SetTaskDelay(time.Duration(*body.Delay)); err != nil {
		adminError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "mockisc: "))
		return
	}
	s.adminGetTaskDelay(w, r)
}
