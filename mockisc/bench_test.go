package mockisc

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// All benchmarks go over a loopback socket, like a client under test, so
// each op includes the HTTP round trip.
//
//	go test -run '^$' -bench . -benchmem -benchtime=2s ./mockisc
//
// Targets: GetAccount at least 0.6x the throughput of GetAccountBareHandler;
// ListFilteredSortedFirstPage at most 30 ms/op; PageAll100k at most 1.5 s/op.

// fetch sends a GET and drains the answer.
func fetch(b *testing.B, c *http.Client, url, bearer string) int {
	req, _ := http.NewRequest("GET", url, nil)
	if bearer != "" {
		req.Header.Set("Authorization", bearer)
	}
	resp, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return int(n)
}

func BenchmarkGetAccount(b *testing.B) {
	s := New(b)
	fx := seed(b, s)
	c, url := s.Client(), s.URL+"/v3/accounts/"+fx.adSvc.ID
	fetch(b, c, url, "")
	for b.Loop() {
		fetch(b, c, url, "")
	}
}

// BenchmarkGetAccountBareHandler is the baseline of BenchmarkGetAccount: a
// bare net/http server writing the same bytes with the same headers, and
// a client sending the same bearer header.
func BenchmarkGetAccountBareHandler(b *testing.B) {
	s := New(b)
	fx := seed(b, s)
	resp, err := s.Client().Get(s.URL + "/v3/accounts/" + fx.adSvc.ID)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	header := resp.Header.Clone()
	header.Del("Date")
	header.Del("Content-Length")
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	}))
	b.Cleanup(ts.Close)
	c := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	tr, err := http.Post(s.URL+"/oauth/token", "application/x-www-form-urlencoded",
		strings.NewReader("grant_type=client_credentials&client_id=bench&client_secret=x"))
	if err != nil {
		b.Fatal(err)
	}
	tok, _ := io.ReadAll(tr.Body)
	tr.Body.Close()
	bearer := "Bearer " + string(tok) // a token-sized header, as the client sends
	for b.Loop() {
		fetch(b, c, ts.URL+"/v3/accounts/"+fx.adSvc.ID, bearer)
	}
}

// bigState is a tenant of 100,000 accounts on 8 sources (half of them
// flat file, two authoritative), 2,000 identities and 20 entitlements,
// built once and shared (Restore copies it).
var bigState = sync.OnceValue(func() State {
	const nAccounts, nIdentities, nSources = 100_000, 2_000, 8
	start := DefaultStartTime().Add(-365 * 24 * time.Hour)
	id := func(kind, n int) string { return fmt.Sprintf("%02x%030x", kind, n) }
	var st State
	states := []string{"ACTIVE", "ACTIVE", "ACTIVE", "INACTIVE_SHORT_TERM", "INACTIVE_LONG_TERM"}
	for i := range nSources {
		src := Source{ID: id(1, i), Name: "Source " + strconv.Itoa(i), Authoritative: i < 2, Created: start}
		if i%2 == 1 {
			src.Type, src.ConnectionType = "Active Directory - Direct", "direct"
		}
		st.Sources = append(st.Sources, src)
	}
	for i := range nIdentities {
		st.Identities = append(st.Identities, Identity{ID: id(2, i), Name: fmt.Sprintf("Identity %05d", i),
			IdentityState: states[i%len(states)], LifecycleState: "active", Created: start})
	}
	for i := range 20 {
		st.Entitlements = append(st.Entitlements, Entitlement{ID: id(3, i), Name: "Group " + strconv.Itoa(i),
			SourceID: id(1, 1), Created: start})
	}
	for i := range nAccounts {
		a := Account{ID: id(4, i), SourceID: id(1, i%nSources), NativeIdentity: "user" + strconv.Itoa(i),
			Name: fmt.Sprintf("User %06d", (i*7919)%nAccounts), Disabled: i%10 == 0,
			Created:    start.Add(time.Duration(i) * time.Second),
			Attributes: map[string]any{"userName": "user" + strconv.Itoa(i), "mail": "user" + strconv.Itoa(i) + "@example.com", "dept": "d" + strconv.Itoa(i%13)}}
		if i%9 != 0 {
			a.IdentityID = id(2, i%nIdentities)
		}
		if i%nSources == 1 && i%3 == 0 {
			a.Entitlements = []string{id(3, i%20)}
		}
		st.Accounts = append(st.Accounts, a)
	}
	return st
})

// bigServer starts a socket server holding bigState.
func bigServer(b *testing.B) (*Server, *http.Client) {
	s := New(b)
	if err := s.Restore(bigState()); err != nil {
		b.Fatal(err)
	}
	c := s.Client()
	fetch(b, c, s.URL+"/v3/accounts?limit=1", "") // token, connection, renderings warmed
	return s, c
}

// touch changes one account so that no list result cached for the
// previous tenant version can answer the next request.
func touch(b *testing.B, s *Server, i int) {
	_, err := s.UpdateAccount(fmt.Sprintf("%02x%030x", 4, i%100_000), func(a *Account) { a.Locked = !a.Locked })
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkListFilteredSortedFirstPage asks for the first page of a
// filtered, two-key sorted list over 100,000 accounts, with the tenant
// changed before each request (the change is inside the timing).
func BenchmarkListFilteredSortedFirstPage(b *testing.B) {
	s, c := bigServer(b)
	url := s.URL + "/v3/accounts?count=true&limit=250&sorters=-identity.name,created&filters=" +
		url.QueryEscape(`source.connectionType eq "file" and identity.identityState eq "ACTIVE" and uncorrelated eq false`)
	fetch(b, c, url, "") // render every account's filter document once
	i := 0
	for b.Loop() {
		touch(b, s, i)
		i++
		fetch(b, c, url, "")
	}
}

// BenchmarkPageAll100k pages through all 100,000 accounts at limit=250:
// 400 requests per op, on a tenant changed once before each op.
func BenchmarkPageAll100k(b *testing.B) {
	s, c := bigServer(b)
	pageAll := func() {
		for off := 0; off < 100_000; off += 250 {
			fetch(b, c, s.URL+"/v3/accounts?limit=250&offset="+strconv.Itoa(off), "")
		}
	}
	pageAll() // render every account's FULL document once
	i := 0
	for b.Loop() {
		touch(b, s, i)
		i++
		pageAll()
	}
}
