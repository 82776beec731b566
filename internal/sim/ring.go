package sim

import "fmt"

// Ring keeps the last Cap values pushed, oldest first: a push is O(1) and
// never moves the values already kept, and once full each push overwrites
// the oldest. It is not safe for concurrent use; its owner locks it.
type Ring[T any] struct {
	buf     []T // grows up to cap, then stays
	cap     int
	start   int // index of the oldest value once full
	dropped uint64
}

// NewRing returns a ring keeping at most capacity values; 0 keeps none.
func NewRing[T any](capacity int) *Ring[T] {
	return &Ring[T]{cap: max(capacity, 0)}
}

// Cap returns how many values the ring keeps at most.
func (r *Ring[T]) Cap() int { return r.cap }

// Len returns how many values the ring holds.
func (r *Ring[T]) Len() int { return len(r.buf) }

// Dropped returns how many values were overwritten or refused since the
// ring was made (Clear does not reset it).
func (r *Ring[T]) Dropped() uint64 { return r.dropped }

// Push adds v as the newest value, dropping the oldest when full.
func (r *Ring[T]) Push(v T) {
	switch {
	case r.cap == 0:
		r.dropped++
	case len(r.buf) < r.cap:
		r.buf = append(r.buf, v)
	default:
		r.buf[r.start] = v
		r.start = (r.start + 1) % r.cap
		r.dropped++
	}
}

// At returns the i-th value, 0 being the oldest; it panics unless
// 0 <= i < Len().
func (r *Ring[T]) At(i int) T {
	if i < 0 || i >= len(r.buf) {
		panic(fmt.Sprintf("sim: Ring.At(%d) with %d values", i, len(r.buf)))
	}
	return r.buf[(r.start+i)%len(r.buf)]
}

// Last returns the newest value, and false when the ring is empty.
func (r *Ring[T]) Last() (T, bool) {
	if len(r.buf) == 0 {
		var zero T
		return zero, false
	}
	return r.At(len(r.buf) - 1), true
}

// All calls yield with each value, oldest first, until it returns false.
func (r *Ring[T]) All(yield func(T) bool) {
	for i := range len(r.buf) {
		if !yield(r.At(i)) {
			return
		}
	}
}

// Clear forgets every value and gives back the memory they held.
func (r *Ring[T]) Clear() {
	r.buf, r.start = nil, 0
}
