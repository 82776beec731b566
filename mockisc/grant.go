package mockisc

import (
	"fmt"
	"net/url"
	"strings"
)

// grantError is why a token request was refused, in RFC 6749's terms;
// each token endpoint answers it in its own envelope.
type grantError struct {
	code string // invalid_request, unsupported_grant_type, or unsupported_media
	msg  string
}

// clientCredentials reads a client credentials grant: the parameters in
// the query, a form body (urlencoded or multipart), or HTTP Basic
// authentication. Both token endpoints (ISC's and AgileNow's) use it.
func clientCredentials(c *call) (id, secret string, gerr *grantError) {
	params := c.r.URL.Query()
	if len(c.body) > 0 {
		ct := strings.ToLower(c.r.Header.Get("Content-Type"))
		switch {
		case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
			form, err := url.ParseQuery(string(c.body))
			if err != nil {
				return "", "", &grantError{"invalid_request", "the form body is not valid: " + err.Error()}
			}
			for k, v := range form {
				params[k] = v
			}
		case strings.HasPrefix(ct, "multipart/form-data"):
			if err := parseMultipart(c.r, c.body, params); err != nil {
				return "", "", &grantError{"invalid_request", "the form body is not valid: " + err.Error()}
			}
		default:
			return "", "", &grantError{"unsupported_media",
				"send the parameters as application/x-www-form-urlencoded, multipart/form-data or in the query"}
		}
	}
	id, secret = params.Get("client_id"), params.Get("client_secret")
	if u, p, ok := c.r.BasicAuth(); ok && id == "" {
		id, secret = u, p
	}
	grant := params.Get("grant_type")
	switch {
	case grant == "":
		return "", "", &grantError{"invalid_request", "grant_type is required"}
	case !strings.EqualFold(grant, "client_credentials"):
		return "", "", &grantError{"unsupported_grant_type", fmt.Sprintf("grant_type %q is not supported; use client_credentials", grant)}
	case id == "":
		return "", "", &grantError{"invalid_request", "client_id is required"}
	}
	return id, secret, nil
}
