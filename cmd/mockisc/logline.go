package main

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// requestLogger writes the per-request log line. A line whose strings
// need no quoting (text) or escaping (JSON), which is nearly every line,
// it formats itself, byte for byte as the logger's slog handler would
// (TestRequestLineAsSlog): slog's general path costs a tenth of a
// request's time on a fast route. Any other line goes through slog.
type requestLogger struct {
	log  *slog.Logger
	w    io.Writer // what log's handler writes to
	json bool
	bufs sync.Pool // *[]byte
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
	if b, ok := appendRequestLine((*bp)[:0], l.json, t, method, path, status, d, client); ok {
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
func appendRequestLine(b []byte, json bool, t time.Time, method, path string, status int, d time.Duration, client string) ([]byte, bool) {
	plain := plainText
	if json {
		plain = plainJSON
	}
	if !plain(method) || !plain(path) || !plain(client) {
		return b, false
	}
	t = t.Round(0)
	if !json {
		b = append(b, "time="...)
		b = appendRFC3339Millis(b, t)
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

// plainText reports whether TextHandler writes s as it is, or as "" when
// empty: printable ASCII, without space, '=', '"' or '\'.
func plainText(s string) bool {
	for i := range len(s) {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '=' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// plainJSON reports whether JSONHandler writes s between quotes as it
// is: printable ASCII without '"' or '\'.
func plainJSON(s string) bool {
	for i := range len(s) {
		if c := s[i]; c < ' ' || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
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
