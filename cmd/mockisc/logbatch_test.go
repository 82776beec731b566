package main

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLogBatch: batched lines wait for the delay, a direct write comes
// after them, a full batch goes out at once, Flush empties it.
func TestLogBatch(t *testing.T) {
	t.Parallel()
	var out syncBuffer
	l := newLogBatch(&out)
	_, _ = l.Write([]byte("a\n"))
	_, _ = l.Write([]byte("b\n"))
	if out.String() != "" {
		t.Fatalf("written before the delay: %q", out.String())
	}
	_, _ = l.direct().Write([]byte("direct\n"))
	if got := out.String(); got != "a\nb\ndirect\n" {
		t.Fatalf("after a direct write: %q", got)
	}
	_, _ = l.Write([]byte("c\n"))
	deadline := time.Now().Add(5 * time.Second)
	for out.String() != "a\nb\ndirect\nc\n" {
		if time.Now().After(deadline) {
			t.Fatalf("the batch was not written after the delay: %q", out.String())
		}
		time.Sleep(time.Millisecond)
	}
	big := strings.Repeat("x", logBatchMax)
	_, _ = l.Write([]byte(big))
	if !strings.HasSuffix(out.String(), big) {
		t.Error("a full batch was not written at once")
	}
	_, _ = l.Write([]byte("d\n"))
	l.Flush()
	if !strings.HasSuffix(out.String(), "d\n") {
		t.Errorf("Flush left %q", l.buf)
	}
}

// TestLogBatchConcurrent: lines written at once from many goroutines, to
// an output slow enough that batches fill while one is written, all come
// out whole, once each, each goroutine's in its order.
func TestLogBatchConcurrent(t *testing.T) {
	t.Parallel()
	out := &slowBuffer{}
	l := newLogBatch(out)
	const writers, lines = 8, 3000
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range lines {
				_, _ = fmt.Fprintf(l, "w%d line %05d %s\n", w, i, strings.Repeat("x", 40))
			}
		})
	}
	wg.Wait()
	l.Flush()
	next := make([]int, writers)
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		var w, i int
		if _, err := fmt.Sscanf(line, "w%d line %d", &w, &i); err != nil || len(line) != len("w0 line 00000 ")+40 {
			t.Fatalf("a line came out broken: %q", line)
		}
		if i != next[w] {
			t.Fatalf("writer %d: line %d after line %d", w, i, next[w]-1)
		}
		next[w]++
	}
	for w, n := range next {
		if n != lines {
			t.Errorf("writer %d: %d lines of %d", w, n, lines)
		}
	}
}

// slowBuffer is a syncBuffer that takes a while over each write.
type slowBuffer struct{ syncBuffer }

func (s *slowBuffer) Write(p []byte) (int, error) {
	time.Sleep(200 * time.Microsecond)
	return s.syncBuffer.Write(p)
}

// TestLogBatchHold: while out is blocked, lines gather up to
// logBatchHold bytes; past that a writer waits for out.
func TestLogBatchHold(t *testing.T) {
	t.Parallel()
	out := &gateWriter{open: make(chan struct{})}
	l := newLogBatch(out)
	line := []byte(strings.Repeat("x", 1023) + "\n")
	go func() {
		for range logBatchMax/len(line) + 1 { // a full batch, whose writer blocks in out
			_, _ = l.Write(line)
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for l.wmu.TryLock() {
		l.wmu.Unlock()
		if time.Now().After(deadline) {
			t.Fatal("a full batch was not written")
		}
		time.Sleep(time.Millisecond)
	}
	done := make(chan struct{})
	go func() {
		for range logBatchHold/len(line) + 1 {
			_, _ = l.Write(line)
		}
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("a writer went on past logBatchHold while out was blocked")
	case <-time.After(200 * time.Millisecond):
	}
	l.mu.Lock()
	if n := len(l.buf); n < logBatchHold || n > logBatchHold+len(line) {
		t.Errorf("%d bytes held while out was blocked; want %d", n, logBatchHold)
	}
	l.mu.Unlock()
	close(out.open)
	<-done
}

// gateWriter blocks every write until open is closed.
type gateWriter struct{ open chan struct{} }

func (g *gateWriter) Write(p []byte) (int, error) {
	<-g.open
	return len(p), nil
}
