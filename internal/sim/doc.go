// Package sim is mockisc's deterministic simulation engine: the server
// clock, seeded ids and draws, the sliding-window rate limiter, fault
// rules, latency, a bounded ring buffer (the request journal's store) and
// the queue of deferred work. It knows nothing of HTTP: a request is a
// Request (method, path, route, client), time is a time.Time from the
// Clock, and every answer is a plain value the HTTP pipeline in
// internal/engine turns into a response.
//
// Clock, Rand, Limiter, Delay and Rules are safe for concurrent use; Ring
// and Queue are plain containers their owner locks.
//
// Quick start:
//
//	clock := sim.NewClock(false, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
//	lim := sim.NewLimiter(sim.ISCRateLimit())
//	for i := range 101 {
//		ok, wait := lim.Allow("client", "v3", clock.Now())
//		fmt.Println(i+1, ok, sim.RetryAfter(wait)) // request 101 is refused: Retry-After 10
//	}
package sim
