package engine

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/mockisc/mockisc/internal/sim"
)

// mountPooled adds a route answering a pooled body: the id, repeated
// ?n times, so that bodies differ per request in content and size.
func mountPooled(te *testEnv) {
	te.e.Mount(&Surface{Name: "P", Prefixes: []string{"/pooled/"}, Envelope: &recEnvelope{name: "P"}},
		&Route{Method: "GET", Pattern: "/pooled/{id}", Handle: func(c *Call) *Response {
			n, _ := strconv.Atoi(c.Req.URL.Query().Get("n"))
			buf := BodyBuffer()
			return Pooled(http.StatusOK, buf, pooledBody(*buf, c.PathValue("id"), n))
		}})
}

func pooledBody(b []byte, id string, n int) []byte {
	b = append(b, '"')
	for range n {
		b = append(b, id...)
	}
	return append(b, '"')
}

// TestPooledBodies: concurrent requests answered in pooled buffers, of
// sizes below and above what the pool keeps, each get their own body
// whole, whatever the others write into the buffers after them.
func TestPooledBodies(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{noAuth: true})
	mountPooled(te)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				id, n := fmt.Sprintf("g%di%d.", g, i), 1+(g*200+i)%7*2000 // up to 12,000 ids: past maxPooledBody
				res := te.do(t, "GET", fmt.Sprintf("/pooled/%s?n=%d", id, n), "")
				if want := pooledBody(nil, id, n); res.status() != http.StatusOK || !bytes.Equal(res.rec.Body.Bytes(), want) {
					t.Errorf("GET /pooled/%s?n=%d: %d, %d bytes; want 200 and %d bytes of its id", id, n, res.status(), res.rec.Body.Len(), len(want))
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestPooledTruncated: a truncate rule cuts a pooled body as any other,
// and the buffer it sent from is not handed to the next request.
func TestPooledTruncated(t *testing.T) {
	t.Parallel()
	te := newEnv(t, options{noAuth: true})
	mountPooled(te)
	te.addRule(t, sim.Fault{Truncate: true, Times: 1})
	res := te.do(t, "GET", "/pooled/abcd?n=10", "")
	want := pooledBody(nil, "abcd", 10)
	if !res.aborted || !bytes.Equal(res.rec.Body.Bytes(), want[:len(want)/2]) {
		t.Fatalf("truncated: aborted %v, body %q; want aborted and %q", res.aborted, res.rec.Body.Bytes(), want[:len(want)/2])
	}
	if res := te.do(t, "GET", "/pooled/wxyz?n=3", ""); res.rec.Body.String() != `"wxyzwxyzwxyz"` {
		t.Errorf("after the truncated call: %q; want %q", res.rec.Body.String(), `"wxyzwxyzwxyz"`)
	}
}
