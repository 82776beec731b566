package mockisc

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
)

// A browser cannot send an Authorization header when it loads a page, so
// with an admin token the dashboard signs in once: its login page posts
// the token, as "Authorization: Bearer", to POST /__mockisc/session,
// which sets it in a cookie (HttpOnly, SameSite=Strict, Path
// /__mockisc/, Secure over TLS). The admin API and the dashboard then
// accept the cookie in place of the header, but only on same-origin
// requests (sessionRefusal): SameSite=Strict keeps other sites' requests
// from carrying it, and the Origin and Sec-Fetch-Site checks refuse them
// if a browser sends it anyway. DELETE /__mockisc/session signs out.
// Without an admin token there is nothing to sign in to: POST answers
// 204 and sets nothing.

// adminCookie is the session cookie's name.
const adminCookie = "mockisc_admin"

// credential is how a request proved it holds the admin token.
type credential int

const (
	credNone   credential = iota // neither the header nor the cookie
	credBearer                   // Authorization: Bearer <token>
	credCookie                   // the session cookie
)

// adminCredential reports how r carries the admin token, if it does.
func (s *Server) adminCredential(r *http.Request) credential {
	tok := []byte(s.cfg.adminToken)
	scheme, value, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if strings.EqualFold(scheme, "Bearer") && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(value)), tok) == 1 {
		return credBearer
	}
	if c, err := r.Cookie(adminCookie); err == nil && subtle.ConstantTimeCompare([]byte(c.Value), tok) == 1 {
		return credCookie
	}
	return credNone
}

// sessionRefusal says why a request signed in with the cookie is refused
// as not same-origin, or "" when it is not.
func sessionRefusal(r *http.Request) string {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host == "" || !strings.EqualFold(u.Host, r.Host) {
			return "the admin session refuses cross-origin requests (Origin " + quote(o) + "): a web page cannot drive it"
		}
	}
	switch strings.ToLower(r.Header.Get("Sec-Fetch-Site")) {
	case "cross-site", "same-site":
		return "the admin session refuses requests from other sites (Sec-Fetch-Site: " + r.Header.Get("Sec-Fetch-Site") + ")"
	}
	return ""
}

// quote quotes a header value for a message.
func quote(v string) string { return `"` + strings.ReplaceAll(uiShort(v), `"`, `\"`) + `"` }

// adminPostSession signs a browser in: the guard has checked the token.
func (s *Server) adminPostSession(w http.ResponseWriter, r *http.Request) {
	if s.cfg.adminToken != "" {
		http.SetCookie(w, &http.Cookie{
			Name: adminCookie, Value: s.cfg.adminToken, Path: adminPrefix,
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.cfg.tls,
		})
	}
	w.WriteHeader(http.StatusNoContent)
}

// adminDeleteSession signs a browser out.
func (s *Server) adminDeleteSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: adminCookie, Value: "", Path: adminPrefix, MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.cfg.tls,
	})
	w.WriteHeader(http.StatusNoContent)
}
