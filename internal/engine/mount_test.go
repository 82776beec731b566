package engine

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/mockisc/mockisc/internal/sim"
)

func bareEngine() *Engine {
	clock := sim.NewClock(false, t0)
	ids := sim.NewRand(1)
	return New(Config{
		Clock: clock, RequestIDs: ids, Rules: sim.NewRules(ids), Limiter: sim.NewLimiter(sim.RateLimit{}),
		Delay: sim.NewDelay(sim.Latency{}, ids), Journal: NewJournal(10), Tokens: NewTokens(TokenConfig{}, clock, ids),
		Auth: true, MaxBody: 100,
	})
}

func okHandle(*Call) *Response                       { return JSON(200, "ok") }
func okServe(w http.ResponseWriter, _ *http.Request) {}

// TestMountPanics checks the programming errors Mount refuses.
func TestMountPanics(t *testing.T) {
	t.Parallel()
	env := EnvelopeFunc(func(*Call, *Error, string) []byte { return []byte(`{}`) })
	tests := []struct {
		name  string
		mount func(e *Engine)
		want  string
	}{
		{"two default surfaces", func(e *Engine) {
			e.Mount(&Surface{Name: "one", Envelope: env})
			e.Mount(&Surface{Name: "two", Envelope: env})
		}, "engine: surfaces one and two both have no prefix"},
		{"a Direct surface's route with Handle", func(e *Engine) {
			e.Mount(&Surface{Name: "adm", Prefixes: []string{"/a/"}, Direct: true, Envelope: env},
				&Route{Method: "GET", Pattern: "/a/x", Handle: okHandle})
		}, "engine: route GET /a/x: a Direct surface's routes set Serve, the others Handle"},
		{"a Direct surface's route with both", func(e *Engine) {
			e.Mount(&Surface{Name: "adm", Prefixes: []string{"/a/"}, Direct: true, Envelope: env},
				&Route{Method: "GET", Pattern: "/a/x", Handle: okHandle, Serve: okServe})
		}, "engine: route GET /a/x"},
		{"a pipeline route with Serve", func(e *Engine) {
			e.Mount(&Surface{Name: "api", Envelope: env}, &Route{Method: "POST", Pattern: "/y", Serve: okServe})
		}, "engine: route POST /y: a Direct surface's routes set Serve, the others Handle"},
		{"a pipeline route with both", func(e *Engine) {
			e.Mount(&Surface{Name: "api", Envelope: env}, &Route{Method: "POST", Pattern: "/y", Serve: okServe, Handle: okHandle})
		}, "engine: route POST /y"},
		{"a pipeline route with neither", func(e *Engine) {
			e.Mount(&Surface{Name: "api", Envelope: env}, &Route{Method: "POST", Pattern: "/y"})
		}, "engine: route POST /y"},
		{"a pattern twice", func(e *Engine) {
			e.Mount(&Surface{Name: "api", Envelope: env},
				&Route{Method: "GET", Pattern: "/z/{id}", Handle: okHandle},
				&Route{Method: "GET", Pattern: "/z/{id}", Handle: okHandle})
		}, "conflicts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				p := recover()
				if p == nil {
					t.Fatal("Mount did not panic")
				}
				if !strings.Contains(fmt.Sprint(p), tt.want) {
					t.Errorf("panic %q; want it to contain %q", p, tt.want)
				}
			}()
			tt.mount(bareEngine())
		})
	}
}

// TestMountSurfaces checks Mount's bookkeeping: Route.Surface, Routes in
// mounting order, and prefix surfaces beside one default.
func TestMountSurfaces(t *testing.T) {
	t.Parallel()
	e := bareEngine()
	env := EnvelopeFunc(func(_ *Call, err *Error, tr string) []byte {
		return Marshal(map[string]any{"env": "func", "text": err.Text, "tracking": tr})
	})
	a := &Surface{Name: "a", Envelope: env}
	b := &Surface{Name: "b", Prefixes: []string{"/b/"}, Envelope: env}
	r1 := &Route{Method: "GET", Pattern: "/one", Handle: okHandle}
	r2 := &Route{Method: "GET", Pattern: "/b/two", Handle: okHandle}
	r3 := &Route{Method: "POST", Pattern: "/one", Handle: okHandle}
	e.Mount(a, r1)
	e.Mount(b, r2, r3)
	routes := e.Routes()
	if len(routes) != 3 || routes[0] != r1 || routes[1] != r2 || routes[2] != r3 {
		t.Errorf("Routes() = %v", routes)
	}
	routes[0] = nil
	if e.Routes()[0] != r1 {
		t.Error("Routes() shares the engine's slice")
	}
	if r1.Surface != a || r2.Surface != b || r3.Surface != b {
		t.Error("Mount did not set Route.Surface")
	}
	if s := e.surfaceOf("/b/x"); s != b {
		t.Errorf("surfaceOf(/b/x) = %v", s)
	}
	if s := e.surfaceOf("/c"); s != a {
		t.Errorf("surfaceOf(/c) = %v", s)
	}
	if !r1.Public() || r1.Limited() {
		t.Errorf("r1: Public %v, Limited %v", r1.Public(), r1.Limited())
	}
	if lim := (&Route{API: "v3", Scopes: []string{}}); lim.Public() || !lim.Limited() {
		t.Errorf("a route with empty non-nil Scopes and an API: Public %v, Limited %v", lim.Public(), lim.Limited())
	}
}

// TestEnvelopeFunc checks that an EnvelopeFunc renders the engine's
// errors.
func TestEnvelopeFunc(t *testing.T) {
	t.Parallel()
	e := bareEngine()
	var got *Error
	e.Mount(&Surface{Name: "f", Envelope: EnvelopeFunc(func(c *Call, err *Error, tr string) []byte {
		got = err
		return []byte(`{"f":"` + tr + `"}`)
	})}, &Route{Method: "GET", Pattern: "/p", Scopes: []string{"s"}, Handle: okHandle})
	res := (&testEnv{e: e}).do(t, "GET", "/p", "")
	if res.status() != 401 || got == nil || got.Text != TextNoToken || !strings.HasPrefix(res.rec.Body.String(), `{"f":"`) {
		t.Errorf("got %d %s, error %+v", res.status(), res.rec.Body, got)
	}
}
