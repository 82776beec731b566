package mockisc

// Tester is the part of *testing.T (and *testing.B, *testing.F) that New
// uses, so this package does not import testing.
type Tester interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// New starts a server on 127.0.0.1 with a free port, fails the test if it
// cannot, and closes it when the test ends. It is the usual way to get a
// fake tenant in a test:
//
//	s := mockisc.New(t)
//	resp, err := s.Client().Get(s.URL + "/v3/accounts")
func New(t Tester, opts ...Option) *Server {
	t.Helper()
	s, err := NewServer(opts...)
	if err != nil {
		t.Fatalf("mockisc: %v", err)
		return nil
	}
	t.Cleanup(s.Close)
	return s
}

// NewTLS is New serving HTTPS (WithTLS), as httptest.NewTLSServer is
// httptest.NewServer over TLS: URL is "https://127.0.0.1:port", and
// Client trusts the server's generated CA, which Certificate and
// CACertPEM return for other clients:
//
//	s := mockisc.NewTLS(t)
//	resp, err := s.Client().Get(s.URL + "/v3/accounts")
func NewTLS(t Tester, opts ...Option) *Server {
	t.Helper()
	return New(t, append([]Option{WithTLS()}, opts...)...)
}
