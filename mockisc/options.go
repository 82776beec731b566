package mockisc

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/tlsca"
)

// Option configures a server; NewServer and New apply options in order and
// fail on the first that returns an error.
type Option func(*config) error

type config struct {
	seed      uint64
	realClock bool
	start     time.Time
	startSet  bool // WithStartTime was given: a real clock is shifted to start
	auth      bool
	clients   map[string]OAuthClient
	strict    bool
	tokenTTL  time.Duration
	addr      string
	listen    bool
	maxBody   int64
	initial   *State
	generated *struct {
		n    int
		seed uint64
	}
	journalSize int
	adminToken  string
	rateLimit   RateLimit
	latency     Latency
	taskDelay   time.Duration

	offsetPastEndError bool
	experimental       []string
	faultRetryAfter    string // WithFaultRetryAfter: Retry-After of fault rules' 429 and 503; "" is the default

	tls      bool     // WithTLS or WithTLSHosts: serve HTTPS
	tlsHosts []string // WithTLSHosts names, beside tlsca.DefaultHosts

	journalBytes  int64
	journalBody   int
	maxTokens     int
	maxTasks      int
	stateMaxBytes int64
	timeouts      Timeouts
	adminHosts    []string // WithAdminHosts, lower case
	logger        *slog.Logger
}

func defaultConfig() config {
	return config{
		seed:        1,
		start:       DefaultStartTime(),
		auth:        true,
		clients:     map[string]OAuthClient{},
		tokenTTL:    749 * time.Second,
		addr:        "127.0.0.1:0",
		listen:      true,
		maxBody:     1 << 20,
		journalSize: 100000,

		journalBytes:  DefaultJournalBytes,
		journalBody:   DefaultJournalBodyBytes,
		maxTokens:     DefaultMaxTokens,
		maxTasks:      DefaultMaxTasks,
		stateMaxBytes: DefaultStateMaxBytes,
	}
}

// OAuthClient is a registered OAuth client (a personal access token or an
// API client): its secret, and exactly the scopes and authorities (user
// levels) its tokens carry.
type OAuthClient struct {
	// ID is the client_id.
	ID string `json:"id"`
	// Secret is the client_secret.
	Secret string `json:"secret"`
	// Scopes are the token's scopes, e.g. "idn:accounts:read".
	// "sp:scopes:all" grants every scope.
	Scopes []string `json:"scopes"`
	// Authorities are the user levels, e.g. "ORG_ADMIN", "HELPDESK".
	Authorities []string `json:"authorities"`
	// Kind is PersonalAccessToken (the default, "" too): tokens speak for
	// a user, whose Authorities the routes' user levels check; or
	// APIClient: tokens carry no user, and every route with user levels,
	// or whose spec takes user tokens only (identities), answers 403, as
	// ISC does for client credentials without a user context. The few
	// routes with neither (beta's remove and GET /sources/{id}) accept
	// both.
	Kind ClientKind `json:"kind,omitempty"`
}

// ClientKind says whether an OAuth client's tokens speak for a user.
type ClientKind string

// Client kinds.
const (
	// PersonalAccessToken is a client whose tokens act as its user.
	PersonalAccessToken ClientKind = "pat"
	// APIClient is a client whose tokens have no user context.
	APIClient ClientKind = "api"
)

// WithSeed makes every generated id, tracking id and token follow from
// seed. Two servers with the same seed that receive the same requests give
// byte-identical responses. The default seed is 1.
func WithSeed(seed uint64) Option {
	return func(c *config) error { c.seed = seed; return nil }
}

// WithRealClock makes the server clock follow the wall clock instead of
// standing still. Clock().Advance and Clock().Set still shift it.
func WithRealClock() Option {
	return func(c *config) error { c.realClock = true; return nil }
}

// WithStartTime sets where the clock starts: the manual clock's instant,
// or, with WithRealClock, the instant the real clock reads at start (it
// then runs on from there). The default is DefaultStartTime for the
// manual clock and the wall clock's own time for the real one.
func WithStartTime(t time.Time) Option {
	return func(c *config) error {
		if t.IsZero() {
			return errors.New("WithStartTime: zero time")
		}
		c.start, c.startSet = t.UTC(), true
		return nil
	}
}

