package mockisc_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mockisc/mockisc/mockisc"
)

// get sends a GET with c and returns the status and the TLS state.
func get(t *testing.T, c *http.Client, url string) (int, *tls.ConnectionState) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.TLS
}

func TestNewTLSServesHTTPS(t *testing.T) {
	t.Parallel()
	s := mockisc.NewTLS(t, mockisc.WithState(mockisc.DemoState()),
		mockisc.WithClient(mockisc.OAuthClient{ID: "reader", Secret: "pw", Scopes: []string{"idn:accounts:read"}, Authorities: []string{"ORG_ADMIN"}}))
	if !strings.HasPrefix(s.URL, "https://127.0.0.1:") {
		t.Errorf("URL %q, want https://127.0.0.1:port", s.URL)
	}
	for name, c := range map[string]*http.Client{"Client": s.Client(), "ClientAs": s.ClientAs("reader", "pw")} {
		code, st := get(t, c, s.URL+"/v3/accounts?limit=1")
		if code != http.StatusOK || st == nil {
			t.Errorf("%s: GET /v3/accounts: %d, TLS %v", name, code, st != nil)
			continue
		}
		if err := st.PeerCertificates[0].CheckSignatureFrom(s.Certificate()); err != nil {
			t.Errorf("%s: the server's certificate is not signed by Certificate(): %v", name, err)
		}
	}

	ca := s.Certificate()
	if ca == nil || !ca.IsCA {
		t.Fatalf("Certificate() = %v, want a CA", ca)
	}
	pemBytes := s.CACertPEM()
	block, rest := pem.Decode(pemBytes)
	if block == nil || block.Type != "CERTIFICATE" || len(rest) != 0 {
		t.Fatalf("CACertPEM() is not one CERTIFICATE block: %q", pemBytes)
	}
	if parsed, err := x509.ParseCertificate(block.Bytes); err != nil || !parsed.Equal(ca) {
		t.Errorf("CACertPEM() holds another certificate than Certificate() (%v)", err)
	}
	pemBytes[len(pemBytes)/2] ^= 0xff
	if bytes.Equal(pemBytes, s.CACertPEM()) {
		t.Error("CACertPEM() returns the server's own slice, not a copy")
	}
	// The certificate is valid now and for about a year of wall time.
	if now := time.Now(); now.Before(ca.NotBefore) || ca.NotAfter.Before(now.Add(364*24*time.Hour)) || ca.NotAfter.After(now.Add(366*24*time.Hour)) {
		t.Errorf("CA valid from %v to %v; want now to about a year from now", ca.NotBefore, ca.NotAfter)
	}
}

// TestTLSFollowsWallTime: a server clock far from now does not make the
// certificate invalid, because clients check it against the real time.
func TestTLSFollowsWallTime(t *testing.T) {
	t.Parallel()
	for _, start := range []time.Time{time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC)} {
		t.Run(start.Format("2006"), func(t *testing.T) {
			t.Parallel()
			s := mockisc.NewTLS(t, mockisc.WithStartTime(start))
			if code, _ := get(t, s.Client(), s.URL+"/v3/accounts"); code != http.StatusOK {
				t.Errorf("GET /v3/accounts: %d", code)
			}
		})
	}
}

func TestTLSRefusesUntrustingClients(t *testing.T) {
	t.Parallel()
	s := mockisc.NewTLS(t)
	other := mockisc.NewTLS(t)
	otherPool := x509.NewCertPool()
	otherPool.AddCert(other.Certificate())
	tests := []struct {
		name  string
		roots *x509.CertPool // nil: the system's roots
	}{
		{"system roots", nil},
		{"another server's CA", otherPool},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: tc.roots}}}
			defer c.CloseIdleConnections()
			resp, err := c.Get(s.URL + "/v3/accounts")
			if err == nil {
				resp.Body.Close()
				t.Fatalf("GET succeeded (%d) without trusting the server's CA", resp.StatusCode)
			}
			var unknown x509.UnknownAuthorityError
			if !errors.As(err, &unknown) {
				t.Errorf("error %v (%T), want an x509.UnknownAuthorityError", err, errors.Unwrap(err))
			}
		})
	}
	if other.Certificate().Equal(s.Certificate()) || other.Certificate().Subject.CommonName == s.Certificate().Subject.CommonName {
		t.Errorf("two servers share a CA (or its name): %q", s.Certificate().Subject.CommonName)
	}
}

