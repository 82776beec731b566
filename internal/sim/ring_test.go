package sim

import (
	"fmt"
	"slices"
	"testing"
)

func contents[T any](r *Ring[T]) []T {
	var out []T
	r.All(func(v T) bool { out = append(out, v); return true })
	return out
}

func TestRingWithNoCapacityKeepsNothing(t *testing.T) {
	t.Parallel()
	for _, capacity := range []int{0, -1} {
		r := NewRing[int](capacity)
		for i := range 3 {
			r.Push(i)
		}
		if r.Cap() != 0 || r.Len() != 0 || r.Dropped() != 3 {
			t.Errorf("NewRing(%d) after 3 pushes: cap %d, len %d, dropped %d; want 0, 0, 3", capacity, r.Cap(), r.Len(), r.Dropped())
		}
		if v, ok := r.Last(); ok {
			t.Errorf("NewRing(%d).Last() = %v, true; want false", capacity, v)
		}
		if got := contents(r); len(got) != 0 {
			t.Errorf("NewRing(%d).All yielded %v", capacity, got)
		}
	}
}

func TestRingKeepsTheLastCapValuesOldestFirst(t *testing.T) {
	t.Parallel()
	const capacity = 3
	for pushes := range 10 {
		t.Run(fmt.Sprintf("%d pushes", pushes), func(t *testing.T) {
			t.Parallel()
			r := NewRing[int](capacity)
			for i := 1; i <= pushes; i++ {
				r.Push(i)
			}
			var want []int
			for i := max(1, pushes-capacity+1); i <= pushes; i++ {
				want = append(want, i)
			}
			if got := contents(r); !slices.Equal(got, want) {
				t.Fatalf("All = %v, want %v", got, want)
			}
			if r.Len() != len(want) || r.Cap() != capacity {
				t.Fatalf("len %d, cap %d; want %d, %d", r.Len(), r.Cap(), len(want), capacity)
			}
			if want := uint64(max(0, pushes-capacity)); r.Dropped() != want {
				t.Fatalf("dropped %d, want %d", r.Dropped(), want)
			}
			for i, w := range want {
				if got := r.At(i); got != w {
					t.Fatalf("At(%d) = %d, want %d", i, got, w)
				}
			}
			last, ok := r.Last()
			switch {
			case pushes == 0 && ok:
				t.Fatalf("Last() on an empty ring = %d, true", last)
			case pushes > 0 && (!ok || last != pushes):
				t.Fatalf("Last() = %d, %v; want %d, true", last, ok, pushes)
			}
		})
	}
}

func TestRingAllStopsWhenYieldReturnsFalse(t *testing.T) {
	t.Parallel()
	r := NewRing[string](4)
	for _, s := range []string{"a", "b", "c", "d", "e", "f"} {
		r.Push(s)
	}
	var got []string
	r.All(func(s string) bool { got = append(got, s); return len(got) < 2 })
	if !slices.Equal(got, []string{"c", "d"}) {
		t.Fatalf("All yielded %v, want [c d] and then stop", got)
	}
	// A range-over-func loop panics if All calls yield after a break.
	got = nil
	for s := range r.All {
		got = append(got, s)
		if s == "e" {
			break
		}
	}
	if !slices.Equal(got, []string{"c", "d", "e"}) {
		t.Fatalf("range over All with break at e = %v, want [c d e]", got)
	}
}

func TestRingClear(t *testing.T) {
	t.Parallel()
	r := NewRing[int](2)
	for i := range 5 {
		r.Push(i)
	}
	r.Clear()
	if r.Len() != 0 || r.Cap() != 2 || r.Dropped() != 3 {
		t.Fatalf("after Clear: len %d, cap %d, dropped %d; want 0, 2, 3 (Dropped kept)", r.Len(), r.Cap(), r.Dropped())
	}
	if _, ok := r.Last(); ok {
		t.Fatal("Last() = true after Clear")
	}
	if got := contents(r); len(got) != 0 {
		t.Fatalf("All after Clear = %v", got)
	}
	for i := 10; i < 13; i++ {
		r.Push(i)
	}
	if got := contents(r); !slices.Equal(got, []int{11, 12}) || r.Dropped() != 4 {
		t.Fatalf("after Clear and 3 pushes: %v, dropped %d; want [11 12], 4", got, r.Dropped())
	}
}

