package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/mockisc/mockisc/mockisc"
	"github.com/mockisc/mockisc/tenantsync"
)

// runRecord is "mockisc record": a proxy to a tenant that writes what
// passed through it as a scenario file, until ctx ends (SIGINT).
func runRecord(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("mockisc record", flag.ContinueOnError)
	var cred credentials
	cred.define(fs, "upstream", "the tenant's API `URL` to forward to")
	addr := fs.String("addr", "127.0.0.1:8081", "listen `address` of the proxy")
	out := fs.String("o", "", "write the scenario to `file` (rewritten each second while exchanges come in, and at the end)")
	noTenant := fs.Bool("no-tenant", false, "do not import the tenant first (the scenario then has no tenant)")
	filter := fs.String("filter", "", "import only the accounts this ISC `filter` matches")
	limit := fs.Int("limit", 0, "import at most `N` accounts")
	if err := parseSub(fs, args, stderr, "mockisc record -upstream URL -client-id ID [-client-secret-file F] [-addr ADDR] -o recorded.json"); err != nil {
		return subFail(stderr, "record", err)
	}
	if err := cred.resolve(getenv); err != nil {
		return subFail(stderr, "record", err)
	}
	switch {
	case fs.NArg() > 0:
		return subFail(stderr, "record", fmt.Errorf("unexpected argument %q (flags only)", fs.Arg(0)))
	case cred.url == "":
		return subFail(stderr, "record", errors.New("-upstream: the tenant's API URL is required"))
	case *out == "":
		return subFail(stderr, "record", errors.New("-o: the scenario file is required"))
	}
	var tenant *mockisc.State
	if !*noTenant {
		st, err := tenantsync.Import(ctx, tenantsync.ImportOptions{URL: cred.url, ClientID: cred.clientID, ClientSecret: cred.secret,
			Filter: *filter, Limit: *limit, Progress: stderr})
		if err != nil {
			fmt.Fprintf(stderr, "mockisc record: capturing the starting tenant: %v\n", err)
			return exitError
		}
		tenant = &st
	}
	var dirty atomic.Bool
	rec, err := tenantsync.NewRecorder(cred.url, tenantsync.RecorderOptions{Tenant: tenant, OnStep: func() { dirty.Store(true) }})
	if err != nil {
		return subFail(stderr, "record", err)
	}
	// The file is rewritten at most once a second while exchanges come
	// in (it holds the tenant, which may be large), and at the end.
	saveErr := make(chan error, 1)
	saverDone := make(chan struct{})
	stopSaver := make(chan struct{})
	go func() {
		defer close(saverDone)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stopSaver:
				return
			case <-tick.C:
				if dirty.Swap(false) {
					if err := rec.WriteFile(*out); err != nil {
						saveErr <- err
						return
					}
				}
			}
		}
	}()
	if err := rec.WriteFile(*out); err != nil {
		fmt.Fprintf(stderr, "mockisc record: %v\n", err)
		return exitError
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "mockisc record: listen on %s: %v\n", *addr, unwrapOp(err))
		return exitError
	}
	srv := &http.Server{Handler: rec, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "mockisc record: proxy http://%s -> %s, writing %s; stop with Ctrl-C\n", dialable(ln.Addr()), cred.url, *out)
	code := exitOK
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "mockisc record: serve: %v\n", err)
		code = exitError
	case err := <-saveErr:
		fmt.Fprintf(stderr, "mockisc record: %v\n", err)
		code = exitError
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	close(stopSaver)
	<-saverDone
	if err := rec.WriteFile(*out); err != nil {
		fmt.Fprintf(stderr, "mockisc record: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stderr, "mockisc record: wrote %s (%d steps)\n", *out, len(rec.Scenario().Steps))
	return code
}
