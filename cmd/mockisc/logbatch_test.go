package main

import (
	"strings"
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
