package mockisc

import (
	"fmt"
	"net/http"
	"time"
)

// WithTaskDelay defers the change of every mutation: the request answers
// 202 at once, its task stays pending (completionStatus null), and the
// change lands when the server clock reaches the task's creation time plus
// d, or at CompleteTasks. Reads in between see the old state.
func WithTaskDelay(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithTaskDelay: %v is negative", d)
		}
		c.taskDelay = d
		return nil
	}
}

// SetTaskDelay changes the delay of tasks submitted from now on; 0 applies
// changes before answering. Pending tasks keep their due time.
func (s *Server) SetTaskDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.taskDelay = max(d, 0)
}

// CompleteTasks completes every pending task now, oldest first, and
// returns how many it completed.
func (s *Server) CompleteTasks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.pending)
	now := s.now()
	for _, t := range s.pending {
		s.complete(t, now)
	}
	s.pending = nil
	return n
}

// lock takes s.mu and completes the tasks that are due by the server
// clock, so every request and every direct-API read sees them.
func (s *Server) lock() {
	s.mu.Lock()
	s.settle()
}

// settle completes the pending tasks that are due, in order. Caller holds
// s.mu.
func (s *Server) settle() {
	if len(s.pending) == 0 {
		return
	}
	now := s.now()
	i := 0
	for ; i < len(s.pending) && !s.pending[i].due.After(now); i++ {
		s.complete(s.pending[i], s.pending[i].due)
	}
	s.pending = s.pending[i:]
}

// submit records a task for a mutation of a and answers 202 with its id.
// The change is applied now, or when the task is due if tasks are
// deferred; a fault rule's taskError fails the task instead, and so does
// a's deletion in the meantime. For a create, a is the account to be,
// not yet stored. Caller holds s.mu.
func (s *Server) submit(c *call, name, description string, a *account, change func(now time.Time) error) *response {
	t := s.newTask(c, name, description, &a.Account)
	t.change, t.failWith = change, c.taskError
	if s.ten.accounts[a.ID] == a {
		t.stored = a
	}
	if s.taskDelay > 0 {
		t.due = t.created.Add(s.taskDelay)
		s.pending = append(s.pending, t)
	} else {
		s.complete(t, t.created)
	}
	return jsonResponse(http.StatusAccepted, map[string]string{"id": t.id})
}

// complete finishes a task at the given time: ERROR with the fault's
// message, ERROR if its account is gone or the change fails, else
// SUCCESS.
func (s *Server) complete(t *task, at time.Time) {
	switch {
	case t.failWith != "":
		t.finish(at, TaskError, t.failWith)
	case t.stored != nil && !s.ten.live(t.stored):
		t.finish(at, TaskError, fmt.Sprintf("account %q no longer exists", t.stored.ID))
	default:
		if err := t.change(at); err != nil {
			t.finish(at, TaskError, err.Error())
		} else {
			t.finish(at, TaskSuccess, "")
		}
	}
	t.change = nil
}
