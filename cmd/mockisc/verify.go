package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mockisc/mockisc/fixtures"
)

// Exit code of verify when a scenario drifted.
const exitDrift = 1

// runVerify is "mockisc verify": it runs scenario files against a real
// tenant and reports, per step, where the answers differ. It exits 0 only
// when nothing drifted.
func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("mockisc verify", flag.ContinueOnError)
	var cred credentials
	cred.define(fs, "url", "the tenant's API `URL` to run the scenarios against")
	asJSON := fs.Bool("json", false, "write the reports as JSON (for CI)")
	// Flags may come after the files too: parse, take a file, parse on.
	var patterns []string
	for {
		if err := parseSub(fs, args, stderr, "mockisc verify -url URL -client-id ID [-client-secret-file F] [-json] scenario.json..."); err != nil {
			return subFail(stderr, "verify", err)
		}
		if fs.NArg() == 0 {
			break
		}
		patterns = append(patterns, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if err := cred.resolve(getenv); err != nil {
		return subFail(stderr, "verify", err)
	}
	if cred.url == "" {
		return subFail(stderr, "verify", errors.New("-url: the tenant's API URL is required"))
	}
	var files []string
	for _, a := range patterns {
		m, err := filepath.Glob(a)
		if err != nil {
			return subFail(stderr, "verify", fmt.Errorf("pattern %q: %v", a, err))
		}
		if len(m) == 0 {
			return subFail(stderr, "verify", fmt.Errorf("%s: no such file", a))
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		return subFail(stderr, "verify", errors.New("no scenario file given"))
	}
	var scs []*fixtures.Scenario
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return subFail(stderr, "verify", unwrapPath(err))
		}
		sc, err := fixtures.Parse(f, b)
		if err != nil {
			return subFail(stderr, "verify", errors.New(trimFixtures(err.Error())))
		}
		scs = append(scs, sc)
	}
	target := fixtures.Target{URL: cred.url, ClientID: cred.clientID, ClientSecret: cred.secret}
	reports := make([]*fixtures.Report, 0, len(scs))
	drifted := false
	for i, sc := range scs {
		rep := fixtures.Verify(ctx, target, files[i], sc)
		reports = append(reports, rep)
		drifted = drifted || rep.Drifted
		if !*asJSON {
			rep.WriteText(stdout)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Drifted bool               `json:"drifted"`
			Reports []*fixtures.Report `json:"reports"`
		}{drifted, reports}); err != nil {
			fmt.Fprintf(stderr, "mockisc verify: %v\n", err)
			return exitError
		}
	}
	if drifted {
		return exitDrift
	}
	return exitOK
}

// trimFixtures drops the "fixtures: " prefix of a parse error.
func trimFixtures(msg string) string {
	if len(msg) > 10 && msg[:10] == "fixtures: " {
		return msg[10:]
	}
	return msg
}
