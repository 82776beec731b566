package mockisc

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/mockisc/mockisc/internal/agilenowapi"
	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/sim"
	"github.com/mockisc/mockisc/internal/tlsca"
)

// Server is a fake ISC tenant. It is an http.Handler, so it can also be
// mounted with httptest.NewServer(s) or called in process; NewServer and
// New start it on a loopback socket as well.
type Server struct {
	// URL is the base URL, e.g. "http://127.0.0.1:54321", with no trailing
	// slash, as httptest.Server.URL.
	URL string

	cfg config
	srv *http.Server
	ln  net.Listener
	// transport is the client side of the socket, shared by Client(); with
	// TLS it trusts ca.
	transport *http.Transport
	ca        *tlsca.Authority // WithTLS: the generated CA and certificate
	closeOnce sync.Once

	// The simulation engine and the pipeline; each part locks itself.
	clock   *sim.Clock
	ids     *sim.Rand // ids, tracking ids, token ids
	rules   *sim.Rules
	limiter *sim.Limiter
	delay   *sim.Delay
	jr      *engine.Journal
	tokens  *engine.Tokens
	eng     *engine.Engine
	an      *agilenowapi.API // the AgileNow Endpoint API, with its own lock

	mu        sync.RWMutex // guards every field below; taken before an's lock; GETs hold it for reading
	ten       *tenant
	initial   func(*loader) error // fills a tenant with the starting state
	initialAN agilenowapi.Data
	tasks     map[string]*task
	taskOrder []string
	lists     listCache // safe for concurrent use: readers share it
	taskDelay time.Duration
	pending   sim.Queue[*task] // deferred tasks not yet complete, oldest first
	// aggregating holds the pending aggregation of each source that has
	// one; nil until the first.
	aggregating map[string]*task
}

// NewServer starts a fake tenant on cfg's address (127.0.0.1 with a free
// port unless WithAddr or WithoutListener say otherwise), over HTTP or,
// with WithTLS, HTTPS. Close it when done.
func NewServer(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("mockisc: %w", err)
		}
	}
	if cfg.tls && !cfg.listen {
		return nil, fmt.Errorf("mockisc: %w", errTLSWithoutListener)
	}
	s := &Server{cfg: cfg, tasks: map[string]*task{}, ten: newTenant(), taskDelay: cfg.taskDelay}
	start := cfg.start
	if cfg.realClock && !cfg.startSet {
		start = time.Time{} // the wall clock, unshifted
	}
	s.clock = sim.NewClock(cfg.realClock, start)
	s.ids = sim.NewRand(cfg.seed)
	draws := sim.NewRand(cfg.seed ^ 0x5eed5eed5eed5eed) // fault probabilities and latency
	s.rules = sim.NewRules(draws)
	s.limiter = sim.NewLimiter(cfg.rateLimit)
	s.delay = sim.NewDelay(cfg.latency, draws)
	s.jr = engine.NewJournalLimits(engine.JournalLimits{Entries: cfg.journalSize, Bytes: cfg.journalBytes, BodyBytes: cfg.journalBody})
	s.tokens = engine.NewTokens(engine.TokenConfig{
		Clients: cfg.engineClients(), Strict: cfg.strict, TTL: cfg.tokenTTL, Claims: s.tokenClaims(), Max: cfg.maxTokens,
	}, s.clock, s.ids)
	logger := cfg.logger
	if logger == nil {
		logger = slog.Default()
	}
	s.an = agilenowapi.New(s.ids, s.clock, s.tokens, s.tenantID())
	s.eng = engine.New(engine.Config{
		Clock: s.clock, RequestIDs: sim.NewRand(cfg.seed ^ 0x7e9ce57ed0000001), Rules: s.rules, Limiter: s.limiter, Delay: s.delay,
		Journal: s.jr, Tokens: s.tokens, Auth: cfg.auth, MaxBody: cfg.maxBody, Logger: logger,
		FaultRetryAfter: cfg.faultRetryAfter, Router: sharedRouter(),
	})
	mounts := s.mounts()
	if len(cfg.experimental) > 0 {
		mounts[0].routes = slices.Clone(mounts[0].routes) // markExperimental replaces some
		if err := markExperimental(mounts[0].routes, cfg.experimental); err != nil {
			return nil, fmt.Errorf("mockisc: %w", err)
		}
	}
	for _, m := range mounts {
		m.mountOn(s.eng)
	}
	s.initial = func(*loader) error { return nil }
	switch {
	case cfg.generated != nil:
		// Generated objects go straight into the tenant, and Reset makes
		// them again: no State of them all is ever held.
		n, seed := cfg.generated.n, cfg.generated.seed
		s.initial = func(l *loader) error { return generate(n, seed, l.sink()) }
		if err := s.replace(s.initial, agilenowapi.Data{}); err != nil {
			return nil, err
		}
	case cfg.initial != nil:
		if err := s.Restore(*cfg.initial); err != nil {
			return nil, err
		}
		st := s.Snapshot() // checked and completed; Reset loads it again
		s.initial = func(l *loader) error { return l.state(st) }
		s.initialAN = agileNowData(st)
		s.cfg.initial = nil // let the caller's copy go
	}
	if !cfg.listen {
		s.URL = "http://mockisc.invalid"
		return s, nil
	}
	if cfg.tls {
		ca, err := newAuthority(&cfg)
		if err != nil {
			return nil, fmt.Errorf("mockisc: %w", err)
		}
		s.ca = ca
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("mockisc: listen on %s: %w", cfg.addr, err)
	}
	s.ln = ln
	s.URL = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s}
	cfg.timeouts.ApplyTo(s.srv)
	s.transport = http.DefaultTransport.(*http.Transport).Clone()
	if s.ca != nil {
		s.URL = "https://" + ln.Addr().String()
		s.transport.TLSClientConfig = s.ca.ClientConfig()
		ln = tls.NewListener(ln, s.ca.ServerConfig())
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			// The listener failed underneath us; nothing to report to.
			_ = err
		}
	}()
	return s, nil
}

// ServeHTTP serves one request: ISC's API, the AgileNow Endpoint API and
// the admin API, and each one's 404 and 405 error bodies for the paths it
// owns.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.eng.ServeHTTP(w, r) }

// Close stops the server: it stops accepting connections and waits for
// requests in flight to finish. Close may be called more than once.
func (s *Server) Close() { _ = s.Shutdown(context.Background()) }

// Shutdown is Close with a deadline: if requests are still in flight
// when ctx ends, it cuts their connections and returns ctx's error. Only
// the first call of Close or Shutdown has an effect.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	s.closeOnce.Do(func() {
		if s.srv != nil {
			if err = s.srv.Shutdown(ctx); err != nil {
				_ = s.srv.Close() // cut what is still running
			}
		}
		if s.transport != nil {
			s.transport.CloseIdleConnections()
		}
	})
	return err
}

// Addr returns the listener's address, or nil without a listener.
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Clock returns the server's clock, the only time its handlers read.
func (s *Server) Clock() *Clock { return s.clock }

// Journal returns the server's request journal.
func (s *Server) Journal() *Journal { return s.jr }

// now is the server's current time.
func (s *Server) now() time.Time { return s.clock.Now() }

// tenantID is the fake tenant's id, in tokens and AgileNow's TenantId.
func (s *Server) tenantID() string { return "mockisc-tenant-" + fmt.Sprint(s.cfg.seed) }
