package sim

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"
)

const ms = time.Millisecond

func TestLatencyValidate(t *testing.T) {
	t.Parallel()
	good := []Latency{
		{},
		{Min: 50 * ms},
		{Min: 50 * ms, Max: 50 * ms},
		{Min: 10 * ms, Max: 200 * ms},
		{Max: 200 * ms},
	}
	for _, l := range good {
		if err := l.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v, want nil", l, err)
		}
	}
	bad := []struct {
		name string
		l    Latency
		want string
	}{
		{"a negative min", Latency{Min: -1 * ms}, "-1ms..0s is negative"},
		{"a negative max", Latency{Min: 0, Max: -5 * ms}, "0s..-5ms is negative"},
		{"both negative", Latency{Min: -2 * ms, Max: -1 * ms}, "-2ms..-1ms is negative"},
		{"max below min", Latency{Min: 200 * ms, Max: 10 * ms}, "max 10ms is below min 200ms"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantErr(t, tt.l.Validate(), "latency: ", tt.want)
		})
	}
}

func TestLatencyJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		l    Latency
		want string
	}{
		{Latency{Min: 10 * ms, Max: 200 * ms}, `{"min":"10ms","max":"200ms"}`},
		{Latency{Min: 1500 * ms}, `{"min":"1.5s","max":"0s"}`},
		{Latency{}, `{"min":"0s","max":"0s"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.l)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.l, b, err, tt.want)
		}
		var back Latency
		if err := json.Unmarshal(b, &back); err != nil || back != tt.l {
			t.Errorf("round trip of %+v gave %+v, %v", tt.l, back, err)
		}
	}
}

func TestLatencyJSONReads(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Latency
	}{
		{`{"min":"10ms","max":"200ms"}`, Latency{Min: 10 * ms, Max: 200 * ms}},
		{`{"min":10000000,"max":200000000}`, Latency{Min: 10 * ms, Max: 200 * ms}},
		{`{"min":"50ms"}`, Latency{Min: 50 * ms}},
		{`{}`, Latency{}},
	}
	for _, tt := range tests {
		var got Latency
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || got != tt.want {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ in, names string }{
		{`{"min":"soon"}`, `"soon"`},
		{`{"min":"10ms","max":"later"}`, `"later"`},
		{`{"max":false}`, "false"},
		{`"10ms"`, "string"},
	} {
		var l Latency
		wantErr(t, json.Unmarshal([]byte(tt.in), &l), tt.names)
	}
}

func TestLatencyDrawIsMinWhenNotARange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		l    Latency
	}{
		{"no latency", Latency{}},
		{"Max 0 means Min", Latency{Min: 50 * ms}},
		{"Max equal to Min", Latency{Min: 50 * ms, Max: 50 * ms}},
		{"Max below Min", Latency{Min: 50 * ms, Max: 10 * ms}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// A nil generator proves no draw is taken.
			if got := tt.l.Draw(nil); got != tt.l.Min {
				t.Fatalf("Draw() = %v, want Min %v", got, tt.l.Min)
			}
		})
	}
}

func TestLatencyDrawIsUniformInRange(t *testing.T) {
	t.Parallel()
	l := Latency{Min: 10 * ms, Max: 20 * ms}
	r := NewRand(5)
	lo, hi := l.Max, l.Min
	for range 10_000 {
		d := l.Draw(r)
		if d < l.Min || d > l.Max {
			t.Fatalf("Draw() = %v, outside [%v, %v]", d, l.Min, l.Max)
		}
		lo, hi = min(lo, d), max(hi, d)
	}
	// Fixed by the seed, so not flaky: the draws must cover the range.
	if lo > 10100*time.Microsecond || hi < 19900*time.Microsecond {
		t.Fatalf("10000 draws span [%v, %v], want nearly [%v, %v]", lo, hi, l.Min, l.Max)
	}
}

func TestLatencyDrawComesFromTheSeededStream(t *testing.T) {
	t.Parallel()
	l := Latency{Min: 10 * ms, Max: 200 * ms}
	draws := func(seed uint64) []time.Duration {
		r := NewRand(seed)
		out := make([]time.Duration, 50)
		for i := range out {
			out[i] = l.Draw(r)
		}
		return out
	}
	a, b := draws(1), draws(1)
	if !slices.Equal(a, b) {
		t.Fatalf("seed 1 gave two different sequences:\n%v\n%v", a, b)
	}
	if c := draws(2); slices.Equal(a, c) {
		t.Fatalf("seeds 1 and 2 gave the same sequence %v", a)
	}
	f := NewRand(1).Float()
	if want := l.Min + time.Duration(f*float64(l.Max-l.Min)); a[0] != want {
		t.Fatalf("first draw = %v, want Min + Float()*(Max-Min) = %v", a[0], want)
	}
}

func TestDelay(t *testing.T) {
	t.Parallel()
	d := NewDelay(Latency{Min: 5 * ms}, NewRand(1))
	if got := d.Get(); got != (Latency{Min: 5 * ms}) {
		t.Fatalf("Get() = %+v, want the latency it was made with", got)
	}
	if got := d.Draw(); got != 5*ms {
		t.Fatalf("Draw() = %v, want 5ms", got)
	}
	l := Latency{Min: 10 * ms, Max: 20 * ms}
	d.Set(l)
	if got := d.Get(); got != l {
		t.Fatalf("after Set, Get() = %+v, want %+v", got, l)
	}
	ref := NewRand(1)
	for range 20 {
		if got, want := d.Draw(), l.Draw(ref); got != want {
			t.Fatalf("Draw() = %v, want %v (the same seeded stream)", got, want)
		}
	}
}

func TestDelayIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	d := NewDelay(Latency{Min: ms, Max: 2 * ms}, NewRand(1))
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				d.Set(Latency{Min: time.Duration(i) * ms, Max: time.Duration(i+1) * ms})
				if got := d.Draw(); got < 0 || got > 4*ms {
					t.Errorf("Draw() = %v, outside every latency set", got)
				}
			}
		}()
	}
	wg.Wait()
}

func TestSleep(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    time.Duration
	}{
		{"no wait", 0},
		{"a negative wait", -time.Second},
		{"a short wait", 5 * ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			if !Sleep(context.Background(), tt.d) {
				t.Fatalf("Sleep(%v) = false, want true", tt.d)
			}
			if elapsed := time.Since(start); elapsed < tt.d {
				t.Fatalf("Sleep(%v) returned after %v", tt.d, elapsed)
			}
		})
	}
}

func TestSleepEndsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	t.Run("a cancelled context", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		start := time.Now()
		if Sleep(ctx, time.Minute) {
			t.Fatal("Sleep with a cancelled context = true, want false")
		}
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Fatalf("Sleep with a cancelled context took %v", elapsed)
		}
	})
	t.Run("a context ending during the wait", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 10*ms)
		defer cancel()
		start := time.Now()
		if Sleep(ctx, time.Minute) {
			t.Fatal("Sleep interrupted by its context = true, want false")
		}
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Fatalf("Sleep took %v after its context ended at 10ms", elapsed)
		}
	})
	t.Run("an uncancelled context lets the wait run", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if !Sleep(ctx, 2*ms) {
			t.Fatal("Sleep(2ms) = false with a live context")
		}
	})
}
