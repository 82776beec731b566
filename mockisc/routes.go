package mockisc

import (
	"net/http"
	"slices"
)

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

// API families: each answers errors in its own envelope.
const (
	familyISC      = iota // ISC's ErrorResponseDto
	familyAgileNow        // the AgileNow (eSystems) Endpoint error envelope
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
	family  int
	// alsoScopes, when set, is a second "any one of" list the token must
	// also satisfy (AgileNow's upsert needs a create and an update scope).
	alsoScopes []string
	// serve, when set, answers the request itself, outside the pipeline:
	// no body cap, token, simulation or journal (the admin API).
	serve func(*Server, http.ResponseWriter, *http.Request)
}

// routeTable lists every route the server answers: ISC's here, then the
// AgileNow API's and the admin API's from their own tables.
func routeTable() []*route {
	return slices.Concat(iscRoutes(), agileNowRoutes(), adminRoutes())
}

// iscRoutes lists ISC's routes.
func iscRoutes() []*route {
	return []*route{
		op("POST", "/oauth/token", "oauth", nil, nil, (*Server).token),

		op("GET", "/v3/accounts", "v3", scopesAccountsRead, levelsAccountsRead, (*Server).listAccounts),
		op("POST", "/v3/accounts", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).createAccount),
		op("GET", "/v3/accounts/{id}", "v3", scopesAccountsRead, levelsAccountsRead, (*Server).getAccount),
		op("PUT", "/v3/accounts/{id}", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).putAccount),
		op("PATCH", "/v3/accounts/{id}", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).patchAccount),
		op("DELETE", "/v3/accounts/{id}", "v3", scopesAccountsWrite, levelsAccountsWrite, (*Server).deleteAccount),
		op("GET", "/v3/accounts/{id}/entitlements", "v3", scopesAccountsRead, levelsAccountsRead, (*Server).accountEntitlements),
		op("POST", "/v3/accounts/{id}/reload", "v3", scopesAccountsState, levelsAccountsState, (*Server).reloadAccount),
		op("POST", "/v3/accounts/{id}/enable", "v3", scopesAccountsState, levelsAccountsState, (*Server).enableAccount),
		op("POST", "/v3/accounts/{id}/disable", "v3", scopesAccountsState, levelsAccountsState, (*Server).disableAccount),
		op("POST", "/v3/accounts/{id}/unlock", "v3", scopesAccountsState, levelsAccountsState, (*Server).unlockAccount),

		op("GET", "/v2025/task-status/{id}", "v2025", scopesTaskRead, levelsTaskRead, (*Server).taskStatus),
		op("GET", "/beta/task-status/{id}", "beta", scopesTaskRead, levelsTaskRead, (*Server).taskStatus),
	}
}

// op makes an ISC route.
func op(method, pattern, api string, scopes, levels []string, h func(*Server, *call) *response) *route {
	return &route{method: method, pattern: pattern, api: api, scopes: scopes, levels: levels, handle: h, family: familyISC}
}

// routeHandler serves one route through the server's pipeline.
type routeHandler struct {
	s  *Server
	rt *route
}

func (h *routeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.rt.serve != nil {
		h.rt.serve(h.s, w, r)
		return
	}
	h.s.serveRoute(w, r, h.rt)
}

func (s *Server) buildMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range routeTable() {
		mux.Handle(rt.method+" "+rt.pattern, &routeHandler{s: s, rt: rt})
	}
	return mux
}
