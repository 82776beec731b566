package mockisc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/oas"
)

// The answers of the HTTP tests are checked against the vendors' own
// OpenAPI descriptions with internal/oas:
//
//   - ISC: one trimmed document per API version in
//     testdata/openapi/versions (see its README): v3, beta, v2024, v2025,
//     v2026, and v1 for the per-service paths. An answer is checked
//     against the document of its version. ISC writes date-times in UTC
//     with milliseconds, and the fake promises the same.
//   - AgileNow: the vendor's Accounts.json, read in place from the
//     package that implements the API. Its date-times are plain RFC 3339.
const (
	iscVersionsDir  = "testdata/openapi/versions/"
	agileNowDocFile = "../internal/agilenowapi/testdata/Accounts.json"
)

var (
	iscSpecs = sync.OnceValues(func() (map[string]*oas.Spec, error) {
		out := map[string]*oas.Spec{}
		for _, v := range allVersions {
			b, err := os.ReadFile(iscVersionsDir + v + ".json")
			if err != nil {
				return nil, err
			}
			if out[v], err = oas.LoadDocument(b, oas.Options{DateTime: oas.RFC3339UTCMillis}); err != nil {
				return nil, fmt.Errorf("%s.json: %w", v, err)
			}
		}
		return out, nil
	})
	agileNowSpec = sync.OnceValues(func() (*oas.Spec, error) {
		b, err := os.ReadFile(agileNowDocFile)
		if err != nil {
			return nil, err
		}
		return oas.LoadDocument(b, oas.Options{DateTime: oas.RFC3339})
	})
)

// versionOf splits an ISC request path into its API version and the path
// as that version's document writes it: "/v2025/accounts/x" is v2025's
// "/accounts/x"; "/accounts/v1/x" is v1's, whole. It returns v3 for a
// path of no version (an unknown route).
func versionOf(p string) (version, rest string) {
	first, tail, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if slices.Contains(allVersions, first) && first != v1 {
		return first, "/" + tail
	}
	if tail == "v1" || strings.HasPrefix(tail, "v1/") {
		return v1, p
	}
	return v3, p
}

// validateResponse checks an ISC answer's body against its version's
// document: the operation's schema for the status, or, for an error
// status the operation does not describe with a body (404 on the list,
// 405, 413, 415, unknown routes), ErrorResponseDto. 401 bodies are
// {"error": ...} only; the token endpoint is checked by its own tests.
func validateResponse(method, p string, status int, body []byte) []string {
	p, _, _ = strings.Cut(p, "?")
	if p == "/oauth/token" {
		return nil
	}
	if status == http.StatusBadRequest && string(body) == `{"error":"`+engine.TextExperimental+`"}` {
		return nil // the gateway's own shape, as for 401: no schema has it
	}
	specs, err := iscSpecs()
	if err != nil {
		return []string{"loading the ISC specs: " + err.Error()}
	}
	version, rest := versionOf(p)
	sp := specs[version]
	s, ok := sp.ResponseSchema(method, rest, status)
	if !ok {
		switch {
		case status < 400:
			return []string{fmt.Sprintf("the %s spec has no schema for %s %s %d", version, method, rest, status)}
		case status == http.StatusUnauthorized:
			sp = specs[v3]
			s, _ = sp.ResponseSchema("GET", "/accounts", status)
		default:
			sp = specs[v3]
			s = sp.Component("ErrorResponseDto")
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
