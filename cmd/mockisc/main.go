// Command mockisc serves a fake SailPoint Identity Security Cloud (ISC)
// tenant over HTTP, for tests in any language: the accounts APIs in every
// version (v3, beta, v2024, v2025, v2026, /accounts/v1), sources,
// identities, task status, the AgileNow Endpoint API, the OAuth token
// endpoints and an admin API under /__mockisc/.
//
// With no flags it serves a demo tenant (mockisc.DemoState) on
// 127.0.0.1:8080 and prints a curl command to try it:
//
//	go run ./cmd/mockisc
//	go run ./cmd/mockisc -addr :9000 -rate-limit off -clock fixed:2025-01-01T00:00:00Z
//	go run ./cmd/mockisc -generate 1000000 -state /tmp/tenant.json
//
// Flags:
//
//	-addr ADDR          listen address (default 127.0.0.1:8080)
//	-seed N             seed of ids, tokens and -generate (default 1)
//	-tenant FILE        start from this tenant state file instead of the demo
//	-generate N         start from N synthetic accounts (mockisc.Generate)
//	-rate-limit SPEC    "N/duration" per client and API version, or "off" (default 100/10s)
//	-latency SPEC       added to every request: "50ms" or a range "10ms-200ms"
//	-clock SPEC         "real" (default) or "fixed:<RFC 3339>", a clock that moves only through the admin API
//	-state FILE         load the tenant from FILE if it exists; save it there as it changes and on shutdown
//	-state-interval D   with -state, save at most this often when the tenant changed (default 1s; 0: on shutdown only)
//	-log-format FORMAT  text (default) or json
//	-log-level LEVEL    debug, info (default), warn or error; at info, a line per request,
//	                    written in batches at most 20 ms after the request (when 1 MiB of
//	                    lines wait for a slow stderr, requests wait for it)
//	-admin-token TOKEN  let any address use the admin API with this bearer token (visible in ps)
//	-admin-token-file F the admin token, from the first line of F ($MOCKISC_ADMIN_TOKEN when neither is given)
//	-admin-hosts NAMES  extra Host names the admin API accepts without a token (containers)
//	-tls                serve HTTPS with a certificate generated at start
//	-tls-ca FILE        write the generated CA certificate (PEM) to FILE; implies -tls
//	-tls-hosts NAMES    extra comma-separated names for the certificate; implies -tls
//	-token-ttl D        lifetime of issued tokens (default 749s)
//	-fault-retry-after D  Retry-After of fault rules' 429 and 503 answers (default: 1 on 429, none on 503)
//	-max-body-bytes N   request body cap (default 1MiB); -state-max-bytes N: PUT /__mockisc/state's (256MiB)
//	-journal-size N     journal entries kept (default 100000); -journal-bytes N: its size (64MiB);
//	                    -journal-body-bytes N: the body bytes each entry keeps (64KiB)
//	-max-tokens N       issued tokens known at once (default 10000); -max-tasks N: tasks kept (100000)
//	-read-header-timeout, -read-timeout, -write-timeout, -idle-timeout D
//	                    connection timeouts (10s, 2m, 10m, 2m; 0: none)
//	-shutdown-grace D   time requests in flight get on SIGINT or SIGTERM before they are cut (default 5s)
//
// Three subcommands check the fake against a real tenant (the client
// secret from -client-secret, -client-secret-file or
// $MOCKISC_CLIENT_SECRET; the id from -client-id or $MOCKISC_CLIENT_ID):
//
//	mockisc import -url URL -client-id ID -o tenant.json [-filter F] [-limit N] [-pseudonymize] [-page-size N] [-checkpoint F] [-quiet]
//	mockisc record -upstream URL -client-id ID [-addr 127.0.0.1:8081] -o recorded.json [-no-tenant] [-filter F] [-limit N]
//	mockisc verify -url URL -client-id ID [-json] scenario.json...
//
// import writes the tenant as a state file (resuming from -o's .partial
// checkpoint after a failure, progress on stderr); record forwards every
// request to the upstream and writes the exchanges as a scenario file,
// starting from the tenant as import reads it; verify runs scenario files
// against the tenant and exits 1 when an answer drifted from its
// expectation (2 on bad flags or files). See the tenantsync and fixtures
// packages.
//
// With -tls every start makes a new CA, in memory, and a certificate it
// signs for 127.0.0.1, ::1, localhost, *.api.identitynow.com,
// *.identitynow.com and the -tls-hosts names, valid for a year of wall
// time. -tls-ca writes the CA certificate (a temporary file renamed into
// place) once the address is bound, before serving, for clients to trust:
//
//	go run ./cmd/mockisc -tls-ca /tmp/mockisc-ca.pem
//	curl --cacert /tmp/mockisc-ca.pem https://127.0.0.1:8080/__mockisc/health
//
// The starting tenant is, in order of preference: the -state file if it
// exists, the -tenant file, -generate, the demo. -tenant and -generate
// exclude each other. With -state, the tenant is saved every
// -state-interval in which a request that may change it was answered, so
// a kill (SIGKILL, an OOM kill) loses at most the last interval's writes.
// On SIGINT or SIGTERM the server stops accepting connections, gives the
// requests in flight -shutdown-grace to finish and cuts the rest,
// completes pending tasks, writes the -state file (a temporary file
// renamed into place) and exits 0. Bad flags and bad tenant files exit 2
// with a one-line error. The mockisc package doc's "Limits" section lists
// every bound the flags set.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