// WithoutAuth turns off authentication and authorization: every API route
// answers without a token, as if called by an ORG_ADMIN with all scopes.
func WithoutAuth() Option {
	return func(c *config) error { c.auth = false; return nil }
}

// WithClient registers an OAuth client. Its tokens carry exactly the given
// scopes and authorities, and a wrong secret is refused. Unregistered
// clients still get sp:scopes:all and ORG_ADMIN unless WithStrictClients
// is given.
func WithClient(cl OAuthClient) Option {
	return func(c *config) error {
		if cl.ID == "" {
			return errors.New("WithClient: empty client id")
		}
		if cl.Kind != "" && cl.Kind != PersonalAccessToken && cl.Kind != APIClient {
			return fmt.Errorf("WithClient: kind %q is not %q or %q", cl.Kind, PersonalAccessToken, APIClient)
		}
		c.clients[cl.ID] = cl
		return nil
	}
}

// WithStrictClients refuses tokens to clients not registered with
// WithClient.
func WithStrictClients() Option {
	return func(c *config) error { c.strict = true; return nil }
}

// WithTokenTTL sets the lifetime of issued tokens (expires_in). The default
// is 749 seconds, as in ISC's documented token response.
func WithTokenTTL(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Second {
			return fmt.Errorf("WithTokenTTL: %v is shorter than a second", d)
		}
		c.tokenTTL = d
		return nil
	}
}

// WithAddr sets the address the server listens on. The default is
// 127.0.0.1:0, a free loopback port.
func WithAddr(addr string) Option {
	return func(c *config) error { c.addr = addr; return nil }
}

// WithoutListener serves no socket: use the server as an http.Handler, or
// through Client and Transport, which call it in process. URL is then
// "http://mockisc.invalid". It excludes WithTLS: NewServer fails with
// both.
func WithoutListener() Option {
	return func(c *config) error { c.listen = false; return nil }
}

// WithTLS serves HTTPS instead of HTTP, as httptest.NewTLSServer does: URL
// becomes "https://127.0.0.1:port", and the server presents a certificate
// signed by a CA it generates at start, valid for 127.0.0.1, ::1,
// localhost, *.api.identitynow.com and *.identitynow.com (so
// https://acme.api.identitynow.com reaches the fake with a hosts entry
// mapping it to 127.0.0.1). Client, ClientAs and the socket they share
// trust that CA; Certificate and CACertPEM give it to other clients. The
// certificates are valid for a year of wall time, whatever the server's
// Clock says. TLS needs a listener: with WithoutListener NewServer fails.
func WithTLS() Option {
	return func(c *config) error { c.tls = true; return nil }
}

// WithTLSHosts serves HTTPS (it implies WithTLS) with these names in the
// server certificate as well as the default ones: DNS names, with a
// leading "*." for a wildcard (one label), or IP addresses. An empty or
// malformed name, or no name at all, is an error.
func WithTLSHosts(names ...string) Option {
	return func(c *config) error {
		if len(names) == 0 {
			return errors.New("WithTLSHosts: no names (WithTLS serves the default ones)")
		}
		for _, n := range names {
			if err := tlsca.CheckHost(n); err != nil {
				return fmt.Errorf("WithTLSHosts: %w", err)
			}
		}
		c.tls = true
		c.tlsHosts = append(c.tlsHosts, names...)
		return nil
	}
}

// WithMaxBodyBytes caps request bodies; a larger body gets 413. The
// default is 1 MiB.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxBodyBytes: %d is not positive", n)
		}
		c.maxBody = n
		return nil
	}
}

// WithState starts the server from st instead of an empty tenant. Reset
// returns to it.
func WithState(st State) Option {
	return func(c *config) error { c.initial, c.generated = &st, nil; return nil }
}

// WithJournalSize caps how many requests the journal keeps (the oldest
// are dropped first); WithJournalBytes bounds its bytes as well. The
// default is 100000; 0 keeps none.
func WithJournalSize(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("WithJournalSize: %d is negative", n)
		}
		c.journalSize = n
		return nil
	}
}

// WithAdminToken requires every admin API call to carry
// "Authorization: Bearer <tok>", and then accepts calls from any address.
// Without it the admin API answers loopback clients only.
func WithAdminToken(tok string) Option {
	return func(c *config) error {
		if strings.TrimSpace(tok) != tok || tok == "" {
			return errors.New("WithAdminToken: the token is empty or has surrounding spaces")
		}
		c.adminToken = tok
		return nil
	}
}

