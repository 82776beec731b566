package mockisc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"

	"github.com/mockisc/mockisc/internal/oas"
)

// The answers of the HTTP tests are checked against the vendors' own
// OpenAPI descriptions with internal/oas:
//
//   - ISC: the official files in testdata/openapi (see its README), which
//     spec.json bundles as JSON keyed by their path there. ISC writes
//     date-times in UTC with milliseconds, and the fake promises the same.
//   - AgileNow: the vendor's Accounts.json, read in place from the
//     package that implements the API. Its date-times are plain RFC 3339.
const (
	iscBundleFile   = "testdata/openapi/spec.json"
	agileNowDocFile = "../internal/agilenowapi/testdata/Accounts.json"
)

var (
	iscSpec = sync.OnceValues(func() (*oas.Spec, error) {
		b, err := os.ReadFile(iscBundleFile)
		if err != nil {
			return nil, err
		}
		return oas.LoadBundle(b, oas.Options{DateTime: oas.RFC3339UTCMillis})
	})
	agileNowSpec = sync.OnceValues(func() (*oas.Spec, error) {
		b, err := os.ReadFile(agileNowDocFile)
		if err != nil {
			return nil, err
		}
		return oas.LoadDocument(b, oas.Options{DateTime: oas.RFC3339})
	})
)

// Operations and the spec files that describe them.
const (
	v3Paths       = "v3/idn/v3/paths/"
	errorSchema   = "v3/idn/v3/schemas/ErrorResponseDto.yaml"
	taskStatusDoc = "v2025/idn/v2025/paths/task-status.yaml"
)

// specMux maps an ISC request path to the bundle file of its path item
// (a bundle has no paths of its own to match).
var specMux = sync.OnceValue(func() *http.ServeMux {
	mux := http.NewServeMux()
	for pattern, file := range map[string]string{
		"/v3/accounts":                   v3Paths + "accounts.yaml",
		"/v3/accounts/{id}":              v3Paths + "account.yaml",
		"/v3/accounts/{id}/entitlements": v3Paths + "accounts-id-entitlements.yaml",
		"/v3/accounts/{id}/reload":       v3Paths + "accounts-id-reload.yaml",
		"/v3/accounts/{id}/enable":       v3Paths + "accounts-id-enable.yaml",
		"/v3/accounts/{id}/disable":      v3Paths + "accounts-id-disable.yaml",
		"/v3/accounts/{id}/unlock":       v3Paths + "accounts-id-unlock.yaml",
		"/v2025/task-status/{id}":        taskStatusDoc,
		"/beta/task-status/{id}":         taskStatusDoc,
	} {
		mux.Handle(pattern, specFile(file))
	}
	return mux
})

type specFile string

func (specFile) ServeHTTP(http.ResponseWriter, *http.Request) {}

// specFileFor returns the path item file of the ISC request path p
// (a path, without query).
func specFileFor(p string) (string, bool) {
	req, err := http.NewRequest("GET", "http://x"+p, nil)
	if err != nil {
		return "", false
	}
	h, pattern := specMux().Handler(req)
	f, ok := h.(specFile)
	return string(f), ok && pattern != ""
}

// iscResponseSchema finds the schema of an ISC answer: the operation's
// own for the status, in the path item file the request path maps to.
func iscResponseSchema(sp *oas.Spec, method, p string, status int) (oas.Schema, bool) {
	file, ok := specFileFor(p)
	if !ok {
		return oas.Schema{}, false
	}
	return sp.ResponseSchemaIn(file, method, status)
}

// validateResponse checks an ISC answer's body against the bundle: the
// operation's schema for the status, or, for an error status the
// operation does not describe with a body (404 on the list, 405, 413,
// 415, unknown routes), ErrorResponseDto. 401 bodies are {"error": ...}
// only; the token endpoint is checked by its own tests.
func validateResponse(method, p string, status int, body []byte) []string {
	p, _, _ = strings.Cut(p, "?")
	if p == "/oauth/token" {
		return nil
	}
	sp, err := iscSpec()
	if err != nil {
		return []string{"loading the ISC spec: " + err.Error()}
	}
	s, ok := iscResponseSchema(sp, method, p, status)
	if !ok {
		switch {
		case status < 400:
			return []string{fmt.Sprintf("the spec has no schema for %s %s %d", method, p, status)}
		case status == http.StatusUnauthorized:
			s, _ = sp.ResponseSchemaIn(v3Paths+"accounts.yaml", "GET", status)
		default:
			s = sp.Schema(errorSchema)
		}
	}
	errs := sp.Validate(s, body)
	if status == http.StatusUnauthorized {
		var m map[string]any
		if json.Unmarshal(body, &m) != nil || len(m) != 1 || m["error"] == nil {
			errs = append(errs, `$: a 401 body is {"error": text}`)
		}
	}
	return errs
}

// validateAgileNowResponse checks an AgileNow answer's body against
// Accounts.json: the operation's schema for the status where the
// document declares one, else, for an error status (404, 405, 413, 415,
// 429, and every error of the token endpoint and of unknown routes), the
// vendor's Error component. The token endpoint's 200 is not in the
// document: its own tests check it.
func validateAgileNowResponse(method, p string, status int, body []byte) []string {
	p, _, _ = strings.Cut(p, "?")
	sp, err := agileNowSpec()
	if err != nil {
		return []string{"loading Accounts.json: " + err.Error()}
	}
	s, ok := sp.ResponseSchema(method, p, status)
	if !ok {
		switch {
		case status >= 400:
			s = sp.Component("Error")
		case p == agileNowTokenPath:
			return nil
		default:
			return []string{fmt.Sprintf("Accounts.json has no schema for %s %s %d", method, p, status)}
		}
	}
	return sp.Validate(s, body)
}
