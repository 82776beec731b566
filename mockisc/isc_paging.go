package mockisc

import (
	"strconv"

	"github.com/mockisc/mockisc/internal/engine"
)

// The V3 standard collection parameters.
const (
	maxLimit     = 250
	defaultLimit = 250
)

// page is a parsed limit, offset and count.
type page struct {
	limit, offset int
	count         bool
}

// parsePage reads limit, offset and count, refusing a bad or out-of-range
// value with a 400 that names the parameter.
func parsePage(c *engine.Call) (page, *engine.Response) {
	q := c.Req.URL.Query()
	p := page{limit: defaultLimit}
	if v, ok := single(q, "limit"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxLimit {
			return p, illegalValue("query parameter limit: %q is not an integer from 0 to %d", v, maxLimit)
		}
		p.limit = n
	}
	if v, ok := single(q, "offset"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, illegalValue("query parameter offset: %q is not an integer of 0 or more", v)
		}
		p.offset = n
	}
	if v, ok := single(q, "count"); ok {
		switch v {
		case "true":
			p.count = true
		case "false":
		default:
			return p, illegalValue("query parameter count: %q is not true or false", v)
		}
	}
	return p, nil
}

// single returns the value of a query parameter given once.
func single(q map[string][]string, name string) (string, bool) {
	v, ok := q[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[len(v)-1], true
}

// bounds returns the slice bounds of the page within n items.
func (p page) bounds(n int) (int, int) {
	lo := min(p.offset, n)
	return lo, min(lo+p.limit, n)
}

// withTotal sets X-Total-Count when count=true was asked for.
func (p page) withTotal(resp *engine.Response, total int) *engine.Response {
	if p.count {
		resp.SetHeader("X-Total-Count", strconv.Itoa(total))
	}
	return resp
}
