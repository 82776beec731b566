package engine

import (
	"fmt"
	"net/http"
	"net/url"
)

// Call is one request on its way through the pipeline.
type Call struct {
	// Req is the request.
	Req *http.Request
	// Route is the matched route, nil for an unrouted request.
	Route *Route
	// Body is the request body, read up to the engine's cap.
	Body []byte
	// Token is the caller's valid bearer token, nil when the route is
	// public or authentication is off.
	Token *Token
	// ClientID is the client of the call's token, or the client a token
	// endpoint issued a token to; "" when unknown.
	ClientID string
	// TaskError, set by a fault rule, fails the call's task with this
	// message instead of applying its change.
	TaskError string

	truncate bool                  // a fault rule cuts the body short
	fault    string                // the id of the fault rule that fired, for the journal
	headers  map[string]string     // a fault rule's headers
	handle   func(*Call) *Response // the route's handler on this engine
	query    url.Values            // Req.URL.Query(), parsed once
	path     []pathValue           // the route's wildcards and their values (PathValue)
	pathBuf  [3]pathValue          // where path is kept, for most routes
}

// PathValue returns the value of the wildcard name of the matched
// route's pattern, as http.Request.PathValue does for a ServeMux route;
// "" when the pattern has no such wildcard. The engine finds the values
// without setting them on Req, which costs an allocation per request: a
// handler reads them here. A Call the engine did not route (a test's)
// reads Req's.
func (c *Call) PathValue(name string) string {
	if c.path == nil {
		return c.Req.PathValue(name)
	}
	for _, v := range c.path {
		if v.name == name {
			return v.value
		}
	}
	return ""
}

// setPath finds the call's path values, and sets Req's Pattern, as m
// found them.
func (c *Call) setPath(m routed) {
	c.Req.Pattern = m.pattern
	q := c.Req.URL.Path
	if !m.plain {
		q = c.Req.URL.EscapedPath()
	}
	c.path = pathValues(c.pathBuf[:0], c.Route.Pattern, q)
}

// Query returns the request's query parameters, parsed once per call:
// handlers and the helpers they share read them without parsing again.
// The map is the call's; do not change it.
func (c *Call) Query() url.Values {
	if c.query == nil {
		c.query = c.Req.URL.Query()
	}
	return c.query
}

// HasScope reports whether the call's token grants scope; always true
// when the call has no token to check (authentication off).
func (c *Call) HasScope(scope string) bool { return c.Token == nil || c.Token.HasScope(scope) }

// Response is what a handler returns; the engine writes it.
type Response struct {
	// Status is the HTTP status.
	Status int
	// Header holds headers to send.
	Header http.Header
	// Body is the body (JSON unless Header says otherwise), nil for none.
	Body []byte
	// Err, when Body is nil, is an error the route's surface renders as
	// the body, with a fresh tracking id.
	Err *Error

	abort    bool    // drop the connection instead of answering
	truncate bool    // send half the body, then drop the connection
	pooled   *[]byte // the buffer from BodyBuffer that Body was built in (body.go)
}

// SetHeader sets a response header.
func (r *Response) SetHeader(key, value string) {
	if r.Header == nil {
		r.Header = http.Header{}
	}
	r.Header.Set(key, value)
}

// Error is an error response before its surface renders it.
type Error struct {
	// Status is the HTTP status.
	Status int
	// Code is the surface's own error code (ISC's detailCode, AgileNow's
	// Type); "" lets the surface derive one from Status.
	Code string
	// Text is the message, naming what was wrong and where.
	Text string
}

// Fail returns an error response.
func Fail(status int, code, format string, args ...any) *Response {
	return &Response{Status: status, Err: &Error{Status: status, Code: code, Text: fmt.Sprintf(format, args...)}}
}

// JSON returns status with v as a JSON body.
func JSON(status int, v any) *Response { return &Response{Status: status, Body: Marshal(v)} }

// Raw returns status with body, a JSON document.
func Raw(status int, body []byte) *Response { return &Response{Status: status, Body: body} }

// isError reports whether the response's body is still to be rendered
// from Err.
func (r *Response) isError() bool { return r.Body == nil && r.Err != nil }

// addHeaders sets a fault rule's headers on r.
func (r *Response) addHeaders(h map[string]string) {
	for k, v := range h {
		r.SetHeader(k, v)
	}
}
