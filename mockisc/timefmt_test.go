package mockisc

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestAppendTime: appendTime writes what time.Format writes, for times
// in and out of the years of four digits, in any zone.
func TestAppendTime(t *testing.T) {
	t.Parallel()
	zone := time.FixedZone("X", -(5*3600 + 30*60))
	times := []time.Time{
		{}, time.Unix(0, 0), time.Date(2024, 6, 1, 9, 0, 0, 999_999_999, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 2, 0, 0, 1_500_000, zone),
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 10_000 {
		times = append(times, time.Unix(r.Int64N(400_000_000_000)-200_000_000_000, r.Int64N(1e9)).In(zone))
	}
	for _, tm := range times {
		if got, want := formatTime(tm), tm.UTC().Format(timeLayout); got != want {
			t.Fatalf("formatTime(%v) = %s; want %s", tm, got, want)
		}
	}
}
