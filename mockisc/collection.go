package mockisc

import (
	"net/http"
	"strconv"
	"strings"
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
func parsePage(c *call) (page, *response) {
	q := c.r.URL.Query()
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
func (p page) withTotal(resp *response, total int) *response {
	if p.count {
		if resp.header == nil {
			resp.header = http.Header{}
		}
		resp.header.Set("X-Total-Count", strconv.Itoa(total))
	}
	return resp
}

// joinArray joins JSON documents into a JSON array.
func joinArray(docs [][]byte) []byte {
	n := 2
	for _, d := range docs {
		n += len(d) + 1
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('[')
	for i, d := range docs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(d)
	}
	b.WriteByte(']')
	return []byte(b.String())
}
