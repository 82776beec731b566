package main

import (
	"fmt"
	"io"

	"github.com/mockisc/mockisc/mockisc"
)

// printBanner tells the user where the server is and how to call it.
func printBanner(w io.Writer, url, from string, accounts int) {
	fmt.Fprintf(w, "mockisc: serving %s (%d accounts) on %s\n", from, accounts, url)
	fmt.Fprintf(w, "admin API: %s/__mockisc/health\n", url)
	fmt.Fprintf(w, "try it:\n")
	fmt.Fprintf(w, "  TOKEN=$(curl -s -X POST '%s/oauth/token' -d grant_type=client_credentials -d client_id=%s -d client_secret=secret | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n",
		url, mockisc.DefaultClientID)
	fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer $TOKEN\" '%s/v3/accounts?limit=3'\n", url)
}
