package mockisc

import (
	"fmt"
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// SetTaskDelay changes the delay of tasks submitted from now on; 0 applies
// changes before answering. Pending tasks keep their due time. A negative
// d is an error.
func (s *Server) SetTaskDelay(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("mockisc: SetTaskDelay: %v is negative", d)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.taskDelay = d
	return nil
}

// TaskDelay returns the delay of the tasks submitted from now on (see
// WithTaskDelay and SetTaskDelay); 0 means tasks complete at once.
func (s *Server) TaskDelay() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.taskDelay
}

// CompleteTasks completes every pending task now, oldest first, and
// returns how many it completed.
func (s *Server) CompleteTasks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.pending.Len()
	now := s.now()
	s.pending.PopAll(func(t *task) { s.complete(t, now) })
	return n
}

// lock takes s.mu and completes the tasks that are due by the server
// clock, so every request and every direct-API read sees them.
func (s *Server) lock() {
	s.mu.Lock()
	s.settle()
}

// rlock takes s.mu for reading, once no task is due: it completes the
// due ones first, which needs s.mu for writing. Readers hold s.mu
// together, so no read waits for another.
func (s *Server) rlock() {
	s.mu.RLock()
	for s.pending.Due(s.now()) {
		s.mu.RUnlock()
		s.lock()
		s.mu.Unlock()
		s.mu.RLock()
	}
}

// settle completes the pending tasks that are due, in submission order:
// a task due earlier than one submitted before it waits for it, so
// changes land in the order their requests were answered. Caller holds
// s.mu.
func (s *Server) settle() {
	if s.pending.Len() == 0 {
		return
	}
	s.pending.PopDue(s.now(), func(due time.Time, t *task) { s.complete(t, due) })
}

// locked wraps a handler of the tenant: it runs holding s.mu, with the
// tasks that are due completed first.
func (s *Server) locked(h func(*Server, *engine.Call) *engine.Response) func(*engine.Call) *engine.Response {
	return func(c *engine.Call) *engine.Response {
		s.lock()
		defer s.mu.Unlock()
		return h(s, c)
	}
}

// rlocked wraps a handler that only reads the tenant: it runs holding
// s.mu for reading (rlock), beside other readers.
func (s *Server) rlocked(h func(*Server, *engine.Call) *engine.Response) func(*engine.Call) *engine.Response {
	return func(c *engine.Call) *engine.Response {
		s.rlock()
		defer s.mu.RUnlock()
		return h(s, c)
	}
}

// submit records a task for a mutation of a and answers 202 {"id"}.
// The change is applied now, or when the task is due if tasks are
// deferred; a fault rule's taskError fails the task instead, and so does
// a's deletion in the meantime. For a create, a is the account to be,
// not yet stored. Caller holds s.mu.
func (s *Server) submit(c *engine.Call, name, description string, a *account, change func(now time.Time) error) *engine.Response {
	t := s.schedule(c, name, description, a, change)
	return engine.JSON(http.StatusAccepted, map[string]string{"id": t.id})
}

// schedule records a task for a mutation of a and applies or defers its
// change, as submit does, and returns the task. Caller holds s.mu.
func (s *Server) schedule(c *engine.Call, name, description string, a *account, change func(now time.Time) error) *task {
	t := s.newTask(c, name, description, &a.Account)
	if s.ten.accounts[a.ID] == a {
		t.stored = a
	}
	s.enqueue(c, t, change)
	return t
}

// scheduleSource records a task of the given kind on a whole source and
// applies or defers its change, as schedule does; a fault rule's
// taskError fails it instead, and so does the source's deletion in the
// meantime. Caller holds s.mu.
func (s *Server) scheduleSource(c *engine.Call, kind, name, description string, src *Source, agg *aggregation, change func(t *task, now time.Time) error) *task {
	t := s.newSourceTask(c, kind, name, description, src, agg)
	s.enqueue(c, t, func(now time.Time) error { return change(t, now) })
	return t
}

// newSourceTask records a task of the given kind on src. Caller holds
// s.mu.
func (s *Server) newSourceTask(c *engine.Call, kind, name, description string, src *Source, agg *aggregation) *task {
	t := s.newTask(c, name, description, nil)
	t.kind, t.agg, t.sourceID, t.sourceName = kind, agg, src.ID, src.Name
	return t
}

// enqueue gives t its change and the call's fault, then completes it now
// or, when tasks are deferred, when the clock reaches its due time.
func (s *Server) enqueue(c *engine.Call, t *task, change func(now time.Time) error) {
	t.change, t.failWith = change, c.TaskError
	if s.taskDelay > 0 {
		s.pending.Push(t.created.Add(s.taskDelay), t)
	} else {
		s.complete(t, t.created)
	}
}

// complete finishes a task at the given time: ERROR with the fault's
// message, ERROR if its account or source is gone or the change fails,
// WARNING if the change did only part of its work, else SUCCESS.
func (s *Server) complete(t *task, at time.Time) {
	switch {
	case t.failWith != "":
		t.finish(at, TaskError, t.failWith)
	case t.stored != nil && !s.ten.live(t.stored):
		t.finish(at, TaskError, fmt.Sprintf("account %q no longer exists", t.stored.ID))
	case t.kind != "" && s.ten.sources[t.sourceID] == nil:
		t.finish(at, TaskError, fmt.Sprintf("source %q no longer exists", t.sourceID))
	default:
		switch err := t.change(at); {
		case err != nil:
			t.finish(at, TaskError, err.Error())
		case t.warning != "":
			t.finish(at, TaskWarning, t.warning)
		default:
			t.finish(at, TaskSuccess, "")
		}
	}
	t.change = nil
	if t.agg != nil {
		s.aggregationDone(t)
	}
}
