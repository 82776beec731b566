package tlsca

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"
)

func TestCheckHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ok   bool
	}{
		{"127.0.0.1", true},
		{"::1", true},
		{"10.1.2.3", true},
		{"fe80::1", true},
		{"localhost", true},
		{"acme.api.identitynow.com", true},
		{"ACME.api.IdentityNow.com", true},
		{"*.example.com", true},
		{"*.local", true},
		{"x-1.example", true},
		{"", false},
		{" ", false},
		{"a b", false},
		{" acme.example.com", false},
		{"https://acme.example.com", false},
		{"acme.example.com:443", false},
		{"[::1]", false},
		{"fe80::1%eth0", false},
		{"256.0.0.1", false},
		{"10.0.1", false},
		{"*", false},
		{"*.", false},
		{"*.*.example.com", false},
		{"a.*.example.com", false},
		{"example..com", false},
		{".example.com", false},
		{"example.com.", false},
		{"-a.example.com", false},
		{"a-.example.com", false},
		{"under_score.example.com", false},
		{"bücher.example", false},
		{strings.Repeat("a", 64) + ".example", false},
		{strings.Repeat("a", 63) + ".example", true},
		{strings.Repeat("abcdefghi.", 26) + "com", false}, // 263 characters
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := CheckHost(tc.name)
			if tc.ok && err != nil {
				t.Errorf("CheckHost(%q) = %v, want nil", tc.name, err)
			}
			if !tc.ok && err == nil {
				t.Errorf("CheckHost(%q) = nil, want an error", tc.name)
			}
		})
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	now := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	a, err := New(now, []string{"mockisc.test", "*.corp.example", "10.9.8.7", "LOCALHOST", "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.CA.IsCA || !a.CA.BasicConstraintsValid || a.CA.MaxPathLen != 0 || !a.CA.MaxPathLenZero {
		t.Errorf("CA constraints: IsCA %v, basic %v, max path %d", a.CA.IsCA, a.CA.BasicConstraintsValid, a.CA.MaxPathLen)
	}
	if err := a.CA.CheckSignatureFrom(a.CA); err != nil {
		t.Errorf("CA is not self-signed: %v", err)
	}
	for _, c := range []*x509.Certificate{a.CA, a.Leaf.Leaf} {
		pub, ok := c.PublicKey.(*ecdsa.PublicKey)
		if !ok || pub.Curve != elliptic.P256() {
			t.Errorf("%s: key %T, want ECDSA P-256", c.Subject.CommonName, c.PublicKey)
		}
		if !c.NotBefore.Equal(now.Add(-time.Hour)) || !c.NotAfter.Equal(now.Add(Validity)) {
			t.Errorf("%s: valid %v to %v, want an hour before %v for %v", c.Subject.CommonName, c.NotBefore, c.NotAfter, now, Validity)
		}
	}
	if a.Leaf.Leaf.IsCA {
		t.Error("the server certificate is a CA")
	}
	// Duplicates (localhost in another case, 127.0.0.1) are dropped.
	if got, want := strings.Join(a.Leaf.Leaf.DNSNames, " "), "localhost *.api.identitynow.com *.identitynow.com mockisc.test *.corp.example"; got != want {
		t.Errorf("DNS names %q, want %q", got, want)
	}
	var ips []string
	for _, ip := range a.Leaf.Leaf.IPAddresses {
		ips = append(ips, ip.String())
	}
	if got, want := strings.Join(ips, " "), "127.0.0.1 ::1 10.9.8.7"; got != want {
		t.Errorf("IP addresses %q, want %q", got, want)
	}

	block, rest := pem.Decode(a.CAPEM)
	if block == nil || block.Type != "CERTIFICATE" || len(rest) != 0 {
		t.Fatalf("CAPEM is not one CERTIFICATE block: %q", a.CAPEM)
	}
	parsed, err := x509.ParseCertificate(block.Bytes)
	if err != nil || !parsed.Equal(a.CA) {
		t.Errorf("CAPEM holds another certificate (%v)", err)
	}
	for _, name := range []string{"mockisc.test", "x.corp.example", "10.9.8.7", "acme.api.identitynow.com"} {
		_, err := a.Leaf.Leaf.Verify(x509.VerifyOptions{Roots: a.Pool(), DNSName: name, CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
		if err != nil {
			t.Errorf("Verify(%s): %v", name, err)
		}
	}
	if _, err := a.Leaf.Leaf.Verify(x509.VerifyOptions{Roots: a.Pool(), DNSName: "localhost", CurrentTime: now.Add(Validity + time.Second)}); err == nil {
		t.Error("the certificate is still valid after Validity")
	}
}

func TestNewRefusesABadHost(t *testing.T) {
	t.Parallel()
	if _, err := New(time.Now(), []string{"ok.example", "not ok"}); err == nil || !strings.Contains(err.Error(), `"not ok"`) {
		t.Errorf("New with a bad host: %v", err)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(time.Now(), nil); err != nil {
			b.Fatal(err)
		}
	}
}
