package mockisc

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/mockisc/mockisc/internal/tlsca"
)

// The options below bound what one client can make the server hold or
// do; the package doc's "Limits" section lists every bound.

// Defaults of the bounds.
const (
	// DefaultJournalBytes bounds the journal's size: 64 MiB.
	DefaultJournalBytes = 64 << 20
	// DefaultJournalBodyBytes is how much of each body the journal
	// keeps: 64 KiB.
	DefaultJournalBodyBytes = 64 << 10
	// DefaultMaxTokens bounds the token table: 10,000 tokens.
	DefaultMaxTokens = 10_000
	// DefaultStateMaxBytes caps the body of PUT /__mockisc/state:
	// 256 MiB.
	DefaultStateMaxBytes = 256 << 20
	// DefaultMaxTasks bounds the task table: 100,000 tasks.
	DefaultMaxTasks = 100_000
)

// WithJournalBytes bounds the journal's size in bytes, as estimated by
// Entry.Size: once full, the oldest entries go first (Journal().Stats()
// and GET /__mockisc/health count them). The default is
// DefaultJournalBytes (64 MiB); n must be positive.
func WithJournalBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithJournalBytes: %d is not positive", n)
		}
		c.journalBytes = n
		return nil
	}
}

// WithJournalBodyBytes sets how much of each request body the journal
// keeps: a longer body keeps its first n bytes, with
// Entry.BodyTruncated set and Entry.BodySize its full size. The default
// is DefaultJournalBodyBytes (64 KiB); n must be positive.
func WithJournalBodyBytes(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithJournalBodyBytes: %d is not positive", n)
		}
		c.journalBody = n
		return nil
	}
}

// WithMaxTokens bounds how many issued tokens the server knows. Expired
// tokens (by the server clock) are forgotten whenever a token is issued;
// when the table is still full the oldest token is forgotten, and a
// request carrying it gets 401 "JWT is not valid". The default is
// DefaultMaxTokens (10,000); n must be positive.
func WithMaxTokens(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxTokens: %d is not positive", n)
		}
		c.maxTokens = n
		return nil
	}
}

// WithMaxTasks bounds how many tasks the server keeps: past it, the
// oldest completed tasks are forgotten (their task status answers 404,
// and task lists no longer show them). Pending tasks are never
// forgotten. The default is DefaultMaxTasks (100,000); n must be
// positive.
func WithMaxTasks(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxTasks: %d is not positive", n)
		}
		c.maxTasks = n
		return nil
	}
}

// WithStateMaxBytes caps the body of PUT /__mockisc/state; a larger body
// gets 413. The default is DefaultStateMaxBytes (256 MiB). Other admin
// bodies are capped by WithMaxBodyBytes.
func WithStateMaxBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithStateMaxBytes: %d is not positive", n)
		}
		c.stateMaxBytes = n
		return nil
	}
}

// Timeouts are the connection timeouts of the server's listener, as
// http.Server has them. In WithTimeouts a zero field keeps the default
// and a negative one means no timeout.
type Timeouts struct {
	// ReadHeader bounds reading a request's headers (default 10s).
	ReadHeader time.Duration `json:"readHeader"`
	// Read bounds reading a whole request, body included (default 2m):
	// a body that stalls gets 408 and its connection is closed.
	Read time.Duration `json:"read"`
	// Write bounds the time from the end of a request's headers to the
	// end of its answer (default 10m), latency included: a WithLatency
	// or fault latency longer than it gets a dropped connection.
	Write time.Duration `json:"write"`
	// Idle bounds how long a keep-alive connection waits for its next
	// request (default 2m).
	Idle time.Duration `json:"idle"`
}

// DefaultTimeouts returns the timeouts a server has unless WithTimeouts
// says otherwise: generous enough that a slow test client never meets
// them by accident.
func DefaultTimeouts() Timeouts {
	return Timeouts{ReadHeader: 10 * time.Second, Read: 2 * time.Minute, Write: 10 * time.Minute, Idle: 2 * time.Minute}
}

// resolved fills zero fields from DefaultTimeouts and turns negative
// ones into 0 (no timeout), as http.Server takes them.
func (t Timeouts) resolved() Timeouts {
	d := DefaultTimeouts()
	pick := func(v, def time.Duration) time.Duration {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	return Timeouts{ReadHeader: pick(t.ReadHeader, d.ReadHeader), Read: pick(t.Read, d.Read), Write: pick(t.Write, d.Write), Idle: pick(t.Idle, d.Idle)}
}

// ApplyTo sets srv's timeouts: each zero field of t takes its default, a
// negative one none. The binary uses it for its own http.Server.
func (t Timeouts) ApplyTo(srv *http.Server) {
	r := t.resolved()
	srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout = r.ReadHeader, r.Read, r.Write, r.Idle
}

// WithTimeouts sets the listener's connection timeouts (see Timeouts); a
// zero field keeps its default, a negative one turns it off. The default
// is DefaultTimeouts. Without a listener they do not apply.
func WithTimeouts(t Timeouts) Option {
	return func(c *config) error { c.timeouts = t; return nil }
}

// WithAdminHosts adds names to the Host headers the admin API accepts
// when it has no admin token: by default only loopback names and
// addresses (localhost, *.localhost, 127.0.0.0/8, ::1), the server's own
// URL host, and with TLS the certificate's names. A name is a host name
// (a leading "*." matches one label) or an IP address, without a port;
// use it for a container reached by its service name.
func WithAdminHosts(names ...string) Option {
	return func(c *config) error {
		for _, n := range names {
			n = strings.ToLower(strings.TrimSpace(n))
			if err := tlsca.CheckHost(n); err != nil {
				return fmt.Errorf("WithAdminHosts: %w", err)
			}
			c.adminHosts = append(c.adminHosts, n)
		}
		return nil
	}
}

// WithLogger sets where the server logs what goes wrong inside it: a
// handler panic is logged at error level with its route (and answered
// 500, and counted in GET /__mockisc/health). The default is
// slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("WithLogger: nil logger")
		}
		c.logger = l
		return nil
	}
}
