package mockisc

import (
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// uiRequestsData is the request timeline's page.
type uiRequestsData struct {
	Filter    uiJournalFilter
	Entries   []Entry
	Older     template.URL // the next (older) page, "" when none
	Newest    template.URL // the first page, "" when on it
	Live      bool         // on the first page: the script refreshes it
	Stats     JournalStats
	ChartTime int64 // the chart image's cache buster
}

// uiRequests serves the request journal, newest first, a page at a time;
// fragment=rows answers the table's rows alone, for the live refresh.
func (s *Server) uiRequests(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := parseJournalFilter(q)
	d := uiRequestsData{Filter: f, Stats: s.jr.Stats(), ChartTime: s.now().UnixNano()}
	v := uiView{Title: "Requests", Nav: "requests", Data: &d}
	if err != nil {
		v.Error = err.Error()
		s.uiRender(w, http.StatusBadRequest, "requests", v)
		return
	}
	entries, more := s.jr.Recent(f.keep, f.Before, f.Limit)
	d.Entries = entries
	if more && len(entries) > 0 {
		d.Older = uiLink("requests", f.query(entries[len(entries)-1].Seq))
	}
	if f.Before > 0 {
		d.Newest = uiLink("requests", f.query(0))
	}
	d.Live = f.Before == 0
	if q.Get("fragment") == "rows" {
		s.uiFragment(w, "requests", "rows", v)
		return
	}
	s.uiRender(w, http.StatusOK, "requests", v)
}

// uiRequestData is one journal entry's page.
type uiRequestData struct {
	Entry   Entry
	Headers []uiHeader
	Body    string
	Binary  bool
	Fault   *Fault // the rule that fired, if it still exists
}

// uiHeader is one request header line.
type uiHeader struct{ Name, Value string }

// uiRequest serves one journal entry: its redacted headers and body and
// the fault rule that fired.
func (s *Server) uiRequest(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("seq")
	seq, err := strconv.Atoi(raw)
	v := uiView{Title: "Request " + raw, Nav: "requests"}
	if err != nil || seq < 1 {
		v.Error = fmt.Sprintf("%q is not a request number (1 or more)", uiShort(raw))
		s.uiRender(w, http.StatusBadRequest, "request", v)
		return
	}
	e, ok := s.jr.Seq(seq)
	if !ok {
		v.Error = fmt.Sprintf("the journal holds no request %d (it keeps the latest %d; Clear empties it)", seq, s.jr.Stats().Limits.Entries)
		s.uiRender(w, http.StatusNotFound, "request", v)
		return
	}
	d := uiRequestData{Entry: e}
	for name, vals := range e.Header {
		for _, val := range vals {
			d.Headers = append(d.Headers, uiHeader{name, val})
		}
	}
	sort.Slice(d.Headers, func(i, j int) bool { return d.Headers[i].Name < d.Headers[j].Name })
	switch {
	case len(e.Body) == 0:
	case utf8.Valid(e.Body):
		d.Body = uiIndent(e.Body)
	default:
		d.Binary = true
	}
	if e.Fault != "" {
		for _, f := range s.Faults() {
			if f.ID == e.Fault {
				d.Fault = &f
				break
			}
		}
	}
	v.Data = &d
	s.uiRender(w, http.StatusOK, "request", v)
}

// uiOverviewData is the overview page.
type uiOverviewData struct {
	Counts    Counts
	AgileNow  int
	Journal   JournalStats
	Faults    int
	Pending   int
	RateLimit RateLimit
	Manual    bool
	ChartTime int64
}

// uiOverview serves the dashboard's start page: counts, the clock, the
// chart.
func (s *Server) uiOverview(w http.ResponseWriter, r *http.Request) {
	d := uiOverviewData{
		Counts: s.Counts(), Journal: s.jr.Stats(), Faults: len(s.Faults()),
		RateLimit: s.RateLimit(), Manual: s.clock.Manual(), ChartTime: s.now().UnixNano(),
	}
	if a := s.uiRead("/Endpoint/rest/api/v1/Accounts?PageSize=1"); a.Err == "" {
		d.AgileNow = uiAgileNowTotal(a.Body)
	}
	for _, t := range s.Tasks() {
		if t.Status == "" {
			d.Pending++
		}
	}
	s.uiRender(w, http.StatusOK, "overview", uiView{Title: "Overview", Nav: "overview", Data: &d})
}

// The chart: requests per second by status class over the last five
// minutes of server clock time, in ten-second bars.
const (
	uiChartBars  = 30
	uiChartWidth = 10 * time.Second
)

// uiChartColors are the status classes' colours, dropped connections
// first (index 0), as in app.css.
var uiChartColors = [6]string{"#6e40c9", "#999999", "#1a7f37", "#2457c5", "#b35900", "#c62828"}

// uiChart serves the chart as an SVG image, so it shows without
// JavaScript; the timeline's script reloads it.
func (s *Server) uiChart(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	bars := s.jr.Tally(now, uiChartWidth, uiChartBars)
	peak := 1
	for _, b := range bars {
		n := 0
		for _, c := range b {
			n += c
		}
		peak = max(peak, n)
	}
	const W, H, top, bottom, left = 600, 140, 18, 20, 34
	bw := float64(W-left) / uiChartBars
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="10">`, W, H, W, H)
	fmt.Fprintf(&b, `<title>requests per second by status class, last %v of server clock time</title>`, uiChartWidth*uiChartBars)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#ccc"/>`, left, H-bottom, W, H-bottom)
	fmt.Fprintf(&b, `<text x="2" y="%d">%.1f/s</text><text x="2" y="%d">0</text>`, top+4, float64(peak)/uiChartWidth.Seconds(), H-bottom)
	fmt.Fprintf(&b, `<text x="%d" y="%d">-%v</text><text x="%d" y="%d" text-anchor="end">now</text>`, left, H-4, uiChartWidth*uiChartBars, W-2, H-4)
	scale := float64(H-top-bottom) / float64(peak)
	for i, bar := range bars {
		y := float64(H - bottom)
		for class := 0; class < len(bar); class++ {
			if bar[class] == 0 {
				continue
			}
			h := float64(bar[class]) * scale
			y -= h
			fmt.Fprintf(&b, `<rect class="bar c%d" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%d × %s</title></rect>`,
				class, float64(left)+float64(i)*bw+1, y, bw-2, h, uiChartColors[class], bar[class], uiClassName(class))
		}
	}
	b.WriteString(`</svg>`)
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write([]byte(b.String()))
}

// uiClassName names a status class of the chart.
func uiClassName(class int) string {
	if class == 0 {
		return "dropped"
	}
	return fmt.Sprintf("%dxx", class)
}
