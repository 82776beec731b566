package mockisc

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// phaseFile changes E001, adds E003 and E004 and leaves E002 out: 4 NEW,
// CHANGED and DELETED accounts.
const phaseFile = "userName,displayName,dept\nE001,alice,ops\nE003,carol,ops\nE004,dave,ops\n"

// TestAggregationPhases holds an aggregation in each phase with
// WithTaskDelay(60s) and the manual clock, in every version: STARTED for
// 30 s, then ACCOUNTS_COLLECTED with processedAccounts rising with the
// clock, the tenant untouched, then COMPLETED with the changes landed;
// the status is served an hour of server time after completion, then
// 404.
func TestAggregationPhases(t *testing.T) {
	t.Parallel()
	for _, v := range sinceBeta {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			forModes(t, func(t *testing.T, mode []Option) {
				e := newEnv(t, with(mode, WithTaskDelay(time.Minute))...)
				s, fx := e.s, e.fx
				before := s.Snapshot()
				start := s.Clock().Now()
				answer := e.load(t, v, fx.hr.ID, phaseFile).want(t, http.StatusAccepted).obj(t)
				task := answer["task"].(map[string]any)
				id := task["id"].(string)
				if answer["success"] != true || task["completionStatus"] != nil || task["completed"] != nil || task["progress"] != "Started" {
					t.Errorf("202 answer %v", answer)
				}
				counts := func(total, processed, marked, deleted, idents, procIdents float64) map[string]any {
					m := map[string]any{"totalAccounts": total, "processedAccounts": processed}
					if v != beta {
						m["totalAccountsMarkedForDeletion"], m["deletedAccounts"] = marked, deleted
						m["totalIdentities"], m["processedIdentities"] = idents, procIdents
					}
					return m
				}
				steps := []struct {
					advance time.Duration
					status  string
					counts  map[string]any
				}{
					{0, "STARTED", nil},
					{29 * time.Second, "STARTED", nil},
					{time.Second, "ACCOUNTS_COLLECTED", counts(4, 0, 1, 0, 2, 0)},
					{15 * time.Second, "ACCOUNTS_COLLECTED", counts(4, 2, 1, 0, 2, 1)},
					{14*time.Second + 999*time.Millisecond, "ACCOUNTS_COLLECTED", counts(4, 3, 1, 0, 2, 1)},
					{time.Millisecond, "COMPLETED", counts(4, 4, 1, 1, 2, 2)},
				}
				for _, st := range steps {
					s.Clock().Advance(st.advance)
					want := map[string]any{"start": formatTime(start), "status": st.status}
					for k, x := range st.counts {
						want[k] = x
					}
					if d := cmp.Diff(want, e.aggStatus(t, v, id)); d != "" {
						t.Errorf("at %v (-want +got):\n%s", s.Clock().Now().Sub(start), d)
					}
					if st.status != "COMPLETED" {
						if d := cmp.Diff(before, s.Snapshot()); d != "" {
							t.Errorf("at %v the tenant changed before completion:\n%s", s.Clock().Now().Sub(start), d)
						}
					}
				}
				if _, ok := s.Account(fx.hrBob.ID); ok {
					t.Error("completed, but E002 is still there")
				}
				s.Clock().Advance(time.Hour)
				e.aggStatus(t, v, id)
				s.Clock().Advance(time.Millisecond)
				wantError(t, e.do(t, "GET", versionPath(v, "/account-aggregations/"+id+"/status"), ""), 404, detailNotFound, "more than an hour ago")
				// The task stays in task status.
				if ts := e.do(t, "GET", versionPath(v, "/task-status/"+id), "").want(t, 200).obj(t); ts["completionStatus"] != TaskSuccess {
					t.Errorf("task status after an hour: %v", ts)
				}
			})
		})
	}
}