// WithRateLimit limits request rates; the default is no limit. Use
// WithRateLimit(ISCRateLimit()) for ISC's numbers.
func WithRateLimit(rl RateLimit) Option {
	return func(c *config) error {
		if err := rl.Validate(); err != nil {
			return err
		}
		c.rateLimit = rl
		return nil
	}
}

// WithLatency delays every request; the default is no delay.
func WithLatency(l Latency) Option {
	return func(c *config) error {
		if err := l.Validate(); err != nil {
			return err
		}
		c.latency = l
		return nil
	}
}

// WithTaskDelay defers the change of every ISC mutation: the request
// answers 202 at once, its task stays pending (completionStatus null), and
// the change lands when the server clock reaches the task's creation time
// plus d, or at CompleteTasks. Reads in between see the old state. An
// aggregation (load-accounts) is STARTED for d/2, then ACCOUNTS_COLLECTED
// until its changes land at d. Only routes that answer with a task are
// delayed: the AgileNow API answers synchronously.
func WithTaskDelay(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithTaskDelay: %v is negative", d)
		}
		c.taskDelay = d
		return nil
	}
}

// engineClients returns the registered clients as the token table takes
// them.
func (c *config) engineClients() map[string]engine.Client {
	out := make(map[string]engine.Client, len(c.clients))
	for id, cl := range c.clients {
		out[id] = engine.Client{ID: cl.ID, Secret: cl.Secret, Scopes: cl.Scopes, Authorities: cl.Authorities, NoUser: cl.Kind == APIClient}
	}
	return out
}

// WithOffsetPastEndError makes an offset past the last record a 400
// ("Specified offset is invalid"), as some ISC list endpoints answer,
// instead of the default empty page. A client that stops paging on a short
// page never sees it; one that pages by X-Total-Count or in fixed steps of
// exactly the page size does.
func WithOffsetPastEndError() Option {
	return func(c *config) error { c.offsetPastEndError = true; return nil }
}

// WithExperimental marks ISC routes as experimental, as ISC marked some
// before promoting them (v2024 and v2025 identities until mid-2025,
// identities-accounts and task-status after them): a request without the
// header "X-SailPoint-Experimental: true" gets 400 {"error": "Experimental
// Header is missing or invalid."}. Each route is "METHOD /path" or
// "/path" (every method), as its pattern is written, e.g.
// "GET /v2024/identities" or "/v2025/task-status/{id}". No route served
// today needs the header, so by default none does; sending it anywhere is
// harmless.
func WithExperimental(routes ...string) Option {
	return func(c *config) error {
		c.experimental = append(c.experimental, routes...)
		return nil
	}
}

// WithGenerated starts the server from Generate(n, seed)'s tenant, made
// straight into the server's store: the same objects as
// WithState(Generate(n, seed)), but without ever holding a State of them
// all, which for a million accounts is most of the memory. Reset makes
// them again. It replaces WithState given before it, and WithState given
// after it replaces it.
func WithGenerated(n int, seed uint64) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("WithGenerated: %d accounts is negative", n)
		}
		c.initial = nil
		c.generated = &struct {
			n    int
			seed uint64
		}{n, seed}
		return nil
	}
}

// WithFaultRetryAfter makes the 429 and 503 answers of fault rules carry
// "Retry-After: N", N being d in whole seconds, rounded up (0 is "0":
// retry at once), instead of the default: "1" on a 429, no Retry-After on
// a 503 (ISC documents Retry-After for its 429 only). Clients that retry
// a 503 only when it names a Retry-After, as Python's urllib3 Retry does,
// then retry injected 503s, and clients that wait as Retry-After says, as
// golang-sdk's go-retryablehttp does for 429 and 503, wait d instead of
// their own backoff. Other statuses are left alone, and a rule's own
// Retry-After header (Fault.Headers) still wins. The rate limiter's own
// 429 is not affected: its Retry-After is the time until the window
// admits the next request.
func WithFaultRetryAfter(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithFaultRetryAfter: %v is negative", d)
		}
		secs := int64(d / time.Second)
		if d%time.Second != 0 {
			secs++
		}
		c.faultRetryAfter = strconv.FormatInt(secs, 10)
		return nil
	}
}
