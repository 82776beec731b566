package mockisc

import (
	"net/http"
	"testing"
)

// TestGoldenVersions records answers of the newer versions over the
// fixture in testdata/golden/versions: a v2025 list, a v1 get, a beta
// remove and its task, the identities-accounts operations, a task status
// list and the experimental 400. Both modes compare with the same files.
func TestGoldenVersions(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithExperimental("GET /v2024/identities"))...)
		fx := e.fx
		k := e.client
		steps := []struct {
			name, method, path, body string
			status                   int
		}{
			{"v2025_list_accounts", "GET", "/v2025/accounts?limit=2&count=true", "", http.StatusOK},
			{"v1_get_account", "GET", "/accounts/v1/" + fx.adSvc.ID, "", http.StatusOK},
			{"beta_remove", "POST", "/beta/accounts/" + fx.adBob.ID + "/remove", "", http.StatusAccepted},
			{"v2026_identities_accounts_disable", "POST", "/v2026/identities-accounts/disable",
				`{"identityIds":["` + fx.bob.ID + `","nope"]}`, http.StatusMultiStatus},
			{"v2025_identities_account_enable", "POST", "/v2025/identities-accounts/" + fx.bob.ID + "/enable", "", http.StatusAccepted},
			{"v2025_task_status_list", "GET", "/v2025/task-status?count=true", "", http.StatusOK},
		}
		for _, st := range steps {
			r := k.do(t, st.method, st.path, st.body).want(t, st.status)
			checkGolden(t, "versions/"+st.name, r)
			if st.name == "beta_remove" {
				id, _ := r.obj(t)["id"].(string)
				checkGolden(t, "versions/beta_remove_task", k.do(t, "GET", "/beta/task-status/"+id, "").want(t, http.StatusOK))
			}
		}
		// The experimental 400 is {"error"}, no ErrorResponseDto: the raw
		// check reads it.
		r := rawClient(e.s.Client(), e.s.URL).do(t, "GET", "/v2024/identities", "").want(t, http.StatusBadRequest)
		checkGolden(t, "versions/v2024_experimental_400", r)
	})
}
