package engine

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// What the journal hides. Every request is journaled with its
// credentials redacted, whatever route it reached (or missed):
//
//   - Headers: the names CredentialHeaders lists, and any header whose
//     name contains one of credentialWords ("X-My-Session-Token"). For
//     Authorization and Proxy-Authorization the scheme is kept ("Bearer
//     REDACTED").
//   - Query strings: the value of every parameter CredentialParams
//     lists (names ignore case), the rest kept as sent.
//   - Form bodies (application/x-www-form-urlencoded): the same.
//   - Requests to a token endpoint's path (a Credentials route, matched
//     or not: a GET /oauth/token that gets 405 too): the body and query
//     are parsed as a form and client_secret hidden; a body that names
//     it some other way (multipart, JSON) or does not parse is hidden
//     whole.

// credentialHeaders are the header names always redacted, canonical.
var credentialHeaders = []string{
	"Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
	"X-Api-Key", "Api-Key", "Apikey", "X-Auth-Token", "X-Access-Token", "X-Amz-Security-Token",
	"X-Csrf-Token", "X-Xsrf-Token", "X-Client-Secret", "X-Session-Id", "X-Goog-Api-Key",
	"Ocp-Apim-Subscription-Key", "X-Functions-Key", "Private-Token", "X-Vault-Token",
}

// credentialWords make any header whose lower-case name contains one a
// credential header.
var credentialWords = []string{"auth", "token", "secret", "password", "passwd", "api-key", "apikey", "api_key", "cookie", "session", "credential", "signature"}

// CredentialHeaders returns the header names the journal always redacts
// (besides any whose name contains auth, token, secret, password,
// passwd, api-key, apikey, api_key, cookie, session, credential or
// signature).
func CredentialHeaders() []string { return slices.Clone(credentialHeaders) }

// credentialParams are the query and form parameters whose values are
// redacted, compared ignoring case.
var credentialParams = []string{
	"client_secret", "password", "access_token", "refresh_token", "id_token",
	"client_assertion", "assertion", "api_key", "apikey",
}

// IsCredentialHeader reports whether the journal redacts header name.
func IsCredentialHeader(name string) bool {
	switch name {
	// The headers of most requests, as read from the wire, answered
	// without a search: the journal asks for every header of every
	// request (TestIsCredentialHeaderFold checks these answers).
	case "Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Connection", "Content-Length",
		"Content-Type", "If-Match", "If-None-Match", "Origin", "Pragma", "Referer", "Traceparent",
		"User-Agent", "X-Request-Id", "X-Sailpoint-Experimental", "X-Forwarded-For", "X-Forwarded-Proto":
		return false
	case "Authorization":
		return true
	}
	canon := http.CanonicalHeaderKey(name)
	if slices.Contains(credentialHeaders, canon) {
		return true
	}
	if !isASCII(name) {
		return containsWord(strings.ToLower(name), credentialWords)
	}
	for i := range len(name) {
		if c := name[i] | 0x20; c >= 'a' && c <= 'z' {
			for _, w := range credentialWordsAt[c-'a'] {
				if len(name)-i >= len(w) && strings.EqualFold(name[i:i+len(w)], w) {
					return true
				}
			}
		}
	}
	return false
}

// credentialWordsAt are credentialWords by their first letter, so that
// IsCredentialHeader looks for them all in one pass over a name.
var credentialWordsAt = func() (at [26][]string) {
	for _, w := range credentialWords {
		at[w[0]-'a'] = append(at[w[0]-'a'], w)
	}
	return at
}()

// containsWord reports whether s contains one of words.
func containsWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// redactValue is what the journal keeps of value v of credential header
// k: Redacted, after the scheme for Authorization and
// Proxy-Authorization.
func redactValue(k, v string) string {
	if k == "Authorization" || k == "Proxy-Authorization" {
		// Keep the scheme ("Bearer", "Basic"); a bare credential goes whole.
		if scheme, _, ok := strings.Cut(v, " "); ok {
			if scheme == "Bearer" {
				return bearerRedacted
			}
			return scheme + " " + Redacted
		}
	}
	return Redacted
}

// redactForm hides client_secret in a token request's form body or
// query. A body that does not parse as a form, or that names
// client_secret some other way (multipart, JSON, another case), is
// hidden whole.
func redactForm(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	v, err := url.ParseQuery(string(b))
	if err == nil && v.Has("client_secret") {
		v.Set("client_secret", Redacted)
		return []byte(v.Encode())
	}
	if lower := strings.ToLower(string(b)); err != nil || strings.Contains(lower, "client_secret") || strings.Contains(lower, "client%5fsecret") {
		return []byte(Redacted)
	}
	return b
}

// redactQuery hides the values of the credential parameters in a query
// string or form body and keeps everything else as sent, malformed
// pairs included.
func redactQuery(q string) string {
	if q == "" || !mentionsCredential(q) {
		return q
	}
	pairs := strings.Split(q, "&")
	for i, p := range pairs {
		key, _, _ := strings.Cut(p, "=")
		name, err := url.QueryUnescape(key)
		if err != nil {
			name = strings.ReplaceAll(strings.ToLower(key), "%5f", "_")
		}
		for _, c := range credentialParams {
			if strings.EqualFold(name, c) {
				pairs[i] = key + "=" + Redacted
				break
			}
		}
	}
	return strings.Join(pairs, "&")
}

// mentionsCredential is a quick test: could q name a credential
// parameter at all?
func mentionsCredential(q string) bool {
	// Each credential parameter contains one of these words, with or
	// without "%5f" for "_": most queries need no lower-cased copy.
	if !isASCII(q) {
		return mentionsCredentialSlow(q)
	}
	for _, w := range []string{"secret", "password", "token", "assertion", "api"} {
		if containsFold(q, w) {
			return mentionsCredentialSlow(q)
		}
	}
	return false
}

// mentionsCredentialSlow is mentionsCredential without the quick test.
func mentionsCredentialSlow(q string) bool {
	lower := strings.ReplaceAll(strings.ToLower(q), "%5f", "_")
	for _, c := range credentialParams {
		if strings.Contains(lower, c) {
			return true
		}
	}
	return false
}
