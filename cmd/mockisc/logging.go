package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// newLogger makes the binary's logger on w.
func newLogger(w io.Writer, format string, level slog.Level) *slog.Logger {
	ho := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, ho))
	}
	return slog.New(slog.NewTextHandler(w, ho))
}

// logRequests logs one line per request: method, path, status, duration
// (wall time, measured here, outside the fake) and client id. When the
// logger does not log at info level, it costs nothing.
func logRequests(log *requestLogger, next http.Handler) http.Handler {
	clients := &tokenClients{m: map[string]string{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !log.enabled(r.Context()) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w}
		var form *bytes.Buffer
		if r.URL.Path == "/oauth/token" && r.Body != nil {
			form = &bytes.Buffer{}
			r.Body = readCloser{io.TeeReader(r.Body, &capped{buf: form, max: 4096}), r.Body}
		}
		defer func() {
			v := recover()
			status := rec.status
			if v != nil {
				status = 0 // the connection was dropped or cut (a fault rule)
			} else if status == 0 {
				status = http.StatusOK
			}
			now := time.Now()
			log.line(r.Context(), now, r.Method, r.URL.Path, status, now.Sub(start), clients.clientID(r, form))
			if v != nil {
				panic(v)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

type readCloser struct {
	io.Reader
	io.Closer
}

// capped keeps the first max bytes written to it.
type capped struct {
	buf *bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// tokenClients remembers the client of the bearer tokens seen lately,
// so that a client sending the same token again costs a map lookup, not
// a JSON decoding.
type tokenClients struct {
	mu sync.Mutex
	m  map[string]string // bearer token → client id
}

// maxTokenClients bounds tokenClients: past it, it starts afresh.
const maxTokenClients = 1024

// clientID finds the OAuth client of a request: the client_id claim of
// its bearer token (read, not verified), or for a token request the
// client_id parameter or the Basic user.
func (tc *tokenClients) clientID(r *http.Request, form *bytes.Buffer) string {
	var auth string
	if vs := r.Header["Authorization"]; len(vs) > 0 { // as Get does, without canonicalizing the name
		auth = vs[0]
	}
	scheme, tok, _ := strings.Cut(auth, " ")
	if strings.EqualFold(scheme, "Bearer") {
		tok = strings.TrimSpace(tok)
		tc.mu.Lock()
		id, ok := tc.m[tok]
		tc.mu.Unlock()
		if !ok {
			id = bearerClient(tok)
			tc.mu.Lock()
			if len(tc.m) >= maxTokenClients {
				clear(tc.m)
			}
			tc.m[tok] = id
			tc.mu.Unlock()
		}
		return id
	}
	return formClient(r, form)
}

// bearerClient is the client_id claim of a bearer token, or "".
func bearerClient(tok string) string {
	parts := strings.Split(tok, ".")
	if len(parts) == 3 {
		if b, err := base64.RawURLEncoding.DecodeString(parts[1]); err == nil {
			var claims struct {
				ClientID string `json:"client_id"`
			}
			if json.Unmarshal(b, &claims) == nil {
				return claims.ClientID
			}
		}
	}
	return ""
}

// formClient is the client of a request without a bearer token: the
// client_id parameter of its query or form, or its Basic user.
func formClient(r *http.Request, form *bytes.Buffer) string {
	if id := r.URL.Query().Get("client_id"); id != "" {
		return id
	}
	if form != nil {
		if v, err := url.ParseQuery(form.String()); err == nil && v.Get("client_id") != "" {
			return v.Get("client_id")
		}
	}
	if u, _, ok := r.BasicAuth(); ok {
		return u
	}
	return ""
}
