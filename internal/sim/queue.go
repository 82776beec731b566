package sim

import "time"

// Queue holds deferred work in the order it was submitted, each item with
// the instant it is due. Items leave in submission order: an item leaves
// when it and every item before it are due, so changes land in the order
// their requests were answered. It is not safe for concurrent use; its
// owner locks it.
type Queue[T any] struct {
	items []queued[T]
}

type queued[T any] struct {
	due time.Time
	v   T
}

// Push adds v, due at due, behind every item already queued.
func (q *Queue[T]) Push(due time.Time, v T) { q.items = append(q.items, queued[T]{due, v}) }

// Len returns how many items are queued.
func (q *Queue[T]) Len() int { return len(q.items) }

// Due reports whether the first item is due at now: whether PopDue would
// remove any.
func (q *Queue[T]) Due(now time.Time) bool { return len(q.items) > 0 && !q.items[0].due.After(now) }

// PopDue removes the leading items due at or before now and calls f with
// each, in order, with its due time.
func (q *Queue[T]) PopDue(now time.Time, f func(due time.Time, v T)) {
	i := 0
	for ; i < len(q.items) && !q.items[i].due.After(now); i++ {
		f(q.items[i].due, q.items[i].v)
	}
	q.drop(i)
}

// PopAll removes every item and calls f with each, in order.
func (q *Queue[T]) PopAll(f func(v T)) {
	items := q.items
	q.items = nil
	for _, it := range items {
		f(it.v)
	}
}

// drop removes the first n items, letting go of their values.
func (q *Queue[T]) drop(n int) {
	if n == 0 {
		return
	}
	clear(q.items[:n])
	q.items = q.items[n:]
	if len(q.items) == 0 {
		q.items = nil
	}
}
