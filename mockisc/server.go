package mockisc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is a fake ISC tenant. It is an http.Handler, so it can also be
// mounted with httptest.NewServer(s) or called in process; NewServer and
// New start it on a loopback socket as well.
type Server struct {
	// URL is the base URL, e.g. "http://127.0.0.1:54321", with no trailing
	// slash, as httptest.Server.URL.
	URL string

	cfg   config
	clock *Clock
	mux   *http.ServeMux
	srv   *http.Server
	ln    net.Listener
	jr    *Journal

	closeOnce sync.Once
	// transport is the client side of the socket, shared by Client().
	transport *http.Transport

	simMu    sync.Mutex // guards the simulation fields below
	limiter  *limiter
	faults   []*Fault
	faultSeq int
	latency  Latency
	simRand  *idGen

	mu        sync.Mutex // guards every field below
	ten       *tenant
	initial   State
	ids       *idGen
	tokens    map[string]*token
	tasks     map[string]*task
	taskOrder []string
	lists     listCache
	taskDelay time.Duration
	pending   []*task // deferred tasks not yet complete, oldest first
}

// NewServer starts a fake tenant on cfg's address (127.0.0.1 with a free
// port unless WithAddr or WithoutListener say otherwise). Close it when
// done.
func NewServer(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("mockisc: %w", err)
		}
	}
	s := &Server{
		cfg:    cfg,
		clock:  newClock(cfg.realClock, cfg.start),
		ids:    newIDGen(cfg.seed),
		tokens: map[string]*token{},
		tasks:  map[string]*task{},
		ten:    newTenant(),
		jr:     newJournal(cfg.journalSize),

		limiter:   newLimiter(cfg.rateLimit),
		latency:   cfg.latency,
		simRand:   newIDGen(cfg.seed ^ 0x5eed5eed5eed5eed),
		taskDelay: cfg.taskDelay,
	}
	if cfg.initial != nil {
		if err := s.Restore(*cfg.initial); err != nil {
			return nil, err
		}
		s.initial = s.Snapshot()
		s.cfg.initial = nil // s.initial holds it now; let the caller's copy go
	}
	s.mux = s.buildMux()
	if !cfg.listen {
		s.URL = "http://mockisc.invalid"
		return s, nil
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("mockisc: listen on %s: %w", cfg.addr, err)
	}
	s.ln = ln
	s.URL = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.transport = http.DefaultTransport.(*http.Transport).Clone()
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			// The listener failed underneath us; nothing to report to.
			_ = err
		}
	}()
	return s, nil
}

// Close stops the server: it stops accepting connections and waits for
// requests in flight to finish. Close may be called more than once.
func (s *Server) Close() { _ = s.Shutdown(context.Background()) }

// Shutdown is Close with a deadline: it returns ctx's error if requests
// are still in flight when ctx ends. Only the first call of Close or
// Shutdown has an effect.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	s.closeOnce.Do(func() {
		if s.srv != nil {
			err = s.srv.Shutdown(ctx)
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
