package mockisc

import (
	"fmt"
	"maps"
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// The source operations that answer with a task on the whole source:
// load-accounts (isc_aggregation.go), remove-accounts and
// load-uncorrelated-accounts, and how their tasks show in TaskStatus.

// pathSource is the source a source operation's path names ({id}, or
// beta's {sourceId}); 404 when there is none.
func (s *Server) pathSource(c *engine.Call) (*Source, *engine.Response) {
	id := c.PathValue("id")
	if id == "" {
		id = c.PathValue("sourceId")
	}
	src := s.ten.sources[id]
	if src == nil {
		return nil, notFound("source %q not found", id)
	}
	return src, nil
}

// removeAccounts serves POST /sources/{id}/remove-accounts: it removes
// every account of the source from the tenant, on any source type and
// without provisioning, as a task, and answers 202 TaskResultDto. The
// accounts removed are those the source holds when the task completes.
func (s *Server) removeAccounts(c *engine.Call) *engine.Response {
	src, resp := s.pathSource(c)
	if resp != nil {
		return resp
	}
	t := s.scheduleSource(c, kindRemoval, "Remove Accounts", fmt.Sprintf("Remove every account of source %s", src.Name), src, nil,
		func(t *task, _ time.Time) error {
			n := s.ten.deleteAccountsWhere(func(a *account) bool { return a.SourceID == t.sourceID })
			t.results = map[string]any{"deleted": n}
			return nil
		})
	return engine.JSON(http.StatusAccepted, taskResult{Type: "TASK_RESULT", ID: t.id})
}

// loadUncorrelatedAccounts serves POST
// /sources/{id}/load-uncorrelated-accounts: it runs the source's
// correlation over its uncorrelated accounts, as a task, and answers 202
// LoadUncorrelatedAccountsTask. The body, a multipart/form-data form, may
// carry a file part; the fake does not read it.
func (s *Server) loadUncorrelatedAccounts(c *engine.Call) *engine.Response {
	src, resp := s.pathSource(c)
	if resp != nil {
		return resp
	}
	if _, resp := readForm(c, false); resp != nil {
		return resp
	}
	t := s.scheduleSource(c, kindUncorrelated, "Cloud Process Uncorrelated Accounts",
		"Processes uncorrelated accounts for the specified application.", src, nil,
		func(t *task, now time.Time) error {
			correlated, left := s.correlateSource(s.ten.sources[t.sourceID], now)
			t.results = map[string]any{"correlated": correlated, "uncorrelated": left}
			return nil
		})
	return engine.JSON(http.StatusAccepted, loadTaskOf(t, s.now()))
}

// statusType is t's TaskStatus.type: QUARTZ for aggregations and
// correlation runs (as LoadAccountsTask's example shows), QUEUED_TASK for
// the rest.
func (t *task) statusType() string {
	if t.kind == kindAggregation || t.kind == kindUncorrelated {
		return "QUARTZ"
	}
	return taskType
}

// filterTypes are the values the task list's type filter matches for t:
// its TaskStatus.type, and a source task's definition type.
func (t *task) filterTypes() []string {
	if t.kind == "" {
		return []string{t.statusType()}
	}
	return []string{t.statusType(), t.kind}
}

// aggregationReturns are the return values an aggregation's attributes
// hold once it completes, named as ISC's LoadAccountsTask example names
// them.
var aggregationReturns = []taskReturn{
	{Name: "TASK_OUT_ACCOUNT_AGGREGATION_TOTAL", AttributeName: "total"},
	{Name: "TASK_OUT_UNCHANGED_ACCOUNTS", AttributeName: "optimized"},
	{Name: "TASK_OUT_ACCOUNT_AGGREGATION_CREATED", AttributeName: "created"},
	{Name: "TASK_OUT_ACCOUNT_AGGREGATION_UPDATED", AttributeName: "updated"},
	{Name: "TASK_OUT_ACCOUNT_AGGREGATION_DELETED", AttributeName: "deleted"},
}

// renderSource completes the TaskStatus of a source task: its attributes
// (the source as appId and sourceId, what it did once complete) and, for
// a pending aggregation, its phase as progress and percentComplete.
func (t *task) renderSource(v *taskStatusJSON, now time.Time) {
	attrs := map[string]any{"appId": t.sourceID, "sourceId": t.sourceID}
	if g := t.agg; g != nil {
		attrs["optimizedAggregation"] = optimizedOf(g)
		v.Returns = aggregationReturns
		if t.status == "" {
			status, processed := g.phase(t, now)
			total := g.planned.total()
			v.Progress, v.PercentComplete = strPtr("Started"), 0
			if status == aggCollected {
				v.Progress = strPtr(fmt.Sprintf("Accounts collected: %d of %d processed", processed, total))
				v.PercentComplete = 50
				if total > 0 {
					// 100 is for a completed task; one due but waiting
					// for an older task shows 99.
					v.PercentComplete = min(99, 50+50*processed/total)
				}
			}
		}
	}
	maps.Copy(attrs, t.results)
	v.Attributes = attrs
}

// optimizedOf is LoadAccountsTask's optimizedAggregation: "disabled" with
// disableOptimization, else "enabled".
func optimizedOf(g *aggregation) string {
	if g.reprocess {
		return "disabled"
	}
	return "enabled"
}

// loadTaskJSON is LoadAccountsTask and LoadUncorrelatedAccountsTask.
type loadTaskJSON struct {
	Success bool          `json:"success"`
	Task    loadTaskState `json:"task"`
}

type loadTaskState struct {
	ID               string            `json:"id"`
	Type             string            `json:"type"`
	Name             string            `json:"name"`
	Description      string            `json:"description"`
	Launcher         string            `json:"launcher"`
	Created          string            `json:"created"`
	Launched         *string           `json:"launched"`
	Completed        *string           `json:"completed"`
	CompletionStatus *string           `json:"completionStatus"`
	ParentName       *string           `json:"parentName"`
	Messages         []loadTaskMessage `json:"messages"`
	Progress         *string           `json:"progress"`
	Attributes       map[string]any    `json:"attributes"`
	Returns          []loadTaskReturn  `json:"returns,omitempty"` // LoadUncorrelatedAccountsTask has none
}

type loadTaskMessage struct {
	Type          string `json:"type"`
	Error         bool   `json:"error"`
	Warning       bool   `json:"warning"`
	Key           string `json:"key"`
	LocalizedText string `json:"localizedText"`
}

type loadTaskReturn struct {
	DisplayLabel  string `json:"displayLabel"`
	AttributeName string `json:"attributeName"`
}

// loadTaskOf is the answer of load-accounts and load-uncorrelated-accounts:
// the task as it stands at now. success is false when the task has
// already failed.
func loadTaskOf(t *task, now time.Time) loadTaskJSON {
	v := t.render(now)
	out := loadTaskState{
		ID: v.ID, Type: v.Type, Name: v.UniqueName, Description: v.Description, Launcher: v.Launcher,
		Created: v.Created, Launched: v.Launched, Completed: v.Completed, CompletionStatus: v.CompletionStatus,
		ParentName: v.ParentName, Progress: v.Progress, Messages: []loadTaskMessage{}, Attributes: map[string]any{},
	}
	for _, m := range v.Messages {
		out.Messages = append(out.Messages, loadTaskMessage{Type: m.Type, Error: m.Type == "ERROR", Warning: m.Type == "WARN",
			Key: m.Key, LocalizedText: m.LocalizedText.Message})
	}
	if g := t.agg; g != nil {
		// LoadAccountsTask's attributes other than these two must be
		// objects, so the counts stay in the TaskStatus.
		out.Attributes = map[string]any{"appId": t.sourceID, "optimizedAggregation": optimizedOf(g)}
		for _, r := range aggregationReturns {
			out.Returns = append(out.Returns, loadTaskReturn{DisplayLabel: r.Name, AttributeName: r.AttributeName})
		}
	}
	return loadTaskJSON{Success: t.status != TaskError, Task: out}
}
