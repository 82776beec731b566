package agilenowapi

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// The vendor's error Types (Error.Type). The first seven are documented
// (the vendor spells "Multible"); the rest are this fake's choice for
// statuses the vendor does not document.
const (
	typeBadInput     = "/Errors/Bad Input"
	typeUnauthorized = "/Errors/Unauthorized"
	typePermission   = "/Errors/Permission"
	typeNotFound     = "/Errors/Not Found"
	typeMultipleRows = "/Errors/Multible Rows"
	typeInvalidField = "/Errors/Invalid Field"
	typeInternal     = "/Errors/Internal Server Error"
	typeMethod       = "/Errors/Method Not Allowed"
	typeTooLarge     = "/Errors/Payload Too Large"
	typeMediaType    = "/Errors/Unsupported Media Type"
	typeRateLimited  = "/Errors/Too Many Requests"
	typeUnavailable  = "/Errors/Service Unavailable"
)

// The vendor's messages for 401 and 403, put first in Errors[].
const (
	textUnauthorized = "The session Id or OAuth token used has expired or is invalid."
	textPermission   = "The user does not have access to execute operation"
)

// errorBody is the vendor's Error envelope.
type errorBody struct {
	Errors     []string `json:"Errors"`
	Type       string   `json:"Type"`
	Title      string   `json:"Title"`
	StatusCode int      `json:"StatusCode"`
	Instance   string   `json:"Instance"`
	RequestKey string   `json:"RequestKey"`
}

// fail builds an AgileNow error response of the given vendor Type. The
// server fills in the envelope (and a fresh RequestKey) when writing it.
func fail(status int, typ, format string, args ...any) *engine.Response {
	return engine.Fail(status, typ, format, args...)
}

func badInput(format string, args ...any) *engine.Response {
	return fail(http.StatusBadRequest, typeBadInput, format, args...)
}

func notFound(format string, args ...any) *engine.Response {
	return fail(http.StatusNotFound, typeNotFound, format, args...)
}

// envelope builds the vendor's Error envelope for an error: the Type the
// handler chose, else one derived from the status, so that errors the
// engine raises (401, 403, 404, 405, 413, 415, 429, faults) get vendor
// Types too. RequestKey is the tracking id, formatted as a GUID like the
// vendor's.
func envelope(c *engine.Call, e *engine.Error, tracking string) []byte {
	typ := e.Code
	if typ == "" || typ == engine.CodeBadQuery {
		typ = typeFor(e.Status)
	}
	msgs := []string{e.Text}
	switch e.Status {
	case http.StatusUnauthorized:
		// The engine words its 401s as ISC's gateway does ("JWT
		// validation failed: ..."); the vendor speaks of tokens.
		detail := strings.TrimPrefix(e.Text, "JWT validation failed: ")
		msgs = []string{textUnauthorized, strings.ReplaceAll(detail, "JWT", "the token")}
	case http.StatusForbidden:
		msgs = []string{textPermission, e.Text}
	}
	return engine.Marshal(errorBody{
		Errors: msgs, Type: typ, Title: title(e.Status), StatusCode: e.Status,
		Instance: c.Req.URL.Path, RequestKey: guid(tracking),
	})
}

// typeFor is the vendor Type of an error status.
func typeFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return typeBadInput
	case http.StatusUnauthorized:
		return typeUnauthorized
	case http.StatusForbidden:
		return typePermission
	case http.StatusNotFound:
		return typeNotFound
	case http.StatusMethodNotAllowed:
		return typeMethod
	case http.StatusRequestEntityTooLarge:
		return typeTooLarge
	case http.StatusUnsupportedMediaType:
		return typeMediaType
	case http.StatusTooManyRequests:
		return typeRateLimited
	case http.StatusInternalServerError:
		return typeInternal
	case http.StatusServiceUnavailable:
		return typeUnavailable
	}
	return "/Errors/" + http.StatusText(status)
}

// title is the Title of an error status: the status text, except that
// 403 keeps the vendor's documented "Bad Request" (sic).
func title(status int) string {
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