// TestAggregationTaskStatus follows a deferred aggregation in the task
// status: pending (completionStatus null) with its phase as progress,
// found by completionStatus isnull and by its type in v2025 and later,
// absent from beta's and v2024's lists (completed tasks only) until it
// completes.
func TestAggregationTaskStatus(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithTaskDelay(time.Minute))...)
		s, fx := e.s, e.fx
		id := e.loadTask(t, v2025, fx.hr.ID, phaseFile)
		list := func(v, filters string) []string {
			return ids(e.do(t, "GET", versionPath(v, "/task-status")+"?filters="+url.QueryEscape(filters), "").want(t, 200).list(t))
		}
		ts := e.taskStatus(t, id)
		if ts["completionStatus"] != nil || ts["progress"] != "Started" || ts["percentComplete"] != 0.0 || ts["type"] != "QUARTZ" {
			t.Errorf("pending task %v", ts)
		}
		s.Clock().Advance(45 * time.Second)
		ts = e.taskStatus(t, id)
		if ts["progress"] != "Accounts collected: 2 of 4 processed" || ts["percentComplete"] != 75.0 {
			t.Errorf("collected task: progress %v, percentComplete %v", ts["progress"], ts["percentComplete"])
		}
		target, _ := ts["target"].(map[string]any)
		if target["id"] != fx.hr.ID || target["type"] != "APPLICATION" || target["name"] != "HR" {
			t.Errorf("target %v", target)
		}
		for _, v := range []string{v2025, v2026, v1} {
			for _, f := range []string{`completionStatus isnull`, `type eq "CLOUD_ACCOUNT_AGGREGATION"`, `type in ("QUARTZ")`, `sourceId eq "` + fx.hr.ID + `"`} {
				if got := list(v, f); !cmp.Equal(got, []string{id}) {
					t.Errorf("%s %s: %v, want the pending aggregation", v, f, got)
				}
			}
		}
		for _, v := range []string{beta, v2024} {
			if got := list(v, `type eq "CLOUD_ACCOUNT_AGGREGATION"`); len(got) != 0 {
				t.Errorf("%s lists the pending task: %v", v, got)
			}
		}
		s.Clock().Advance(15 * time.Second)
		for _, v := range sinceBeta {
			if got := list(v, `type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus eq "SUCCESS"`); !cmp.Equal(got, []string{id}) {
				t.Errorf("%s: completed aggregation listed as %v", v, got)
			}
		}
		if got := list(v2025, `type eq "QUEUED_TASK"`); len(got) != 0 {
			t.Errorf("QUEUED_TASK lists the aggregation: %v", got)
		}
		if info, _ := s.Task(id); info.SourceID != fx.hr.ID || info.AccountID != "" || info.Status != TaskSuccess || info.Name != "Cloud Account Aggregation" {
			t.Errorf("Task(%s) = %+v", id, info)
		}
	})
}

// TestAggregationFastForward completes a deferred aggregation on demand:
// CompleteTasks, and the admin API's tasks/complete.
func TestAggregationFastForward(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithTaskDelay(time.Hour))...)
		s, fx := e.s, e.fx
		first := e.loadTask(t, v2025, fx.hr.ID, phaseFile)
		if n := s.CompleteTasks(); n != 1 {
			t.Errorf("CompleteTasks completed %d", n)
		}
		if st := e.aggStatus(t, v2025, first); st["status"] != "COMPLETED" || st["processedAccounts"] != 4.0 {
			t.Errorf("after CompleteTasks: %v", st)
		}
		second := e.loadTask(t, v1, fx.hr.ID, "userName,displayName\nE001,alice\n")
		if got := admin(t, s, 200, "POST", "/__mockisc/tasks/complete", ""); got != `{"completed":1}`+"\n" {
			t.Errorf("tasks/complete: %s", got)
		}
		if st := e.aggStatus(t, v1, second); st["status"] != "COMPLETED" {
			t.Errorf("after tasks/complete: %v", st)
		}
		if a, _ := s.Account(fx.hrAlice.ID); a.Attributes["dept"] != nil {
			t.Errorf("the second file did not land: %v", a.Attributes)
		}
	})
}

