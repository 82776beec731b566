package engine

import "net/http"

// The gateway's words for the errors the engine raises itself; each
// surface's envelope puts them in its own shape.
const (
	// TextRateLimited is the message of a 429.
	TextRateLimited = " Rate Limit Exceeded "
	// TextNoToken is the 401 for a request without a bearer token.
	TextNoToken = "JWT validation failed: no bearer token in the Authorization header"
	// TextBadToken is the 401 for a token the server did not issue.
	TextBadToken = "JWT validation failed: JWT is not valid"
	// TextExpiredToken is the 401 for an expired token.
	TextExpiredToken = "JWT validation failed: JWT is expired"
)

// FaultText is the message of an error status a fault rule answers
// without a body of its own.
func FaultText(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "The request was syntactically correct but its content is semantically invalid."
	case http.StatusForbidden:
		return "The server understood the request but refuses to authorize it."
	case http.StatusNotFound:
		return "The server did not find a current representation for the target resource."
	case http.StatusServiceUnavailable:
		return "The service is temporarily unavailable."
	case http.StatusInternalServerError:
		return "An internal fault occurred."
	}
	return http.StatusText(status)
}

// RateLimited is a 429 with Retry-After.
func RateLimited(retryAfter string) *Response {
	r := Fail(http.StatusTooManyRequests, "", "%s", TextRateLimited)
	r.SetHeader("Retry-After", retryAfter)
	return r
}

// Unauthorized is a 401 with text.
func Unauthorized(text string) *Response {
	return Fail(http.StatusUnauthorized, "", "%s", text)
}
