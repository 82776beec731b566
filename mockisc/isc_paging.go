package mockisc

import (
	"strconv"
	"strings"

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
	strict        bool // an offset past the end is a 400 (WithOffsetPastEndError)
}

// parsePage reads limit, offset and count, refusing a bad or out-of-range
// value with a 400 that names the parameter. count takes true or false in
// any case (the PowerShell SDK sends True).
func (s *Server) parsePage(c *engine.Call) (page, *engine.Response) {
	q := c.Query()
	p := page{limit: defaultLimit, strict: s.cfg.offsetPastEndError}
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
		switch strings.ToLower(v) {
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

// bounds returns the slice bounds of the page within n items. An offset
// past the end gives an empty page, or with WithOffsetPastEndError the
// 400 some ISC endpoints answer.
func (p page) bounds(n int) (int, int, *engine.Response) {
	if p.strict && p.offset > 0 && p.offset >= n {
		return 0, 0, illegalValue("query parameter offset: Specified offset is invalid: %d is past the last of %d records", p.offset, n)
	}
	lo := min(p.offset, n)
	return lo, min(lo+p.limit, n), nil
}

// withTotal sets X-Total-Count when count=true was asked for.
func (p page) withTotal(resp *engine.Response, total int) *engine.Response {
	if p.count {
		resp.SetHeader("X-Total-Count", strconv.Itoa(total))
	}
	return resp
}
