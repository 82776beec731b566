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
