package mockisc

import (
	"encoding/json"
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
// checks that nothing was lost or duplicated and the counts add up. The
// workers report nothing to t themselves: each stops at its first error
// and hands it back, and the test goroutine reports them.
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
		// try sends a request from a worker and counts it; err covers the
		// transport and the ISC check.
		try := func(method, path, body string, hdr ...string) (result, error) {
			requests.Add(1)
			r, err := e.try(method, path, body, hdr...)
			if r.status == http.StatusAccepted {
				accepted.Add(1)
			}
			return r, err
		}
		// task is try for a request that must start a task.
		task := func(method, path, body string, hdr ...string) error {
			r, err := try(method, path, body, hdr...)
			if err != nil {
				return err
			}
			_, err = taskIDOf(r)
			return err
		}
		// round is one worker's round i: it returns the id of the account
		// it created and whether that account is still there.
		round := func(w, i int) (id string, alive bool, err error) {
			native := fmt.Sprintf("w%d-%d", w, i)
			if err := task("POST", "/v3/accounts", `{"attributes":{"sourceId":"`+hr+`","userName":"`+native+`"}}`); err != nil {
				return "", false, err
			}
			// Find it by its native identity, as a client would.
			r, err := try("GET", listPath("filters", `nativeIdentity eq "`+native+`"`), "")
			if err != nil {
				return "", false, err
			}
			found, err := idsOf(r)
			if err != nil {
				return "", false, err
			}
			if len(found) != 1 {
				return "", false, fmt.Errorf("%s: found %d accounts", native, len(found))
			}
			id = found[0]
			p := "/v3/accounts/" + id
			for _, step := range []struct{ method, path, body string }{
				{"PATCH", p, `[{"op":"add","path":"/attributes/round","value":` + strconv.Itoa(i) + `}]`},
				{"POST", p + "/disable", `{}`},
				{"POST", p + "/enable", `{}`},
				// Every worker also toggles a shared account.
				{"POST", "/v3/accounts/" + e.fx.adBob.ID + "/disable", `{}`},
			} {
				var hdr []string
				if step.method == "PATCH" {
					hdr = []string{"Content-Type", patchCT}
				}
				if err := task(step.method, step.path, step.body, hdr...); err != nil {
					return "", false, err
				}
			}
			if _, err := try("GET", "/v3/accounts?count=true&limit=5&sorters=-created", ""); err != nil {
				return "", false, err
			}
			if i%3 == 0 {
				return id, false, task("DELETE", p, "")
			}
			return id, true, nil
		}

		var mu sync.Mutex
		alive := map[string]bool{}
		for _, a := range e.fx.accounts() {
			alive[a.ID] = true
		}
		errs := make(chan error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range rounds {
					id, ok, err := round(w, i)
					if err != nil {
						errs <- fmt.Errorf("worker %d, round %d: %w", w, i, err)
						return
					}
					if ok {
						mu.Lock()
						alive[id] = true
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
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
		r := e.do(t, "GET", "/v3/accounts?count=true&limit=0", "")
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

// idsOf is ids of a JSON array of objects, for any goroutine.
func idsOf(r result) ([]string, error) {
	var objs []map[string]any
	if err := json.Unmarshal(r.body, &objs); err != nil {
		return nil, fmt.Errorf("%s %s: body is not a JSON array of objects: %v", r.method, r.uri(), err)
	}
	return ids(objs), nil
}
