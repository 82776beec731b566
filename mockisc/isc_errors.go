package mockisc

import (
	"fmt"
	"net/http"

	"github.com/mockisc/mockisc/internal/engine"
)

// ISC detail codes, as they appear in ErrorResponseDto.detailCode.
const (
	detailBadRequest   = "400.1 Bad Request Content"
	detailIllegalValue = "400.1.3 Illegal value"
	detailRefNotFound  = "400.1.404 Referenced object not found"
	detailForbidden    = "403 Forbidden"
	detailNotFound     = "404 Not found"
	detailMethod       = "405 Method Not Allowed"
	detailTooLarge     = "413 Payload Too Large"
	detailMediaType    = "415 Unsupported Media Type"
	detailInternal     = "500.0 Internal Fault"
	detailUnavailable  = "503 Service Unavailable"
)

// iscSurface is ISC's API surface: ErrorResponseDto for every error, but
// for 401 and a missing experimental header ({"error": text}) and 429
// ({"message": text}), which ISC's gateway answers in shapes of its own.
// Every answer carries SLPT-Request-ID (an error's trackingId), and JSON
// is sent as application/json;charset=UTF-8, as ISC does. It answers
// every unrouted path no other surface owns.
var iscSurface = &engine.Surface{
	Name: "ISC", Envelope: engine.EnvelopeFunc(iscEnvelope),
	RequestIDHeader: "SLPT-Request-ID", ContentType: "application/json;charset=UTF-8",
}

// errorBody is ISC's ErrorResponseDto.
type errorBody struct {
	DetailCode string         `json:"detailCode"`
	TrackingID string         `json:"trackingId"`
	Messages   []errorMessage `json:"messages"`
	Causes     []errorMessage `json:"causes"`
}

// errorMessage is ISC's ErrorMessageDto.
type errorMessage struct {
	Locale       string `json:"locale"`
	LocaleOrigin string `json:"localeOrigin"`
	Text         string `json:"text"`
}

// iscEnvelope renders an error as ISC does.
func iscEnvelope(_ *engine.Call, e *engine.Error, tracking string) []byte {
	switch {
	case e.Status == http.StatusUnauthorized, e.Code == engine.CodeExperimental:
		return engine.Marshal(map[string]string{"error": e.Text})
	case e.Status == http.StatusTooManyRequests:
		return engine.Marshal(map[string]string{"message": e.Text})
	}
	code := e.Code
	switch code {
	case "":
		code = detailOf(e.Status)
	case engine.CodeBadQuery:
		code = detailIllegalValue
	}
	return engine.Marshal(errorBody{
		DetailCode: code,
		TrackingID: tracking,
		Messages:   []errorMessage{{Locale: "en-US", LocaleOrigin: "DEFAULT", Text: e.Text}},
		Causes:     []errorMessage{},
	})
}

// detailOf is the detailCode of an error raised without one (by the
// pipeline or a fault rule).
func detailOf(status int) string {
	switch status {
	case http.StatusBadRequest:
		return detailBadRequest
	case http.StatusForbidden:
		return detailForbidden
	case http.StatusNotFound:
		return detailNotFound
	case http.StatusMethodNotAllowed:
		return detailMethod
	case http.StatusRequestEntityTooLarge:
		return detailTooLarge
	case http.StatusUnsupportedMediaType:
		return detailMediaType
	case http.StatusInternalServerError:
		return detailInternal
	case http.StatusServiceUnavailable:
		return detailUnavailable
	}
	return fmt.Sprintf("%d %s", status, http.StatusText(status))
}

// iscError is an ErrorResponseDto response with detail code detail.
func iscError(status int, detail, text string) *engine.Response {
	return engine.Fail(status, detail, "%s", text)
}

func badRequest(format string, args ...any) *engine.Response {
	return engine.Fail(http.StatusBadRequest, detailBadRequest, format, args...)
}

func illegalValue(format string, args ...any) *engine.Response {
	return engine.Fail(http.StatusBadRequest, detailIllegalValue, format, args...)
}

func notFound(format string, args ...any) *engine.Response {
	return engine.Fail(http.StatusNotFound, detailNotFound, format, args...)
}

func forbidden(text string) *engine.Response {
	return engine.Fail(http.StatusForbidden, detailForbidden, "%s", text)
}
