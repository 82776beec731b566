package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mockisc/mockisc/internal/tlsca"
	"github.com/mockisc/mockisc/mockisc"
)

// options are the parsed command line.
type options struct {
	addr       string
	seed       uint64
	tenant     string
	generate   int
	rateLimit  mockisc.RateLimit
	latency    mockisc.Latency
	clockReal  bool
	clockAt    time.Time
	state      string
	logFormat  string
	logLevel   slog.Level
	adminToken string
	tls        bool     // serve HTTPS with a generated certificate
	tlsCA      string   // write the generated CA certificate here
	tlsHosts   []string // extra names for the certificate

	tokenTTL time.Duration // lifetime of issued tokens (-token-ttl)
	// faultRetryAfter is -fault-retry-after; faultRetryAfterSet says the
	// flag was given (0s is a value: "Retry-After: 0").
	faultRetryAfter    time.Duration
	faultRetryAfterSet bool
	taskDelay          time.Duration // -task-delay: tasks, aggregations among them, land this long after they are answered

	limits
}

// errUsage is returned after -h printed the usage.
var errUsage = errors.New("usage printed")

// parseFlags parses the command line, reading the environment through
// getenv. Errors are one line, naming the flag at fault; -h prints the
// usage to stderr and returns errUsage.
func parseFlags(args []string, stderr io.Writer, getenv func(string) string) (options, error) {
	o := options{}
	fs := flag.NewFlagSet("mockisc", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen `address`")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of ids, tokens and -generate")
	fs.StringVar(&o.tenant, "tenant", "", "start from this tenant state `file` instead of the demo tenant")
	fs.IntVar(&o.generate, "generate", 0, "start from `N` synthetic accounts")
	rate := fs.String("rate-limit", "100/10s", `rate limit per client and API version: "N/duration" or "off"`)
	lat := fs.String("latency", "", `latency added to every request: "50ms" or "10ms-200ms"`)
	clock := fs.String("clock", "real", `"real" or "fixed:<RFC 3339>" (moves only through the admin API)`)
	fs.StringVar(&o.state, "state", "", "load the tenant from `file` if it exists; save it there as it changes (-state-interval) and on shutdown")
	fs.StringVar(&o.logFormat, "log-format", "text", "log format: text or json")
	level := fs.String("log-level", "info", "log level: debug, info, warn or error")
	fs.StringVar(&o.adminToken, "admin-token", "", "bearer `token` that opens the admin API to every address (visible in ps: prefer -admin-token-file or $"+adminTokenEnv+")")
	fs.BoolVar(&o.tls, "tls", false, "serve HTTPS with a certificate generated at start")
	fs.StringVar(&o.tlsCA, "tls-ca", "", "write the generated CA certificate (PEM) to `file`; implies -tls")
	hosts := fs.String("tls-hosts", "", "extra comma-separated `names` (DNS names, *.wildcards, IPs) for the certificate; implies -tls")
	fs.DurationVar(&o.tokenTTL, "token-ttl", 749*time.Second, "lifetime of issued tokens (expires_in), at least 1s; raise it for SDKs that never renew a token")
	fs.DurationVar(&o.taskDelay, "task-delay", 0, "defer every task (account changes, aggregations) by this much server time, e.g. 1m; 0 completes them at once")
	retryAfter := fs.String("fault-retry-after", "", `Retry-After of the 429 and 503 answers of fault rules, e.g. "0s" or "1s" (default: "1" on 429, none on 503)`)
	rawLimits := o.limits.define(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprintln(stderr, "usage: mockisc [flags]")
			fs.PrintDefaults()
			return o, errUsage
		}
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (flags only)", fs.Arg(0))
	}
	var err error
	if o.rateLimit, err = parseRateLimit(*rate); err != nil {
		return o, fmt.Errorf("-rate-limit: %w", err)
	}
	if o.latency, err = parseLatency(*lat); err != nil {
		return o, fmt.Errorf("-latency: %w", err)
	}
	if o.clockReal, o.clockAt, err = parseClock(*clock); err != nil {
		return o, fmt.Errorf("-clock: %w", err)
	}
	if err := o.logLevel.UnmarshalText([]byte(*level)); err != nil {
		return o, fmt.Errorf("-log-level: %q is not debug, info, warn or error", *level)
	}
	if err := o.parseTLS(fs, *hosts); err != nil {
		return o, err
	}
	if err := o.limits.parse(rawLimits); err != nil {
		return o, err
	}
	if o.adminToken, err = adminToken(o.adminToken, o.adminTokenFile, getenv); err != nil {
		return o, err
	}
	if o.tokenTTL < time.Second {
		return o, fmt.Errorf("-token-ttl: %v is shorter than a second", o.tokenTTL)
	}
	if o.taskDelay < 0 {
		return o, fmt.Errorf("-task-delay: %v is negative", o.taskDelay)
	}
	if *retryAfter != "" {
		d, err := time.ParseDuration(*retryAfter)
		if err != nil || d < 0 {
			return o, fmt.Errorf("-fault-retry-after: %q is not a duration like 0s or 1s", *retryAfter)
		}
		o.faultRetryAfter, o.faultRetryAfterSet = d, true
	}
	switch {
	case o.logFormat != "text" && o.logFormat != "json":
		return o, fmt.Errorf("-log-format: %q is not text or json", o.logFormat)
	case o.generate < 0:
		return o, fmt.Errorf("-generate: %d is negative", o.generate)
	case o.generate > 0 && o.tenant != "":
		return o, errors.New("-tenant and -generate exclude each other")
	case o.addr == "":
		return o, errors.New("-addr: empty address")
	}
	return o, nil
}

