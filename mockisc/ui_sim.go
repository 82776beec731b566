package mockisc

import (
	"net/http"
	"time"
)

// uiSimData is the simulation page.
type uiSimData struct {
	Manual    bool
	RateLimit RateLimit
	Keys      []RateLimitKey
	Faults    []Fault
	Pending   []TaskInfo
	More      int // pending tasks not shown
	Done      int // completed tasks the server keeps
	TaskDelay time.Duration
}

// uiMaxTasks caps the pending tasks the simulation page lists.
const uiMaxTasks = uiMaxLimit

// uiSimulation serves the clock, the rate limit, the fault rules and the
// pending tasks, with the forms that change them.
func (s *Server) uiSimulation(w http.ResponseWriter, r *http.Request) {
	d := uiSimData{
		Manual: s.clock.Manual(), RateLimit: s.RateLimit(), Faults: s.Faults(), TaskDelay: s.TaskDelay(),
		Keys: []RateLimitKey{RateLimitPerClientAPI, RateLimitPerClient, RateLimitGlobal},
	}
	for _, t := range s.Tasks() {
		switch {
		case t.Status != "":
			d.Done++
		case len(d.Pending) < uiMaxTasks:
			d.Pending = append(d.Pending, t)
		default:
			d.More++
		}
	}
	s.uiRender(w, http.StatusOK, "simulation", uiView{Title: "Simulation", Nav: "simulation", Data: &d})
}

// uiStateData is the state page.
type uiStateData struct {
	Counts   Counts
	MaxBytes int64
}

// uiState serves the state's download link, upload form and reset
// button.
func (s *Server) uiState(w http.ResponseWriter, r *http.Request) {
	d := uiStateData{Counts: s.Counts(), MaxBytes: s.cfg.stateMaxBytes}
	s.uiRender(w, http.StatusOK, "state", uiView{Title: "State", Nav: "state", Data: &d})
}
