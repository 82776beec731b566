package mockisc

import (
	"testing"
	"time"
)

// TestGoldenReads records the read APIs' answers over the fixture in
// testdata/golden/reads (go test -run TestGoldenReads -update rewrites
// them): the sources list, a source, its schemas, the identities list, an
// identity, and the task list after two account changes.
func TestGoldenReads(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	fx := e.fx
	reads := []struct{ name, path string }{
		{"v2025_sources_list", "/v2025/sources?count=true"},
		{"v3_source_get_ad", "/v3/sources/" + fx.ad.ID},
		{"v1_source_schemas_ad", "/sources/v1/" + fx.ad.ID + "/schemas"},
		{"v2024_identities_list_none", "/v2024/identities?defaultFilter=NONE&count=true"},
		{"beta_identity_get_alice", "/beta/identities/" + fx.alice.ID},
	}
	for _, rd := range reads {
		checkGolden(t, "reads/"+rd.name, e.do(t, "GET", rd.path, ""))
	}
	taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", `{}`))
	e.s.Clock().Advance(time.Second)
	taskID(t, e.do(t, "PUT", "/v3/accounts/"+fx.hrAlice.ID, `{"attributes":{"userName":"E001","displayName":"Alice A."}}`))
	checkGolden(t, "reads/v2025_task_status_list", e.do(t, "GET", "/v2025/task-status?count=true", ""))
}
