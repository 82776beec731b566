package mockisc

// simulate gives the simulation (rate limits, fault rules) its say before
// a request is authorized and handled; a non-nil response is sent instead.
func (s *Server) simulate(c *call) *response { return nil }
