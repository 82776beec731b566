package sim

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"sync"
	"testing"
)

func ids(r *Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = r.ID()
	}
	return out
}

func floats(r *Rand, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = r.Float()
	}
	return out
}

func TestRandSameSeedSameSequence(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{0, 1, 42, math.MaxUint64} {
		a, b := NewRand(seed), NewRand(seed)
		if x, y := ids(a, 100), ids(b, 100); !slices.Equal(x, y) {
			t.Errorf("seed %d: two streams gave different ids:\n%v\n%v", seed, x, y)
		}
		if x, y := floats(a, 100), floats(b, 100); !slices.Equal(x, y) {
			t.Errorf("seed %d: two streams gave different floats:\n%v\n%v", seed, x, y)
		}
	}
}

func TestRandDifferentSeedsDiffer(t *testing.T) {
	t.Parallel()
	seeds := []uint64{0, 1, 2, 42, 1 << 32, math.MaxUint64}
	firstID := map[string]uint64{}
	firstFloat := map[float64]uint64{}
	for _, seed := range seeds {
		r := NewRand(seed)
		id := r.ID()
		if other, dup := firstID[id]; dup {
			t.Errorf("seeds %d and %d both start with id %s", other, seed, id)
		}
		firstID[id] = seed
		f := NewRand(seed).Float()
		if other, dup := firstFloat[f]; dup {
			t.Errorf("seeds %d and %d both start with float %v", other, seed, f)
		}
		firstFloat[f] = seed
	}
}

func TestRandIDIs32LowercaseHex(t *testing.T) {
	t.Parallel()
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	r := NewRand(7)
	seen := map[string]bool{}
	for range 1000 {
		id := r.ID()
		if !hex32.MatchString(id) {
			t.Fatalf("ID() = %q, want 32 lowercase hex characters", id)
		}
		if seen[id] {
			t.Fatalf("ID() repeated %q within 1000 draws", id)
		}
		seen[id] = true
	}
}

func TestRandFloatIsInUnitInterval(t *testing.T) {
	t.Parallel()
	r := NewRand(7)
	const n = 100_000
	sum, lo, hi := 0.0, 1.0, 0.0
	for range n {
		f := r.Float()
		if f < 0 || f >= 1 {
			t.Fatalf("Float() = %v, not in [0, 1)", f)
		}
		sum += f
		lo, hi = min(lo, f), max(hi, f)
	}
	// The seed fixes the draws, so these bounds cannot flake; they catch
	// a generator stuck on a value or a sub-range.
	if mean := sum / n; mean < 0.49 || mean > 0.51 {
		t.Errorf("mean of %d draws = %v, want about 0.5", n, mean)
	}
	if lo > 0.001 || hi < 0.999 {
		t.Errorf("draws span [%v, %v], want nearly [0, 1)", lo, hi)
	}
}

func TestRandIDAndFloatShareOneStream(t *testing.T) {
	t.Parallel()
	a, b := NewRand(3), NewRand(3)
	_ = a.ID()
	if a.Float() == b.Float() {
		t.Fatal("a Float after an ID equals the first Float: ID did not advance the stream")
	}
}

func TestRandIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	const goroutines, each = 4, 250
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	r := NewRand(9)
	got := make([][]string, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				got[g] = append(got[g], r.ID())
				if f := r.Float(); f < 0 || f >= 1 {
					t.Errorf("concurrent Float() = %v, not in [0, 1)", f)
				}
			}
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, id := range slices.Concat(got...) {
		if !hex32.MatchString(id) || seen[id] {
			t.Fatalf("concurrent ID() gave %q (malformed or repeated)", id)
		}
		seen[id] = true
	}
	if len(seen) != goroutines*each {
		t.Fatalf("got %d distinct ids, want %d", len(seen), goroutines*each)
	}
}

func TestRandConcurrentIDsAreTheSequentialStreamReordered(t *testing.T) {
	t.Parallel()
	checkConcurrentDraws(t, 11, 250, ids)
}

// The race detector cannot see inside the generator (it is a runtime
// package, not instrumented), so check the values: concurrent draws must
// be exactly the sequential stream's, reordered, with none lost or
// repeated.
func TestRandConcurrentFloatsAreTheSequentialStreamReordered(t *testing.T) {
	t.Parallel()
	checkConcurrentDraws(t, 13, 5000, floats)
}

// checkConcurrentDraws draws each values from one Rand of seed in four
// goroutines at once and checks they are the sequential stream's values,
// in another order.
func checkConcurrentDraws[T cmp.Ordered](t *testing.T, seed uint64, each int, draw func(*Rand, int) []T) {
	t.Helper()
	const goroutines = 4
	want := draw(NewRand(seed), goroutines*each)
	slices.Sort(want)
	r := NewRand(seed)
	got := make([][]T, goroutines)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			got[g] = draw(r, each)
		}()
	}
	close(start)
	wg.Wait()
	all := slices.Concat(got...)
	slices.Sort(all)
	if !slices.Equal(all, want) {
		t.Fatal("concurrent draws are not the sequential stream's values in another order")
	}
}
