package mockisc

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"
)

// GET /task-status: the tasks account mutations leave, per version.

// taskListEnv is the fixture after four mutations a second apart: t1
// disables and t2 enables alice's AD account, t3 PUTs her HR account (all
// by the default client), t4 disables carol's CSV account as client
// "other".
type taskListEnv struct {
	*env
	t1, t2, t3, t4 string
}

func newTaskListEnv(t *testing.T, opts ...Option) *taskListEnv {
	t.Helper()
	e := newEnv(t, with(opts, WithClient(OAuthClient{ID: "other", Secret: "s", Scopes: []string{"sp:scopes:all"}, Authorities: []string{"ORG_ADMIN"}}))...)
	fx := e.fx
	te := &taskListEnv{env: e}
	te.t1 = taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", `{}`))
	e.s.Clock().Advance(time.Second)
	te.t2 = taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/enable", `{}`))
	e.s.Clock().Advance(time.Second)
	te.t3 = taskID(t, e.do(t, "PUT", "/v3/accounts/"+fx.hrAlice.ID, `{"attributes":{"userName":"E001","displayName":"Alice A."}}`))
	e.s.Clock().Advance(time.Second)
	other := iscClient(e.s.ClientAs("other", "s"), e.s.URL)
	te.t4 = taskID(t, other.do(t, "POST", "/v3/accounts/"+fx.csvCarol.ID+"/disable", `{}`))
	e.s.Clock().Advance(time.Second)
	return te
}

// launcherVersions are the versions whose task list filters on launcher.
var launcherVersions = []string{v2026, v1}

func TestTaskStatusList(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		t.Run("v3", func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, mode...)
			wantError(t, e.do(t, "GET", "/v3/task-status", ""), http.StatusNotFound, detailNotFound, "/v3/task-status")
		})
		for _, v := range sinceBeta {
			t.Run(v, func(t *testing.T) {
				t.Parallel()
				e := newTaskListEnv(t, mode...)
				fx := e.fx
				t1, t2, t3, t4 := e.t1, e.t2, e.t3, e.t4
				list := func(params ...string) result {
					t.Helper()
					return e.do(t, "GET", vq(v, "/task-status", params...), "")
				}

				// Every task, oldest first, each as GET /task-status/{id}
				// renders it.
				r := list()
				wantIDs(t, r, t1, t2, t3, t4)
				for _, item := range r.list(t) {
					id, _ := item["id"].(string)
					one := e.do(t, "GET", versionPath(v, "/task-status/"+id), "").want(t, http.StatusOK)
					if !jsonEq(mustJSON(t, item), one.body) {
						t.Errorf("task %s: listed as %v, got as %s", id, item, one.body)
					}
				}

				paging := []struct {
					name   string
					params []string
					want   []string
					total  string
				}{
					{"count", []string{"count", "true"}, []string{t1, t2, t3, t4}, "4"},
					{"page", []string{"limit", "2", "offset", "1", "count", "true"}, []string{t2, t3}, "4"},
					{"last", []string{"limit", "2", "offset", "3"}, []string{t4}, ""},
					{"past the end", []string{"offset", "4", "count", "true"}, nil, "4"},
					{"sorted page", []string{"limit", "2", "sorters", "-created"}, []string{t4, t3}, ""},
					{"filtered total", []string{"limit", "1", "count", "true", "filters", `sourceId eq "` + fx.ad.ID + `"`}, []string{t1}, "2"},
				}
				for _, tt := range paging {
					t.Run("paging "+tt.name, func(t *testing.T) {
						t.Parallel()
						r := list(tt.params...)
						wantIDs(t, r, tt.want...)
						wantTotal(t, r, tt.total)
					})
				}

				launcher := slices.Contains(launcherVersions, v)
				pending := v != beta && v != v2024
				filters := []struct {
					filter string
					want   []string
					ok     bool // allowed in this version
				}{
					{`id eq "` + t2 + `"`, []string{t2}, true},
					{`id in ("` + t1 + `","` + t3 + `")`, []string{t1, t3}, true},
					{`sourceId eq "` + fx.ad.ID + `"`, []string{t1, t2}, true},
					{`sourceId eq "` + fx.hr.ID + `"`, []string{t3}, true},
					{`sourceId in ("` + fx.hr.ID + `","` + fx.csv.ID + `")`, []string{t3, t4}, true},
					{`completionStatus eq "SUCCESS"`, []string{t1, t2, t3, t4}, true},
					{`completionStatus eq "ERROR"`, nil, true},
					{`completionStatus in ("ERROR","SUCCESS")`, []string{t1, t2, t3, t4}, true},
					{`type eq "QUEUED_TASK"`, []string{t1, t2, t3, t4}, true},
					{`type eq "QUARTZ"`, nil, true},
					{`sourceId eq "` + fx.ad.ID + `" and id eq "` + t2 + `"`, []string{t2}, true},
					{`launcher eq "mockisc-client"`, []string{t1, t2, t3}, launcher},
					{`launcher in ("other")`, []string{t4}, launcher},
					{`completionStatus isnull`, nil, pending},
				}
				for _, tt := range filters {
					t.Run("filter "+tt.filter, func(t *testing.T) {
						t.Parallel()
						r := list("filters", tt.filter)
						if !tt.ok {
							wantError(t, r, http.StatusBadRequest, detailBadRequest, "filters")
							return
						}
						wantIDs(t, r, tt.want...)
					})
				}

				sorters := []struct {
					sorters string
					want    []string
				}{
					{"created", []string{t1, t2, t3, t4}},
					{"-created", []string{t4, t3, t2, t1}},
				}
				for _, tt := range sorters {
					t.Run("sorters "+tt.sorters, func(t *testing.T) {
						t.Parallel()
						wantIDs(t, list("sorters", tt.sorters), tt.want...)
					})
				}

				bad := []struct{ name, param, value, text string }{
					{"unknown field", "filters", `uniqueName eq "Disable Account"`, "uniqueName"},
					{"created filter", "filters", `created gt "2025-01-01T00:00:00Z"`, "created"},
					{"id sw", "filters", `id sw "a"`, "sw"},
					{"sorter id", "sorters", "id", "id"},
					{"sorter launcher", "sorters", "-launcher", "launcher"},
				}
				for _, tt := range bad {
					t.Run("bad "+tt.name, func(t *testing.T) {
						t.Parallel()
						wantError(t, list(tt.param, tt.value), http.StatusBadRequest, detailBadRequest, tt.text)
					})
				}
			})
		}
	})
}

