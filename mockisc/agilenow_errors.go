package mockisc

import (
	"fmt"
	"net/http"
	"strings"
)

// The vendor's error Types (Error.Type). The first seven are documented
// (the vendor spells "Multible"); the rest are this fake's choice for
// statuses the vendor does not document.
const (
	anTypeBadInput     = "/Errors/Bad Input"
	anTypeUnauthorized = "/Errors/Unauthorized"
	anTypePermission   = "/Errors/Permission"
	anTypeNotFound     = "/Errors/Not Found"
	anTypeMultipleRows = "/Errors/Multible Rows"
	anTypeInvalidField = "/Errors/Invalid Field"
	anTypeInternal     = "/Errors/Internal Server Error"
	anTypeMethod       = "/Errors/Method Not Allowed"
	anTypeTooLarge     = "/Errors/Payload Too Large"
	anTypeMediaType    = "/Errors/Unsupported Media Type"
	anTypeRateLimited  = "/Errors/Too Many Requests"
	anTypeUnavailable  = "/Errors/Service Unavailable"
)

// The vendor's messages for 401 and 403, put first in Errors[].
const (
	anTextUnauthorized = "The session Id or OAuth token used has expired or is invalid."
	anTextPermission   = "The user does not have access to execute operation"
)

// anErrorBody is the vendor's Error envelope.
type anErrorBody struct {
	Errors     []string `json:"Errors"`
	Type       string   `json:"Type"`
	Title      string   `json:"Title"`
	StatusCode int      `json:"StatusCode"`
	Instance   string   `json:"Instance"`
	RequestKey string   `json:"RequestKey"`
}

// anError builds an AgileNow error response of the given vendor Type. The
// server fills in the envelope (and a fresh RequestKey) when writing it.
func anError(status int, typ, format string, args ...any) *response {
	return &response{status: status, errDetail: typ, errText: fmt.Sprintf(format, args...)}
}

func anBadInput(format string, args ...any) *response {
	return anError(http.StatusBadRequest, anTypeBadInput, format, args...)
}

func anNotFound(format string, args ...any) *response {
	return anError(http.StatusNotFound, anTypeNotFound, format, args...)
}

// agileNowError builds the vendor's Error envelope for an error response:
// the Type the handler chose (errDetail when it is a vendor Type), else
// one derived from the status, so that errors raised by the shared
// pipeline (401, 403, 405, 413, 415, 429, faults) get vendor Types too.
// RequestKey is the tracking id, formatted as a GUID like the vendor's.
func agileNowError(c *call, resp *response, tracking string) []byte {
	typ := resp.errDetail
	if !strings.HasPrefix(typ, "/Errors/") {
		typ = anTypeFor(resp.status)
	}
	msgs := []string{resp.errText}
	switch resp.status {
	case http.StatusUnauthorized:
		// The shared pipeline words its 401s as ISC's gateway does
		// ("JWT validation failed: ..."); the vendor speaks of tokens.
		detail := strings.TrimPrefix(resp.errText, "JWT validation failed: ")
		msgs = []string{anTextUnauthorized, strings.ReplaceAll(detail, "JWT", "the token")}
	case http.StatusForbidden:
		msgs = []string{anTextPermission, resp.errText}
	}
	return marshal(anErrorBody{
		Errors: msgs, Type: typ, Title: anTitle(resp.status), StatusCode: resp.status,
		Instance: c.r.URL.Path, RequestKey: guid(tracking),
	})
}

// anTypeFor is the vendor Type of an error status.
func anTypeFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return anTypeBadInput
	case http.StatusUnauthorized:
		return anTypeUnauthorized
	case http.StatusForbidden:
		return anTypePermission
	case http.StatusNotFound:
		return anTypeNotFound
	case http.StatusMethodNotAllowed:
		return anTypeMethod
	case http.StatusRequestEntityTooLarge:
		return anTypeTooLarge
	case http.StatusUnsupportedMediaType:
		return anTypeMediaType
	case http.StatusTooManyRequests:
		return anTypeRateLimited
	case http.StatusInternalServerError:
		return anTypeInternal
	case http.StatusServiceUnavailable:
		return anTypeUnavailable
	}
	return "/Errors/" + http.StatusText(status)
}

// anTitle is the Title of an error status: the status text, except that
// 403 keeps the vendor's documented "Bad Request" (sic).
func anTitle(status int) string {
	if status == http.StatusForbidden {
		return "Bad Request"
	}
	if t := http.StatusText(status); t != "" {
		return t
	}
	return fmt.Sprintf("Status %d", status)
}

// guid formats 32 hex characters as 8-4-4-4-12; other input is returned
// unchanged.
func guid(hex string) string {
	if len(hex) != 32 {
		return hex
	}
	return hex[:8] + "-" + hex[8:12] + "-" + hex[12:16] + "-" + hex[16:20] + "-" + hex[20:]
}
