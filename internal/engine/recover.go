package engine

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// recovered turns a panic of a pipeline route (its handler, or the
// pipeline itself) into a 500, after logging it at error level with the
// route and counting it (Panics). http.ErrAbortHandler, the deliberate
// way to drop a connection, goes on.
func (e *Engine) recovered(r *http.Request, rt *Route, v any) *Response {
	if v == http.ErrAbortHandler {
		panic(v)
	}
	pattern := e.logPanic(r, rt, v)
	return Fail(http.StatusInternalServerError, "", "internal error: the handler of %s panicked (%v); the fake has a bug, please report it", pattern, v)
}

// logPanic counts and logs a panic and returns the route's description.
func (e *Engine) logPanic(r *http.Request, rt *Route, v any) string {
	e.panics.Add(1)
	pattern := "(no route)"
	if rt != nil {
		pattern = rt.Method + " " + rt.Pattern
	}
	if e.cfg.Logger != nil {
		e.cfg.Logger.LogAttrs(r.Context(), slog.LevelError, "handler panic",
			slog.String("route", pattern), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
	}
	return pattern
}

// Panics returns how many handler panics the engine recovered from.
func (e *Engine) Panics() uint64 { return e.panics.Load() }

// serveDirect runs a Direct route's Serve, answering a panic with a 500 in
// the surface's envelope (or cutting the connection if the answer had
// begun).
func (e *Engine) serveDirect(w http.ResponseWriter, r *http.Request, rt *Route) {
	tw := &trackingWriter{ResponseWriter: w}
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		pattern := e.logPanic(r, rt, v)
		if tw.wrote {
			panic(http.ErrAbortHandler) // half an answer is out: cut it
		}
		c := &Call{Req: r, Route: rt}
		resp := Fail(http.StatusInternalServerError, "", "internal error: the handler of %s panicked (%v); the fake has a bug, please report it", pattern, v)
		resp.Body = rt.Surface.Envelope.ErrorBody(c, resp.Err, e.cfg.RequestIDs.ID())
		ct := rt.Surface.ContentType
		if ct == "" {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(resp.Status)
		_, _ = w.Write(resp.Body)
	}()
	rt.Serve(tw, r)
}

// trackingWriter remembers whether anything was written.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

// WriteHeader notes the write and passes it on.
func (t *trackingWriter) WriteHeader(code int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

// Write notes the write and passes it on.
func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
