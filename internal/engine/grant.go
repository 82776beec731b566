package engine

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// GrantError is why a token request was refused, in RFC 6749's terms;
// each token endpoint answers it in its own envelope.
type GrantError struct {
	// Code is invalid_request or unsupported_grant_type, or
	// unsupported_media for a body that is not a form.
	Code string
	// Msg says what was wrong.
	Msg string
}

// ClientCredentials reads a client credentials grant: the parameters in
// the query, a form body (urlencoded or multipart), or HTTP Basic
// authentication. A query that is not validly percent-encoded is an
// invalid_request naming the parameter.
func ClientCredentials(c *Call) (id, secret string, gerr *GrantError) {
	if name, err := CheckQuery(c.Req.URL.RawQuery); err != nil {
		return "", "", &GrantError{"invalid_request", BadQueryText(name, err)}
	}
	params := c.Req.URL.Query()
	if len(c.Body) > 0 {
		ct := strings.ToLower(c.Req.Header.Get("Content-Type"))
		switch {
		case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
			form, err := url.ParseQuery(string(c.Body))
			if err != nil {
				return "", "", &GrantError{"invalid_request", "the form body is not valid: " + err.Error()}
			}
			for k, v := range form {
				params[k] = v
			}
		case strings.HasPrefix(ct, "multipart/form-data"):
			if err := parseMultipart(c.Req, c.Body, params); err != nil {
				return "", "", &GrantError{"invalid_request", "the form body is not valid: " + err.Error()}
			}
		default:
			return "", "", &GrantError{"unsupported_media",
				"send the parameters as application/x-www-form-urlencoded, multipart/form-data or in the query"}
		}
	}
	id, secret = params.Get("client_id"), params.Get("client_secret")
	if u, p, ok := c.Req.BasicAuth(); ok && id == "" {
		id, secret = u, p
	}
	grant := params.Get("grant_type")
	switch {
	case grant == "":
		return "", "", &GrantError{"invalid_request", "grant_type is required"}
	case !strings.EqualFold(grant, "client_credentials"):
		return "", "", &GrantError{"unsupported_grant_type", fmt.Sprintf("grant_type %q is not supported; use client_credentials", grant)}
	case id == "":
		return "", "", &GrantError{"invalid_request", "client_id is required"}
	}
	return id, secret, nil
}

// parseMultipart reads the fields of a multipart/form-data body into
// params.
func parseMultipart(r *http.Request, body []byte, params url.Values) error {
	_, p, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	mr := multipart.NewReader(bytes.NewReader(body), p["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		v, err := io.ReadAll(io.LimitReader(part, 1<<16))
		if err != nil {
			return err
		}
		params.Add(part.FormName(), string(v))
	}
}
