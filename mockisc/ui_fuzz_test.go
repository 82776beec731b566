package mockisc

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzUIParams feeds the dashboard's query parsers any query string:
// they never panic, a parsed page and filter are within their bounds, and
// a filter's own query parses back to the same filter.
func FuzzUIParams(f *testing.F) {
	for _, seed := range []string{
		"", "offset=0&limit=50", "limit=250", "limit=251", "offset=-1", "offset=99999999999999999999",
		"method=get&route=/v3/accounts&status=4xx&client=c&fault=any", "status=429", "status=0", "status=6xx",
		"status=%zz", "before=12&limit=2", "method=G%C3%A9T", "route=" + strings.Repeat("a", 5000), "limit=+5", "limit=0x10",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return // the guard answers such a query 400 before any page
		}
		if p, err := parseUIPage(q); err == nil {
			if p.Offset < 0 || p.Limit < 1 || p.Limit > uiMaxLimit {
				t.Fatalf("parseUIPage(%q) = %+v", raw, p)
			}
		} else if err.Error() == "" {
			t.Fatal("an error without a text")
		}
		jf, err := parseJournalFilter(q)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a text")
			}
			return
		}
		if jf.Limit < 1 || jf.Limit > uiMaxLimit || jf.Before < 0 {
			t.Fatalf("parseJournalFilter(%q) = %+v", raw, jf)
		}
		back, err := url.ParseQuery(jf.query(jf.Before))
		if err != nil {
			t.Fatalf("the filter's query %q does not parse: %v", jf.query(jf.Before), err)
		}
		again, err := parseJournalFilter(back)
		if err != nil || again.Method != jf.Method || again.Route != jf.Route || again.Status != jf.Status ||
			again.Client != jf.Client || again.Fault != jf.Fault || again.Before != jf.Before || again.Limit != jf.Limit {
			t.Fatalf("round trip of %q: %+v, %v; want %+v", raw, again, err, jf)
		}
		var e Entry
		_ = jf.keep(&e)
	})
}
