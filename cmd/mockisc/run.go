package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/mockisc/mockisc/mockisc"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the server could not start or the state not be saved
	exitUsage = 2 // bad flags or a bad tenant file
)

// shutdownGrace is how long requests in flight may take after a signal.
const shutdownGrace = 30 * time.Second

// run is the whole program: it serves until ctx ends, then shuts down
// gracefully and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, errUsage) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "mockisc: %v\n", err)
		return exitUsage
	}
	log := newLogger(stderr, o.logFormat, o.logLevel)

	st, from, err := startingState(o)
	if err != nil {
		fmt.Fprintf(stderr, "mockisc: %v\n", err)
		return exitUsage
	}
	accounts := len(st.Accounts)
	s, err := mockisc.NewServer(append(o.serverOptions(), mockisc.WithState(st))...)
	st = mockisc.State{} // let the decoded copy go
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", prefixed(from, err))
		if errors.Is(err, mockisc.ErrInvalid) || errors.Is(err, mockisc.ErrExists) {
			return exitUsage
		}
		return exitError
	}
	defer s.Close()

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		fmt.Fprintf(stderr, "mockisc: listen on %s: %v\n", o.addr, unwrapOp(err))
		return exitError
	}
	url := "http://" + dialable(ln.Addr())
	srv := &http.Server{
		Handler:           logRequests(log, s),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	printBanner(stdout, url, from, accounts)
	log.Info("listening", "url", url, "tenant", from)

	select {
	case err := <-served:
		fmt.Fprintf(stderr, "mockisc: serve: %v\n", err)
		return exitError
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	code := exitOK
	if err := srv.Shutdown(sctx); err != nil {
		log.Error("requests still in flight at shutdown", "err", err)
		code = exitError
	}
	if o.state != "" {
		// A task accepted before the signal is not lost: complete it.
		s.CompleteTasks()
		if err := writeStateFile(o.state, s.Snapshot()); err != nil {
			fmt.Fprintf(stderr, "mockisc: %v\n", err)
			return exitError
		}
		log.Info("state written", "file", o.state)
	}
	return code
}

// prefixed names the origin of a state error, as "mockisc: tenant file
// x.json: accounts[3].sourceId: ...".
func prefixed(from string, err error) error {
	return fmt.Errorf("mockisc: %s: %w", from, unwrapMockisc(err))
}

// unwrapMockisc drops a leading "mockisc: " from err's text.
func unwrapMockisc(err error) error {
	msg := err.Error()
	if len(msg) > 9 && msg[:9] == "mockisc: " {
		return errors.New(msg[9:])
	}
	return err
}

// unwrapOp shortens a *net.OpError to its cause.
func unwrapOp(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// dialable is addr with an unspecified host (as from -addr :8080) made
// 127.0.0.1, so the printed URL works.
func dialable(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
	}
	return addr.String()
}
