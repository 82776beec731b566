package mockisc

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The journal is a ring: once it holds its limit (100,000 entries by
// default), each request replaces the oldest entry in constant time, so a
// server that has answered a million requests answers as fast as a fresh
// one. Compare, in one run:
//
//	go test -run '^$' -bench 'BenchmarkGetAccount(Fresh|After1MJournaled)$' -benchtime 3s -count 5 ./mockisc
//
// Target: After1MJournaled within 10% of Fresh.

func BenchmarkGetAccountFresh(b *testing.B) {
	s := New(b)
	fx := seed(b, s)
	c, url := s.Client(), s.URL+"/v3/accounts/"+fx.adSvc.ID
	for b.Loop() {
		fetch(b, c, url, "")
	}
}

func BenchmarkGetAccountAfter1MJournaled(b *testing.B) {
	s := New(b)
	fx := seed(b, s)
	journal(b, s, "/v3/accounts/"+fx.adSvc.ID, 1_000_000)
	if s.Journal().Dropped() < 900_000 {
		b.Fatalf("the journal dropped %d entries; it should be full", s.Journal().Dropped())
	}
	c, url := s.Client(), s.URL+"/v3/accounts/"+fx.adSvc.ID
	b.ResetTimer()
	for b.Loop() {
		fetch(b, c, url, "")
	}
}

// journal sends n authenticated GETs of path to s in process, so the
// journal records them.
func journal(b *testing.B, s *Server, path string, n int) {
	tok, err := s.issue(DefaultClientID, "")
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+tok.Value)
	for range n {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, w.Code)
		}
	}
}
