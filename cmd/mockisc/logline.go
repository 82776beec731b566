package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mockisc/mockisc/internal/plain"
)

// requestLogger writes the per-request log line. A line whose strings
// need no quoting (text) or escaping (JSON), which is nearly every line,
// it formats itself, byte for byte as the logger's slog handler would
// (TestRequestLineAsSlog): slog's general path costs a tenth of a
// request's time on a fast route. Any other line goes through slog.
type requestLogger struct {
	log    *slog.Logger
	w      io.Writer // what log's handler writes to
	json   bool
	bufs   sync.Pool // *[]byte
	stamps stamps
}

// newRequestLogger returns the request logger writing to w in format at
// level, as newLogger's logger does.
func newRequestLogger(w io.Writer, format string, level slog.Level) *requestLogger {
	return &requestLogger{log: newLogger(w, format, level), w: w, json: format == "json"}
}

// enabled reports whether request lines are written at all.
func (l *requestLogger) enabled(ctx context.Context) bool { return l.log.Enabled(ctx, slog.LevelInfo) }

// line writes the line of one request.
func (l *requestLogger) line(ctx context.Context, t time.Time, method, path string, status int, d time.Duration, client string) {
	bp, _ := l.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	if b, ok := appendRequestLine((*bp)[:0], l.json, &l.stamps, t, method, path, status, d, client); ok {
		_, _ = l.w.Write(b)
		*bp = b
		l.bufs.Put(bp)
		return
	}
	l.bufs.Put(bp)
	// As log.LogAttrs, without looking up the caller, which newLogger's
	// handlers do not show.
	rec := slog.NewRecord(t, slog.LevelInfo, "request", 0)
	rec.AddAttrs(slog.String("method", method), slog.String("path", path),
		slog.Int("status", status), slog.Duration("duration", d), slog.String("client", client))
	_ = l.log.Handler().Handle(ctx, rec)
}

// appendRequestLine appends the line slog's TextHandler (or JSONHandler)
// without options writes for the record at t with message "request" and
// the attributes method, path, status, duration and client, and reports
// true; or reports false if a string would need quoting or escaping.
// The text line's time comes from st.
func appendRequestLine(b []byte, json bool, st *stamps, t time.Time, method, path string, status int, d time.Duration, client string) ([]byte, bool) {
	ok := plain.Text
	if json {
		ok = plain.JSON
	}
	if !ok(method) || !ok(path) || !ok(client) {
		return b, false
	}
	t = t.Round(0)
	if !json {
		b = append(b, "time="...)
		b = st.append(b, t)
		b = append(b, " level=INFO msg=request method="...)
		b = appendTextString(b, method)
		b = append(b, " path="...)
		b = appendTextString(b, path)
		b = append(b, " status="...)
		b = strconv.AppendInt(b, int64(status), 10)
		b = append(b, " duration="...)
		b = append(b, d.String()...)
		b = append(b, " client="...)
		b = appendTextString(b, client)
		return append(b, '\n'), true
	}
	if y := t.Year(); y < 0 || y >= 10000 {
		return b, false // slog writes an error of its own there
	}
	b = append(b, `{"time":"`...)
	b = t.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","level":"INFO","msg":"request","method":"`...)
	b = append(b, method...)
	b = append(b, `","path":"`...)
	b = append(b, path...)
	b = append(b, `","status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, `,"duration":`...)
	b = strconv.AppendInt(b, int64(d), 10)
	b = append(b, `,"client":"`...)
	b = append(b, client...)
	return append(b, "\"}\n"...), true
}

// appendTextString appends a string TextHandler would not quote but for
// being empty.
func appendTextString(b []byte, s string) []byte {
	if s == "" {
		return append(b, `""`...)
	}
	return append(b, s...)
}

// appendRFC3339Millis appends t as TextHandler writes times: RFC 3339
// with exactly three digits of fraction, truncated.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	// RFC3339Nano trims trailing zeros: a tenth of a millisecond more
	// keeps four digits, of which the fourth is dropped.
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...)
}

// stamps formats the text line's times a second at a time: the time of
// the last second seen, cut around its milliseconds, is kept for the
// lines of that second (all of them, on a busy server), which then only
// write their milliseconds.
type stamps struct{ last atomic.Pointer[stamp] }

// stamp is one second's text time, in one zone.
type stamp struct {
	sec        int64
	loc        *time.Location
	head, tail string // before the milliseconds (with the '.'), and after them (the zone)
}

// append appends t as appendRFC3339Millis does.
func (st *stamps) append(b []byte, t time.Time) []byte {
	s := st.last.Load()
	if s == nil || s.sec != t.Unix() || s.loc != t.Location() {
		full := appendRFC3339Millis(nil, t)
		dot := bytes.IndexByte(full, '.') // the only one: a zone is "Z" or ±hh:mm
		s = &stamp{sec: t.Unix(), loc: t.Location(), head: string(full[:dot+1]), tail: string(full[dot+4:])}
		st.last.Store(s)
	}
	ms := t.Nanosecond() / int(time.Millisecond) // as appendRFC3339Millis truncates
	b = append(b, s.head...)
	b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(b, s.tail...)
}
