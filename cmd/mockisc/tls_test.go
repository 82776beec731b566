package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// getWith sends a GET with c, with a bearer token if tok is not empty.
func getWith(t *testing.T, c *http.Client, u, tok string) (*http.Response, error) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := c.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

func TestRunTLS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     func(caFile string) []string
		writesCA bool
		names    []string // the certificate must be valid for these, beyond the defaults
	}{
		{"-tls-ca implies -tls", func(ca string) []string { return []string{"-tls-ca", ca} }, true, nil},
		{"-tls -tls-ca -tls-hosts", func(ca string) []string {
			return []string{"-tls", "-tls-ca", ca, "-tls-hosts", "mockisc.test, *.corp.example,10.9.8.7"}
		}, true, []string{"mockisc.test", "x.corp.example", "10.9.8.7"}},
		{"-tls alone", func(string) []string { return []string{"-tls"} }, false, nil},
		{"-tls-hosts implies -tls", func(string) []string { return []string{"-tls-hosts", "mockisc.test"} }, false, []string{"mockisc.test"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			caFile := filepath.Join(t.TempDir(), "ca.pem")
			base, stdout, stderr, stop := startWithOutput(t, tc.args(caFile)...)
			if !strings.HasPrefix(base, "https://") {
				t.Fatalf("URL %s, want https", base)
			}

			// A client that does not trust the CA is refused.
			var unknown x509.UnknownAuthorityError
			if _, err := getWith(t, &http.Client{Transport: &http.Transport{}}, base+"/__mockisc/health", ""); !errors.As(err, &unknown) {
				t.Errorf("a client with the system's roots: %v, want an unknown authority error", err)
			}

			// Trust the CA file, or, without one, skip the check and take
			// the CA from the handshake.
			roots := x509.NewCertPool()
			client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
			insecure := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
			_, statErr := os.Stat(caFile)
			if tc.writesCA {
				b, err := os.ReadFile(caFile)
				if err != nil {
					t.Fatal(err)
				}
				if block, rest := pem.Decode(b); block == nil || block.Type != "CERTIFICATE" || len(rest) != 0 {
					t.Errorf("%s is not one PEM certificate: %q", caFile, b)
				}
				if !roots.AppendCertsFromPEM(b) {
					t.Fatalf("%s does not load into a pool", caFile)
				}
				if fi, err := os.Stat(caFile); err != nil || fi.Mode().Perm() != 0o644 {
					t.Errorf("%s mode %v (%v), want 0644", caFile, fi.Mode(), err)
				}
				if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(caFile), ".*tmp")); len(leftovers) > 0 {
					t.Errorf("temporary files left: %v", leftovers)
				}
				for _, want := range []string{"CA certificate: " + caFile, "curl -s --cacert " + caFile + " -H "} {
					if !strings.Contains(stdout.String(), want) {
						t.Errorf("banner lacks %q:\n%s", want, stdout.String())
					}
				}
				if want := "ca=" + caFile + ` hint="curl --cacert ` + caFile + " " + base + "/__mockisc/health"; !strings.Contains(stderr.String(), want) {
					t.Errorf("startup log lacks %q:\n%s", want, stderr.String())
				}
			} else {
				if !errors.Is(statErr, os.ErrNotExist) {
					t.Errorf("without -tls-ca a CA file was written (%v)", statErr)
				}
				resp, err := getWith(t, insecure, base+"/__mockisc/health", "")
				if err != nil {
					t.Fatal(err)
				}
				chain := resp.TLS.PeerCertificates
				if len(chain) != 1 {
					t.Fatalf("the server sends %d certificates, want the server certificate alone", len(chain))
				}
				if err := chain[0].CheckSignatureFrom(chain[0]); err == nil {
					t.Error("the server certificate is self-signed, not signed by a CA")
				}
				if !strings.Contains(stdout.String(), "curl -s -k -H ") || !strings.Contains(stderr.String(), "-tls-ca FILE writes it") {
					t.Errorf("without -tls-ca the banner and log do not say how to get the CA:\n%s\n%s", stdout.String(), stderr.String())
				}
			}

			// A token, then the accounts, over HTTPS.
			c := client
			if !tc.writesCA {
				c = insecure
			}
			resp, err := c.PostForm(base+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"ci-job"}, "client_secret": {"s"}})
			if err != nil {
				t.Fatal(err)
			}
			var tok struct {
				AccessToken string `json:"access_token"`
			}
			err = json.NewDecoder(resp.Body).Decode(&tok)
			resp.Body.Close()
			if err != nil || tok.AccessToken == "" {
				t.Fatalf("token: %d %v", resp.StatusCode, err)
			}
			resp, err = getWith(t, c, base+"/v3/accounts?limit=2", tok.AccessToken)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("GET /v3/accounts: %v %v", resp, err)
			}
			leaf := resp.TLS.PeerCertificates[0]
			for _, name := range append([]string{"127.0.0.1", "localhost", "acme.api.identitynow.com"}, tc.names...) {
				if err := leaf.VerifyHostname(name); err != nil {
					t.Errorf("certificate not valid for %s: %v", name, err)
				}
			}
			if code := stop(); code != exitOK {
				t.Errorf("exit code %d: %s", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), `msg=request method=GET path=/v3/accounts status=200`) {
				t.Errorf("request not logged:\n%s", stderr.String())
			}
		})
	}
}

func TestRunTLSCAWriteError(t *testing.T) {
	t.Parallel()
	var stdout, stderr syncBuffer
	missing := filepath.Join(t.TempDir(), "no-such-dir", "ca.pem")
	code := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-tls-ca", missing}, &stdout, &stderr)
	if code != exitError {
		t.Errorf("exit code %d, want %d", code, exitError)
	}
	msg := stderr.String()
	if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "mockisc: -tls-ca: write "+missing+": ") {
		t.Errorf("want one line \"mockisc: -tls-ca: write %s: ...\", got %q", missing, msg)
	}
	if stdout.String() != "" {
		t.Errorf("a banner was printed: %q", stdout.String())
	}
}

func TestRunTLSBusyPortKeepsCAFile(t *testing.T) {
	t.Parallel()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	base, _, _, _ := startWithOutput(t, "-tls-ca", caFile)
	before, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	addr := strings.TrimPrefix(base, "https://")
	if code := run(context.Background(), []string{"-addr", addr, "-tls-ca", caFile}, &stdout, &stderr); code != exitError {
		t.Errorf("second start on %s: exit code %d, want %d", addr, code, exitError)
	}
	if after, err := os.ReadFile(caFile); err != nil || string(after) != string(before) {
		t.Errorf("a start that could not listen replaced the running server's CA file (%v)", err)
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/tmp/ca.pem":         "/tmp/ca.pem",
		"/tmp/my ca.pem":      "'/tmp/my ca.pem'",
		"/tmp/it's/ca.pem":    `'/tmp/it'\''s/ca.pem'`,
		"C:/Users/x/ca.pem":   "C:/Users/x/ca.pem",
		"/tmp/$HOME/ca.pem":   "'/tmp/$HOME/ca.pem'",
		"/tmp/a;rm -rf x.pem": "'/tmp/a;rm -rf x.pem'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
