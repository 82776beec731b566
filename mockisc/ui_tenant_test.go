package mockisc

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"
)

// tableIDs returns the ids of a table page's rows, in order.
func tableIDs(body, nav string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<tr class="row"><td class="mono"><a href="/__mockisc/ui/`+nav+`/([^"]+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestUIAccountsTable checks filters, sorters, paging and the API's
// error texts in the accounts table.
func TestUIAccountsTable(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	tests := []struct {
		name, query string
		status      int
		rows        int
		fragments   []string
	}{
		{"first page", "?limit=5", 200, 5, []string{`<span id="total">33</span>`, "showing 1–5", `id="next" href="/__mockisc/ui/accounts?limit=5&amp;offset=5"`}},
		{"middle page", "?limit=5&offset=5", 200, 5, []string{"showing 6–10", `id="prev" href="/__mockisc/ui/accounts?limit=5&amp;offset=0"`}},
		{"last page", "?limit=5&offset=30", 200, 3, []string{"showing 31–33"}},
		{"past the end", "?offset=500", 200, 0, []string{"Nothing matches."}},
		{"filter", "?filters=" + qe(`name sw "Ada"`), 200, -1, []string{"Ada Lovelace", `value="name sw &#34;Ada&#34;"`}},
		{"filter and sort", "?filters=" + qe(`uncorrelated eq false`) + "&sorters=-name&limit=1", 200, 1, nil},
		{"bad filter", "?filters=" + qe(`name xx "a"`), 400, 0, []string{"GET /v3/accounts answers 400: query parameter filters: filter: offset 5: unexpected word &#34;xx&#34;"}},
		{"unknown field", "?filters=" + qe(`bogus eq 1`), 400, 0, []string{"offset 0", "is not filterable"}},
		{"bad sorter", "?sorters=bogus", 400, 0, []string{"sorters: offset 0: unknown or unsortable field"}},
		{"limit too large", "?limit=1000", 400, 0, []string{"limit: &#34;1000&#34; is not an integer from 1 to 250"}},
		{"limit zero", "?limit=0", 400, 0, []string{"limit:"}},
		{"negative offset", "?offset=-1", 400, 0, []string{"offset:"}},
		{"offset not a number", "?offset=ten", 400, 0, []string{"offset: &#34;ten&#34;"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := uiGet(t, s, "/__mockisc/ui/accounts"+tc.query).wantPage(t, tc.status, tc.fragments...)
			if n := len(tableIDs(r.body, "accounts")); tc.rows >= 0 && n != tc.rows {
				t.Errorf("%d rows; want %d", n, tc.rows)
			}
		})
	}
	// The table's order and ids are the API's.
	r := uiGet(t, s, "/__mockisc/ui/accounts?sorters=-name&limit=3")
	resp := apiGet(t, s, "/v3/accounts?sorters=-name&limit=3")
	if got, want := strings.Join(tableIDs(r.body, "accounts"), ","), strings.Join(jsonIDs(t, resp), ","); got != want {
		t.Errorf("table %s; API %s", got, want)
	}
}

