package mockisc_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mockisc/mockisc/mockisc"
)

// A retry loop that honours Retry-After. The server runs ISC's limit of
// 100 requests per 10 seconds on its manual clock, so instead of sleeping
// the loop's wait function advances that clock.
func ExampleWithRateLimit() {
	s, _ := mockisc.NewServer(mockisc.WithoutListener(), mockisc.WithRateLimit(mockisc.ISCRateLimit()))
	defer s.Close()
	c := s.Client()

	// get retries on 429, waiting as long as Retry-After says.
	get := func(path string, wait func(time.Duration)) int {
		for {
			resp, err := c.Get(s.URL + path)
			if err != nil {
				panic(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusTooManyRequests {
				return resp.StatusCode
			}
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			fmt.Printf("429, Retry-After %ds\n", secs)
			wait(time.Duration(secs) * time.Second)
		}
	}
	for range 100 {
		get("/v3/accounts", s.Clock().Advance)
	}
	fmt.Println("request 101:", get("/v3/accounts", s.Clock().Advance))
	// Output:
	// 429, Retry-After 10s
	// request 101: 200
}

// The first two calls fail, then the route works again.
func ExampleServer_FailNext() {
	s, _ := mockisc.NewServer(mockisc.WithoutListener())
	defer s.Close()
	s.FailNext(2, "GET", "/v3/accounts", http.StatusInternalServerError)
	for i := 1; i <= 3; i++ {
		resp, _ := s.Client().Get(s.URL + "/v3/accounts")
		resp.Body.Close()
		fmt.Printf("call %d: %d\n", i, resp.StatusCode)
	}
	f := s.Faults()[0]
	fmt.Printf("rule seen %d, fired %d\n", f.Seen, f.Fired)
	// Output:
	// call 1: 500
	// call 2: 500
	// call 3: 200
	// rule seen 3, fired 2
}

// A deferred task polled to completion: the disable answers 202 at once,
// and the change lands 30 seconds later on the server clock.
func ExampleWithTaskDelay() {
	s, _ := mockisc.NewServer(mockisc.WithoutListener(), mockisc.WithTaskDelay(30*time.Second))
	defer s.Close()
	src, _ := s.AddSource(mockisc.Source{Name: "HR"})
	acct, _ := s.AddAccount(mockisc.Account{SourceID: src.ID, NativeIdentity: "jdoe"})
	c := s.Client()

	resp, _ := c.Post(s.URL+"/v3/accounts/"+acct.ID+"/disable", "application/json", strings.NewReader(`{}`))
	var task struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&task)
	resp.Body.Close()

	for {
		resp, _ := c.Get(s.URL + "/v2025/task-status/" + task.ID)
		var st struct {
			CompletionStatus *string
			Progress         string
		}
		json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		a, _ := s.Account(acct.ID)
		if st.CompletionStatus != nil {
			fmt.Printf("%s; disabled: %v\n", *st.CompletionStatus, a.Disabled)
			break
		}
		fmt.Printf("%s; disabled: %v\n", st.Progress, a.Disabled)
		s.Clock().Advance(15 * time.Second) // the poll interval
	}
	// Output:
	// Pending; disabled: false
	// Pending; disabled: false
	// SUCCESS; disabled: true
}