// TestAggregationTaskError: a fault rule's taskError lets load-accounts
// answer 202 and ends the aggregation TERMINATED (its task ERROR with the
// fault's message), with no change to the tenant, at once or, deferred,
// when it is due.
func TestAggregationTaskError(t *testing.T) {
	t.Parallel()
	for _, delay := range []time.Duration{0, 10 * time.Second} {
		t.Run(fmt.Sprint(delay), func(t *testing.T) {
			t.Parallel()
			forModes(t, func(t *testing.T, mode []Option) {
				e := newEnv(t, with(mode, WithTaskDelay(delay))...)
				s, fx := e.s, e.fx
				if _, err := s.AddFault(Fault{Method: "POST", Path: "/v2024/sources/{id}/load-accounts", Times: 1, TaskError: "VA unreachable"}); err != nil {
					t.Fatal(err)
				}
				before := s.Snapshot()
				answer := e.load(t, v2024, fx.hr.ID, phaseFile).want(t, http.StatusAccepted).obj(t)
				id := answer["task"].(map[string]any)["id"].(string)
				if delay > 0 {
					if st := e.aggStatus(t, v2024, id); st["status"] != "STARTED" {
						t.Errorf("a failing aggregation starts as %v", st)
					}
					s.Clock().Advance(delay)
				} else if answer["success"] != false || answer["task"].(map[string]any)["completionStatus"] != TaskError {
					t.Errorf("202 answer of a failed aggregation: %v", answer)
				}
				st := e.aggStatus(t, v2024, id)
				if st["status"] != "TERMINATED" || len(st) != 2 {
					t.Errorf("status %v, want TERMINATED without counts", st)
				}
				ts := e.taskStatus(t, id)
				if ts["completionStatus"] != TaskError || !strings.Contains(fmt.Sprint(ts["messages"]), "VA unreachable") {
					t.Errorf("task status %v", ts)
				}
				if d := cmp.Diff(before, s.Snapshot()); d != "" {
					t.Errorf("a failed aggregation changed the tenant:\n%s", d)
				}
			})
		})
	}
}

// TestAggregationBusy: while an aggregation of a source is pending, the
// next one fails at once with ISC's message and changes nothing; once
// the first completes, aggregations run again.
func TestAggregationBusy(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithTaskDelay(time.Minute))...)
		s, fx := e.s, e.fx
		first := e.loadTask(t, v2025, fx.hr.ID, phaseFile)
		answer := e.load(t, v2025, fx.hr.ID, "userName\nE009\n").want(t, http.StatusAccepted).obj(t)
		task := answer["task"].(map[string]any)
		msgs, _ := task["messages"].([]any)
		if answer["success"] != false || task["completionStatus"] != TaskError || len(msgs) != 1 ||
			msgs[0].(map[string]any)["key"] != aggregationBusy || msgs[0].(map[string]any)["error"] != true {
			t.Errorf("second aggregation: %v", answer)
		}
		if st := e.aggStatus(t, v2025, task["id"].(string)); st["status"] != "TERMINATED" {
			t.Errorf("second aggregation's status %v", st)
		}
		s.Clock().Advance(time.Minute)
		if st := e.aggStatus(t, v2025, first); st["status"] != "COMPLETED" {
			t.Errorf("first aggregation's status %v", st)
		}
		if _, ok := byNative(s, fx.hr.ID, "E009"); ok {
			t.Error("the refused aggregation created its account")
		}
		third := e.loadTask(t, v2025, fx.hr.ID, "userName\nE009\n")
		s.Clock().Advance(time.Minute)
		if st := e.aggStatus(t, v2025, third); st["status"] != "COMPLETED" {
			t.Errorf("third aggregation's status %v", st)
		}
	})
}

// TestAggregationLimits: rate limits and fault rules apply to
// load-accounts and the status as to any route, and a refused call
// changes nothing.
func TestAggregationLimits(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithRateLimit(RateLimit{Limit: 1, Window: 10 * time.Second}))...)
		s, fx := e.s, e.fx
		if _, err := s.FailNext(1, "POST", "/v2025/sources/{id}/load-accounts", 503); err != nil {
			t.Fatal(err)
		}
		before := s.Snapshot()
		csv := phaseFile
		body, ct := multipartForm(t, &csv)
		// The ISC check refuses every 5xx; the raw client reads the fault's.
		rawClient(s.Client(), s.URL).do(t, "POST", "/v2025/sources/"+fx.hr.ID+"/load-accounts", body, "Content-Type", ct).
			want(t, http.StatusServiceUnavailable)
		if d := cmp.Diff(before, s.Snapshot()); d != "" {
			t.Errorf("a 503 changed the tenant:\n%s", d)
		}
		id := e.loadTask(t, v2025, fx.hr.ID, phaseFile)
		r := e.do(t, "GET", "/v2025/account-aggregations/"+id+"/status", "").want(t, http.StatusTooManyRequests)
		if r.header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		s.Clock().Advance(10 * time.Second)
		e.aggStatus(t, v2025, id)
	})
}
