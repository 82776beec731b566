package mockisc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// response is what a handler returns; one adapter writes it.
type response struct {
	status int
	header http.Header
	body   []byte // JSON, or nil for no body
	// abort drops the connection instead of answering (fault injection);
	// truncate sends only the first half of the body.
	abort    bool
	truncate bool
	// errDetail and errText describe an error whose body is built when
	// the response is written, in the envelope of the route's API family,
	// with a fresh tracking id: ErrorResponseDto for ISC (or ISC's own
	// shapes for 401 and 429), the vendor's envelope for AgileNow.
	errDetail string
	errText   string
}

// isError reports whether the response's body is still to be built from
// errDetail and errText.
func (r *response) isError() bool { return r.body == nil && r.errText != "" }

// marshal encodes v as ISC does: no HTML escaping, no trailing newline.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Every value marshalled here is built by this package from
		// JSON-safe types; a failure is a bug.
		panic("mockisc: marshal: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func jsonResponse(status int, v any) *response {
	return &response{status: status, body: marshal(v)}
}

// iscError builds an ErrorResponseDto response. The server gives it a
// tracking id when writing it.
func iscError(status int, detail, text string) *response {
	return &response{status: status, errText: text, errDetail: detail}
}

func badRequest(format string, args ...any) *response {
	return iscError(http.StatusBadRequest, detailBadRequest, fmt.Sprintf(format, args...))
}

func illegalValue(format string, args ...any) *response {
	return iscError(http.StatusBadRequest, detailIllegalValue, fmt.Sprintf(format, args...))
}

func notFound(format string, args ...any) *response {
	return iscError(http.StatusNotFound, detailNotFound, fmt.Sprintf(format, args...))
}

func forbidden(text string) *response {
	return iscError(http.StatusForbidden, detailForbidden, text)
}

// unauthorized is a 401; ISC's has its own shape, {"error": text}.
func unauthorized(text string) *response {
	return iscError(http.StatusUnauthorized, "401 Unauthorized", text)
}

// rateLimited is a 429 with Retry-After; ISC's has its own shape,
// {"message": " Rate Limit Exceeded "}.
func rateLimited(retryAfter string) *response {
	r := iscError(http.StatusTooManyRequests, "429 Too Many Requests", textRateLimited)
	r.header = http.Header{"Retry-After": {retryAfter}}
	return r
}
