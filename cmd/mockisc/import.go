package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mockisc/mockisc/mockisc"
	"github.com/mockisc/mockisc/tenantsync"
)

// runImport is "mockisc import": it reads a tenant through ISC's API and
// writes it as a state file.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("mockisc import", flag.ContinueOnError)
	var cred credentials
	cred.define(fs, "url", "the tenant's API `URL`, e.g. https://acme.api.identitynow.com")
	out := fs.String("o", "", "write the state to `file` (- for stdout)")
	filter := fs.String("filter", "", "import only the accounts this ISC `filter` matches, e.g. 'sourceId in (\"2c91...\")'")
	limit := fs.Int("limit", 0, "import at most `N` accounts (0: all)")
	pageSize := fs.Int("page-size", 250, "`N` objects per list call (at most 250)")
	pseudo := fs.Bool("pseudonymize", false, "replace names, e-mails, native identities and attribute values with stable fakes")
	seed := fs.String("pseudonymize-seed", "mockisc", "the `seed` of -pseudonymize: the same seed gives the same fakes")
	checkpoint := fs.String("checkpoint", "", "resume `file` (default: the -o file with .partial appended; it holds the data as read, not pseudonymized, and is removed on success)")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	if err := parseSub(fs, args, stderr, "mockisc import -url URL -client-id ID [-client-secret-file F] -o tenant.json [flags]"); err != nil {
		return subFail(stderr, "import", err)
	}
	if err := cred.resolve(getenv); err != nil {
		return subFail(stderr, "import", err)
	}
	switch {
	case fs.NArg() > 0:
		return subFail(stderr, "import", fmt.Errorf("unexpected argument %q (flags only)", fs.Arg(0)))
	case cred.url == "":
		return subFail(stderr, "import", errors.New("-url: the tenant's API URL is required"))
	case *out == "":
		return subFail(stderr, "import", errors.New("-o: the output file is required (- for stdout)"))
	case *limit < 0:
		return subFail(stderr, "import", fmt.Errorf("-limit: %d is negative", *limit))
	case *pageSize < 1 || *pageSize > 250:
		return subFail(stderr, "import", fmt.Errorf("-page-size: %d is not between 1 and 250", *pageSize))
	}
	cp := *checkpoint
	if cp == "" && *out != "-" {
		cp = *out + ".partial"
	}
	o := tenantsync.ImportOptions{URL: cred.url, ClientID: cred.clientID, ClientSecret: cred.secret,
		Filter: *filter, Limit: *limit, PageSize: *pageSize, Checkpoint: cp}
	if !*quiet {
		o.Progress = stderr
	}
	st, err := tenantsync.Import(ctx, o)
	if err != nil {
		fmt.Fprintf(stderr, "mockisc import: %v\n", err)
		if cp != "" {
			fmt.Fprintf(stderr, "mockisc import: run the same command again to resume from %s\n", cp)
		}
		return exitError
	}
	if *pseudo {
		st = tenantsync.Pseudonymize(st, *seed)
	}
	// The file must load where state files go: check it as -tenant would.
	if _, err := mockisc.NewServer(mockisc.WithoutListener(), mockisc.WithState(st)); err != nil {
		fmt.Fprintf(stderr, "mockisc import: the imported state does not load: %v\n", unwrapMockisc(err))
		return exitError
	}
	if *out == "-" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(st); err != nil {
			fmt.Fprintf(stderr, "mockisc import: %v\n", err)
			return exitError
		}
	} else if err := writeStateFile(*out, st); err != nil {
		fmt.Fprintf(stderr, "mockisc import: %v\n", err)
		return exitError
	}
	if cp != "" {
		_ = os.Remove(cp)
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "mockisc import: wrote %s: %d sources, %d identities, %d entitlements, %d accounts\n",
			*out, len(st.Sources), len(st.Identities), len(st.Entitlements), len(st.Accounts))
	}
	return exitOK
}