// parseTLS checks -tls-ca and -tls-hosts, which imply -tls.
func (o *options) parseTLS(fs *flag.FlagSet, hosts string) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["tls-ca"] && o.tlsCA == "" {
		return errors.New("-tls-ca: empty file name")
	}
	if set["tls-hosts"] {
		var err error
		if o.tlsHosts, err = parseHosts(hosts); err != nil {
			return fmt.Errorf("-tls-hosts: %w", err)
		}
	}
	if implied := o.tlsCA != "" || len(o.tlsHosts) > 0; implied {
		if set["tls"] && !o.tls {
			return errors.New("-tls=false contradicts -tls-ca and -tls-hosts, which imply -tls")
		}
		o.tls = true
	}
	return nil
}

// parseHosts reads "a,b,c": DNS names (a leading "*." for a wildcard) or
// IP addresses, spaces around each ignored.
func parseHosts(s string) ([]string, error) {
	var out []string
	for _, h := range strings.Split(s, ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, fmt.Errorf("empty name in %q", s)
		}
		if err := tlsca.CheckHost(h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

// parseRateLimit reads "N/duration" (e.g. "100/10s") or "off".
func parseRateLimit(s string) (mockisc.RateLimit, error) {
	if s == "off" {
		return mockisc.RateLimit{}, nil
	}
	n, d, ok := strings.Cut(s, "/")
	if !ok {
		return mockisc.RateLimit{}, fmt.Errorf(`%q is not "N/duration" (like 100/10s) or "off"`, s)
	}
	limit, err := strconv.Atoi(n)
	if err != nil || limit <= 0 {
		return mockisc.RateLimit{}, fmt.Errorf("%q: %q is not a positive number of requests", s, n)
	}
	window, err := time.ParseDuration(d)
	if err != nil || window <= 0 {
		return mockisc.RateLimit{}, fmt.Errorf("%q: %q is not a positive duration like 10s", s, d)
	}
	return mockisc.RateLimit{Limit: limit, Window: window, Key: mockisc.RateLimitPerClientAPI}, nil
}

// parseLatency reads "" (none), "50ms" or "10ms-200ms".
func parseLatency(s string) (mockisc.Latency, error) {
	if s == "" {
		return mockisc.Latency{}, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	if !isRange {
		hi = lo
	}
	min, err1 := time.ParseDuration(lo)
	max, err2 := time.ParseDuration(hi)
	switch {
	case err1 != nil || err2 != nil:
		return mockisc.Latency{}, fmt.Errorf(`%q is not a duration like "50ms" or a range like "10ms-200ms"`, s)
	case min < 0 || max < min:
		return mockisc.Latency{}, fmt.Errorf("%q: want 0 <= min <= max", s)
	}
	return mockisc.Latency{Min: min, Max: max}, nil
}

// parseClock reads "real" or "fixed:<RFC 3339>".
func parseClock(s string) (real bool, at time.Time, err error) {
	if s == "real" {
		return true, time.Time{}, nil
	}
	v, ok := strings.CutPrefix(s, "fixed:")
	if !ok {
		return false, time.Time{}, fmt.Errorf(`%q is not "real" or "fixed:<RFC 3339 time>"`, s)
	}
	at, err = time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return false, time.Time{}, fmt.Errorf("%q is not an RFC 3339 time like 2025-01-01T00:00:00Z", v)
	}
	return false, at, nil
}

// serverOptions turns the command line into mockisc options.
func (o options) serverOptions() []mockisc.Option {
	opts := []mockisc.Option{
		mockisc.WithoutListener(),
		mockisc.WithSeed(o.seed),
		mockisc.WithRateLimit(o.rateLimit),
		mockisc.WithLatency(o.latency),
		mockisc.WithTokenTTL(o.tokenTTL),
		mockisc.WithTaskDelay(o.taskDelay),
	}
	if o.faultRetryAfterSet {
		opts = append(opts, mockisc.WithFaultRetryAfter(o.faultRetryAfter))
	}
	if o.clockReal {
		opts = append(opts, mockisc.WithRealClock())
	} else {
		opts = append(opts, mockisc.WithStartTime(o.clockAt))
	}
	if o.adminToken != "" {
		opts = append(opts, mockisc.WithAdminToken(o.adminToken))
	}
	if o.tls {
		// The admin API accepts the certificate's names as Host.
		opts = append(opts, mockisc.WithAdminHosts(append(slices.Clone(tlsca.DefaultHosts), o.tlsHosts...)...))
	}
	return append(opts, o.limits.serverOptions()...)
}
