package main

import (
	"bytes"
	"context"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestRequestLineAsSlog: the request line formatted by hand is, byte for
// byte, what slog's handler writes for the same record, in both formats,
// over strings that need quoting or escaping (which take slog's path)
// and strings that do not; and the usual requests take the quick path.
func TestRequestLineAsSlog(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "0", "/", "-", "_", ".", "~", "{", "}", " ", "=", `"`, `\`, "\t", "\n", "\x00", "\x7f", "é", "\u2028", "\xff", "%20", "?", "&", "<", ">", "'"}
	str := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	zones := []*time.Location{time.UTC, time.FixedZone("X", -5*3600-30*60), time.FixedZone("Y", 3600)}
	// One logger per format for all the lines, so that their times hit
	// and miss its cache of the last second's text.
	outs := map[string]*bytes.Buffer{"text": {}, "json": {}}
	loggers := map[string]*requestLogger{}
	for f, out := range outs {
		loggers[f] = newRequestLogger(out, f, slog.LevelInfo)
	}
	quick := 0
	var prev time.Time
	for i := range 20000 {
		method, path, client := str(), "/"+str(), str()
		if i%3 == 0 {
			method, path, client = "GET", "/v3/accounts/2c9180835d2e5168015d32f890ca1581", "mockisc-client"
		}
		tm := time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).In(zones[rng.IntN(len(zones))])
		switch {
		case i%7 == 0:
			tm = time.Now() // with a monotonic reading
		case i%2 == 0: // the second of the line before, or the next one, in its zone or another
			tm = prev.Add(time.Duration(rng.Int64N(int64(1500 * time.Millisecond)))).In(zones[rng.IntN(len(zones))])
		}
		prev = tm
		status := []int{0, 200, 202, 404, 429, 500}[rng.IntN(6)]
		d := time.Duration(rng.Int64N(int64(3 * time.Second)))
		for _, format := range []string{"text", "json"} {
			var want bytes.Buffer
			rec := slog.NewRecord(tm, slog.LevelInfo, "request", 0)
			rec.AddAttrs(slog.String("method", method), slog.String("path", path),
				slog.Int("status", status), slog.Duration("duration", d), slog.String("client", client))
			if err := newLogger(&want, format, slog.LevelInfo).Handler().Handle(context.Background(), rec); err != nil {
				t.Fatal(err)
			}
			got := outs[format]
			got.Reset()
			loggers[format].line(context.Background(), tm, method, path, status, d, client)
			if got.String() != want.String() {
				t.Fatalf("%s line differs:\n got %q\nwant %q", format, got.String(), want.String())
			}
			if _, ok := appendRequestLine(nil, format == "json", &stamps{}, tm, method, path, status, d, client); ok {
				quick++
			} else if i%3 == 0 {
				t.Errorf("%s: a usual request (%s %s %s) took slog's path", format, method, path, client)
			}
		}
	}
	if quick < 2*20000/3 {
		t.Errorf("%d lines of 40,000 took the quick path", quick)
	}
}

// BenchmarkRequestLine compares the request line written by hand with
// slog's handler writing it (the baseline).
func BenchmarkRequestLine(b *testing.B) {
	tm := time.Now()
	for _, format := range []string{"text", "json"} {
		b.Run(format+"/quick", func(b *testing.B) {
			l := newRequestLogger(discard{}, format, slog.LevelInfo)
			b.ReportAllocs()
			for b.Loop() {
				l.line(context.Background(), tm, "GET", "/v3/accounts/2c9180835d2e5168015d32f890ca1581", 200, 123456*time.Nanosecond, "mockisc-client")
			}
		})
		b.Run(format+"/baseline-slog", func(b *testing.B) {
			h := newLogger(discard{}, format, slog.LevelInfo).Handler()
			b.ReportAllocs()
			for b.Loop() {
				rec := slog.NewRecord(tm, slog.LevelInfo, "request", 0)
				rec.AddAttrs(slog.String("method", "GET"), slog.String("path", "/v3/accounts/2c9180835d2e5168015d32f890ca1581"),
					slog.Int("status", 200), slog.Duration("duration", 123456*time.Nanosecond), slog.String("client", "mockisc-client"))
				_ = h.Handle(context.Background(), rec)
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
