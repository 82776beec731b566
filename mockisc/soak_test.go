package mockisc

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The soak: a mixed workload (lists, filtered lists, gets, patches,
// creates, task status) for a fixed number of requests over the loopback
// socket, reporting the throughput and the heap after every block.
//
//	MOCKISC_SOAK=1000000 go test ./mockisc -run TestSoak -v -timeout 30m
//
// runs a million requests in blocks of 100,000; without MOCKISC_SOAK the
// test runs 3,000 requests in blocks of 1,000, to keep the helper
// working. A long run also checks that the heap stays flat once the
// journal and the task table are full (the journal after about 70,000
// requests, the 100,000 tasks after 300,000 mutations): the last block's
// heap within 10% of the heap at seven tenths of the run. It says
// whether the last block's throughput is within 10% of the first's (on a
// shared machine the scheduler decides that, so it is reported, not
// asserted).

// soakBlock is what one block of the soak measured.
type soakBlock struct {
	requests int
	perSec   float64
	heapMB   float64
	journal  JournalStats
}

// heapMB is the live heap after a collection, in MiB.
func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// soak runs n requests of the mixed workload against s with workers
// goroutines, in blocks of block requests.
func soak(t testing.TB, s *Server, n, block, workers int) []soakBlock {
	t.Helper()
	st := s.Snapshot()
	var flat string
	for _, src := range st.Sources {
		if src.FlatFile() {
			flat = src.ID
		}
	}
	var ids, flatIDs []string
	for _, a := range st.Accounts {
		ids = append(ids, a.ID)
		if a.SourceID == flat {
			flatIDs = append(flatIDs, a.ID)
		}
	}
	c := s.Client()
	var lastTask atomic.Value
	lastTask.Store("none")
	filtered := s.URL + "/v3/accounts?limit=20&filters=" + url.QueryEscape(`name sw "a"`)
	one := func(i int) error {
		var req *http.Request
		switch i % 6 {
		case 0:
			req, _ = http.NewRequest("GET", s.URL+"/v3/accounts?limit=50", nil)
		case 1:
			req, _ = http.NewRequest("GET", filtered, nil)
		case 2:
			req, _ = http.NewRequest("GET", s.URL+"/v3/accounts/"+ids[i%len(ids)], nil)
		case 3:
			p := fmt.Sprintf(`[{"op":"replace","path":"/attributes","value":{"userName":"u%d","title":"t%d"}}]`, i%len(flatIDs), i)
			req, _ = http.NewRequest("PATCH", s.URL+"/v3/accounts/"+flatIDs[i%len(flatIDs)], strings.NewReader(p))
			req.Header.Set("Content-Type", "application/json-patch+json")
		case 4: // creates 500 accounts, then updates them (same native identity)
			b := fmt.Sprintf(`{"sourceId":%q,"attributes":{"userName":"soak-%d","displayName":"Soak %d"}}`, flat, i%500, i)
			req, _ = http.NewRequest("POST", s.URL+"/v3/accounts", strings.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
		case 5:
			req, _ = http.NewRequest("GET", s.URL+"/v2025/task-status/"+lastTask.Load().(string), nil)
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			return fmt.Errorf("%s %s: %d %s", req.Method, req.URL, resp.StatusCode, b)
		}
		if resp.StatusCode == http.StatusAccepted {
			var v struct{ ID string }
			if json.Unmarshal(b, &v) == nil && v.ID != "" {
				lastTask.Store(v.ID)
			}
		}
		return nil
	}
	var out []soakBlock
	for from := 0; from < n; from += block {
		end := min(from+block, n)
		var next atomic.Int64
		next.Store(int64(from))
		var wg sync.WaitGroup
		var firstErr atomic.Value
		began := time.Now()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1) - 1; i < int64(end); i = next.Add(1) - 1 {
					if err := one(int(i)); err != nil {
						firstErr.CompareAndSwap(nil, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		if err := firstErr.Load(); err != nil {
			t.Fatal(err)
		}
		b := soakBlock{requests: end, perSec: float64(end-from) / time.Since(began).Seconds(), heapMB: heapMB(), journal: s.Journal().Stats()}
		t.Logf("requests %7d: %6.0f req/s, heap %6.1f MiB, journal %d entries, %.1f MiB (evicted %d)",
			b.requests, b.perSec, b.heapMB, b.journal.Entries, float64(b.journal.Bytes)/(1<<20), b.journal.EvictedEntries)
		out = append(out, b)
	}
	return out
}

func TestSoak(t *testing.T) {
	n, block := 3000, 1000
	if v := os.Getenv("MOCKISC_SOAK"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			t.Fatalf("MOCKISC_SOAK=%q is not a number of requests", v)
		}
		block = 100_000
	} else {
		t.Parallel()
	}
	s := New(t, WithState(DemoState()))
	blocks := soak(t, s, n, block, 4)
	if len(blocks) < 3 || n < 300_000 {
		return
	}
	first, full, last := blocks[0], blocks[len(blocks)*7/10-1], blocks[len(blocks)-1]
	if n >= 1_000_000 && last.heapMB > 1.1*full.heapMB {
		t.Errorf("the heap grew from %.1f MiB to %.1f MiB after %d requests", full.heapMB, last.heapMB, full.requests)
	}
	t.Logf("last block at %.0f%% of the first's throughput (target: within 10%%)", 100*last.perSec/first.perSec)
}

// The two memory measurements of the hardening issue, run on demand:
//
//	MOCKISC_MEASURE=1 go test ./mockisc -run 'TestMeasure' -v
//
// Each reports the live heap before and after (and the process's RSS).

// rssMB is the process's resident set size in MiB (Linux), or 0.
func rssMB() float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return float64(n) / 1024
		}
	}
	return 0
}

// TestMeasureUnauthenticatedPosts: 150 unauthenticated 1 MiB POSTs.
func TestMeasureUnauthenticatedPosts(t *testing.T) {
	if os.Getenv("MOCKISC_MEASURE") == "" {
		t.Skip("set MOCKISC_MEASURE=1")
	}
	s := New(t, WithState(DemoState()))
	h0, r0 := heapMB(), rssMB()
	body := strings.Repeat("x", 1<<20-64)
	for range 150 {
		resp, err := http.Post(s.URL+"/v3/accounts", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	t.Logf("150 unauthenticated 1 MiB POSTs: heap %.1f -> %.1f MiB, RSS %.1f -> %.1f MiB; journal %+v",
		h0, heapMB(), r0, rssMB(), s.Journal().Stats())
}

// TestMeasureTokenGrowth: 30,000 token requests on a clock that stands
// still (every token stays live), with the journal off.
func TestMeasureTokenGrowth(t *testing.T) {
	if os.Getenv("MOCKISC_MEASURE") == "" {
		t.Skip("set MOCKISC_MEASURE=1")
	}
	s := New(t, WithoutListener(), WithJournalSize(0))
	c := &http.Client{Transport: s.Transport()}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"c"}, "client_secret": {"s"}}.Encode()
	h0 := heapMB()
	for range 30_000 {
		resp, err := c.Post(s.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader(form))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	t.Logf("30,000 token requests: heap %.1f -> %.1f MiB; tokens %+v", h0, heapMB(), s.tokens.Stats())
}
