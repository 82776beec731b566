package sim_test

import (
	"fmt"
	"time"

	"github.com/mockisc/mockisc/internal/sim"
)

// The quick start of the package documentation: ISC accepts 100 requests
// per 10 seconds per client and API version, so request 101 at the same
// instant is refused with Retry-After 10. (RetryAfter never renders less
// than 1, so the accepted requests print 1.)
func ExampleLimiter() {
	clock := sim.NewClock(false, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	lim := sim.NewLimiter(sim.ISCRateLimit())
	for i := range 101 {
		ok, wait := lim.Allow("client", "v3", clock.Now())
		fmt.Println(i+1, ok, sim.RetryAfter(wait)) // request 101 is refused: Retry-After 10
	}
	// Output:
	// 1 true 1
	// 2 true 1
	// 3 true 1
	// 4 true 1
	// 5 true 1
	// 6 true 1
	// 7 true 1
	// 8 true 1
	// 9 true 1
	// 10 true 1
	// 11 true 1
	// 12 true 1
	// 13 true 1
	// 14 true 1
	// 15 true 1
	// 16 true 1
	// 17 true 1
	// 18 true 1
	// 19 true 1
	// 20 true 1
	// 21 true 1
	// 22 true 1
	// 23 true 1
	// 24 true 1
	// 25 true 1
	// 26 true 1
	// 27 true 1
	// 28 true 1
	// 29 true 1
	// 30 true 1
	// 31 true 1
	// 32 true 1
	// 33 true 1
	// 34 true 1
	// 35 true 1
	// 36 true 1
	// 37 true 1
	// 38 true 1
	// 39 true 1
	// 40 true 1
	// 41 true 1
	// 42 true 1
	// 43 true 1
	// 44 true 1
	// 45 true 1
	// 46 true 1
	// 47 true 1
	// 48 true 1
	// 49 true 1
	// 50 true 1
	// 51 true 1
	// 52 true 1
	// 53 true 1
	// 54 true 1
	// 55 true 1
	// 56 true 1
	// 57 true 1
	// 58 true 1
	// 59 true 1
	// 60 true 1
	// 61 true 1
	// 62 true 1
	// 63 true 1
	// 64 true 1
	// 65 true 1
	// 66 true 1
	// 67 true 1
	// 68 true 1
	// 69 true 1
	// 70 true 1
	// 71 true 1
	// 72 true 1
	// 73 true 1
	// 74 true 1
	// 75 true 1
	// 76 true 1
	// 77 true 1
	// 78 true 1
	// 79 true 1
	// 80 true 1
	// 81 true 1
	// 82 true 1
	// 83 true 1
	// 84 true 1
	// 85 true 1
	// 86 true 1
	// 87 true 1
	// 88 true 1
	// 89 true 1
	// 90 true 1
	// 91 true 1
	// 92 true 1
	// 93 true 1
	// 94 true 1
	// 95 true 1
	// 96 true 1
	// 97 true 1
	// 98 true 1
	// 99 true 1
	// 100 true 1
	// 101 false 10
}

// Once the oldest request leaves the window, the client may go on.
func ExampleLimiter_window() {
	clock := sim.NewClock(false, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	lim := sim.NewLimiter(sim.ISCRateLimit())
	for range 100 {
		lim.Allow("client", "v3", clock.Now())
	}
	clock.Advance(2500 * time.Millisecond)
	ok, wait := lim.Allow("client", "v3", clock.Now())
	fmt.Println(ok, wait, sim.RetryAfter(wait))
	ok, _ = lim.Allow("client", "v2025", clock.Now())
	fmt.Println("v2025:", ok)
	clock.Advance(wait)
	ok, _ = lim.Allow("client", "v3", clock.Now())
	fmt.Println(ok)
	// Output:
	// false 7.5s 8
	// v2025: true
	// true
}

func ExampleRetryAfter() {
	for _, wait := range []time.Duration{0, time.Nanosecond, 999 * time.Millisecond, time.Second, time.Second + 1, 10 * time.Second} {
		fmt.Printf("%v → %s\n", wait, sim.RetryAfter(wait))
	}
	// Output:
	// 0s → 1
	// 1ns → 1
	// 999ms → 1
	// 1s → 1
	// 1.000000001s → 2
	// 10s → 10
}
