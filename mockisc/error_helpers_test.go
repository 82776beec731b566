package mockisc

// The error checker: wantError reads either envelope, ISC's
// ErrorResponseDto (with its 401 and 429 shapes) or AgileNow's Error.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/mockisc/mockisc/internal/engine"
)

// The two error envelopes, as wantError decodes them.
type (
	// iscErr is ISC's ErrorResponseDto.
	iscErr struct {
		DetailCode string   `json:"detailCode"`
		TrackingID string   `json:"trackingId"`
		Messages   []iscMsg `json:"messages"`
		Causes     []iscMsg `json:"causes"`
	}
	// iscMsg is ISC's ErrorMessageDto.
	iscMsg struct {
		Locale       string `json:"locale"`
		LocaleOrigin string `json:"localeOrigin"`
		Text         string `json:"text"`
	}
	// anErr is the vendor's Error.
	anErr struct {
		Errors     []string
		Type       string
		Title      string
		StatusCode int
		Instance   string
		RequestKey string
	}
)

var (
	hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)
	guid  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// anTitle is the vendor's Title for an error status: the status text,
// but "Bad Request" (sic, as the vendor documents it) for 403.
func anTitle(status int) string {
	if status == http.StatusForbidden {
		return "Bad Request"
	}
	return http.StatusText(status)
}

// decodeError decodes r's body in the envelope of r's API, refusing
// members the envelope does not have, and returns its code (detailCode or
// Type), its messages, and what is wrong with it whatever the error was:
// for ISC, a detailCode, a 32-hex trackingId and one message with text;
// for the vendor, messages, a Type under /Errors/, Title and StatusCode
// for the status, Instance the request path and a GUID RequestKey. ok is
// false when the body is not the envelope at all (probs says why).
func decodeError(r result) (code string, msgs, probs []string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	switch r.envelope {
	case iscEnvelopeKind:
		var e iscErr
		if err := dec.Decode(&e); err != nil {
			return "", nil, []string{fmt.Sprintf("not an ErrorResponseDto: %v", err)}, false
		}
		if e.DetailCode == "" {
			probs = append(probs, "detailCode is empty")
		}
		if !hex32.MatchString(e.TrackingID) {
			probs = append(probs, fmt.Sprintf("trackingId %q is not 32 hex characters", e.TrackingID))
		}
		if len(e.Messages) != 1 {
			probs = append(probs, fmt.Sprintf("messages %v, want one", e.Messages))
		}
		for _, m := range e.Messages {
			if m.Text == "" {
				probs = append(probs, "a message has no text")
			}
			msgs = append(msgs, m.Text)
		}
		return e.DetailCode, msgs, probs, true
	case vendorEnvelopeKind:
		var e anErr
		if err := dec.Decode(&e); err != nil {
			return "", nil, []string{fmt.Sprintf("not the vendor's Error envelope: %v", err)}, false
		}
		if len(e.Errors) == 0 {
			probs = append(probs, "Errors is empty")
		}
		if !strings.HasPrefix(e.Type, "/Errors/") {
			probs = append(probs, fmt.Sprintf("Type %q is not under /Errors/", e.Type))
		}
		if e.Title != anTitle(r.status) {
			probs = append(probs, fmt.Sprintf("Title %q, want %q", e.Title, anTitle(r.status)))
		}
		if e.StatusCode != r.status {
			probs = append(probs, fmt.Sprintf("StatusCode %d, status %d", e.StatusCode, r.status))
		}
		if want := jsonText(r.path()); e.Instance != want {
			probs = append(probs, fmt.Sprintf("Instance %q, want the request path %q", e.Instance, want))
		}
		if !guid.MatchString(e.RequestKey) {
			probs = append(probs, fmt.Sprintf("RequestKey %q is not a GUID", e.RequestKey))
		}
		return e.Type, e.Errors, probs, true
	}
	return "", nil, []string{"the answer has no known error envelope (a raw check?)"}, false
}

// jsonText is s as a JSON string carries it: invalid UTF-8 bytes become
// U+FFFD.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// envelopeProblems is what the checks ask of every error: ISC's envelope
// (but for 401 and 429, whose shapes the schema check covers, and the
// token endpoint, whose own tests check its OAuth errors), or the
// vendor's.
func envelopeProblems(r result) []string {
	if r.status < 400 {
		return nil
	}
	if r.envelope == iscEnvelopeKind && (r.status == 401 || r.status == 429 || r.url.Path == "/oauth/token" ||
		r.status == 400 && string(r.body) == `{"error":"`+engine.TextExperimental+`"}`) {
		return nil // shapes of their own: {"error"}, {"message"}, OAuth's {"error", "error_description"}
	}
	_, _, probs, _ := decodeError(r)
	return probs
}

// wantError asserts an error answer in the envelope of the API that gave
// it (ISC's ErrorResponseDto, or the vendor's Error): the status, the
// code (ISC's detailCode, the vendor's Type), the envelope's invariants
// (see decodeError) and messages that mention each of texts. ISC's one
// message must contain every text; of the vendor's Errors, some must.
func wantError(t testing.TB, r result, status int, code string, texts ...string) {
	t.Helper()
	r.want(t, status)
	got, msgs, probs, ok := decodeError(r)
	if !ok {
		t.Fatalf("%s %s: %s: %s", r.method, r.uri(), probs[0], r.body)
	}
	for _, p := range probs {
		t.Errorf("%s %s: %s; body %s", r.method, r.uri(), p, r.body)
	}
	if got != code {
		t.Errorf("%s %s: code %q, want %q", r.method, r.uri(), got, code)
	}
	all := strings.Join(msgs, "\n")
	for _, s := range texts {
		if !strings.Contains(all, s) {
			t.Errorf("%s %s: messages %q do not mention %q", r.method, r.uri(), msgs, s)
		}
	}
}
