package mockisc

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// The dashboard's query parameters. Every parser names what was wrong;
// the page then shows the error and a 400, never a 5xx.

// Page sizes of the dashboard's tables: ISC's cap, so no page of a large
// tenant loads more than an API client could ask for.
const (
	uiDefaultLimit = 50
	uiMaxLimit     = 250
	// uiMaxParam caps a text parameter (filters, sorters, route, ...).
	uiMaxParam = 4096
)

// uiPage is a table's offset and page size.
type uiPage struct {
	Offset, Limit int
}

// uiIntParam reads the integer query parameter name, def when absent or
// empty, between lo and hi.
func uiIntParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return def, fmt.Errorf("%s: %q is not an integer from %d to %d", name, uiShort(v), lo, hi)
	}
	return n, nil
}

// parseUIPage reads offset (0 or more) and limit (1 to 250).
func parseUIPage(q url.Values) (uiPage, error) {
	p := uiPage{Limit: uiDefaultLimit}
	var err error
	if p.Offset, err = uiIntParam(q, "offset", 0, 0, 1<<30); err != nil {
		return uiPage{Limit: uiDefaultLimit}, err
	}
	if p.Limit, err = uiIntParam(q, "limit", uiDefaultLimit, 1, uiMaxLimit); err != nil {
		return uiPage{Limit: uiDefaultLimit}, err
	}
	return p, nil
}

// uiText reads the text query parameter name, trimmed, at most uiMaxParam
// bytes long.
func uiText(q url.Values, name string) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if len(v) > uiMaxParam {
		return "", fmt.Errorf("%s: %d bytes is longer than %d", name, len(v), uiMaxParam)
	}
	return v, nil
}

// uiJournalFilter is the request timeline's filter: method, route (a
// substring of the path or route pattern), status (an exact status like
// 429, a class like 4xx, or 0 for dropped connections), client id and
// the fault rule that fired ("any" for every faulted request).
type uiJournalFilter struct {
	Method, Route, Status, Client, Fault string

	status int // exact status, or -1
	class  int // status class 1-5, or -1
	Before int // show entries with a Seq below this; 0: the newest
	Limit  int
}

// parseJournalFilter reads the timeline's query parameters.
func parseJournalFilter(q url.Values) (uiJournalFilter, error) {
	f := uiJournalFilter{status: -1, class: -1, Limit: uiDefaultLimit}
	var err error
	for _, p := range []struct {
		name string
		dst  *string
	}{{"method", &f.Method}, {"route", &f.Route}, {"status", &f.Status}, {"client", &f.Client}, {"fault", &f.Fault}} {
		if *p.dst, err = uiText(q, p.name); err != nil {
			return uiJournalFilter{status: -1, class: -1, Limit: uiDefaultLimit}, err
		}
	}
	f.Method = strings.ToUpper(f.Method)
	for _, r := range f.Method {
		if r < 'A' || r > 'Z' {
			return f, fmt.Errorf("method: %q is not an HTTP method", uiShort(f.Method))
		}
	}
	if st := strings.ToLower(f.Status); st != "" {
		if len(st) == 3 && st[1:] == "xx" && st[0] >= '1' && st[0] <= '5' {
			f.class = int(st[0] - '0')
		} else if n, err := strconv.Atoi(st); err == nil && (n == 0 || n >= 100 && n <= 599) {
			f.status = n
		} else {
			return f, fmt.Errorf("status: %q is not a status (429), a class (4xx) or 0 (dropped)", uiShort(f.Status))
		}
	}
	if f.Before, err = uiIntParam(q, "before", 0, 0, math.MaxInt); err != nil {
		return f, err
	}
	if f.Limit, err = uiIntParam(q, "limit", uiDefaultLimit, 1, uiMaxLimit); err != nil {
		return f, err
	}
	return f, nil
}

// keep reports whether the timeline shows e.
func (f *uiJournalFilter) keep(e *Entry) bool {
	switch {
	case f.Method != "" && e.Method != f.Method:
		return false
	case f.Route != "" && !strings.Contains(e.Path, f.Route) && !strings.Contains(e.Route, f.Route):
		return false
	case f.status >= 0 && e.Status != f.status:
		return false
	case f.class > 0 && e.Status/100 != f.class:
		return false
	case f.Client != "" && e.ClientID != f.Client:
		return false
	case f.Fault == "any" && e.Fault == "", f.Fault != "" && f.Fault != "any" && e.Fault != f.Fault:
		return false
	}
	return true
}

// query returns the filter as a query string, with before set to
// before (0: none).
func (f *uiJournalFilter) query(before int) string {
	q := url.Values{}
	for k, v := range map[string]string{"method": f.Method, "route": f.Route, "status": f.Status, "client": f.Client, "fault": f.Fault} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Limit != uiDefaultLimit {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	if before > 0 {
		q.Set("before", strconv.Itoa(before))
	}
	return q.Encode()
}

// uiShort cuts a value quoted in an error message to 64 bytes.
func uiShort(v string) string {
	if len(v) <= 64 {
		return v
	}
	return v[:64] + "..."
}
