package mockisc

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/mockisc/mockisc/internal/engine"
)

// ISC's API versions. Each is a path prefix ("/v2025/accounts") and a rate
// limit bucket, except v1: the per-service API of the current SDK majors
// carries the service before the version ("/accounts/v1/{id}",
// "/task-status/v1"), and all its services count as one version, "v1",
// since SailPoint publishes them as one document of version v1.
const (
	v3    = "v3"
	beta  = "beta"
	v2024 = "v2024"
	v2025 = "v2025"
	v2026 = "v2026"
	v1    = "v1"
)

var (
	// allVersions are the versions every client calls today.
	allVersions = []string{v3, beta, v2024, v2025, v2026, v1}
	// sinceBeta are the versions but v3, which lacks identities, task
	// status and the newer account operations.
	sinceBeta = []string{beta, v2024, v2025, v2026, v1}
	// sinceV2024 are the versions after beta, where some operations changed
	// their scopes or user levels.
	sinceV2024 = []string{v2024, v2025, v2026, v1}
)

// Scopes and user levels, from the specs' security and
// x-sailpoint-userLevels (TestRoutesMatchSpecSecurity checks each route
// against its version's spec).
var (
	scopesAccountsRead   = []string{"idn:accounts:read", "idn:accounts:manage"}
	scopesAccountsWrite  = []string{"idn:accounts:manage"}
	scopesAccountsState  = []string{"idn:accounts-state:manage"}
	scopesIdentityAccts  = []string{"idn:accounts-state:manage", "idn:accounts-provisioning:manage"}
	scopesTaskRead       = []string{"idn:task-management:read", "idn:task-management:write"}
	scopesSourcesRead    = []string{"idn:sources:read", "idn:sources:manage"}
	scopesSourcesReadOld = []string{"idn:sources:read"}
	scopesSchemaRead     = []string{"idn:source-schema:read", "idn:source-schema:manage"}
	scopesIdentityRead   = []string{"idn:identity:read", "idn:identity:manage"}
	scopesSourcesManage  = []string{"idn:sources:manage"}
	// scopesAll is the documents' own security, which an operation
	// without security of its own requires (beta's aggregation status).
	scopesAll = []string{"sp:scopes:all"}
	// scopesAnyToken is security naming no scope: any valid token.
	scopesAnyToken = []string{}

	levelsAccountsRead  = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN", "HELPDESK"}
	levelsAccountsWrite = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN"}
	levelsAccountsState = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN", "HELPDESK"}
	levelsOrgAdmin      = []string{"ORG_ADMIN"}
	levelsTaskRead      = []string{"ORG_ADMIN", "HELPDESK", "CERT_ADMIN", "REPORT_ADMIN", "ROLE_ADMIN", "ROLE_SUBADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN"}
	levelsSourcesList   = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN", "ROLE_SUBADMIN"}
	levelsSources       = []string{"ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN"}
)

// iscOp is one ISC operation of the route table, in the versions that
// serve it with these scopes and user levels.
type iscOp struct {
	method, path string   // path as the versioned APIs write it, e.g. "/accounts/{id}"
	versions     []string // the versions that serve it
	scopes       []string
	levels       []string // nil: the operation has no user levels
	tasks        bool     // answers 202 with a task
	handle       func(*Server, *engine.Call) *engine.Response
	// userOnly: the spec accepts user tokens only (no applicationAuth),
	// so an API client without a user is refused even where there are no
	// user levels to check.
	userOnly bool
}