// TestTaskStatusListPending: a deferred task is listed at once by v2025,
// v2026 and v1 (completionStatus null, found by isnull), but beta and
// v2024 list completed tasks only, and refuse isnull; once the clock
// reaches the due time every version lists it, completed.
func TestTaskStatusListPending(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithTaskDelay(time.Minute))...)
		id := taskID(t, e.do(t, "POST", "/v3/accounts/"+e.fx.adAlice.ID+"/disable", `{}`))
		status := func(t *testing.T, r result) any {
			t.Helper()
			items := r.list(t)
			if len(items) != 1 {
				t.Fatalf("%s: %d tasks, want 1", r.uri(), len(items))
			}
			return items[0]["completionStatus"]
		}
		for _, v := range sinceBeta {
			all := e.do(t, "GET", vq(v, "/task-status", "count", "true"), "")
			isnull := e.do(t, "GET", vq(v, "/task-status", "filters", "completionStatus isnull"), "")
			success := e.do(t, "GET", vq(v, "/task-status", "filters", `completionStatus eq "SUCCESS"`), "")
			wantIDs(t, success)
			if v == beta || v == v2024 {
				wantIDs(t, all)
				wantTotal(t, all, "0")
				wantError(t, isnull, http.StatusBadRequest, detailBadRequest, "completionStatus", "isnull")
				continue
			}
			wantIDs(t, all, id)
			wantTotal(t, all, "1")
			if st := status(t, all); st != nil {
				t.Errorf("%s: pending task's completionStatus %v, want null", v, st)
			}
			wantIDs(t, isnull, id)
		}
		e.s.Clock().Advance(time.Minute)
		for _, v := range sinceBeta {
			all := e.do(t, "GET", vq(v, "/task-status"), "")
			wantIDs(t, all, id)
			if st := status(t, all); st != TaskSuccess {
				t.Errorf("%s: completed task's completionStatus %v, want SUCCESS", v, st)
			}
			wantIDs(t, e.do(t, "GET", vq(v, "/task-status", "filters", `completionStatus eq "SUCCESS"`), ""), id)
			if v != beta && v != v2024 {
				wantIDs(t, e.do(t, "GET", vq(v, "/task-status", "filters", "completionStatus isnull"), ""))
			}
		}
	})
}

// TestTaskStatusListError: a taskError fault's failed task is found with
// completionStatus eq "ERROR" in every version, and only it.
func TestTaskStatusListError(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		ok1 := taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adBob.ID+"/enable", `{}`))
		if _, err := e.s.AddFault(Fault{Method: "POST", Path: "/v3/accounts/{id}/disable", Times: 1, TaskError: "connector timed out"}); err != nil {
			t.Fatal(err)
		}
		failed := taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", `{}`))
		ok2 := taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", `{}`))
		for _, v := range sinceBeta {
			wantIDs(t, e.do(t, "GET", vq(v, "/task-status"), ""), ok1, failed, ok2)
			r := e.do(t, "GET", vq(v, "/task-status", "filters", `completionStatus eq "ERROR"`), "")
			wantIDs(t, r, failed)
			var got []struct {
				CompletionStatus string `json:"completionStatus"`
				Messages         []struct {
					Type          string `json:"type"`
					LocalizedText struct{ Message string }
				} `json:"messages"`
			}
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].CompletionStatus != TaskError || len(got[0].Messages) != 1 ||
				got[0].Messages[0].Type != "ERROR" || got[0].Messages[0].LocalizedText.Message != "connector timed out" {
				t.Errorf("%s: failed task rendered %s", v, r.body)
			}
			wantIDs(t, e.do(t, "GET", vq(v, "/task-status", "filters", `completionStatus eq "SUCCESS"`), ""), ok1, ok2)
			wantIDs(t, e.do(t, "GET", vq(v, "/task-status", "filters", `completionStatus eq "ERROR" and sourceId eq "`+fx.ad.ID+`"`), ""), failed)
		}
	})
}
