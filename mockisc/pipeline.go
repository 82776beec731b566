package mockisc

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// call is one request on its way through the pipeline.
type call struct {
	r        *http.Request
	route    *route
	tok      *token // the bearer token, nil when none was valid
	clientID string
	body     []byte
	// family is the error envelope of an unrouted call (a route's own
	// family wins when there is a route).
	family int
	// Set by a fault rule: the task of a mutation fails with taskError;
	// truncate cuts the response body short.
	taskError string
	truncate  bool
	headers   map[string]string
}

// ServeHTTP serves one request: the ISC routes, and ISC's 404 and 405
// error bodies for everything else.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, _ := s.mux.Handler(r)
	if _, ok := h.(*routeHandler); ok {
		s.mux.ServeHTTP(w, r)
		return
	}
	c := &call{r: r, family: familyOfPath(r.URL.Path)}
	s.finish(w, c, s.unrouted(r))
}

// unrouted answers a request no route matches: 405 with Allow when the
// path exists under another method, else 404.
func (s *Server) unrouted(r *http.Request) *response {
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if h, _ := s.mux.Handler(probe); h != nil {
			if _, ok := h.(*routeHandler); ok {
				allow = append(allow, m)
			}
		}
	}
	if len(allow) > 0 {
		resp := iscError(http.StatusMethodNotAllowed, detailMethod,
			fmt.Sprintf("method %s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		resp.header = http.Header{"Allow": {strings.Join(allow, ", ")}}
		return resp
	}
	return notFound("no API operation matches %s %s", r.Method, r.URL.Path)
}

// serveRoute runs the pipeline for a matched route: read the body,
// authenticate, simulate (rate limits, faults), authorize, handle.
func (s *Server) serveRoute(w http.ResponseWriter, r *http.Request, rt *route) {
	c := &call{r: r, route: rt}
	s.finish(w, c, s.pipeline(c))
}

func (s *Server) pipeline(c *call) *response {
	if resp := s.readBody(c); resp != nil {
		return resp
	}
	if resp := s.simulate(c, s.authenticate(c)); resp != nil {
		return resp
	}
	if resp := s.authorize(c); resp != nil {
		return resp
	}
	s.lock()
	defer s.mu.Unlock()
	resp := c.route.handle(s, c)
	resp.truncate = resp.truncate || c.truncate
	addHeaders(resp, c.headers)
	return resp
}

// readBody reads the request body up to the size cap.
func (s *Server) readBody(c *call) *response {
	if c.r.Body == nil || c.r.Body == http.NoBody {
		return nil
	}
	limit := s.cfg.maxBody
	if c.r.ContentLength > limit {
		return iscError(http.StatusRequestEntityTooLarge, detailTooLarge,
			fmt.Sprintf("request body of %d bytes exceeds the limit of %d bytes", c.r.ContentLength, limit))
	}
	b, err := io.ReadAll(io.LimitReader(c.r.Body, limit+1))
	if err != nil {
		return badRequest("could not read the request body: %v", err)
	}
	if int64(len(b)) > limit {
		return iscError(http.StatusRequestEntityTooLarge, detailTooLarge,
			fmt.Sprintf("request body exceeds the limit of %d bytes", limit))
	}
	c.body = b
	return nil
}

// finish writes resp and records the request in the journal.
func (s *Server) finish(w http.ResponseWriter, c *call, resp *response) {
	if resp.isError() {
		s.mu.Lock()
		tracking := s.ids.next()
		s.mu.Unlock()
		resp.body = s.errorEnvelope(c, resp, tracking)
	}
	s.jr.add(s.now(), c, resp)
	if resp.abort {
		panic(http.ErrAbortHandler)
	}
	h := w.Header()
	for k, v := range resp.header {
		h[k] = slices.Clone(v)
	}
	body := resp.body
	if body != nil {
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", "application/json")
		}
		if resp.truncate {
			h.Set("Content-Length", fmt.Sprint(len(body)))
			body = body[:len(body)/2]
		}
	}
	w.WriteHeader(resp.status)
	if body != nil {
		_, _ = w.Write(body)
	}
	if resp.truncate {
		panic(http.ErrAbortHandler)
	}
}

// requireJSON checks that a request carries a JSON body of the given media
// type.
func requireContentType(c *call, want string) *response {
	ct := c.r.Header.Get("Content-Type")
	media, _, _ := strings.Cut(ct, ";")
	media = strings.TrimSpace(strings.ToLower(media))
	if media != want {
		if ct == "" {
			ct = "none"
		}
		return iscError(http.StatusUnsupportedMediaType, detailMediaType,
			fmt.Sprintf("Content-Type %s is not supported here; send %s", ct, want))
	}
	return nil
}

// errorEnvelope builds the body of an error response in the shape of the
// route's API family.
func (s *Server) errorEnvelope(c *call, resp *response, tracking string) []byte {
	if c.family == familyAgileNow || (c.route != nil && c.route.family == familyAgileNow) {
		return agileNowError(c, resp, tracking)
	}
	switch resp.status {
	case http.StatusUnauthorized:
		return marshal(map[string]string{"error": resp.errText})
	case http.StatusTooManyRequests:
		return marshal(map[string]string{"message": resp.errText})
	}
	return marshal(errorBody{
		DetailCode: resp.errDetail,
		TrackingID: tracking,
		Messages:   []errorMessage{{Locale: "en-US", LocaleOrigin: "DEFAULT", Text: resp.errText}},
		Causes:     []errorMessage{},
	})
}
