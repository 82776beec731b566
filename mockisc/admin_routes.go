package mockisc

import (
	"errors"
	"fmt"
	"io"
	"net/http"

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
// Who may call it: see admin_guard.go.

// adminPrefix is where the admin API lives.
const adminPrefix = "/__mockisc/"

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

// adminOp is one operation of the admin API.
type adminOp struct {
	method, pattern string
	h               func(*Server, http.ResponseWriter, *http.Request)
}

// adminOps is the admin API's route table.
var adminOps = []adminOp{
	{"GET", adminPrefix + "health", (*Server).adminHealth},
	{"POST", adminPrefix + "reset", (*Server).adminReset},
	{"GET", adminPrefix + "state", (*Server).adminGetState},
	{"PUT", adminPrefix + "state", (*Server).adminPutState},
	{"GET", adminPrefix + "requests", (*Server).adminGetRequests},
	{"DELETE", adminPrefix + "requests", (*Server).adminDeleteRequests},
	{"GET", adminPrefix + "faults", (*Server).adminGetFaults},
	{"POST", adminPrefix + "faults", (*Server).adminPostFault},
	{"DELETE", adminPrefix + "faults", (*Server).adminClearFaults},
	{"DELETE", adminPrefix + "faults/{id}", (*Server).adminDeleteFault},
	{"GET", adminPrefix + "clock", (*Server).adminGetClock},
	{"POST", adminPrefix + "clock", (*Server).adminPostClock},
	{"GET", adminPrefix + "rate-limit", (*Server).adminGetRateLimit},
	{"PUT", adminPrefix + "rate-limit", (*Server).adminPutRateLimit},
	{"POST", adminPrefix + "tasks/complete", (*Server).adminCompleteTasks},
	{"GET", adminPrefix + "tasks/delay", (*Server).adminGetTaskDelay},
	{"PUT", adminPrefix + "tasks/delay", (*Server).adminPutTaskDelay},
	{"POST", adminPrefix + "session", (*Server).adminPostSession},
	{"DELETE", adminPrefix + "session", (*Server).adminDeleteSession},
}

// adminRoutes returns the admin API's routes, bound to s.
func (s *Server) adminRoutes() []*engine.Route {
	routes := make([]engine.Route, len(adminOps)) // one allocation for them all
	out := make([]*engine.Route, len(adminOps))
	for i, op := range adminOps {
		h := op.h
		routes[i] = engine.Route{
			Method: op.method, Pattern: op.pattern,
			Serve: func(w http.ResponseWriter, r *http.Request) { h(s, w, r) },
		}
		out[i] = &routes[i]
	}
	return out
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

// adminBody reads and strictly decodes a JSON request body into v, up to
// limit bytes; on error it answers 400 naming the JSON path (413 past the
// limit), and returns false.
func adminBody(w http.ResponseWriter, r *http.Request, v any, limit int64, option string) bool {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			adminError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body exceeds the limit of %d bytes (%s)", limit, option))
			return false
		}
		adminError(w, http.StatusBadRequest, "could not read the body: "+err.Error())
		return false
	}
	if err := strictjson.Decode(b, v); err != nil {
		adminError(w, http.StatusBadRequest, err.Error())
		return false
	}
	return true
}

// body reads an admin body other than a state, capped by WithMaxBodyBytes.
func (s *Server) body(w http.ResponseWriter, r *http.Request, v any) bool {
	return adminBody(w, r, v, s.cfg.maxBody, "WithMaxBodyBytes")
}
