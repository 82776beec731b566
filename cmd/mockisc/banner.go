package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/mockisc/mockisc/mockisc"
)

// printBanner tells the user where the server is and how to call it; with
// TLS, also where the CA certificate is (caFile, "" if not written). It
// writes the banner in one call, so a reader never sees half of it.
func printBanner(out io.Writer, url, from string, accounts int, tls bool, caFile string) {
	var b strings.Builder
	w := &b
	defer func() { _, _ = io.WriteString(out, b.String()) }()
	fmt.Fprintf(w, "mockisc: serving %s (%d accounts) on %s\n", from, accounts, url)
	curl := "curl -s"
	if tls {
		if caFile != "" {
			fmt.Fprintf(w, "CA certificate: %s (trust it with curl --cacert, NODE_EXTRA_CA_CERTS or SSL_CERT_FILE)\n", caFile)
			curl += " --cacert " + shellQuote(caFile)
		} else {
			fmt.Fprintf(w, "CA certificate: in memory only (-tls-ca FILE writes it); the commands below skip the check with -k\n")
			curl += " -k"
		}
	}
	fmt.Fprintf(w, "admin API: %s/__mockisc/health\n", url)
	fmt.Fprintf(w, "dashboard: %s/__mockisc/ui/ (open it in a browser on this machine)\n", url)
	fmt.Fprintf(w, "try it:\n")
	fmt.Fprintf(w, "  TOKEN=$(%s -X POST '%s/oauth/token' -d grant_type=client_credentials -d client_id=%s -d client_secret=secret | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n",
		curl, url, mockisc.DefaultClientID)
	fmt.Fprintf(w, "  %s -H \"Authorization: Bearer $TOKEN\" '%s/v3/accounts?limit=3'\n", curl, url)
}

// shellSafe matches words a POSIX shell takes literally.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

// shellQuote quotes s for a POSIX shell, if it needs quoting.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
