package mockisc

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// The dashboard reads the tenant through the API's own route handlers,
// called in process: the account, source, identity and AgileNow tables
// get ISC's (and AgileNow's) filters, sorters, paging and error texts
// exactly as a client does, and the dashboard depends on the handlers'
// contract (a request in, a response out), not on how the store keeps
// its objects. The calls bypass the pipeline: no token, fault rule, rate
// limit or latency applies, and the journal does not see them, so
// looking at the fake never changes what it shows.

// uiAnswer is what a handler answered to the dashboard.
type uiAnswer struct {
	Status int
	Header http.Header
	Body   []byte // the JSON document; nil on an error
	Err    string // the error text, "" on success
}

// uiRead answers GET target (a path with its query, e.g.
// "/v3/accounts?limit=50") with the handler of the route that serves it.
func (s *Server) uiRead(target string) uiAnswer {
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return uiAnswer{Status: http.StatusBadRequest, Err: err.Error()}
	}
	rt := s.eng.Match(http.MethodGet, u.Path)
	if rt == nil || rt.Handle == nil {
		return uiAnswer{Status: http.StatusNotFound, Err: "no API operation serves GET " + u.Path}
	}
	req := httptest.NewRequest(http.MethodGet, target, nil)
	setPathValues(req, rt.Pattern)
	resp := rt.Handle(&engine.Call{Req: req, Route: rt})
	a := uiAnswer{Status: resp.Status, Header: resp.Header, Body: resp.Body}
	if resp.Body == nil && resp.Err != nil {
		a.Err = resp.Err.Text
	}
	return a
}

// setPathValues sets r's path values from pattern's wildcards ("{id}"),
// as http.ServeMux would.
func setPathValues(r *http.Request, pattern string) {
	pat := strings.Split(pattern, "/")
	got := strings.Split(r.URL.Path, "/")
	for i, seg := range pat {
		if i < len(got) && strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name := strings.TrimSuffix(strings.Trim(seg, "{}"), "...")
			r.SetPathValue(name, got[i])
		}
	}
}

// uiTotal returns the X-Total-Count header of an answer, or -1.
func (a uiAnswer) uiTotal() int {
	n, err := strconv.Atoi(a.Header.Get("X-Total-Count"))
	if err != nil {
		return -1
	}
	return n
}
