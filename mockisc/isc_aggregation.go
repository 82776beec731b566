package mockisc

import (
	"errors"
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// statusKept is how long an aggregation's status is served after it
// completes: "Only available up to an hour after the aggregation
// completes", says the spec.
const statusKept = time.Hour

// loadAccounts serves POST /sources/{id}/load-accounts: a CSV file (the
// multipart part "file") aggregated into a DelimitedFile source, with
// disableOptimization "true" to process every row as changed. It checks
// the file whole and answers 400, changing nothing, when it cannot be
// read (naming the row and column), when it holds no account, or when
// the source is of another type; else it answers 202 LoadAccountsTask
// and the aggregation runs as a task (aggregation.go).
func (s *Server) loadAccounts(c *engine.Call) *engine.Response {
	src, resp := s.pathSource(c)
	if resp != nil {
		return resp
	}
	if src.Type != SourceTypeDelimitedFile {
		return badRequest("source %q is of type %q: load-accounts reads a CSV file into DelimitedFile sources only, "+
			"and the fake has no connector to aggregate other sources from", src.Name, src.Type)
	}
	f, resp := readForm(c, c.Route.API == beta)
	if resp != nil {
		return resp
	}
	reprocess, resp := f.flag("disableOptimization")
	if resp != nil {
		return resp
	}
	file, ok := f["file"]
	if !ok {
		return badRequest("file: the form has no part named file; send the CSV file of source %q as the multipart/form-data part file", src.Name)
	}
	rows, err := parseAccountsCSV(file, src)
	switch {
	case errors.Is(err, errEmptyFile):
		return badRequest("%v; aggregating it would delete every account of source %q, which ISC's delete threshold "+
			"guards against: remove a source's accounts with POST /sources/{id}/remove-accounts", err, src.Name)
	case err != nil:
		return badRequest("file: %v", err)
	}
	g := &aggregation{rows: rows, reprocess: reprocess, delay: s.taskDelay}
	g.planned = s.runAggregation(src, g, false, s.now())
	t := s.scheduleAggregation(c, src, g)
	return engine.JSON(http.StatusAccepted, loadTaskOf(t, s.now()))
}

// aggregationStatusJSON is AccountAggregationStatus. The counts are
// present only while ACCOUNTS_COLLECTED and once COMPLETED, as the spec
// says; beta's schema has the first two counts only.
type aggregationStatusJSON struct {
	Start                          string `json:"start"`
	Status                         string `json:"status"`
	TotalAccounts                  *int   `json:"totalAccounts,omitempty"`
	ProcessedAccounts              *int   `json:"processedAccounts,omitempty"`
	TotalAccountsMarkedForDeletion *int   `json:"totalAccountsMarkedForDeletion,omitempty"`
	DeletedAccounts                *int   `json:"deletedAccounts,omitempty"`
	TotalIdentities                *int   `json:"totalIdentities,omitempty"`
	ProcessedIdentities            *int   `json:"processedIdentities,omitempty"`
}

// aggregationStatus serves GET /account-aggregations/{id}/status, the id
// being the aggregation's task id: its phase and counts, for as long as
// it runs and an hour of server time after it completes; then 404.
func (s *Server) aggregationStatus(c *engine.Call) *engine.Response {
	id := c.PathValue("id")
	t := s.tasks[id]
	if t == nil || t.agg == nil {
		return notFound("account aggregation %q not found", id)
	}
	now := s.now()
	if t.status != "" && now.Sub(t.completed) > statusKept {
		return notFound("account aggregation %q completed at %s, more than an hour ago: its status is kept an hour",
			id, formatTime(t.completed))
	}
	g := t.agg
	status, processed := g.phase(t, now)
	v := aggregationStatusJSON{Start: formatTime(t.created), Status: status}
	var n aggCounts
	switch status {
	case aggCollected:
		n = g.planned
		n.deleted = 0 // deletions land when the aggregation completes
	case aggCompleted:
		n = g.did
	default:
		return engine.JSON(http.StatusOK, v)
	}
	total := n.total()
	if status == aggCollected {
		total = g.planned.total()
	}
	identities := n.identities
	if total > 0 {
		identities = n.identities * processed / total
	}
	v.TotalAccounts, v.ProcessedAccounts = &total, &processed
	if c.Route.API != beta {
		v.TotalAccountsMarkedForDeletion, v.DeletedAccounts = &n.marked, &n.deleted
		v.TotalIdentities, v.ProcessedIdentities = &n.identities, &identities
	}
	return engine.JSON(http.StatusOK, v)
}
