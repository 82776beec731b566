package engine

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// pipeline runs a matched route: read the body, authenticate, simulate
// (faults, latency, rate limit), authorize, check the query, handle; a
// fault rule's headers are added to the answer, whatever it is. A panic
// on the way is a 500 (see recovered).
func (e *Engine) pipeline(c *Call) (resp *Response) {
	defer func() {
		if v := recover(); v != nil {
			resp = e.recovered(c.Req, c.Route, v)
		}
		resp.addHeaders(c.headers) // a firing rule's headers go on whatever is answered
	}()
	return e.run(c)
}

func (e *Engine) run(c *Call) *Response {
	if resp := e.readBody(c); resp != nil {
		return resp
	}
	// The experimental header is checked with the token, as the gateway
	// does: its 400, like a 401, comes after the fault rules and before
	// the rate limiter counts the call.
	// One reading of the clock serves the token's expiry, the fault
	// rules and (unless a latency was slept) the rate limiter.
	now := e.cfg.Clock.Now()
	held := e.authenticate(c, now)
	if held == nil {
		held = e.experimental(c)
	}
	if resp := e.simulate(c, held, now); resp != nil {
		return resp
	}
	if resp := e.authorize(c); resp != nil {
		return resp
	}
	if !c.Route.Credentials { // a token endpoint reports a bad query in its own terms
		if name, err := CheckQuery(c.Req.URL.RawQuery); err != nil {
			return Fail(http.StatusBadRequest, CodeBadQuery, "%s", BadQueryText(name, err))
		}
	}
	resp := c.handle(c)
	resp.truncate = resp.truncate || c.truncate
	return resp
}

// readBody reads the request body up to the size cap.
func (e *Engine) readBody(c *Call) *Response {
	if c.Req.Body == nil || c.Req.Body == http.NoBody {
		return nil
	}
	limit := e.cfg.MaxBody
	if c.Req.ContentLength > limit {
		return Fail(http.StatusRequestEntityTooLarge, "",
			"request body of %d bytes exceeds the limit of %d bytes", c.Req.ContentLength, limit)
	}
	b, err := io.ReadAll(io.LimitReader(c.Req.Body, limit+1))
	if err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			return Fail(http.StatusRequestTimeout, "", "the request body did not arrive within the server's read timeout")
		}
		return Fail(http.StatusBadRequest, "", "could not read the request body: %v", err)
	}
	if int64(len(b)) > limit {
		return Fail(http.StatusRequestEntityTooLarge, "", "request body exceeds the limit of %d bytes", limit)
	}
	c.Body = b
	return nil
}