// TestUIOtherTables checks the filters of the sources, identities and
// AgileNow tables.
func TestUIOtherTables(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	for _, u := range []string{"ada", "bob", "cyd"} {
		if _, err := s.AddAgileNowAccount(AgileNowAccount{Username: u}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		path      string
		status    int
		rows      int
		fragments []string
	}{
		{"sources?filters=" + qe(`name sw "Work"`), 200, 1, []string{"Workday"}},
		{"sources?filters=" + qe(`name zz 1`), 400, 0, []string{"GET /v3/sources answers 400"}},
		{"identities?filters=" + qe(`name sw "Ada"`), 200, 1, []string{"Ada Lovelace"}},
		{"identities?limit=5&offset=10", 200, 1, []string{`<span id="total">11</span>`, "showing 11–11"}}, // the API lists 11 of the 12
		{"agilenow?filters=" + qe(`Username = bob`), 200, 1, []string{"bob", `<span id="total">1</span>`}},
		{"agilenow?sorters=" + qe("Username desc") + "&limit=2", 200, 2, []string{`<span id="total">3</span>`, "next"}},
		{"agilenow?limit=2&offset=2", 200, 1, []string{"cyd"}},
		{"agilenow?filters=" + qe(`Nope eq 1`), 400, 0, []string{"GET /Endpoint/rest/api/v1/Accounts answers 400"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			t.Parallel()
			r := uiGet(t, s, "/__mockisc/ui/"+tc.path).wantPage(t, tc.status, tc.fragments...)
			nav, _, _ := strings.Cut(tc.path, "?")
			if n := len(tableIDs(r.body, nav)); n != tc.rows {
				t.Errorf("%d rows; want %d", n, tc.rows)
			}
		})
	}
}

// TestUIAccountDetail checks an account's page: its JSON and
// entitlements.
func TestUIAccountDetail(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	var withEnts Account
	for _, a := range s.Accounts() {
		if len(a.Entitlements) > 0 {
			withEnts = a
			break
		}
	}
	if withEnts.ID == "" {
		t.Fatal("the demo tenant has no account with entitlements")
	}
	e, _ := s.Entitlement(withEnts.Entitlements[0])
	r := uiGet(t, s, "/__mockisc/ui/accounts/"+withEnts.ID).wantPage(t, 200, `<pre id="json">{`, withEnts.NativeIdentity, `id="children"`, e.Name)
	if strings.Contains(r.body, "<td colspan") {
		t.Error("the entitlements table is empty")
	}
	// The page is the API's rendering.
	api := apiGet(t, s, "/v3/accounts/"+withEnts.ID)
	if !strings.Contains(r.body, `&#34;id&#34;: &#34;`+withEnts.ID) || !strings.Contains(string(api), withEnts.ID) {
		t.Error("the page does not show the API's JSON")
	}
}

// TestUIDoesNotJournal checks that reading the dashboard leaves the
// journal, the rate limiter and the fault rules alone.
func TestUIDoesNotJournal(t *testing.T) {
	t.Parallel()
	s := demoServer(t, WithRateLimit(RateLimit{Limit: 1, Window: time.Minute}))
	if _, err := s.AddFault(Fault{Status: 500}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"", "accounts", "accounts/" + demoID(4, 1), "sources", "identities", "agilenow", "requests", "simulation", "state", "chart.svg"} {
		uiGet(t, s, "/__mockisc/ui/"+p).wantPage(t, 200)
	}
	if n := s.Journal().Len(); n != 0 {
		t.Errorf("the journal holds %d requests; want none", n)
	}
	if f := s.Faults()[0]; f.Seen != 0 {
		t.Errorf("the fault rule saw %d calls; want none", f.Seen)
	}
}

// TestUIGeneratedTenant pages through a 100,000-account tenant: every
// page is a page, however deep.
func TestUIGeneratedTenant(t *testing.T) {
	if testing.Short() {
		t.Skip("a 100,000-account tenant; -short skips it")
	}
	t.Parallel()
	s := New(t, WithoutListener(), WithGenerated(100_000, 7))
	for _, q := range []string{"?limit=250", "?offset=99990&limit=250", "?offset=50000"} {
		start := time.Now()
		r := uiGet(t, s, "/__mockisc/ui/accounts"+q).wantPage(t, 200, `<span id="total">100000</span>`)
		n := len(tableIDs(r.body, "accounts"))
		if n == 0 || n > uiMaxLimit {
			t.Errorf("%s: %d rows; want a page of 1 to %d", q, n, uiMaxLimit)
		}
		if len(r.body) > 1<<20 {
			t.Errorf("%s: a page of %d bytes", q, len(r.body))
		}
		t.Logf("%s: %d rows in %v", q, n, time.Since(start))
	}
	uiGet(t, s, "/__mockisc/ui/").wantPage(t, 200, `id="n-accounts">100000<`)
	uiGet(t, s, "/__mockisc/ui/identities?offset=1000").wantPage(t, 200)
	uiGet(t, s, "/__mockisc/ui/sources").wantPage(t, 200)
	uiGet(t, s, "/__mockisc/ui/state").wantPage(t, 200, "100000 accounts")
}

// apiGet calls the ISC API as DefaultClientID and returns the body.
func apiGet(t *testing.T, s *Server, path string) []byte {
	t.Helper()
	resp, err := s.Client().Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	var b strings.Builder
	if _, err := io.Copy(&b, resp.Body); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

// jsonIDs returns the ids of a JSON array of objects.
func jsonIDs(t *testing.T, doc []byte) []string {
	t.Helper()
	var out []string
	for _, id := range gjson.GetBytes(doc, "#.id").Array() {
		out = append(out, id.String())
	}
	return out
}

// qe escapes a query parameter's value.
func qe(v string) string { return url.QueryEscape(v) }
