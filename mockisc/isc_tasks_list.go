package mockisc

import (
	"net/http"

	"github.com/mockisc/mockisc/filter"
	"github.com/mockisc/mockisc/internal/engine"
)

// The task-status list's filters differ per version: beta and v2024 have
// id, sourceId, completionStatus and type (eq, in) and list completed
// tasks only, as their specs say; v2025 lists every task and lets
// completionStatus be isnull (the pending ones); v2026 and v1 add
// launcher. Every version sorts on created only.
var (
	taskFieldsBase = []filter.Field{
		{Name: "id", Type: filter.TypeString, Ops: eqIn},
		{Name: "sourceId", Type: filter.TypeString, Ops: eqIn},
		{Name: "completionStatus", Type: filter.TypeString, Ops: eqIn},
		{Name: "type", Type: filter.TypeString, Array: true, Ops: eqIn},
		{Name: "created", Type: filter.TypeDateTime, Sortable: true},
	}
	taskSchemaV2024 = filter.MustSchema("task-status", taskFieldsBase...)
	taskSchemaV2025 = filter.MustSchema("task-status", taskFields(false)...)
	taskSchemaV2026 = filter.MustSchema("task-status", taskFields(true)...)
)

// taskFields are the v2025 fields, with launcher when asked.
func taskFields(launcher bool) []filter.Field {
	fields := append([]filter.Field(nil), taskFieldsBase...)
	fields[2].Ops = ops(filter.OpEq, filter.OpIn, filter.OpIsNull)
	if launcher {
		fields = append(fields, filter.Field{Name: "launcher", Type: filter.TypeString, Ops: eqIn})
	}
	return fields
}

// taskSchemaFor returns the task-status list schema of a version, and
// whether the version lists pending tasks too.
func taskSchemaFor(version string) (*filter.Schema, bool) {
	switch version {
	case beta, v2024:
		return taskSchemaV2024, false
	case v2025:
		return taskSchemaV2025, true
	}
	return taskSchemaV2026, true
}

// taskDoc is what the list's filters and sorters read of a task. Its
// type holds the TaskStatus.type and, for a source task, its task
// definition type (CLOUD_ACCOUNT_AGGREGATION, ...), the "Possible
// Values" the v2025 spec lists for the filter: either matches.
type taskDoc struct {
	ID               string   `json:"id"`
	SourceID         string   `json:"sourceId"`
	CompletionStatus *string  `json:"completionStatus"`
	Type             []string `json:"type"`
	Launcher         string   `json:"launcher"`
	Created          string   `json:"created"`
}

// listTasks serves GET /task-status: the tasks, oldest first unless
// sorted, with the version's filters, sorters and paging.
func (s *Server) listTasks(c *engine.Call) *engine.Response {
	p, resp := s.parsePage(c)
	if resp != nil {
		return resp
	}
	schema, pending := taskSchemaFor(c.Route.API)
	q := c.Query()
	var f *filter.Filter
	if v, _ := single(q, "filters"); v != "" {
		var err error
		if f, err = filter.Compile(v, schema); err != nil {
			return badRequest("query parameter filters: %v", err)
		}
	}
	var by filter.Sorters
	if v, _ := single(q, "sorters"); v != "" {
		var err error
		if by, err = filter.ParseSorters(v, schema); err != nil {
			return badRequest("query parameter sorters: %v", err)
		}
	}
	type item struct {
		t   *task
		doc []byte
	}
	var items []item
	for _, id := range s.taskOrder {
		t := s.tasks[id]
		if t.status == "" && !pending {
			continue
		}
		doc := engine.Marshal(taskDoc{ID: t.id, SourceID: t.sourceID, CompletionStatus: nullable(t.status),
			Type: t.filterTypes(), Launcher: t.launcher, Created: formatTime(t.created)})
		if f == nil || f.Match(doc) {
			items = append(items, item{t, doc})
		}
	}
	filter.Sort(items, by, func(it item) []byte { return it.doc })
	lo, hi, resp := p.bounds(len(items))
	if resp != nil {
		return resp
	}
	out := make([]taskStatusJSON, 0, hi-lo)
	now := s.now()
	for _, it := range items[lo:hi] {
		out = append(out, it.t.render(now))
	}
	return p.withTotal(engine.JSON(http.StatusOK, out), len(items))
}
