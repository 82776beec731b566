package mockisc

import (
	"net/http"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// The dashboard, under /__mockisc/ui/, shows the fake in a browser: the
// request journal, the tenant's accounts, sources, identities and
// AgileNow accounts, the simulation (clock, rate limit, fault rules,
// tasks) and the state. Its pages are rendered on the server with
// html/template and read without JavaScript; its controls post JSON with
// fetch to the admin API, so every change goes through the admin API's
// guard and handlers, and the dashboard itself only ever answers GET.
// It is a Direct surface like the admin API, with the admin API's guard:
// its requests are not journaled, rate limited or faulted. It reads time
// only through the server's clock.

// uiPrefix is where the dashboard lives.
const uiPrefix = adminPrefix + "ui/"

// uiSurface is the dashboard: Direct, guarded by uiAllowed, with the
// admin API's JSON error bodies for requests it does not route.
func (s *Server) uiSurface() *engine.Surface {
	return &engine.Surface{
		Name: "dashboard", Prefixes: []string{uiPrefix}, Direct: true, Operations: "dashboard page",
		Guard: s.uiAllowed,
		Envelope: engine.EnvelopeFunc(func(_ *engine.Call, e *engine.Error, _ string) []byte {
			return adminErrorBody(e.Text)
		}),
	}
}

// uiRoutes returns the dashboard's route table. Every route is a GET.
func (s *Server) uiRoutes() []*engine.Route {
	pages := []struct {
		path string
		h    func(*Server, http.ResponseWriter, *http.Request)
	}{
		{"{$}", (*Server).uiOverview},
		{"requests", (*Server).uiRequests},
		{"requests/{seq}", (*Server).uiRequest},
		{"chart.svg", (*Server).uiChart},
		{"accounts", (*Server).uiAccounts},
		{"accounts/{id}", (*Server).uiAccount},
		{"sources", (*Server).uiSources},
		{"sources/{id}", (*Server).uiSource},
		{"identities", (*Server).uiIdentities},
		{"identities/{id}", (*Server).uiIdentity},
		{"agilenow", (*Server).uiAgileNowAccounts},
		{"agilenow/{id}", (*Server).uiAgileNowAccount},
		{"simulation", (*Server).uiSimulation},
		{"state", (*Server).uiState},
		{"assets/{name}", (*Server).uiAsset},
	}
	routes := make([]*engine.Route, 0, len(pages))
	for _, p := range pages {
		h := p.h
		routes = append(routes, &engine.Route{
			Method: http.MethodGet, Pattern: uiPrefix + p.path,
			Serve: func(w http.ResponseWriter, r *http.Request) { uiHeaders(w); h(s, w, r) },
		})
	}
	return routes
}

// uiAllowed is the admin API's guard (adminAllowed), with two
// allowances for a browser that has not signed in under an admin token:
// the stylesheet and script, which hold no data, load without it, and a
// page answers 401 with the login page instead of JSON.
func (s *Server) uiAllowed(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.adminToken != "" && s.adminCredential(r) == credNone {
		if strings.HasPrefix(r.URL.Path, uiPrefix+"assets/") && r.Method == http.MethodGet {
			return true
		}
		if r.Method == http.MethodGet {
			uiHeaders(w)
			w.Header().Set("WWW-Authenticate", `Bearer realm="mockisc admin"`)
			s.uiRender(w, http.StatusUnauthorized, "login", uiView{Title: "Sign in", Nav: "login"})
			return false
		}
	}
	return s.adminAllowed(w, r)
}

// uiHeaders sets the headers of every dashboard answer: no framing (no
// clickjacking of its buttons), scripts and styles from the dashboard
// only, no caching of the tenant's data.
func uiHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}