func TestRingKeepsExactlyTheLastThousandOfAMillion(t *testing.T) {
	t.Parallel()
	const capacity, pushes = 1000, 1_000_000
	r := NewRing[int](capacity)
	for i := range pushes {
		r.Push(i)
	}
	if r.Len() != capacity || r.Dropped() != pushes-capacity {
		t.Fatalf("len %d, dropped %d; want %d, %d", r.Len(), r.Dropped(), capacity, pushes-capacity)
	}
	if got := r.At(0); got != pushes-capacity {
		t.Fatalf("oldest = %d, want %d", got, pushes-capacity)
	}
	if got, _ := r.Last(); got != pushes-1 {
		t.Fatalf("newest = %d, want %d", got, pushes-1)
	}
	want := pushes - capacity
	for v := range r.All {
		if v != want {
			t.Fatalf("All yielded %d, want %d", v, want)
		}
		want++
	}
	if want != pushes {
		t.Fatalf("All stopped at %d, want %d", want, pushes)
	}
}

// Not parallel: testing.AllocsPerRun refuses to run in a parallel test.
func TestRingPushOnAFullRingDoesNotAllocate(t *testing.T) {
	r := NewRing[[4]int](64)
	for range 64 {
		r.Push([4]int{})
	}
	if allocs := testing.AllocsPerRun(1000, func() { r.Push([4]int{1, 2, 3, 4}) }); allocs != 0 {
		t.Fatalf("a push on a full ring allocates %v times, want 0", allocs)
	}
	// Filling a ring grows it geometrically: O(1) per push, amortized.
	fill := testing.AllocsPerRun(10, func() {
		r := NewRing[int](4096)
		for i := range 4096 {
			r.Push(i)
		}
	})
	if fill > 40 {
		t.Fatalf("filling a ring of 4096 allocates %v times, want a few dozen at most", fill)
	}
}

// BenchmarkRingPush pushes into a new ring of each capacity, filling it
// and then overwriting; ns/op stays flat as the capacity grows.
func BenchmarkRingPush(b *testing.B) {
	for _, capacity := range []int{16, 1000, 100_000} {
		b.Run(fmt.Sprintf("cap=%d", capacity), func(b *testing.B) {
			b.ReportAllocs()
			r := NewRing[int](capacity)
			i := 0
			for b.Loop() {
				r.Push(i)
				i++
			}
		})
	}
}

// BenchmarkRingPushFull pushes into a ring that is already full, so every
// push overwrites the oldest value: constant time and no allocation,
// whatever the capacity.
func BenchmarkRingPushFull(b *testing.B) {
	for _, capacity := range []int{16, 1000, 100_000} {
		b.Run(fmt.Sprintf("cap=%d", capacity), func(b *testing.B) {
			r := NewRing[int](capacity)
			for i := range capacity {
				r.Push(i)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				r.Push(i)
				i++
			}
		})
	}
}

func TestRingShift(t *testing.T) {
	t.Parallel()
	r := NewRing[int](3)
	if _, ok := r.Shift(); ok {
		t.Fatal("Shift on an empty ring reported a value")
	}
	for i := 1; i <= 5; i++ { // wraps: holds 3, 4, 5
		r.Push(i)
	}
	if v, ok := r.Shift(); !ok || v != 3 {
		t.Fatalf("Shift = %d, %v; want 3, true", v, ok)
	}
	r.Push(6) // room again: nothing dropped
	if got := contents(r); !slices.Equal(got, []int{4, 5, 6}) || r.Dropped() != 2 {
		t.Fatalf("after Shift and Push: %v, dropped %d; want [4 5 6], 2", got, r.Dropped())
	}
	for want := 4; want <= 6; want++ {
		if v, ok := r.Shift(); !ok || v != want {
			t.Fatalf("Shift = %d, %v; want %d, true", v, ok, want)
		}
	}
	if r.Len() != 0 {
		t.Fatalf("len %d after shifting everything", r.Len())
	}
	r.Push(7)
	if got, _ := r.Last(); got != 7 || r.Len() != 1 {
		t.Fatalf("after refilling: last %d, len %d", got, r.Len())
	}
}
