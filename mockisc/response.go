package mockisc

import (
	"bytes"
	"fmt"
	"encoding/json"
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
	// errDetail and errText make an ErrorResponseDto; the body is built
	// when the response is written, with a fresh tracking id.
	errDetail string
	errText   string
}

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

// unauthorized is ISC's 401, which has its own shape.
func unauthorized(text string) *response {
	return jsonResponse(http.StatusUnauthorized, map[string]string{"error": text})
}

// rateLimited is ISC's 429, which has its own shape and Retry-After.
func rateLimited(retryAfter string) *response {
	r := jsonResponse(http.StatusTooManyRequests, map[string]string{"message": textRateLimited})
	r.header = http.Header{"Retry-After": {retryAfter}}
	return r
}
