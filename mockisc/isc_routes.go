package mockisc

import "github.com/mockisc/mockisc/internal/engine"

// Scopes and user levels of ISC's accounts and task-status operations,
// from the specs' security and x-sailpoint-userLevels.
var (
	scopesAccountsRead  = []string{"idn:accounts:read", "idn:accounts:manage"}
	scopesAccountsWrite = []string{"idn:accounts:manage"}
	scopesAccountsState = []string{"idn:accounts-state:manage"}
	scopesTaskRead      = []string{"idn:task-management:read", "idn:task-management:write"}

	levelsAccountsRead  = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN", "HELPDESK"}
	levelsAccountsWrite = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN"}
	levelsAccountsState = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN", "HELPDESK"}
	levelsTaskRead      = []string{"ORG_ADMIN", "HELPDESK", "CERT_ADMIN", "REPORT_ADMIN", "ROLE_ADMIN", "ROLE_SUBADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN"}
)

// iscOp is one ISC operation of the route table: the handler and what it
// needs, for every API version that has it.
type iscOp struct {
	method, path string // path below the version prefix, e.g. "/accounts/{id}"
	scopes       []string
	levels       []string
	tasks        bool // answers 202 with a task
	handle       func(*Server, *engine.Call) *engine.Response
}

// iscTable is ISC's route table: each operation with the API versions
// that serve it. A version is a row's prefix and its rate limit bucket.
var iscTable = []struct {
	versions []string
	ops      []iscOp
}{
	{[]string{"v3"}, []iscOp{
		{"GET", "/accounts", scopesAccountsRead, levelsAccountsRead, false, (*Server).listAccounts},
		{"POST", "/accounts", scopesAccountsWrite, levelsAccountsWrite, true, (*Server).createAccount},
		{"GET", "/accounts/{id}", scopesAccountsRead, levelsAccountsRead, false, (*Server).getAccount},
		{"PUT", "/accounts/{id}", scopesAccountsWrite, levelsAccountsWrite, true, (*Server).putAccount},
		{"PATCH", "/accounts/{id}", scopesAccountsWrite, levelsAccountsWrite, true, (*Server).patchAccount},
		{"DELETE", "/accounts/{id}", scopesAccountsWrite, levelsAccountsWrite, true, (*Server).deleteAccount},
		{"GET", "/accounts/{id}/entitlements", scopesAccountsRead, levelsAccountsRead, false, (*Server).accountEntitlements},
		{"POST", "/accounts/{id}/reload", scopesAccountsState, levelsAccountsState, true, (*Server).reloadAccount},
		{"POST", "/accounts/{id}/enable", scopesAccountsState, levelsAccountsState, true, (*Server).enableAccount},
		{"POST", "/accounts/{id}/disable", scopesAccountsState, levelsAccountsState, true, (*Server).disableAccount},
		{"POST", "/accounts/{id}/unlock", scopesAccountsState, levelsAccountsState, true, (*Server).unlockAccount},
	}},
	{[]string{"v2025", "beta"}, []iscOp{
		{"GET", "/task-status/{id}", scopesTaskRead, levelsTaskRead, false, (*Server).taskStatus},
	}},
}

// iscRoutes returns ISC's routes for s: the token endpoint, then every
// operation of iscTable under each of its versions. Each handler runs
// holding the tenant lock.
func (s *Server) iscRoutes() []*engine.Route {
	routes := []*engine.Route{
		{Method: "POST", Pattern: "/oauth/token", Credentials: true, Handle: s.token},
	}
	for _, row := range iscTable {
		for _, v := range row.versions {
			for _, op := range row.ops {
				routes = append(routes, &engine.Route{
					Method: op.method, Pattern: "/" + v + op.path, API: v,
					Scopes: op.scopes, Levels: op.levels, Tasks: op.tasks,
					Handle: s.locked(op.handle),
				})
			}
		}
	}
	return routes
}