// authenticate resolves the bearer token, valid at now. It returns the
// 401 to send if the route needs a token and has none valid; simulate
// sends it after the fault rules and latency had their say.
func (e *Engine) authenticate(c *Call, now time.Time) *Response {
	if c.Route.Public() || !e.cfg.Auth {
		return nil
	}
	scheme, value, ok := strings.Cut(headerValue(c.Req.Header, "Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(value) == "" {
		return Unauthorized(TextNoToken)
	}
	tok := e.cfg.Tokens.Lookup(strings.TrimSpace(value))
	if tok == nil {
		// An expired token the table forgot is still expired, not
		// unknown.
		if id, exp, ok := Forgotten(strings.TrimSpace(value)); ok && !now.Before(exp) {
			c.ClientID = id
			return Unauthorized(TextExpiredToken)
		}
		return Unauthorized(TextBadToken)
	}
	c.ClientID = tok.ClientID
	if !now.Before(tok.Expires) {
		return Unauthorized(TextExpiredToken)
	}
	c.Token = tok
	return nil
}

// simulate gives the simulation its say before a call is authorized and
// handled. In order: the fault rules are checked (the first rule that
// fires acts); the global latency and the rule's latency are slept; a
// rule's status, drop or truncate is applied; then authResp (the 401 the
// call earned) is sent; then the rate limiter counts the call, if its
// route is limited. now is the clock when the call came in. A non-nil
// response is sent instead of handling.
func (e *Engine) simulate(c *Call, authResp *Response, now time.Time) *Response {
	f := e.cfg.Rules.Fire(sim.Request{
		Method: c.Req.Method, Path: c.Req.URL.Path, Route: c.Route.Pattern,
		ClientID: c.ClientID, Tasks: c.Route.Tasks,
	}, now)
	wait := e.cfg.Delay.Draw()
	if f != nil {
		wait += f.Latency
	}
	if !sim.Sleep(c.Req.Context(), wait) {
		return &Response{abort: true}
	}
	if wait > 0 {
		now = e.cfg.Clock.Now()
	}
	if f != nil {
		c.fault = f.ID
		c.TaskError = f.TaskError
		c.truncate = f.Truncate
		c.headers = f.Headers
		if resp := faultAnswer(f, e.cfg.FaultRetryAfter); resp != nil {
			return resp
		}
	}
	if authResp != nil {
		return authResp
	}
	if !c.Route.Limited() {
		return nil
	}
	if ok, wait := e.cfg.Limiter.Allow(c.ClientID, c.Route.API, now); !ok {
		return RateLimited(sim.RetryAfter(wait))
	}
	return nil
}

// faultAnswer is the response a firing rule sends instead of handling,
// or nil when the rule lets the call through. retryAfter is
// Config.FaultRetryAfter: when set, a 429 or 503 carries it as
// Retry-After (a 429 carries "1" otherwise); the rule's own headers are
// set last, so they win.
func faultAnswer(f *sim.Fault, retryAfter string) *Response {
	var resp *Response
	switch {
	case f.Drop:
		resp = &Response{abort: true}
	case f.Status != 0 && len(f.Body) > 0:
		resp = Raw(f.Status, slices.Clone(f.Body))
	case f.Status == http.StatusTooManyRequests:
		resp = RateLimited("1")
	case f.Status == http.StatusUnauthorized:
		resp = Unauthorized(TextBadToken)
	case f.Status != 0:
		resp = Fail(f.Status, "", "%s", FaultText(f.Status))
	default:
		return nil
	}
	if retryAfter != "" && (f.Status == http.StatusTooManyRequests || f.Status == http.StatusServiceUnavailable) {
		resp.SetHeader("Retry-After", retryAfter)
	}
	resp.addHeaders(f.Headers)
	return resp
}

// CodeExperimental is the Code of the 400 a route marked Experimental
// answers without "X-SailPoint-Experimental: true".
const CodeExperimental = "experimental"

// TextExperimental is that 400's message, as ISC words it.
const TextExperimental = "Experimental Header is missing or invalid."

// experimental refuses a call to an Experimental route that lacks the
// header.
func (e *Engine) experimental(c *Call) *Response {
	if !c.Route.Experimental || strings.EqualFold(strings.TrimSpace(headerValue(c.Req.Header, "X-Sailpoint-Experimental")), "true") {
		return nil
	}
	return Fail(http.StatusBadRequest, CodeExperimental, "%s", TextExperimental)
}

// authorize checks the token's scopes and user levels against the route.
func (e *Engine) authorize(c *Call) *Response {
	rt := c.Route
	if rt.Public() || !e.cfg.Auth {
		return nil
	}
	t := c.Token
	if rt.UserOnly && !t.User {
		return Fail(http.StatusForbidden, "", "%s %s needs a user context (a personal access token); client %q is an API client without a user",
			rt.Method, rt.Pattern, t.ClientID)
	}
	if len(rt.Scopes) > 0 && !t.HasScope(rt.Scopes...) {
		return Fail(http.StatusForbidden, "", "%s %s needs one of the scopes %s; the token has %s",
			rt.Method, rt.Pattern, strings.Join(rt.Scopes, ", "), strings.Join(t.Scopes, ", "))
	}
	if rt.AlsoScopes != nil && !t.HasScope(rt.AlsoScopes...) {
		return Fail(http.StatusForbidden, "", "%s %s also needs one of the scopes %s; the token has %s",
			rt.Method, rt.Pattern, strings.Join(rt.AlsoScopes, " | "), strings.Join(t.Scopes, " | "))
	}
	if rt.Levels == nil {
		return nil
	}
	if !t.User {
		return Fail(http.StatusForbidden, "", "%s %s needs a user context (one of the user levels %s); client %q is an API client without a user",
			rt.Method, rt.Pattern, strings.Join(rt.Levels, ", "), t.ClientID)
	}
	for _, a := range t.Authorities {
		if slices.Contains(rt.Levels, a) {
			return nil
		}
	}
	return Fail(http.StatusForbidden, "", "%s %s needs one of the user levels %s; the token has %s",
		rt.Method, rt.Pattern, strings.Join(rt.Levels, ", "), strings.Join(t.Authorities, ", "))
}

// finish renders an error body in s's envelope, journals the call (unless
// s is Direct), and writes resp, dropping the connection when it says so.
func (e *Engine) finish(w http.ResponseWriter, c *Call, s *Surface, resp *Response) {
	var id string
	if s.RequestIDHeader != "" || resp.isError() {
		id = e.cfg.RequestIDs.ID()
	}
	if resp.isError() {
		resp.Body = s.Envelope.ErrorBody(c, resp.Err, id)
	}
	if !s.Direct {
		e.cfg.Journal.record(e.cfg.Clock.Now(), c, resp, e.credentials(c))
	}
	if resp.abort {
		panic(http.ErrAbortHandler)
	}
	h := w.Header()
	for k, v := range resp.Header {
		h[k] = slices.Clone(v)
	}
	// One slice holds the values set here: the request id, the type.
	vals := make([]string, 0, 2)
	if s.RequestIDHeader != "" {
		key, ok := e.idKeys[s]
		if !ok { // a surface this engine did not mount
			key = http.CanonicalHeaderKey(s.RequestIDHeader)
		}
		vals = append(vals, id)
		h[key] = vals[0:1:1]
	}
	body := resp.Body
	if body != nil {
		if headerValue(h, "Content-Type") == "" {
			ct := s.ContentType
			if ct == "" {
				ct = "application/json"
			}
			vals = append(vals, ct)
			h["Content-Type"] = vals[len(vals)-1 : len(vals) : len(vals)]
		}
		if resp.truncate {
			h.Set("Content-Length", fmt.Sprint(len(body)))
			body = body[:len(body)/2]
		}
	}
	w.WriteHeader(resp.Status)
	if body != nil {
		_, _ = w.Write(body)
	}
	if resp.truncate {
		// Send what was written before cutting the connection, or
		// net/http discards its buffer and the client sees nothing.
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler)
	}
	resp.release() // a ResponseWriter keeps nothing of what it was given
}

// headerValue is h.Get(k) for a canonical name k, without canonicalizing
// it again: the pipeline asks for a few names on every request.
func headerValue(h http.Header, k string) string {
	if vs := h[k]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}
