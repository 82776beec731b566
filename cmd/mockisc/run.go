package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/mockisc/mockisc/internal/tlsca"
	"github.com/mockisc/mockisc/mockisc"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the server could not start or the state not be saved
	exitUsage = 2 // bad flags or a bad tenant file
)

// run is the whole program: it serves until ctx ends, then shuts down
// gracefully and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if sub := subcommands[args[0]]; sub != nil {
			return sub(ctx, args[1:], stdout, stderr, os.Getenv)
		}
	}
	o, err := parseFlags(args, stderr, os.Getenv)
	if errors.Is(err, errUsage) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "mockisc: %v\n", err)
		return exitUsage
	}
	// Request log lines are written in batches; everything else written
	// to stderr goes out at once, after them.
	batch := newLogBatch(stderr)
	defer batch.Flush()
	stderr = batch.direct()
	log := newLogger(stderr, o.logFormat, o.logLevel)

	start, from, err := startingState(o)
	if err != nil {
		fmt.Fprintf(stderr, "mockisc: %v\n", err)
		return exitUsage
	}
	s, err := mockisc.NewServer(append(o.serverOptions(), start, mockisc.WithLogger(log))...)
	start = nil // let the decoded state go
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
	// After Listen: a second start on a busy port must not replace the CA
	// file of the server already running there.
	ca, caFile, err := makeCA(o)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "mockisc: %v\n", err)
		return exitError
	}
	var saver *stateSaver
	if o.state != "" {
		saver = newStateSaver(o.state, s, log)
	}
	srv := &http.Server{
		Handler:  logRequests(newRequestLogger(batch, o.logFormat, o.logLevel), saver.track(s)),
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	o.timeouts.ApplyTo(srv)
	url := "http://" + dialable(ln.Addr())
	if ca != nil {
		url = "https://" + dialable(ln.Addr())
		ln = tls.NewListener(ln, ca.ServerConfig())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	stopSaving := saver.every(o.stateInterval)
	printBanner(stdout, url, from, s.Counts().Accounts, o.tls, caFile)
	attrs := []any{"url", url, "tenant", from}
	if o.tls {
		attrs = append(attrs, "ca", caFile, "hint", tlsHint(url, caFile))
	}
	log.Info("listening", attrs...)

	select {
	case err := <-served:
		fmt.Fprintf(stderr, "mockisc: serve: %v\n", err)
		return exitError
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", o.shutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), o.shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// Stalled uploads, long latencies: cut them, and still save.
		_ = srv.Close()
		log.Warn("requests still in flight after the grace period were cut", "grace", o.shutdownGrace)
	}
	stopSaving()
	if o.state != "" {
		// A task accepted before the signal is not lost: complete it.
		s.CompleteTasks()
		if err := writeStateFile(o.state, s.Snapshot()); err != nil {
			fmt.Fprintf(stderr, "mockisc: %v\n", err)
			return exitError
		}
		log.Info("state written", "file", o.state)
	}
	return exitOK
}

// makeCA makes the certificate authority and server certificate for -tls,
// and writes the CA certificate to -tls-ca, returning its absolute path.
// Without -tls it returns nil.
func makeCA(o options) (*tlsca.Authority, string, error) {
	if !o.tls {
		return nil, "", nil
	}
	ca, err := tlsca.New(time.Now(), o.tlsHosts)
	if err != nil {
		return nil, "", err
	}
	if o.tlsCA == "" {
		return ca, "", nil
	}
	file := o.tlsCA
	if abs, err := filepath.Abs(file); err == nil {
		file = abs
	}
	err = writeAtomic(file, 0o644, func(w io.Writer) error {
		_, err := w.Write(ca.CAPEM)
		return err
	})
	if err != nil {
		return nil, "", fmt.Errorf("-tls-ca: write %s: %v", o.tlsCA, err)
	}
	return ca, file, nil
}

// tlsHint tells how to trust the server's certificate.
func tlsHint(url, caFile string) string {
	if caFile == "" {
		return "the CA certificate is in memory only: -tls-ca FILE writes it for clients to trust; curl -k skips the check"
	}
	return fmt.Sprintf("curl --cacert %s %s/__mockisc/health; NODE_EXTRA_CA_CERTS=%[1]s for Node tools, SSL_CERT_FILE=%[1]s for Go and Python", shellQuote(caFile), url)
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
