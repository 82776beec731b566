package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mockisc/mockisc/internal/tlsca"
	"github.com/mockisc/mockisc/mockisc"
)

// adminTokenEnv is the environment variable the admin token is read from
// when neither -admin-token nor -admin-token-file is given; unlike a
// flag, it is not visible to other users in ps.
const adminTokenEnv = "MOCKISC_ADMIN_TOKEN"

// limits are the bounds and timeouts the command line sets.
type limits struct {
	journalSize      int
	journalBytes     int64
	journalBodyBytes int64
	maxTokens        int
	maxTasks         int
	maxBodyBytes     int64
	stateMaxBytes    int64
	timeouts         mockisc.Timeouts
	shutdownGrace    time.Duration
	stateInterval    time.Duration
	adminHosts       []string
	adminTokenFile   string
}

// limitFlags are the raw values of the limit flags, parsed after
// FlagSet.Parse.
type limitFlags struct {
	journalBytes, journalBody, maxBody, stateMax, adminHosts string
}

// defineLimits adds the limit flags to fs.
func (l *limits) define(fs *flag.FlagSet) *limitFlags {
	raw := &limitFlags{}
	d := mockisc.DefaultTimeouts()
	fs.IntVar(&l.journalSize, "journal-size", 100000, "journal: at most `N` requests kept (0 keeps none)")
	fs.StringVar(&raw.journalBytes, "journal-bytes", "64MiB", "journal: at most this `size` of requests kept (oldest dropped first)")
	fs.StringVar(&raw.journalBody, "journal-body-bytes", "64KiB", "journal: keep this `size` of each body (the rest is cut, and marked so)")
	fs.IntVar(&l.maxTokens, "max-tokens", mockisc.DefaultMaxTokens, "at most `N` issued tokens known (expired ones are forgotten first, then the oldest)")
	fs.IntVar(&l.maxTasks, "max-tasks", mockisc.DefaultMaxTasks, "at most `N` tasks kept (the oldest completed ones are forgotten)")
	fs.StringVar(&raw.maxBody, "max-body-bytes", "1MiB", "API and admin request body `size` cap (413 past it)")
	fs.StringVar(&raw.stateMax, "state-max-bytes", "256MiB", "PUT /__mockisc/state body `size` cap (413 past it)")
	fs.DurationVar(&l.timeouts.ReadHeader, "read-header-timeout", d.ReadHeader, "time to read a request's headers (0: none)")
	fs.DurationVar(&l.timeouts.Read, "read-timeout", d.Read, "time to read a whole request, body included (0: none); a stalled body gets 408")
	fs.DurationVar(&l.timeouts.Write, "write-timeout", d.Write, "time from a request's headers to the end of its answer, latency included (0: none)")
	fs.DurationVar(&l.timeouts.Idle, "idle-timeout", d.Idle, "time a keep-alive connection waits for its next request (0: none)")
	fs.DurationVar(&l.shutdownGrace, "shutdown-grace", 5*time.Second, "on SIGINT or SIGTERM, time requests in flight get before they are cut")
	fs.DurationVar(&l.stateInterval, "state-interval", time.Second, "with -state, save the tenant this often when it changed (0: only on shutdown)")
	fs.StringVar(&raw.adminHosts, "admin-hosts", "", "extra comma-separated Host `names` the admin API accepts without an admin token (containers)")
	fs.StringVar(&l.adminTokenFile, "admin-token-file", "", "read the admin token from `file` (first line)")
	return raw
}

// parse checks the limit flags.
func (l *limits) parse(raw *limitFlags) error {
	var err error
	if l.journalBytes, err = parseBytes(raw.journalBytes); err != nil {
		return fmt.Errorf("-journal-bytes: %w", err)
	}
	if l.journalBodyBytes, err = parseBytes(raw.journalBody); err != nil {
		return fmt.Errorf("-journal-body-bytes: %w", err)
	}
	if l.maxBodyBytes, err = parseBytes(raw.maxBody); err != nil {
		return fmt.Errorf("-max-body-bytes: %w", err)
	}
	if l.stateMaxBytes, err = parseBytes(raw.stateMax); err != nil {
		return fmt.Errorf("-state-max-bytes: %w", err)
	}
	if raw.adminHosts != "" {
		for _, h := range strings.Split(raw.adminHosts, ",") {
			h = strings.TrimSpace(h)
			if err := tlsca.CheckHost(h); err != nil {
				return fmt.Errorf("-admin-hosts: %w", err)
			}
			l.adminHosts = append(l.adminHosts, h)
		}
	}
	for _, c := range []struct {
		name string
		v    int64
	}{{"-journal-size", int64(l.journalSize)}, {"-max-tokens", int64(l.maxTokens) - 1}, {"-max-tasks", int64(l.maxTasks) - 1}} {
		if c.v < 0 {
			return fmt.Errorf("%s: too small", c.name)
		}
	}
	for _, c := range []struct {
		name string
		d    time.Duration
	}{{"-read-header-timeout", l.timeouts.ReadHeader}, {"-read-timeout", l.timeouts.Read}, {"-write-timeout", l.timeouts.Write},
		{"-idle-timeout", l.timeouts.Idle}, {"-shutdown-grace", l.shutdownGrace}, {"-state-interval", l.stateInterval}} {
		if c.d < 0 {
			return fmt.Errorf("%s: %v is negative", c.name, c.d)
		}
	}
	return nil
}

// serverOptions are the mockisc options of the limits.
func (l *limits) serverOptions() []mockisc.Option {
	t := l.timeouts
	for _, d := range []*time.Duration{&t.ReadHeader, &t.Read, &t.Write, &t.Idle} {
		if *d == 0 {
			*d = -1 // the flag's 0 is "none", the option's is "default"
		}
	}
	opts := []mockisc.Option{
		mockisc.WithJournalSize(l.journalSize), mockisc.WithJournalBytes(l.journalBytes),
		mockisc.WithJournalBodyBytes(int(l.journalBodyBytes)), mockisc.WithMaxTokens(l.maxTokens),
		mockisc.WithMaxTasks(l.maxTasks), mockisc.WithMaxBodyBytes(l.maxBodyBytes),
		mockisc.WithStateMaxBytes(l.stateMaxBytes), mockisc.WithTimeouts(t),
	}
	if len(l.adminHosts) > 0 {
		opts = append(opts, mockisc.WithAdminHosts(l.adminHosts...))
	}
	return opts
}

// parseBytes reads a positive size: a number of bytes, optionally with a
// unit: KiB, MiB, GiB (or K, M, G), KB, MB, GB.
func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if n, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a positive size like 65536, 64KiB or 16MiB", s)
	}
	return n * mult, nil
}

// adminToken picks the admin token: -admin-token, else the first line of
// -admin-token-file, else $MOCKISC_ADMIN_TOKEN; "" for none.
func adminToken(flagValue, file string, getenv func(string) string) (string, error) {
	switch {
	case flagValue != "" && file != "":
		return "", errors.New("-admin-token and -admin-token-file exclude each other")
	case flagValue != "":
		return flagValue, nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("-admin-token-file: %v", err)
		}
		tok, _, _ := strings.Cut(string(b), "\n")
		if tok = strings.TrimSpace(tok); tok == "" {
			return "", fmt.Errorf("-admin-token-file: %s holds no token on its first line", file)
		}
		return tok, nil
	}
	return strings.TrimSpace(getenv(adminTokenEnv)), nil
}
