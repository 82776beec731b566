package tenantsync

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// count is one resource's count on a progress line.
type count struct {
	name string
	n    int
}

// progress writes "import: sources 5, identities 120, ... (340 objects/s)"
// lines at most every interval, and one at the end.
type progress struct {
	w        io.Writer
	every    time.Duration
	start    time.Time
	last     time.Time
	counts   func() []count
	finished bool
}

func newProgress(w io.Writer, every time.Duration) *progress {
	if every <= 0 {
		every = 2 * time.Second
	}
	now := time.Now()
	return &progress{w: w, every: every, start: now, last: now}
}

// tick writes a line when the interval passed, or when final.
func (p *progress) tick(final bool) {
	if p.w == nil || p.counts == nil || p.finished {
		return
	}
	now := time.Now()
	if !final && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	p.finished = final
	var parts []string
	total := 0
	for _, c := range p.counts() {
		parts = append(parts, fmt.Sprintf("%s %d", c.name, c.n))
		total += c.n
	}
	secs := now.Sub(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(total) / secs
	}
	state := "importing"
	if final {
		state = "imported"
	}
	fmt.Fprintf(p.w, "mockisc import: %s %s (%.0f objects/s)\n", state, strings.Join(parts, ", "), rate)
}
