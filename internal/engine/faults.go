package engine

import (
	"fmt"
	"path"
	"strings"

	"github.com/mockisc/mockisc/internal/sim"
)

// AddFault validates f and adds it after the existing rules. A rule with
// a taskError must be able to match a route that answers with a task:
// one that names only routes without tasks (a read, a token endpoint, an
// AgileNow operation, which answer synchronously) is refused, since it
// could never act.
func (e *Engine) AddFault(f sim.Fault) (sim.Fault, error) {
	if err := f.Validate(); err != nil {
		return sim.Fault{}, err
	}
	if f.TaskError != "" && !e.reachesTasks(f) {
		method := f.Method
		if method == "" {
			method = "any method"
		}
		return sim.Fault{}, fmt.Errorf("fault: taskError: no route that answers with a task matches %s %s; "+
			"only ISC's account changes (create, update, delete, enable, disable, unlock, reload, remove) "+
			"and source tasks (load-accounts, remove-accounts, load-uncorrelated-accounts) have tasks", method, f.Path)
	}
	return e.cfg.Rules.Add(f, e.cfg.Clock.Now())
}

// reachesTasks reports whether some route with tasks can match f's method
// and path.
func (e *Engine) reachesTasks(f sim.Fault) bool {
	for _, rt := range e.routes {
		if !rt.Tasks || (f.Method != "" && !strings.EqualFold(f.Method, rt.Method)) {
			continue
		}
		switch {
		case f.Path == "" || f.Path == rt.Pattern:
			return true
		case sim.IsGlob(f.Path):
			if globReaches(f.Path, rt.Pattern) {
				return true
			}
		case e.Match(rt.Method, f.Path) == rt:
			return true
		}
	}
	return false
}

// globReaches reports whether glob (a path.Match pattern) can match some
// path that route pattern serves: segment by segment, a wildcard segment
// ("{id}", "{rest...}") takes whatever the glob's segment is, a literal one
// must match it.
func globReaches(glob, pattern string) bool {
	gs, ps := strings.Split(glob, "/"), strings.Split(pattern, "/")
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "...}") {
			return len(gs) >= i
		}
		if i >= len(gs) {
			return false
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			continue
		}
		if ok, _ := path.Match(gs[i], p); !ok {
			return false
		}
	}
	return len(gs) == len(ps)
}
