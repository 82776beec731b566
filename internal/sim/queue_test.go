package sim

import (
	"slices"
	"testing"
	"time"
)

type popped struct {
	due time.Time
	v   string
}

func popDue(q *Queue[string], now time.Time) []popped {
	var out []popped
	q.PopDue(now, func(due time.Time, v string) { out = append(out, popped{due, v}) })
	return out
}

func TestQueuePopDue(t *testing.T) {
	t.Parallel()
	s := time.Second
	type item struct {
		due time.Duration
		v   string
	}
	tests := []struct {
		name     string
		items    []item
		now      time.Duration
		want     []string
		wantLeft int
	}{
		{"an empty queue pops nothing", nil, s, nil, 0},
		{"nothing is due yet", []item{{2 * s, "a"}, {3 * s, "b"}}, s, nil, 2},
		{"an item due exactly now is due", []item{{s, "a"}, {2 * s, "b"}}, s, []string{"a"}, 1},
		{"an item due 1ns from now is not", []item{{s + 1, "a"}}, s, nil, 1},
		{"leading due items leave in submission order", []item{{s, "a"}, {2 * s, "b"}, {3 * s, "c"}}, 2 * s, []string{"a", "b"}, 1},
		{"every item due: all leave", []item{{s, "a"}, {2 * s, "b"}}, time.Hour, []string{"a", "b"}, 0},
		{"a later item due earlier waits behind an earlier item due later", []item{{5 * s, "a"}, {s, "b"}}, 2 * s, nil, 2},
		{"the blocked item leaves once the one before it is due", []item{{5 * s, "a"}, {s, "b"}}, 5 * s, []string{"a", "b"}, 0},
		{"a due item behind a blocked one stays", []item{{s, "a"}, {9 * s, "b"}, {s, "c"}}, 2 * s, []string{"a"}, 2},
		{"items due at the same instant keep their order", []item{{s, "c"}, {s, "a"}, {s, "b"}}, s, []string{"c", "a", "b"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var q Queue[string]
			dues := map[string]time.Time{}
			for _, it := range tt.items {
				q.Push(t0.Add(it.due), it.v)
				dues[it.v] = t0.Add(it.due)
			}
			got := popDue(&q, t0.Add(tt.now))
			var vs []string
			for _, p := range got {
				vs = append(vs, p.v)
				if p.due != dues[p.v] {
					t.Errorf("%s popped with due %v, want %v", p.v, p.due, dues[p.v])
				}
			}
			if !slices.Equal(vs, tt.want) {
				t.Fatalf("PopDue popped %v, want %v", vs, tt.want)
			}
			if q.Len() != tt.wantLeft {
				t.Fatalf("Len() = %d after PopDue, want %d", q.Len(), tt.wantLeft)
			}
		})
	}
}

func TestQueueKeepsOrderAcrossPopsAndPushes(t *testing.T) {
	t.Parallel()
	var q Queue[string]
	q.Push(t0.Add(time.Second), "a")
	q.Push(t0.Add(3*time.Second), "b")
	if got := popDue(&q, t0.Add(time.Second)); len(got) != 1 || got[0].v != "a" {
		t.Fatalf("first PopDue = %v, want [a]", got)
	}
	q.Push(t0.Add(2*time.Second), "c") // due before b, but submitted after it
	if got := popDue(&q, t0.Add(2*time.Second)); len(got) != 0 {
		t.Fatalf("c left before b: %v", got)
	}
	got := popDue(&q, t0.Add(3*time.Second))
	if len(got) != 2 || got[0].v != "b" || got[1].v != "c" || got[1].due != t0.Add(2*time.Second) {
		t.Fatalf("PopDue at +3s = %v, want b then c (due +2s)", got)
	}
	if q.Len() != 0 {
		t.Fatalf("Len() = %d, want 0", q.Len())
	}
	if got := popDue(&q, t0.Add(time.Hour)); len(got) != 0 {
		t.Fatalf("an emptied queue popped %v", got)
	}
}

func TestQueuePopAll(t *testing.T) {
	t.Parallel()
	var q Queue[int]
	q.PopAll(func(v int) { t.Fatalf("PopAll on an empty queue called f(%d)", v) })
	for i, due := range []time.Duration{time.Hour, time.Second, 0, 24 * time.Hour} {
		q.Push(t0.Add(due), i)
	}
	if q.Len() != 4 {
		t.Fatalf("Len() = %d after 4 pushes, want 4", q.Len())
	}
	var got []int
	q.PopAll(func(v int) { got = append(got, v) })
	if !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Fatalf("PopAll = %v, want every item in submission order [0 1 2 3]", got)
	}
	if q.Len() != 0 {
		t.Fatalf("Len() = %d after PopAll, want 0", q.Len())
	}
}

func TestQueueLen(t *testing.T) {
	t.Parallel()
	var q Queue[int]
	for n := range 5 {
		if q.Len() != n {
			t.Fatalf("Len() = %d after %d pushes", q.Len(), n)
		}
		q.Push(t0.Add(time.Duration(n)*time.Second), n) // due +0s ... +4s
	}
	steps := []struct {
		now          time.Duration
		popped, left int
	}{
		{time.Second, 2, 3},
		{time.Second, 0, 3},
		{time.Minute, 3, 0},
	}
	for i, st := range steps {
		n := 0
		q.PopDue(t0.Add(st.now), func(time.Time, int) { n++ })
		if n != st.popped || q.Len() != st.left {
			t.Fatalf("PopDue #%d at +%v popped %d leaving %d, want %d leaving %d", i+1, st.now, n, q.Len(), st.popped, st.left)
		}
	}
}
