package mockisc

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
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
	resp, _, ok := s.eng.Invoke(httptest.NewRequest(http.MethodGet, target, nil))
	if !ok {
		return uiAnswer{Status: http.StatusNotFound, Err: "no API operation serves GET " + u.Path}
	}
	a := uiAnswer{Status: resp.Status, Header: resp.Header, Body: resp.Body}
	if resp.Body == nil && resp.Err != nil {
		a.Err = resp.Err.Text
	}
	return a
}

// uiTotal returns the X-Total-Count header of an answer, or -1.
func (a uiAnswer) uiTotal() int {
	n, err := strconv.Atoi(a.Header.Get("X-Total-Count"))
	if err != nil {
		return -1
	}
	return n
}
