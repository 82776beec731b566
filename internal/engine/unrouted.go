package engine

import (
	"net/http"
	"strings"
)

// probeMethods are the methods an unrouted request's path is probed with
// for a 405's Allow header, in the order Allow lists them.
var probeMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// unrouted answers a request no route matches: 405 with Allow when the
// path has routes under other methods, else 404, in s's envelope.
func (e *Engine) unrouted(r *http.Request, s *Surface) *Response {
	var allow []string
	for _, m := range probeMethods {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if e.match(probe) != nil {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		list := strings.Join(allow, ", ")
		resp := Fail(http.StatusMethodNotAllowed, "", "method %s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, list)
		resp.SetHeader("Allow", list)
		return resp
	}
	noun := s.Operations
	if noun == "" {
		noun = "API operation"
	}
	return Fail(http.StatusNotFound, "", "no %s matches %s %s", noun, r.Method, r.URL.Path)
}
