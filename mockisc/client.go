package mockisc

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/mockisc/mockisc/internal/engine"
)

// Client returns an HTTP client for the server that obtains a token for
// DefaultClientID (sp:scopes:all, ORG_ADMIN unless registered otherwise)
// and sends it with every request that has no Authorization header of its
// own. It renews the token when the server clock says it expired. It
// talks over the socket, or in process when the server has no listener;
// with WithTLS it speaks HTTPS and trusts the server's CA (Certificate)
// and nothing else.
func (s *Server) Client() *http.Client { return s.ClientAs(DefaultClientID, "") }

// ClientAs is Client for the OAuth client id with secret, so its tokens
// carry that client's scopes and authorities (see WithClient). Requests
// fail with an error if the client cannot get a token.
func (s *Server) ClientAs(clientID, secret string) *http.Client {
	return &http.Client{Transport: &authTransport{s: s, base: s.base(), clientID: clientID, secret: secret}}
}

// Transport returns an http.RoundTripper that serves requests by calling
// the server in process, with no socket and no token of its own. A
// dropped connection (a fault rule) surfaces as an error, as on a socket.
func (s *Server) Transport() http.RoundTripper { return inProcess{s} }

func (s *Server) base() http.RoundTripper {
	if s.transport != nil {
		return s.transport
	}
	return inProcess{s}
}

// authTransport adds a bearer token to requests.
type authTransport struct {
	s                *Server
	base             http.RoundTripper
	clientID, secret string

	mu  sync.Mutex // guards tok
	tok *engine.Token
}

func (t *authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("Authorization") != "" {
		return t.base.RoundTrip(r)
	}
	value, err := t.current()
	if err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, err
	}
	r2 := r.Clone(r.Context())
	r2.Header.Set("Authorization", "Bearer "+value)
	return t.base.RoundTrip(r2)
}

func (t *authTransport) current() (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.s.now()
	if t.tok != nil && now.Before(t.tok.Expires) {
		return t.tok.Value, nil
	}
	tok, err := t.s.issue(t.clientID, t.secret)
	if err != nil {
		return "", fmt.Errorf("mockisc: token for client %q: %w", t.clientID, err)
	}
	t.tok = tok
	return tok.Value, nil
}

// inProcess is a RoundTripper that calls the handler directly.
type inProcess struct{ s *Server }

func (t inProcess) RoundTrip(r *http.Request) (resp *http.Response, err error) {
	srvReq := r.Clone(markInProcess(r.Context()))
	if srvReq.Body == nil {
		srvReq.Body = http.NoBody
	}
	srvReq.RequestURI = r.URL.RequestURI()
	srvReq.RemoteAddr = "127.0.0.1:1"
	if srvReq.Host == "" {
		srvReq.Host = r.URL.Host
	}
	rec := httptest.NewRecorder()
	aborted := t.serve(rec, srvReq)
	if r.Body != nil {
		r.Body.Close()
	}
	res := rec.Result()
	res.Request = r
	if r.Method == http.MethodHead {
		res.Body = http.NoBody // the recorder keeps what a socket would not send
	}
	if aborted {
		if err := r.Context().Err(); err != nil {
			return nil, err
		}
		if !rec.Flushed && rec.Body.Len() == 0 {
			return nil, fmt.Errorf("mockisc: server closed the connection: %w", io.EOF)
		}
		res.Body = io.NopCloser(io.MultiReader(bytes.NewReader(rec.Body.Bytes()), errReader{io.ErrUnexpectedEOF}))
	}
	return res, nil
}

// serve calls the handler and reports whether it aborted the connection.
func (t inProcess) serve(w http.ResponseWriter, r *http.Request) (aborted bool) {
	defer func() {
		if v := recover(); v != nil {
			if v != http.ErrAbortHandler {
				panic(v)
			}
			aborted = true
		}
	}()
	t.s.ServeHTTP(w, r)
	return false
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
