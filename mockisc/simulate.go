package mockisc

import "time"

// simulate gives the simulation its say before a request is authorized and
// handled. In order: the fault rules are checked (the first rule that
// fires acts); the global latency and the rule's latency are slept; a
// rule's status, drop or truncate is applied; then, for a request with a
// valid token (or any request without auth), the rate limiter counts it.
// A non-nil response is sent instead of handling the call. authResp is the
// 401 the call earns, sent after faults and latency but before the rate
// limiter, which counts only authenticated calls.
func (s *Server) simulate(c *call, authResp *response) *response {
	if c.route.api == "admin" {
		return authResp
	}
	now := s.now()
	s.simMu.Lock()
	f := s.firing(c, now)
	wait := s.delay()
	s.simMu.Unlock()
	if f != nil {
		wait += time.Duration(f.Latency)
	}
	if !sleep(c.r.Context(), wait) {
		return &response{abort: true}
	}
	if f != nil {
		c.taskError = f.TaskError
		c.truncate = f.Truncate
		c.headers = f.Headers
		if resp := f.answer(); resp != nil {
			return resp
		}
	}
	if authResp != nil {
		return authResp
	}
	if c.route.api == "oauth" {
		return nil
	}
	s.simMu.Lock()
	ok, wait := s.limiter.allow(s.limiter.key(c.clientID, c.route.api), s.now())
	s.simMu.Unlock()
	if !ok {
		return rateLimited(retryAfter(wait))
	}
	return nil
}
