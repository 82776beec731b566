// Package tlsca makes throwaway TLS certificates for the fake: a
// certificate authority that lives only in memory and one server
// certificate it signs, for the loopback addresses, localhost, ISC's host
// names and any extra names asked for. It uses only the standard
// library's crypto packages, and ECDSA P-256 keys, so a new authority
// costs a few signatures (about half a millisecond), not the seconds an
// RSA key can take.
//
// The private keys never leave the process: trusting the CA certificate
// lets a client accept this one server (until it exits), and nothing
// else can be signed with it.
package tlsca

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"
)

// Validity is how long the certificates are valid, from the wall time
// they are made (and from an hour before, for clocks slightly behind).
const Validity = 365 * 24 * time.Hour

// DefaultHosts are the names every server certificate holds: the
// loopback addresses, localhost, and every ISC tenant's API and UI host
// (acme.api.identitynow.com, acme.identitynow.com), so a hosts entry
// pointing one at 127.0.0.1 is all a tool that hard-wires ISC's URL needs.
var DefaultHosts = []string{"127.0.0.1", "::1", "localhost", "*.api.identitynow.com", "*.identitynow.com"}

// Authority is a generated CA and the server certificate it signed.
type Authority struct {
	// CA is the self-signed CA certificate.
	CA *x509.Certificate
	// CAPEM is CA in PEM form, for files and for clients in other
	// languages.
	CAPEM []byte
	// Leaf is the server certificate with its private key.
	Leaf tls.Certificate
}

// New makes a CA and a server certificate for DefaultHosts and hosts
// (IP addresses and DNS names, a leading "*." for a wildcard; duplicates
// are dropped), both valid from now (less an hour) for Validity. now
// should be the wall time: TLS clients check certificates against it.
func New(now time.Time, hosts []string) (*Authority, error) {
	var ips []net.IP
	var names []string
	seen := map[string]bool{}
	for _, h := range append(append([]string(nil), DefaultHosts...), hosts...) {
		if err := CheckHost(h); err != nil {
			return nil, err
		}
		if ip := net.ParseIP(h); ip != nil {
			if key := ip.String(); !seen[key] {
				seen[key] = true
				ips = append(ips, ip)
			}
			continue
		}
		if key := strings.ToLower(h); !seen[key] {
			seen[key] = true
			names = append(names, h)
		}
	}

	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("tls: CA key: %w", err)
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("tls: server key: %w", err)
	}
	caSerial, err := serial()
	if err != nil {
		return nil, err
	}
	leafSerial, err := serial()
	if err != nil {
		return nil, err
	}
	from := now.Add(-time.Hour).Truncate(time.Second)
	until := now.Add(Validity).Truncate(time.Second)

	caTmpl := &x509.Certificate{
		SerialNumber: caSerial,
		Subject: pkix.Name{
			Organization: []string{"mockisc (testing only)"},
			// A name per authority, so two in a trust store can be told apart.
			CommonName: "mockisc CA " + caSerial.Text(16)[:8],
		},
		NotBefore:             from,
		NotAfter:              until,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("tls: CA certificate: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, fmt.Errorf("tls: CA certificate: %w", err)
	}

	leafTmpl := &x509.Certificate{
		SerialNumber: leafSerial,
		Subject:      pkix.Name{Organization: []string{"mockisc (testing only)"}, CommonName: "mockisc"},
		NotBefore:    from,
		NotAfter:     until,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     names,
		IPAddresses:  ips,
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("tls: server certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(leafDER)
	if err != nil {
		return nil, fmt.Errorf("tls: server certificate: %w", err)
	}
	return &Authority{
		CA:    ca,
		CAPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		Leaf:  tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey, Leaf: leaf},
	}, nil
}

// serial is a random 128-bit certificate serial number.
func serial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, fmt.Errorf("tls: serial number: %w", err)
	}
	return n.Add(n, big.NewInt(1)), nil // never 0
}

// ServerConfig is the server side, for tls.NewListener: it presents the
// server certificate and speaks HTTP/1.1 only, as httptest.NewTLSServer
// does and as the fake does without TLS, so a fault that drops a
// connection drops a connection, not an HTTP/2 stream, and Shutdown does
// not wait for HTTP/2 clients to go away.
func (a *Authority) ServerConfig() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{a.Leaf}, MinVersion: tls.VersionTLS12, NextProtos: []string{"http/1.1"}}
}

// ClientConfig is the client side: it trusts the CA (and nothing else).
func (a *Authority) ClientConfig() *tls.Config {
	return &tls.Config{RootCAs: a.Pool(), MinVersion: tls.VersionTLS12}
}

// Pool is a certificate pool holding only the CA.
func (a *Authority) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(a.CA)
	return p
}

// CheckHost reports whether name can go into a certificate: an IP
// address (without brackets or zone), or a DNS name of letters, digits
// and hyphens whose first label may be "*" for a wildcard.
func CheckHost(name string) error {
	if name == "" {
		return errors.New("empty host name")
	}
	if net.ParseIP(name) != nil {
		return nil
	}
	bad := fmt.Errorf("%q is not an IP address or a host name like acme.api.identitynow.com or *.example.com", name)
	dns := strings.TrimPrefix(name, "*.")
	if dns == "" || len(dns) > 253 {
		return bad
	}
	labels := strings.Split(dns, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return bad
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return bad
			}
		}
	}
	// An all-digit last label is a mistyped IP address (256.0.0.1, 10.0.1),
	// never a top-level domain.
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return bad
	}
	return nil
}
