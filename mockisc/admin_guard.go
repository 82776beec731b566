package mockisc

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/tlsca"
)

// Who may call the admin API, and how (adminAllowed checks it first, for
// every request under /__mockisc/, routed or not):
//
// With an admin token (WithAdminToken), every caller, local or not, must
// send "Authorization: Bearer <token>" or gets 401. A web page cannot
// send it (the admin API answers no CORS preflight), so nothing else is
// checked about the caller. A browser may instead carry the token in the
// dashboard's session cookie (admin_session.go): such a request must
// also be same-origin (its Origin, if any, names the Host it was sent
// to, and Sec-Fetch-Site is not cross-site or same-site), or gets 403.
//
// Without one, the admin API trusts the local machine, and refuses with
// 403 what could be a web page steering it from a browser there:
//
//   - a connection that does not come from a loopback address
//     (r.RemoteAddr is 127.0.0.0/8 or ::1; in-process calls count as
//     loopback). X-Forwarded-For and similar headers are not trusted, so
//     behind a proxy on the same host every client looks local: give a
//     token then;
//   - a Host header that is not a loopback name or address (localhost,
//     *.localhost, 127.0.0.0/8, ::1), the server's own URL host, a name
//     of its TLS certificate, or a name allowed with WithAdminHosts
//     (-admin-hosts): this stops DNS rebinding, where a page on
//     evil.example has its name resolve to 127.0.0.1;
//   - an Origin header (sent by browsers on cross-origin and on every
//     non-GET request) whose host is not one of those names, "null"
//     included, or Sec-Fetch-Site: cross-site: this stops cross-site
//     form posts and simple requests.
//
// In every mode, a request with a body must send it as application/json
// (415 otherwise; a browser cannot send that cross-site without a
// preflight), and a query that is not validly percent-encoded is a 400.

// adminAllowed checks the caller and the request's form, and answers the
// refusal itself.
func (s *Server) adminAllowed(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.adminToken != "" {
		switch cred := s.adminCredential(r); {
		case cred == credNone:
			w.Header().Set("WWW-Authenticate", `Bearer realm="mockisc admin"`)
			msg := "the admin API needs Authorization: Bearer <admin token>"
			if r.Header.Get("Authorization") != "" {
				msg += "; the token sent is not the admin token"
			}
			adminError(w, http.StatusUnauthorized, msg)
			return false
		case cred == credCookie:
			if msg := sessionRefusal(r); msg != "" {
				adminError(w, http.StatusForbidden, msg)
				return false
			}
		}
	} else if msg := s.adminRefusal(r); msg != "" {
		adminError(w, http.StatusForbidden, msg)
		return false
	}
	if name, err := engine.CheckQuery(r.URL.RawQuery); err != nil {
		adminError(w, http.StatusBadRequest, engine.BadQueryText(name, err))
		return false
	}
	if ct := r.Header.Get("Content-Type"); mayChange(r.Method) && (ct != "" || r.ContentLength != 0 && r.Body != nil && r.Body != http.NoBody) {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			adminError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("admin request bodies must be sent as application/json, not %q", ct))
			return false
		}
	}
	return true
}

// mayChange reports whether a method may carry a body that changes
// something.
func mayChange(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return false
	}
	return true
}

// adminRefusal says why a request without an admin token is refused, or
// "" when it is not.
func (s *Server) adminRefusal(r *http.Request) string {
	if !isLoopback(r.RemoteAddr) {
		return "the admin API answers loopback clients only; start the server with an admin token to allow " + r.RemoteAddr
	}
	if r.Context().Value(inProcessKey{}) != nil {
		return "" // Transport and Client without a listener: no browser there
	}
	if !s.adminHost(r.Host) {
		return fmt.Sprintf("the admin API answers requests for loopback names only, not Host %q (a web page may have rebound its name to this address); allow the name with WithAdminHosts or -admin-hosts, or use an admin token", r.Host)
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host == "" || !s.adminHost(u.Host) {
			return fmt.Sprintf("the admin API refuses cross-origin requests (Origin %q): a web page cannot drive it", o)
		}
	}
	if strings.EqualFold(r.Header.Get("Sec-Fetch-Site"), "cross-site") {
		return "the admin API refuses cross-site requests (Sec-Fetch-Site: cross-site): a web page cannot drive it"
	}
	return ""
}

// adminHost reports whether a Host header (or an Origin's host), port
// and all, names this machine's loopback or a name the admin API
// accepts. An empty Host (HTTP/1.0) is accepted: browsers always send
// one.
func (s *Server) adminHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if u, err := url.Parse(s.URL); err == nil && strings.EqualFold(u.Hostname(), host) {
		return true
	}
	names := s.cfg.adminHosts
	if s.cfg.tls {
		names = append(append(names[:len(names):len(names)], tlsca.DefaultHosts...), s.cfg.tlsHosts...)
	}
	for _, n := range names {
		if hostMatches(strings.ToLower(n), host) {
			return true
		}
	}
	return false
}

// hostMatches reports whether host is name, or, for a name "*.suffix",
// one label followed by ".suffix".
func hostMatches(name, host string) bool {
	if suffix, ok := strings.CutPrefix(name, "*."); ok {
		label, rest, found := strings.Cut(host, ".")
		return found && label != "" && rest == suffix
	}
	if ip := net.ParseIP(name); ip != nil {
		return ip.Equal(net.ParseIP(host))
	}
	return name == host
}

// isLoopback reports whether a RemoteAddr ("host:port") is a loopback
// address.
func isLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

// inProcessKey marks, in a request's context, a request served in process
// by Transport (or Client without a listener).
type inProcessKey struct{}

// markInProcess returns ctx marked as an in-process call's.
func markInProcess(ctx context.Context) context.Context {
	return context.WithValue(ctx, inProcessKey{}, true)
}
