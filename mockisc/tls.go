package mockisc

import (
	"crypto/x509"
	"errors"
	"slices"
	"time"

	"github.com/mockisc/mockisc/internal/tlsca"
)

// HTTPS: WithTLS, WithTLSHosts and NewTLS turn it on; internal/tlsca
// makes the CA and the server certificate (see the package doc, "Quick
// start", for what they hold and why they follow the wall clock).

// Certificate returns the server's CA certificate, the one its server
// certificate is signed by and that a client must trust, or nil without
// TLS (like httptest.Server.Certificate, which returns its self-signed
// certificate). Do not modify it.
func (s *Server) Certificate() *x509.Certificate {
	if s.ca == nil {
		return nil
	}
	return s.ca.CA
}

// CACertPEM returns the server's CA certificate in PEM form, for clients
// outside Go (curl --cacert, NODE_EXTRA_CA_CERTS, SSL_CERT_FILE), or nil
// without TLS. Each call returns a new copy.
func (s *Server) CACertPEM() []byte {
	if s.ca == nil {
		return nil
	}
	return slices.Clone(s.ca.CAPEM)
}

// errTLSWithoutListener is NewServer's error for WithTLS (or WithTLSHosts)
// with WithoutListener.
var errTLSWithoutListener = errors.New("WithTLS needs a listener: it cannot be combined with WithoutListener, which serves in process with no TLS to speak")

// newAuthority makes the CA and server certificate for cfg, valid from
// the wall time (never the server clock: clients check certificates
// against the real time).
func newAuthority(cfg *config) (*tlsca.Authority, error) {
	return tlsca.New(time.Now(), cfg.tlsHosts)
}