// iscTable is ISC's route table: one row per operation and set of versions
// that agree on what it needs. Handlers read the version from
// Call.Route.API where versions differ (filter and sorter allowlists).
var iscTable = []iscOp{
	{"GET", "/accounts", allVersions, scopesAccountsRead, levelsAccountsRead, false, (*Server).listAccounts, false},
	{"POST", "/accounts", allVersions, scopesAccountsWrite, levelsAccountsWrite, true, (*Server).createAccount, false},
	{"GET", "/accounts/{id}", allVersions, scopesAccountsRead, levelsAccountsRead, false, (*Server).getAccount, false},
	{"PUT", "/accounts/{id}", allVersions, scopesAccountsWrite, levelsAccountsWrite, true, (*Server).putAccount, false},
	{"PATCH", "/accounts/{id}", allVersions, scopesAccountsWrite, levelsAccountsWrite, true, (*Server).patchAccount, false},
	{"DELETE", "/accounts/{id}", allVersions, scopesAccountsWrite, levelsAccountsWrite, true, (*Server).deleteAccount, false},
	{"GET", "/accounts/{id}/entitlements", allVersions, scopesAccountsRead, levelsAccountsRead, false, (*Server).accountEntitlements, false},
	{"POST", "/accounts/{id}/reload", allVersions, scopesAccountsState, levelsAccountsState, true, (*Server).reloadAccount, false},
	{"POST", "/accounts/{id}/enable", allVersions, scopesAccountsState, levelsAccountsState, true, (*Server).enableAccount, false},
	{"POST", "/accounts/{id}/disable", allVersions, scopesAccountsState, levelsAccountsState, true, (*Server).disableAccount, false},
	{"POST", "/accounts/{id}/unlock", allVersions, scopesAccountsState, levelsAccountsState, true, (*Server).unlockAccount, false},
	{"POST", "/accounts/{id}/remove", []string{beta}, scopesAccountsWrite, nil, true, (*Server).removeAccount, false},
	{"POST", "/accounts/{id}/remove", sinceV2024, scopesAccountsWrite, levelsOrgAdmin, true, (*Server).removeAccount, false},

	{"POST", "/identities-accounts/{id}/enable", []string{beta}, scopesAccountsState, levelsAccountsWrite, false, (*Server).enableIdentityAccount, false},
	{"POST", "/identities-accounts/{id}/disable", []string{beta}, scopesAccountsState, levelsAccountsWrite, false, (*Server).disableIdentityAccount, false},
	{"POST", "/identities-accounts/enable", []string{beta}, scopesAccountsState, levelsAccountsWrite, false, (*Server).enableIdentityAccounts, false},
	{"POST", "/identities-accounts/disable", []string{beta}, scopesAccountsState, levelsAccountsWrite, false, (*Server).disableIdentityAccounts, false},
	{"POST", "/identities-accounts/{id}/enable", sinceV2024, scopesIdentityAccts, levelsOrgAdmin, false, (*Server).enableIdentityAccount, false},
	{"POST", "/identities-accounts/{id}/disable", sinceV2024, scopesIdentityAccts, levelsOrgAdmin, false, (*Server).disableIdentityAccount, false},
	{"POST", "/identities-accounts/enable", sinceV2024, scopesIdentityAccts, levelsOrgAdmin, false, (*Server).enableIdentityAccounts, false},
	{"POST", "/identities-accounts/disable", sinceV2024, scopesIdentityAccts, levelsOrgAdmin, false, (*Server).disableIdentityAccounts, false},

	{"GET", "/task-status", sinceBeta, scopesTaskRead, levelsTaskRead, false, (*Server).listTasks, false},
	{"GET", "/task-status/{id}", sinceBeta, scopesTaskRead, levelsTaskRead, false, (*Server).taskStatus, false},

	{"GET", "/sources", []string{beta}, scopesSourcesReadOld, levelsSourcesList, false, (*Server).listSources, false},
	{"GET", "/sources", []string{v3, v2024, v2025, v2026, v1}, scopesSourcesRead, levelsSourcesList, false, (*Server).listSources, false},
	{"GET", "/sources/{id}", []string{beta}, scopesSourcesRead, nil, false, (*Server).getSource, false},
	{"GET", "/sources/{id}", []string{v3, v2024, v2025, v2026, v1}, scopesSourcesRead, levelsSources, false, (*Server).getSource, false},
	{"GET", "/sources/{sourceId}/schemas", allVersions, scopesSchemaRead, levelsSources, false, (*Server).sourceSchemas, false},

	{"GET", "/identities", sinceBeta, scopesIdentityRead, nil, false, (*Server).listIdentities, true},
	{"GET", "/identities/{id}", sinceBeta, scopesIdentityRead, nil, false, (*Server).getIdentity, true},

	// Aggregation and the source tasks; beta spells the parameter
	// {sourceId}, as its spec does.
	{"POST", "/sources/{sourceId}/load-accounts", []string{beta}, scopesSourcesManage, nil, true, (*Server).loadAccounts, true},
	{"POST", "/sources/{id}/load-accounts", sinceV2024, scopesSourcesManage, levelsSources, true, (*Server).loadAccounts, false},
	{"POST", "/sources/{sourceId}/remove-accounts", []string{beta}, scopesAccountsWrite, nil, true, (*Server).removeAccounts, true},
	{"POST", "/sources/{id}/remove-accounts", sinceV2024, scopesAccountsWrite, levelsOrgAdmin, true, (*Server).removeAccounts, true},
	{"POST", "/sources/{sourceId}/load-uncorrelated-accounts", []string{beta}, scopesSourcesManage, nil, true, (*Server).loadUncorrelatedAccounts, true},
	{"POST", "/sources/{id}/load-uncorrelated-accounts", sinceV2024, scopesSourcesManage, levelsOrgAdmin, true, (*Server).loadUncorrelatedAccounts, false},
	{"GET", "/account-aggregations/{id}/status", []string{beta}, scopesAll, nil, false, (*Server).aggregationStatus, true},
	{"GET", "/account-aggregations/{id}/status", sinceV2024, scopesAnyToken, levelsSources, false, (*Server).aggregationStatus, true},
}

