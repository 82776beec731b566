package mockisc

import "net/http"

// Scopes and user levels of ISC's accounts and task-status operations.
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

// route is one operation: its method and ServeMux path pattern, the API
// version it counts against for rate limiting, what a token needs, and the
// handler. A nil scopes list means no token is needed.
type route struct {
	method  string
	pattern string
	api     string
	scopes  []string
	levels  []string
	handle  func(*Server, *call) *response
}

// routeTable lists every route the server answers, in one place.
func routeTable() []*route {
	return []*route{
		{"POST", "/oauth/token", "oauth", nil, nil, (*Server).token},

		{"GET", "/v3/accounts", "v3", scopesAccountsRead, levelsAccountsRead, (*Server).listAccounts},
		{"POST", "/v3/accounts", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).createAccount},
		{"GET", "/v3/accounts/{id}", "v3", scopesAccountsRead, levelsAccountsRead, (*Server).getAccount},
		{"PUT", "/v3/accounts/{id}", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).putAccount},
		{"PATCH", "/v3/accounts/{id}", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).patchAccount},
		{"DELETE", "/v3/accounts/{id}", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).deleteAccount},
		{"GET", "/v3/accounts/{id}/entitlements", "v3", scopesAccountsRead, levelsAccountsRead, (*Server).accountEntitlements},
		{"POST", "/v3/accounts/{id}/reload", "v3", scopesAccountsState, levelsAccountsState, (*Server).reloadAccount},
		{"POST", "/v3/accounts/{id}/enable", "v3", scopesAccountsState, levelsAccountsState, (*Server).enableAccount},
		{"POST", "/v3/accounts/{id}/disable", "v3", scopesAccountsState, levelsAccountsState, (*Server).disableAccount},
		{"POST", "/v3/accounts/{id}/unlock", "v3", scopesAccountsState, levelsAccountsState, (*Server).unlockAccount},

		{"GET", "/v2025/task-status/{id}", "v2025", scopesTaskRead, levelsTaskRead, (*Server).taskStatus},
		{"GET", "/beta/task-status/{id}", "beta", scopesTaskRead, levelsTaskRead, (*Server).taskStatus},
	}
}

// routeHandler serves one route through the server's pipeline.
type routeHandler struct {
	s  *Server
	rt *route
}

func (h *routeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.s.serveRoute(w, r, h.rt) }

func (s *Server) buildMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range routeTable() {
		mux.Handle(rt.method+" "+rt.pattern, &routeHandler{s: s, rt: rt})
	}
	return mux
}
