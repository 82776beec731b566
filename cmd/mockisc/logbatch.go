package main

import (
	"io"
	"sync"
	"time"
)

// How long a request's log line may wait to be written, and how many
// bytes of them are written at once at most.
// Past logBatchHold bytes waiting (out is slow, or blocked), a request
// waits for the write under way and writes its batch itself.
const (
	logBatchDelay = 20 * time.Millisecond
	logBatchMax   = 32 << 10
	logBatchHold  = 1 << 20
)

// logBatch gathers the per-request log lines and writes them to out in
// batches, once logBatchDelay has passed since the first or once they
// fill logBatchMax bytes: one write per batch, not one system call per
// request. Whatever is written through direct (every other log record,
// every message) first writes the batch out, so out sees everything in
// the order it was written. Flush writes what is left. It is safe for
// concurrent use.
//
// A request only appends its line under mu; the batch goes to out under
// wmu alone, so that a slow out (a terminal, a pipe) does not hold up the
// requests logging meanwhile, and batches are written in the order they
// were taken.
type logBatch struct {
	wmu sync.Mutex // held while writing to out, taken before mu
	out io.Writer

	mu    sync.Mutex // guards the fields below
	buf   []byte
	spare []byte      // the last batch written, for reuse
	timer *time.Timer // the pending flush; nil when buf is empty or being written
}

func newLogBatch(out io.Writer) *logBatch { return &logBatch{out: out} }

// Write adds p to the batch, and writes the batch out when it is full
// and no other write to out is under way (that one writes it next), or
// when logBatchHold bytes wait.
func (l *logBatch) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.buf = append(l.buf, p...)
	full, held := len(l.buf) >= logBatchMax, len(l.buf) >= logBatchHold
	if !full && l.timer == nil {
		l.timer = time.AfterFunc(logBatchDelay, l.Flush)
	}
	l.mu.Unlock()
	switch {
	case held:
		l.wmu.Lock() // no more memory for lines: wait for out
	case !full || !l.wmu.TryLock():
		return len(p), nil
	}
	defer l.wmu.Unlock()
	return len(p), l.writeOut()
}

// Flush writes the batch out.
func (l *logBatch) Flush() {
	l.wmu.Lock()
	defer l.wmu.Unlock()
	_ = l.writeOut()
}

// writeOut writes the batch out, l.wmu held, and again while a full
// batch has gathered meanwhile; lines left over wait for a timer.
func (l *logBatch) writeOut() error {
	for {
		l.mu.Lock()
		if l.timer != nil {
			l.timer.Stop()
			l.timer = nil
		}
		b := l.buf
		if len(b) == 0 {
			l.mu.Unlock()
			return nil
		}
		l.buf, l.spare = l.spare[:0], nil
		l.mu.Unlock()

		_, err := l.out.Write(b)

		l.mu.Lock()
		l.spare = b[:0]
		again := len(l.buf) >= logBatchMax
		if !again && len(l.buf) > 0 && l.timer == nil {
			l.timer = time.AfterFunc(logBatchDelay, l.Flush)
		}
		l.mu.Unlock()
		if err != nil || !again {
			return err
		}
	}
}

// direct returns a writer to out that writes the batch out first.
func (l *logBatch) direct() io.Writer { return directWriter{l} }

// directWriter writes through a logBatch at once.
type directWriter struct{ l *logBatch }

func (d directWriter) Write(p []byte) (int, error) {
	d.l.wmu.Lock()
	defer d.l.wmu.Unlock()
	if err := d.l.writeOut(); err != nil {
		return 0, err
	}
	return d.l.out.Write(p)
}