// versionPath is the path of an operation in a version: "/v2025/accounts",
// or for v1 the per-service form "/accounts/v1".
func versionPath(version, path string) string {
	if version != v1 {
		return "/" + version + path
	}
	service, rest, _ := strings.Cut(path[1:], "/")
	if rest != "" {
		rest = "/" + rest
	}
	return "/" + service + "/v1" + rest
}

// iscRoutes returns ISC's routes (iscTemplates, shared by every server:
// the token endpoint, then every operation of iscTable in each of its
// versions) and their handlers on s, in the same order. Each handler runs
// holding the tenant lock: for reading (GET), beside other readers, or for
// writing.
func (s *Server) iscRoutes() ([]*engine.Route, []func(*engine.Call) *engine.Response) {
	routes := iscTemplates()
	handles := make([]func(*engine.Call) *engine.Response, len(routes))
	handles[0] = s.token
	i := 1
	for _, op := range iscTable { // in iscTemplates' order
		h := s.locked(op.handle)
		if op.method == "GET" {
			h = s.rlocked(op.handle) // reads run beside each other
		}
		for range op.versions {
			handles[i] = h
			i++
		}
	}
	return routes, handles
}

// iscTemplates are ISC's routes without their handlers (iscRoutes gives
// a server's), built once per process and never changed: a server that
// marks a route Experimental marks a copy (markExperimental).
var iscTemplates = sync.OnceValue(func() []*engine.Route {
	routes := []*engine.Route{{Method: "POST", Pattern: "/oauth/token", Credentials: true, Surface: iscSurface}}
	for _, op := range iscTable {
		for _, v := range op.versions {
			routes = append(routes, &engine.Route{
				Method: op.method, Pattern: versionPath(v, op.path), API: v, Surface: iscSurface,
				Scopes: op.scopes, Levels: op.levels, UserOnly: op.userOnly, Tasks: op.tasks,
			})
		}
	}
	return slices.Clip(routes)
})

// markExperimental marks the routes WithExperimental names, replacing
// each in routes with a marked copy (routes may be shared templates); a
// name that matches no route is an error.
func markExperimental(routes []*engine.Route, names []string) error {
	for _, name := range names {
		method, pattern, ok := strings.Cut(name, " ")
		if !ok {
			method, pattern = "", name
		}
		found := false
		for i, rt := range routes {
			if rt.Pattern == pattern && (method == "" || strings.EqualFold(method, rt.Method)) && !rt.Public() {
				marked := *rt
				marked.Experimental = true
				routes[i], found = &marked, true
			}
		}
		if !found {
			return fmt.Errorf("WithExperimental: %q names no ISC route; write \"GET /v2024/identities\" or \"/v2024/identities\"", name)
		}
	}
	return nil
}
