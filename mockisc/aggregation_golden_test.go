package mockisc

import (
	"net/http"
	"testing"
	"time"
)

// TestGoldenAggregation records the aggregation flow's answers over the
// fixture in testdata/golden/aggregation, in both modes: a deferred
// load-accounts (v2025) and its status and task while collected and once
// complete (v2024, beta), a refused file, load-uncorrelated-accounts (v1)
// and remove-accounts (v2026).
func TestGoldenAggregation(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithTaskDelay(time.Minute))...)
		s, fx := e.s, e.fx
		r := e.load(t, v2025, fx.hr.ID, phaseFile).want(t, http.StatusAccepted)
		checkGolden(t, "aggregation/v2025_load_accounts", r)
		id := r.obj(t)["task"].(map[string]any)["id"].(string)
		s.Clock().Advance(45 * time.Second)
		checkGolden(t, "aggregation/v2024_status_collected", e.do(t, "GET", "/v2024/account-aggregations/"+id+"/status", "").want(t, 200))
		checkGolden(t, "aggregation/v2025_task_collected", e.do(t, "GET", "/v2025/task-status/"+id, "").want(t, 200))
		s.Clock().Advance(15 * time.Second)
		checkGolden(t, "aggregation/v2024_status_completed", e.do(t, "GET", "/v2024/account-aggregations/"+id+"/status", "").want(t, 200))
		checkGolden(t, "aggregation/beta_status_completed", e.do(t, "GET", "/beta/account-aggregations/"+id+"/status", "").want(t, 200))
		checkGolden(t, "aggregation/v2025_task_completed", e.do(t, "GET", "/v2025/task-status/"+id, "").want(t, 200))
		checkGolden(t, "aggregation/v2025_load_refused", e.load(t, v2025, fx.hr.ID, "userName,displayName\nE001\n").want(t, 400))
		checkGolden(t, "aggregation/v1_load_uncorrelated", e.do(t, "POST", "/sources/v1/"+fx.hr.ID+"/load-uncorrelated-accounts", "").want(t, http.StatusAccepted))
		checkGolden(t, "aggregation/v2026_remove_accounts", e.do(t, "POST", "/v2026/sources/"+fx.ad.ID+"/remove-accounts", "").want(t, http.StatusAccepted))
	})
}
