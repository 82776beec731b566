package sim

import "fmt"

// Ring keeps the last Cap values pushed, oldest first: a push is O(1)
// (amortized while the ring grows to its capacity), and once full each
// push overwrites the oldest. Shift takes the oldest value out early,
// which lets an owner bound the ring by something other than a count. It
// is not safe for concurrent use; its owner locks it.
type Ring[T any] struct {
	buf     []T // circular; grows up to cap
	cap     int
	start   int // index in buf of the oldest value
	n       int // values held
	dropped uint64
}

// NewRing returns a ring keeping at most capacity values; 0 keeps none.
func NewRing[T any](capacity int) *Ring[T] {
	return &Ring[T]{cap: max(capacity, 0)}
}

// Cap returns how many values the ring keeps at most.
func (r *Ring[T]) Cap() int { return r.cap }

// Len returns how many values the ring holds.
func (r *Ring[T]) Len() int { return r.n }

// Dropped returns how many values were overwritten or refused since the
// ring was made (Clear and Shift do not count).
func (r *Ring[T]) Dropped() uint64 { return r.dropped }

// Push adds v as the newest value, dropping the oldest when full.
func (r *Ring[T]) Push(v T) {
	switch {
	case r.cap == 0:
		r.dropped++
	case r.n == r.cap:
		r.buf[r.start] = v
		r.start = (r.start + 1) % len(r.buf)
		r.dropped++
	default:
		if r.n == len(r.buf) {
			r.grow()
		}
		r.buf[(r.start+r.n)%len(r.buf)] = v
		r.n++
	}
}

// grow makes room for more values, up to the capacity, keeping their
// order and putting the oldest first in the new buffer.
func (r *Ring[T]) grow() {
	size := min(r.cap, max(8, 2*len(r.buf)))
	buf := make([]T, size)
	for i := range r.n {
		buf[i] = r.buf[(r.start+i)%len(r.buf)]
	}
	r.buf, r.start = buf, 0
}

// Shift removes the oldest value and returns it, and false when the ring
// is empty. The slot it held is cleared, so the ring keeps no reference
// to it.
func (r *Ring[T]) Shift() (T, bool) {
	var zero T
	if r.n == 0 {
		return zero, false
	}
	v := r.buf[r.start]
	r.buf[r.start] = zero
	r.start = (r.start + 1) % len(r.buf)
	r.n--
	return v, true
}

// At returns the i-th value, 0 being the oldest; it panics unless
// 0 <= i < Len().
func (r *Ring[T]) At(i int) T {
	if i < 0 || i >= r.n {
		panic(fmt.Sprintf("sim: Ring.At(%d) with %d values", i, r.n))
	}
	return r.buf[(r.start+i)%len(r.buf)]
}

// Last returns the newest value, and false when the ring is empty.
func (r *Ring[T]) Last() (T, bool) {
	if r.n == 0 {
		var zero T
		return zero, false
	}
	return r.At(r.n - 1), true
}

// All calls yield with each value, oldest first, until it returns false.
func (r *Ring[T]) All(yield func(T) bool) {
	for i := range r.n {
		if !yield(r.At(i)) {
			return
		}
	}
}

// Clear forgets every value and gives back the memory they held.
func (r *Ring[T]) Clear() {
	r.buf, r.start, r.n = nil, 0, 0
}
