package mockisc

import (
	"crypto/subtle"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/strictjson"
)

// The admin API, under /__mockisc/, drives the fake from outside Go: a
// shell, a script in any language, a CI job. Its routes need no ISC token
// and answer outside the pipeline: the rate limiter and fault rules never
// see them, and they are not journaled, so Journal().Count reports only
// the API calls of the code under test. Errors are {"error": "..."}. It
// uses only what the direct Go API offers.
//
// Who may call it: without an admin token (WithAdminToken), only clients
// whose connection comes from a loopback address (r.RemoteAddr is
// 127.0.0.0/8 or ::1; in-process calls count as loopback); everyone else
// gets 403. X-Forwarded-For and similar headers are not trusted, so behind
// a proxy on the same host every client looks local: give a token then.
// With a token, every caller, local or not, must send
// "Authorization: Bearer <token>" or gets 401.

// adminPrefix is where the admin API lives.
const adminPrefix = "/__mockisc/"

// adminMaxBody caps admin request bodies (a state can be large).
const adminMaxBody = 1 << 30

// adminSurface is the admin API: Direct (outside the pipeline), guarded
// by adminAllowed, with {"error": text} bodies for everything under
// adminPrefix, unrouted requests included.
func (s *Server) adminSurface() *engine.Surface {
	return &engine.Surface{
		Name: "admin", Prefixes: []string{adminPrefix}, Direct: true, Operations: "admin operation",
		Guard: s.adminAllowed,
		Envelope: engine.EnvelopeFunc(func(_ *engine.Call, e *engine.Error, _ string) []byte {
			return adminErrorBody(e.Text)
		}),
	}
}

// adminRoutes returns the admin API's route table.
func (s *Server) adminRoutes() []*engine.Route {
	ops := []struct {
		method, path string
		h            func(*Server, http.ResponseWriter, *http.Request)
	}{
		{"GET", "health", (*Server).adminHealth},
		{"POST", "reset", (*Server).adminReset},
		{"GET", "state", (*Server).adminGetState},
		{"PUT", "state", (*Server).adminPutState},
		{"GET", "requests", (*Server).adminGetRequests},
		{"DELETE", "requests", (*Server).adminDeleteRequests},
		{"GET", "faults", (*Server).adminGetFaults},
		{"POST", "faults", (*Server).adminPostFault},
		{"DELETE", "faults", (*Server).adminClearFaults},
		{"DELETE", "faults/{id}", (*Server).adminDeleteFault},
		{"GET", "clock", (*Server).adminGetClock},
		{"POST", "clock", (*Server).adminPostClock},
		{"GET", "rate-limit", (*Server).adminGetRateLimit},
		{"PUT", "rate-limit", (*Server).adminPutRateLimit},
		{"POST", "tasks/complete", (*Server).adminCompleteTasks},
		{"GET", "tasks/delay", (*Server).adminGetTaskDelay},
		{"PUT", "tasks/delay", (*Server).adminPutTaskDelay},
	}
	routes := make([]*engine.Route, 0, len(ops))
	for _, op := range ops {
		h := op.h
		routes = append(routes, &engine.Route{
			Method: op.method, Pattern: adminPrefix + op.path,
			Serve: func(w http.ResponseWriter, r *http.Request) { h(s, w, r) },
		})
	}
	return routes
}

// adminAllowed checks the caller (see the comment at the top of the file)
// and answers the refusal itself.
func (s *Server) adminAllowed(w http.ResponseWriter, r *http.Request) bool {
	if tok := s.cfg.adminToken; tok != "" {
		scheme, value, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if strings.EqualFold(scheme, "Bearer") && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(value)), []byte(tok)) == 1 {
			return true
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="mockisc admin"`)
		adminError(w, http.StatusUnauthorized, "the admin API needs Authorization: Bearer <admin token>")
		return false
	}
	if isLoopback(r.RemoteAddr) {
		return true
	}
	adminError(w, http.StatusForbidden, "the admin API answers loopback clients only; start the server with an admin token to allow "+r.RemoteAddr)
	return false
}

// isLoopback reports whether a RemoteAddr ("host:port") is a loopback
// address.
func isLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

func adminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(engine.Marshal(v), '\n'))
}

func adminErrorBody(msg string) []byte {
	return append(engine.Marshal(map[string]string{"error": msg}), '\n')
}

func adminError(w http.ResponseWriter, status int, msg string) {
	adminJSON(w, status, map[string]string{"error": msg})
}

// adminBody reads and strictly decodes a JSON request body into v; on
// error it answers 400 naming the JSON path, and returns false.
func adminBody(w http.ResponseWriter, r *http.Request, v any) bool {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, adminMaxBody))
	if err != nil {
		adminError(w, http.StatusBadRequest, "could not read the body: "+err.Error())
		return false
	}
	if err := strictjson.Decode(b, v); err != nil {
		adminError(w, http.StatusBadRequest, err.Error())
		return false
	}
	return true
}
