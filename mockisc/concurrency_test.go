package mockisc

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// TestConcurrentMixedOperations runs workers that create, patch, enable,
// disable, delete and list accounts at once (run it with -race), then
// checks that nothing was lost or duplicated and the counts add up.
func TestConcurrentMixedOperations(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		hr := e.fx.hr.ID
		workers, rounds := 8, 12
		if e.s.Addr() != nil {
			rounds = 4 // the socket is slower under -race; keep the run short
		}
		var requests, accepted atomic.Int64
		var mu sync.Mutex
		alive := map[string]bool{}
		for _, a := range e.fx.accounts() {
			alive[a.ID] = true
		}
		do := func(t *testing.T, method, path, body string, hdr ...string) result {
			requests.Add(1)
			r := send(t, e.c, e.s.URL, method, path, body, hdr...)
			if r.status == http.StatusAccepted {
				accepted.Add(1)
			}
			return r
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range rounds {
					native := fmt.Sprintf("w%d-%d", w, i)
					taskID(t, do(t, "POST", "/v3/accounts", `{"attributes":{"sourceId":"`+hr+`","userName":"`+native+`"}}`))
					// Find it by its native identity, as a client would.
					r := do(t, "GET", listPath("filters", `nativeIdentity eq "`+native+`"`), "")
					found := ids(r.list(t))
					if len(found) != 1 {
						t.Errorf("%s: found %d accounts", native, len(found))
						continue
					}
					id := found[0]
					p := "/v3/accounts/" + id
					taskID(t, do(t, "PATCH", p, `[{"op":"add","path":"/attributes/round","value":`+strconv.Itoa(i)+`}]`, "Content-Type", patchCT))
					taskID(t, do(t, "POST", p+"/disable", `{}`))
					taskID(t, do(t, "POST", p+"/enable", `{}`))
					// Every worker also toggles a shared account.
					taskID(t, do(t, "POST", "/v3/accounts/"+e.fx.adBob.ID+"/disable", `{}`))
					do(t, "GET", "/v3/accounts?count=true&limit=5&sorters=-created", "")
					if i%3 == 0 {
						taskID(t, do(t, "DELETE", p, ""))
						continue
					}
					mu.Lock()
					alive[id] = true
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if t.Failed() {
			return
		}

		got := accountIDs(e.s.Accounts()...)
		if len(got) != len(slices.Compact(slices.Sorted(slices.Values(got)))) {
			t.Errorf("duplicate account ids among %d", len(got))
		}
		want := make([]string, 0, len(alive))
		for id := range alive {
			want = append(want, id)
		}
		if !slices.Equal(sortedIDs(want), sortedIDs(got)) {
			t.Errorf("accounts: %d, want %d (lost or extra)", len(got), len(want))
		}
		r := send(t, e.c, e.s.URL, "GET", "/v3/accounts?count=true&limit=0", "")
		if r.header.Get("X-Total-Count") != strconv.Itoa(len(got)) {
			t.Errorf("X-Total-Count %s, Accounts() %d", r.header.Get("X-Total-Count"), len(got))
		}
		for _, a := range e.s.Accounts() {
			if a.Disabled && a.SourceID == hr {
				t.Errorf("account %s left disabled", a.NativeIdentity)
			}
		}
		if n := e.s.Journal().Count("", ""); int64(n) != requests.Load()+1 {
			t.Errorf("journal has %d entries, %d requests were sent", n, requests.Load()+1)
		}
		if n := len(e.s.Tasks()); int64(n) != accepted.Load() {
			t.Errorf("%d tasks, %d answers were 202", n, accepted.Load())
		}
		// Five 202s per round, and a delete every third round.
		if want := int64(workers*rounds*5 + workers*((rounds+2)/3)); accepted.Load() != want {
			t.Errorf("%d accepted, want %d", accepted.Load(), want)
		}
		if n := e.s.Journal().Count("POST", "/v3/accounts/{id}/disable"); n != 2*workers*rounds {
			t.Errorf("%d disables journaled, want %d", n, 2*workers*rounds)
		}
	})
}
