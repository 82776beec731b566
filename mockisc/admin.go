package mockisc

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mockisc/mockisc/internal/strictjson"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// The admin API, under /__mockisc/, drives the fake from outside Go: a
// shell, a script in any language, a CI job. Its routes need no ISC token
// and answer outside the ISC pipeline: the rate limiter and fault rules
// never see them, and they are not journaled, so Journal().Count reports
// only the API calls of the code under test. Errors are {"error": "..."}.
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

// WithAdminToken requires every admin API call to carry
// "Authorization: Bearer <tok>", and then accepts calls from any address.
// Without it the admin API answers loopback clients only.
func WithAdminToken(tok string) Option {
	return func(c *config) error {
		if strings.TrimSpace(tok) != tok || tok == "" {
			return errors.New("WithAdminToken: the token is empty or has surrounding spaces")
		}
		c.adminToken = tok
		return nil
	}
}

// adminRoutes lists the admin API's routes under /__mockisc/.
func adminRoutes() []*route {
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
	}
	var rts []*route
	for _, op := range ops {
		rts = append(rts, adminRoute(op.method, adminPrefix+op.path, op.h))
	}
	// Anything else under the prefix: 405 with Allow, or 404, as JSON.
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		rts = append(rts, adminRoute(m, adminPrefix, (*Server).adminUnrouted))
	}
	return rts
}

func adminRoute(method, pattern string, h func(*Server, http.ResponseWriter, *http.Request)) *route {
	return &route{
		method: method, pattern: pattern, api: "admin", family: familyISC,
		serve: func(s *Server, w http.ResponseWriter, r *http.Request) {
			if s.adminAllowed(w, r) {
				h(s, w, r)
			}
		},
	}
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
	_, _ = w.Write(append(marshal(v), '\n'))
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

func (s *Server) adminUnrouted(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"DELETE", "GET", "POST", "PUT"} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != m+" "+adminPrefix {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		adminError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	adminError(w, http.StatusNotFound, "no admin operation matches "+r.Method+" "+r.URL.Path)
}

func (s *Server) adminHealth(w http.ResponseWriter, r *http.Request) {
	st := s.Snapshot()
	adminJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "time": formatTime(s.now()),
		"sources": len(st.Sources), "identities": len(st.Identities), "accounts": len(st.Accounts),
	})
}

func (s *Server) adminReset(w http.ResponseWriter, r *http.Request) {
	s.Reset()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminGetState(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, s.Snapshot())
}

func (s *Server) adminPutState(w http.ResponseWriter, r *http.Request) {
	var st State
	if !adminBody(w, r, &st) {
		return
	}
	if err := s.Restore(st); err != nil {
		adminError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "mockisc: "))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// adminEntry is a journal entry as the admin API shows it: the body as
// JSON when it is JSON, else as text.
type adminEntry struct {
	Entry
	Body any `json:"body,omitempty"`
}

func (s *Server) adminGetRequests(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	entries := s.jr.Find(q.Get("method"), q.Get("path"))
	out := make([]adminEntry, 0, len(entries))
	for _, e := range entries {
		ae := adminEntry{Entry: e}
		switch {
		case len(e.Body) == 0:
		case json.Valid(e.Body):
			ae.Body = json.RawMessage(e.Body)
		case utf8.Valid(e.Body):
			ae.Body = string(e.Body)
		default:
			ae.Body = e.Body
		}
		out = append(out, ae)
	}
	adminJSON(w, http.StatusOK, out)
}

func (s *Server) adminDeleteRequests(w http.ResponseWriter, r *http.Request) {
	s.jr.Clear()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminGetFaults(w http.ResponseWriter, r *http.Request) {
	f := s.Faults()
	if f == nil {
		f = []Fault{}
	}
	adminJSON(w, http.StatusOK, f)
}

func (s *Server) adminPostFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !adminBody(w, r, &f) {
		return
	}
	added, err := s.AddFault(f)
	if err != nil {
		adminError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "mockisc: "))
		return
	}
	adminJSON(w, http.StatusCreated, added)
}

func (s *Server) adminClearFaults(w http.ResponseWriter, r *http.Request) {
	s.ClearFaults()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminDeleteFault(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !s.RemoveFault(id) {
		adminError(w, http.StatusNotFound, fmt.Sprintf("no fault rule %q", id))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// adminClock is the clock as the admin API shows it.
type adminClock struct {
	Now    string `json:"now"`
	Manual bool   `json:"manual"`
}

func (s *Server) adminGetClock(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, adminClock{Now: formatTime(s.clock.Now()), Manual: s.clock.Manual()})
}

// adminClockChange is the body of POST /__mockisc/clock: exactly one of
// Advance (a Go duration, may be negative) and Set (RFC 3339).
type adminClockChange struct {
	Advance *Duration `json:"advance"`
	Set     *string   `json:"set"`
}

func (s *Server) adminPostClock(w http.ResponseWriter, r *http.Request) {
	var ch adminClockChange
	if !adminBody(w, r, &ch) {
		return
	}
	switch {
	case (ch.Advance == nil) == (ch.Set == nil):
		adminError(w, http.StatusBadRequest, `send exactly one of "advance" (like "10s") and "set" (RFC 3339)`)
		return
	case ch.Advance != nil:
		s.clock.Advance(time.Duration(*ch.Advance))
	default:
		t, err := time.Parse(time.RFC3339Nano, *ch.Set)
		if err != nil {
			adminError(w, http.StatusBadRequest, fmt.Sprintf("set: %q is not an RFC 3339 time", *ch.Set))
			return
		}
		s.clock.Set(t)
	}
	s.adminGetClock(w, r)
}

func (s *Server) adminGetRateLimit(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, s.RateLimit())
}

func (s *Server) adminPutRateLimit(w http.ResponseWriter, r *http.Request) {
	var rl RateLimit
	if !adminBody(w, r, &rl) {
		return
	}
	if err := s.SetRateLimit(rl); err != nil {
		adminError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "mockisc: "))
		return
	}
	adminJSON(w, http.StatusOK, s.RateLimit())
}

func (s *Server) adminCompleteTasks(w http.ResponseWriter, r *http.Request) {
	adminJSON(w, http.StatusOK, map[string]int{"completed": s.CompleteTasks()})
}
