package mockisc

import (
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// Task completion statuses.
const (
	TaskSuccess = "SUCCESS"
	// TaskWarning is a task that completed, but not all of it: an
	// aggregation that skipped its delete phase.
	TaskWarning = "WARNING"
	TaskError   = "ERROR"
)

// task is an asynchronous account task and its status.
type task struct {
	id          string
	name        string // uniqueName, e.g. "Create Account"
	description string
	launcher    string
	accountID   string
	sourceID    string
	sourceName  string
	created     time.Time
	completed   time.Time // zero while pending
	status      string    // "" while pending
	message     string    // the error or warning text of a task that has one
	key         string    // its message key; "" means task_failed or task_warning

	// A pending task's change and the fault message that fails it
	// instead.
	change   func(now time.Time) error
	failWith string
	stored   *account // the existing account the change needs, nil for a create

	// A source task (an aggregation, a correlation run, a removal) works
	// on the source sourceID rather than on an account: kind is its task
	// definition type, e.g. CLOUD_ACCOUNT_AGGREGATION; "" for account
	// tasks.
	kind    string
	agg     *aggregation   // load-accounts only
	results map[string]any // what a completed source task did, shown in its attributes
	warning string         // set by a change that succeeded only in part
}

// TaskInfo is the state of an asynchronous task, as the direct API shows
// it.
type TaskInfo struct {
	// ID is the task id, the id a mutation answered with.
	ID string
	// Name is the task's unique name, e.g. "Create Account".
	Name string
	// AccountID is the account the task works on; "" for a task on a
	// whole source (an aggregation).
	AccountID string
	// SourceID is the source of the task's account, or the source a
	// source task works on.
	SourceID string
	// Status is "" while the task is pending, then SUCCESS, WARNING or
	// ERROR.
	Status string
	// Created and Completed are server clock times; Completed is zero
	// while the task is pending.
	Created, Completed time.Time
	// Message is the error text of a failed task, or the warning of one
	// that completed with WARNING.
	Message string
}

func (t *task) info() TaskInfo {
	return TaskInfo{ID: t.id, Name: t.name, AccountID: t.accountID, SourceID: t.sourceID, Status: t.status,
		Created: t.created, Completed: t.completed, Message: t.message}
}

// newTask records a task for a. Caller holds s.mu.
func (s *Server) newTask(c *engine.Call, name, description string, a *Account) *task {
	t := &task{
		id: s.ids.ID(), name: name, description: description,
		launcher: c.ClientID, created: s.now(),
	}
	if t.launcher == "" {
		t.launcher = "mockisc"
	}
	if a != nil {
		t.accountID, t.sourceID = a.ID, a.SourceID
		if src := s.ten.sources[a.SourceID]; src != nil {
			t.sourceName = src.Name
		}
	}
	s.tasks[t.id] = t
	s.taskOrder = append(s.taskOrder, t.id)
	s.forgetTasks()
	return t
}

// forgetTasks drops the oldest completed tasks while the table holds
// more than WithMaxTasks; a pending task stops it (pending tasks are the
// newest, as they complete in order). Caller holds s.mu.
func (s *Server) forgetTasks() {
	for len(s.taskOrder) > s.cfg.maxTasks {
		old := s.tasks[s.taskOrder[0]]
		if old.status == "" {
			return
		}
		delete(s.tasks, old.id)
		s.taskOrder[0] = ""
		s.taskOrder = s.taskOrder[1:]
	}
}

func (t *task) finish(now time.Time, status, message string) {
	t.status, t.message, t.completed = status, message, now
}

// Task returns the state of a task. Tasks are not part of the tenant
// state: Restore keeps them (a pending task whose account is gone then
// fails), Reset forgets them.
func (s *Server) Task(id string) (TaskInfo, bool) {
	s.lock()
	defer s.mu.Unlock()
	t := s.tasks[id]
	if t == nil {
		return TaskInfo{}, false
	}
	return t.info(), true
}

// Tasks returns every task, oldest first.
func (s *Server) Tasks() []TaskInfo {
	s.lock()
	defer s.mu.Unlock()
	out := make([]TaskInfo, 0, len(s.taskOrder))
	for _, id := range s.taskOrder {
		out = append(out, s.tasks[id].info())
	}
	return out
}

// taskStatusJSON is the v2025 TaskStatus.
type taskStatusJSON struct {
	ID               string         `json:"id"`
	Type             string         `json:"type"`
	UniqueName       string         `json:"uniqueName"`
	Description      string         `json:"description"`
	ParentName       *string        `json:"parentName"`
	Launcher         string         `json:"launcher"`
	Target           *targetJSON    `json:"target"`
	Created          string         `json:"created"`
	Modified         *string        `json:"modified"`
	Launched         *string        `json:"launched"`
	Completed        *string        `json:"completed"`
	CompletionStatus *string        `json:"completionStatus"`
	Messages         []taskMessage  `json:"messages"`
	Returns          []taskReturn   `json:"returns"`
	Attributes       map[string]any `json:"attributes"`
	Progress         *string        `json:"progress"`
	PercentComplete  int            `json:"percentComplete"`
}

type targetJSON struct {
	ID   string  `json:"id"`
	Type *string `json:"type"`
	Name string  `json:"name"`
}

type taskMessage struct {
	Type          string           `json:"type"`
	LocalizedText localizedMessage `json:"localizedText"`
	Key           string           `json:"key"`
	Parameters    []any            `json:"parameters"`
}

type localizedMessage struct {
	Locale  string `json:"locale"`
	Message string `json:"message"`
}

type taskReturn struct {
	Name          string `json:"name"`
	AttributeName string `json:"attributeName"`
}

// render builds the TaskStatus of t at now.
func (t *task) render(now time.Time) taskStatusJSON {
	created := formatTime(t.created)
	v := taskStatusJSON{
		ID: t.id, Type: t.statusType(), UniqueName: t.name, Description: t.description,
		Launcher: t.launcher, Created: created, Modified: &created, Launched: &created,
		Messages: []taskMessage{}, Returns: []taskReturn{},
		Attributes: map[string]any{"accountId": t.accountID, "sourceId": t.sourceID},
		Progress:   strPtr("Pending"),
	}
	if t.sourceID != "" {
		v.Target = &targetJSON{ID: t.sourceID, Type: strPtr("APPLICATION"), Name: t.sourceName}
	}
	if t.status != "" {
		done := formatTime(t.completed)
		v.Modified, v.Completed, v.CompletionStatus = &done, &done, strPtr(t.status)
		v.PercentComplete = 100
		v.Progress = strPtr("Completed")
		if typ, key := t.messageKind(); typ != "" {
			v.Messages = append(v.Messages, taskMessage{
				Type: typ, Key: key,
				LocalizedText: localizedMessage{Locale: "en-US", Message: t.message},
				Parameters:    []any{},
			})
		}
	}
	if t.kind != "" {
		t.renderSource(&v, now)
	}
	return v
}

// messageKind is the type and key of the message a completed task shows:
// ERROR for a failed task, WARN for a warning, none ("") for a success.
func (t *task) messageKind() (typ, key string) {
	switch t.status {
	case TaskError:
		typ, key = "ERROR", "task_failed"
	case TaskWarning:
		typ, key = "WARN", "task_warning"
	default:
		return "", ""
	}
	if t.key != "" {
		key = t.key
	}
	return typ, key
}

// taskStatus serves GET /task-status/{id} in every version that has it.
func (s *Server) taskStatus(c *engine.Call) *engine.Response {
	id := c.PathValue("id")
	t := s.tasks[id]
	if t == nil {
		return notFound("TaskStatus with the given id was not found: %q", id)
	}
	return engine.JSON(http.StatusOK, t.render(s.now()))
}

// taskType is the TaskStatus.type of account tasks; aggregations and
// correlation runs are QUARTZ tasks (see statusType).
const taskType = "QUEUED_TASK"
