package mockisc

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// The throughput targets of issue #12, each measured against its baseline
// in the same benchmark, so that both see the same machine load:
//
//	go test -run '^$' -bench 'Loopback|NewServer' -benchtime 2s -count 5 ./mockisc
//
// BenchmarkLoopbackListAccounts and BenchmarkLoopbackGetAccount send
// GET /v3/accounts?limit=3 and GET /v3/accounts/{id} to a server holding
// the demo tenant (as the binary serves it: real clock, no rate limit)
// from loopbackWorkers keep-alive connections, alternating rounds with a
// bare net/http handler that writes the same bytes and headers. They
// report each side's ns/req and "ratio", the server's throughput as a
// fraction of the bare handler's. Targets: ratio ≥ 0.6 for the list,
// ≥ 0.8 for the single account.
//
// BenchmarkNewServerVsHTTPTest compares NewServer and Close (with a
// listener) with httptest.NewServer and Close. Target: ratio ≤ 2.

// loopbackWorkers is how many clients send requests at once, each on a
// keep-alive connection of its own.
const loopbackWorkers = 8

// loopbackRound is how many requests each side serves before the other
// side's turn.
const loopbackRound = 400

func BenchmarkLoopbackListAccounts(b *testing.B) {
	benchLoopback(b, "/v3/accounts?limit=3")
}

func BenchmarkLoopbackGetAccount(b *testing.B) {
	benchLoopback(b, "/v3/accounts/"+DemoState().Accounts[0].ID)
}

// benchLoopback measures path on a demo server against a bare handler
// writing its answer.
func benchLoopback(b *testing.B, path string) {
	s := New(b, WithState(DemoState()), WithRealClock())
	tok, err := s.issue(DefaultClientID, "")
	if err != nil {
		b.Fatal(err)
	}
	bearer := "Bearer " + tok.Value
	bare := bareReplica(b, s.URL+path, bearer)
	mockNs := newLoadLoop(b, s.URL+path, bearer)
	bareNs := newLoadLoop(b, bare.URL+path, bearer)
	var mock, base time.Duration
	b.ResetTimer()
	for done := 0; done < b.N; done += loopbackRound {
		n := min(loopbackRound, b.N-done)
		mock += mockNs.run(b, n)
		base += bareNs.run(b, n)
	}
	b.StopTimer()
	b.ReportMetric(float64(mock.Nanoseconds())/float64(b.N), "mockisc-ns/req")
	b.ReportMetric(float64(base.Nanoseconds())/float64(b.N), "bare-ns/req")
	b.ReportMetric(float64(base)/float64(mock), "ratio")
}

// bareReplica fetches url once and starts a bare net/http server that
// answers every request with the same status, headers (but Date and
// Content-Length, which net/http writes) and body.
func bareReplica(b *testing.B, url, bearer string) *httptest.Server {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", bearer)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	header := resp.Header.Clone()
	header.Del("Date")
	header.Del("Content-Length")
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	}))
	b.Cleanup(ts.Close)
	return ts
}

// loadLoop sends GETs of one URL from loopbackWorkers clients, each
// reusing its request and connection.
type loadLoop struct {
	tr   *http.Transport
	reqs []*http.Request
}

func newLoadLoop(b *testing.B, url, bearer string) *loadLoop {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = loopbackWorkers
	b.Cleanup(tr.CloseIdleConnections)
	l := &loadLoop{tr: tr}
	for range loopbackWorkers {
		req, err := http.NewRequest("GET", url, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", bearer)
		l.reqs = append(l.reqs, req)
	}
	return l
}

// run sends n requests, shared among the workers, and returns how long
// they took.
func (l *loadLoop) run(b *testing.B, n int) time.Duration {
	var wg sync.WaitGroup
	start := time.Now()
	for w, req := range l.reqs {
		share := n / len(l.reqs)
		if w < n%len(l.reqs) {
			share++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range share {
				resp, err := l.tr.RoundTrip(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("GET %s: %d", req.URL, resp.StatusCode)
					return
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// BenchmarkNewServerVsHTTPTest starts and closes a server (with a
// listener) and, in the same iteration, an httptest server with a trivial
// handler; it reports each one's ns and "ratio", NewServer's time as a
// multiple of httptest's.
func BenchmarkNewServerVsHTTPTest(b *testing.B) {
	h := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	var mock, base time.Duration
	for b.Loop() {
		start := time.Now()
		s, err := NewServer()
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		mid := time.Now()
		httptest.NewServer(h).Close()
		mock, base = mock+mid.Sub(start), base+time.Since(mid)
	}
	b.ReportMetric(float64(mock.Nanoseconds())/float64(b.N), "mockisc-ns/op")
	b.ReportMetric(float64(base.Nanoseconds())/float64(b.N), "httptest-ns/op")
	b.ReportMetric(float64(mock)/float64(base), "ratio")
}

// BenchmarkServeHTTP is the server's own share of the loopback
// benchmarks' requests: ServeHTTP called in process, with a recorder,
// so that profiles show the pipeline and the handlers without the
// sockets:
//
//	go test -run '^$' -bench ServeHTTP/GetAccount -benchmem -cpuprofile cpu.out ./mockisc
func BenchmarkServeHTTP(b *testing.B) {
	for _, bc := range []struct{ name, path string }{
		{"ListAccounts", "/v3/accounts?limit=3"},
		{"GetAccount", "/v3/accounts/" + DemoState().Accounts[0].ID},
	} {
		path := bc.path
		b.Run(bc.name, func(b *testing.B) {
			s := New(b, WithState(DemoState()), WithRealClock(), WithoutListener())
			tok, err := s.issue(DefaultClientID, "")
			if err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Authorization", "Bearer "+tok.Value)
			req.Header.Set("User-Agent", "Go-http-client/1.1")
			req.Header.Set("Accept-Encoding", "gzip")
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				s.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", path, w.Code)
				}
			}
		})
	}
}
