package main

import (
	"io"
	"sync"
	"time"
)

// How long a request's log line may wait to be written, and how many
// bytes of them are written at once at most.
const (
	logBatchDelay = 20 * time.Millisecond
	logBatchMax   = 32 << 10
)

// logBatch gathers the per-request log lines and writes them to out in
// batches, once logBatchDelay has passed since the first or once they
// fill logBatchMax bytes: one write per batch, not one system call per
// request. Whatever is written through direct (every other log record,
// every message) first writes the batch out, so out sees everything in
// the order it was written. Flush writes what is left. It is safe for
// concurrent use.
type logBatch struct {
	mu    sync.Mutex // guards the fields below and the writes to out
	out   io.Writer
	buf   []byte
	timer *time.Timer // the pending flush; nil when buf is empty
}

func newLogBatch(out io.Writer) *logBatch { return &logBatch{out: out} }

// Write adds p to the batch.
func (l *logBatch) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	if len(l.buf) >= logBatchMax {
		return len(p), l.flushLocked()
	}
	if l.timer == nil {
		l.timer = time.AfterFunc(logBatchDelay, l.Flush)
	}
	return len(p), nil
}

// Flush writes the batch out.
func (l *logBatch) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	_ = l.flushLocked()
}

func (l *logBatch) flushLocked() error {
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	if len(l.buf) == 0 {
		return nil
	}
	_, err := l.out.Write(l.buf)
	l.buf = l.buf[:0]
	return err
}

// direct returns a writer to out that writes the batch out first.
func (l *logBatch) direct() io.Writer { return directWriter{l} }

// directWriter writes through a logBatch at once.
type directWriter struct{ l *logBatch }

func (d directWriter) Write(p []byte) (int, error) {
	d.l.mu.Lock()
	defer d.l.mu.Unlock()
	if err := d.l.flushLocked(); err != nil {
		return 0, err
	}
	return d.l.out.Write(p)
}
