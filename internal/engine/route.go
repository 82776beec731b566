package engine

import "net/http"

// Route is one operation of an API surface.
type Route struct {
	// Method and Pattern are the http.ServeMux pattern's parts, e.g. "GET"
	// and "/v3/accounts/{id}".
	Method, Pattern string
	// Surface is the API the route belongs to; Mount sets it.
	Surface *Surface
	// API is the rate limit bucket the route counts in (an API version:
	// "v3", "beta", ...); "" means the route is not rate limited.
	API string
	// Scopes lists the token scopes of which the caller needs one; nil
	// means the route needs no token (a token endpoint), and an empty,
	// non-nil list means any valid token (an operation whose security
	// names no scope).
	Scopes []string
	// AlsoScopes, when set, is a second "one of" list the token must also
	// satisfy.
	AlsoScopes []string
	// Levels lists the user levels (token authorities) of which the caller
	// needs one; nil means the API has no user levels. A token without a
	// user (an API client's) never passes a route with user levels.
	Levels []string
	// UserOnly refuses tokens without a user even where there are no user
	// levels (an operation whose spec accepts user tokens only).
	UserOnly bool
	// Tasks reports that the route answers with an asynchronous task, so a
	// fault rule's taskError can fail it and deferred tasks delay it.
	Tasks bool
	// Credentials reports that the request carries client credentials in
	// its body or query; the journal hides the client secret.
	Credentials bool
	// Experimental reports that the route needs the header
	// "X-SailPoint-Experimental: true"; without it the answer is a 400
	// with Code CodeExperimental.
	Experimental bool
	// Handle answers a call that passed the pipeline.
	Handle func(*Call) *Response
	// Serve, on a Direct surface's route, answers the request itself.
	Serve http.HandlerFunc
}

// Public reports whether the route needs no token.
func (rt *Route) Public() bool { return rt.Scopes == nil }

// Limited reports whether the rate limiter counts the route's calls.
func (rt *Route) Limited() bool { return rt.API != "" }

// Surface is an API served by the engine: the routes it mounts, the path
// prefixes whose unrouted requests it answers, and how it writes errors.
type Surface struct {
	// Name names the surface in messages, e.g. "ISC".
	Name string
	// Prefixes are the path prefixes whose unrouted requests this surface
	// answers. The surface mounted with none is the default.
	Prefixes []string
	// Envelope writes the surface's error bodies.
	Envelope Envelope
	// Direct surfaces' routes answer outside the pipeline: no body cap,
	// token, simulation or journal. Their unrouted requests are not
	// journaled either.
	Direct bool
	// Guard, on a Direct surface, checks every request to it (routed or
	// not) first; it answers a refusal itself and returns false.
	Guard func(http.ResponseWriter, *http.Request) bool
	// RequestIDHeader, when set, names the header every answer carries
	// with the request's id, the id its error body shows as tracking id
	// (ISC's "SLPT-Request-ID").
	RequestIDHeader string
	// ContentType is the Content-Type of JSON answers; empty means
	// "application/json".
	ContentType string
	// Operations is the noun of an unrouted 404's text: "no <Operations>
	// matches GET /x". Empty means "API operation".
	Operations string
}

// Envelope renders an error in a surface's own shape.
type Envelope interface {
	// ErrorBody returns the body of the error response e to call c, with
	// tracking, a fresh id the surface may show.
	ErrorBody(c *Call, e *Error, tracking string) []byte
}

// EnvelopeFunc is an Envelope made of a function.
type EnvelopeFunc func(c *Call, e *Error, tracking string) []byte

// ErrorBody calls f.
func (f EnvelopeFunc) ErrorBody(c *Call, e *Error, tracking string) []byte { return f(c, e, tracking) }