// TestTLSCertificateNames checks which names the server's certificate is
// valid for, and that a client reaching the server by one of them (as
// through a hosts entry) gets an answer.
func TestTLSCertificateNames(t *testing.T) {
	t.Parallel()
	s := mockisc.NewTLS(t, mockisc.WithoutAuth(), mockisc.WithTLSHosts("mockisc.test", "*.corp.example"), mockisc.WithTLSHosts("10.1.2.3"))
	_, st := get(t, s.Client(), s.URL+"/v3/accounts")
	leaf := st.PeerCertificates[0]
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(s.CACertPEM()) {
		t.Fatal("CACertPEM() does not load into a pool")
	}
	tests := []struct {
		name  string
		valid bool
	}{
		{"127.0.0.1", true},
		{"::1", true},
		{"localhost", true},
		{"acme.api.identitynow.com", true},
		{"acme.identitynow.com", true},
		{"mockisc.test", true},
		{"x.corp.example", true},
		{"10.1.2.3", true},
		{"example.com", false},
		{"identitynow.com", false},
		{"a.b.api.identitynow.com", false}, // a wildcard covers one label
		{"corp.example", false},
		{"10.1.2.4", false},
		{"mockisc.invalid", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: tc.name, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
			if tc.valid && err != nil {
				t.Errorf("not valid for %s: %v", tc.name, err)
			}
			if !tc.valid && err == nil {
				t.Errorf("valid for %s", tc.name)
			}
			if !tc.valid || net.ParseIP(tc.name) != nil {
				return
			}
			// As with a hosts entry: the URL names the host, the socket is the server's.
			tr := &http.Transport{
				TLSClientConfig: &tls.Config{RootCAs: roots},
				DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
					return (&net.Dialer{}).DialContext(ctx, network, s.Addr().String())
				},
			}
			defer tr.CloseIdleConnections()
			host := strings.Replace(tc.name, "x.", "tenant.", 1)
			if code, _ := get(t, &http.Client{Transport: tr}, "https://"+host+"/v3/accounts"); code != http.StatusOK {
				t.Errorf("GET https://%s/v3/accounts: %d", host, code)
			}
		})
	}
}

func TestTLSOff(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string][]mockisc.Option{"socket": nil, "in process": {mockisc.WithoutListener()}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := mockisc.New(t, opts...)
			if s.Certificate() != nil || s.CACertPEM() != nil || !strings.HasPrefix(s.URL, "http://") {
				t.Errorf("without TLS: Certificate %v, CACertPEM %q, URL %s", s.Certificate(), s.CACertPEM(), s.URL)
			}
		})
	}
}

func TestTLSOptionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []mockisc.Option
		want string
	}{
		{"empty name", []mockisc.Option{mockisc.WithTLSHosts("ok.example", "")}, "WithTLSHosts: empty host name"},
		{"no names", []mockisc.Option{mockisc.WithTLSHosts()}, "WithTLSHosts: no names"},
		{"space", []mockisc.Option{mockisc.WithTLSHosts("acme example")}, `WithTLSHosts: "acme example" is not an IP address or a host name`},
		{"URL", []mockisc.Option{mockisc.WithTLSHosts("https://acme.example")}, `"https://acme.example" is not`},
		{"port", []mockisc.Option{mockisc.WithTLSHosts("acme.example:443")}, `"acme.example:443" is not`},
		{"bracketed IP", []mockisc.Option{mockisc.WithTLSHosts("[::1]")}, `"[::1]" is not`},
		{"inner wildcard", []mockisc.Option{mockisc.WithTLSHosts("a.*.example")}, `"a.*.example" is not`},
		{"bad IP", []mockisc.Option{mockisc.WithTLSHosts("256.1.1.1")}, `"256.1.1.1" is not`},
		{"TLS without listener", []mockisc.Option{mockisc.WithTLS(), mockisc.WithoutListener()}, "WithTLS needs a listener"},
		{"without listener, then TLS hosts", []mockisc.Option{mockisc.WithoutListener(), mockisc.WithTLSHosts("mockisc.test")}, "WithTLS needs a listener"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := mockisc.NewServer(tc.opts...)
			if err == nil {
				s.Close()
				t.Fatalf("NewServer succeeded; want an error containing %q", tc.want)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "mockisc: ") || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q; want \"mockisc: ...%s...\"", msg, tc.want)
			}
		})
	}
}

// ExampleWithTLS serves HTTPS; the server's own client trusts its CA.
func ExampleWithTLS() {
	s, err := mockisc.NewServer(mockisc.WithTLS())
	if err != nil {
		panic(err)
	}
	defer s.Close()
	resp, err := s.Client().Get(s.URL + "/v3/accounts")
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	// Other clients trust s.Certificate() or s.CACertPEM().
	fmt.Println(resp.StatusCode, resp.TLS != nil, strings.HasPrefix(s.URL, "https://"))
	// Output: 200 true true
}

// BenchmarkNewServer and BenchmarkNewServerTLS measure what TLS adds to
// starting a server (generating a CA and a certificate):
//
//	go test -run '^$' -bench 'NewServer' -benchmem ./mockisc
func BenchmarkNewServer(b *testing.B) { benchmarkNewServer(b) }

func BenchmarkNewServerTLS(b *testing.B) { benchmarkNewServer(b, mockisc.WithTLS()) }

func benchmarkNewServer(b *testing.B, opts ...mockisc.Option) {
	for b.Loop() {
		s, err := mockisc.NewServer(opts...)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
