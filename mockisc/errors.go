package mockisc

import (
	"errors"
	"fmt"
	"net/http"
)

// ISC detail codes, as they appear in ErrorResponseDto.detailCode.
const (
	detailBadRequest      = "400.1 Bad Request Content"
	detailIllegalValue    = "400.1.3 Illegal value"
	detailRefNotFound     = "400.1.404 Referenced object not found"
	detailForbidden       = "403 Forbidden"
	detailNotFound        = "404 Not found"
	detailMethod          = "405 Method Not Allowed"
	detailTooLarge        = "413 Payload Too Large"
	detailMediaType       = "415 Unsupported Media Type"
	detailInternal        = "500.0 Internal Fault"
	detailUnavailable     = "503 Service Unavailable"
	textForbidden         = "The server understood the request but refuses to authorize it."
	textNotFound          = "The server did not find a current representation for the target resource."
	textInternal          = "An internal fault occurred."
	textRateLimited       = " Rate Limit Exceeded "
	textUnauthorizedNoJWT = "JWT validation failed: no bearer token in the Authorization header"
	textUnauthorizedJWT   = "JWT validation failed: JWT is not valid"
	textUnauthorizedExp   = "JWT validation failed: JWT is expired"
)

// detailFor gives the default detailCode and text of an error status, used
// when a fault rule answers a status without its own body.
func detailFor(status int) (string, string) {
	switch status {
	case http.StatusBadRequest:
		return detailBadRequest, "The request was syntactically correct but its content is semantically invalid."
	case http.StatusForbidden:
		return detailForbidden, textForbidden
	case http.StatusNotFound:
		return detailNotFound, textNotFound
	case http.StatusServiceUnavailable:
		return detailUnavailable, "The service is temporarily unavailable."
	case http.StatusInternalServerError:
		return detailInternal, textInternal
	}
	return fmt.Sprintf("%d %s", status, http.StatusText(status)), http.StatusText(status)
}

// Errors of the direct Go API. Use errors.Is to test for them; the
// returned errors wrap them with details.
var (
	// ErrNotFound means the object named does not exist.
	ErrNotFound = errors.New("mockisc: not found")
	// ErrExists means an object with that id (or native identity on the
	// source) already exists.
	ErrExists = errors.New("mockisc: already exists")
	// ErrInvalid means the object is not valid (a missing field, a
	// reference to an object that does not exist).
	ErrInvalid = errors.New("mockisc: invalid")
)

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
