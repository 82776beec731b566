package sim

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// fullFault sets every member of a rule.
func fullFault() Fault {
	return Fault{
		ID:           "fault-1",
		Method:       "GET",
		Path:         "/v3/accounts/{id}",
		ClientID:     "c1",
		Nth:          2,
		Times:        3,
		After:        1,
		Every:        2,
		Probability:  0.5,
		ExpiresAfter: 90 * time.Second,
		ExpiresAt:    t0.Add(90 * time.Second),
		Status:       503,
		Body:         json.RawMessage(`{"detailCode":"503 Service Unavailable"}`),
		Headers:      map[string]string{"Retry-After": "5"},
		Latency:      1500 * time.Millisecond,
		Drop:         true,
		Truncate:     true,
		TaskError:    "boom",
		Seen:         4,
		Fired:        1,
	}
}

const fullFaultJSON = `{"id":"fault-1","method":"GET","path":"/v3/accounts/{id}","clientId":"c1",` +
	`"nth":2,"times":3,"after":1,"every":2,"probability":0.5,` +
	`"expiresAfter":"1m30s","expiresAt":"2025-01-01T00:01:30Z",` +
	`"status":503,"body":{"detailCode":"503 Service Unavailable"},"headers":{"Retry-After":"5"},` +
	`"latency":"1.5s","drop":true,"truncate":true,"taskError":"boom","seen":4,"fired":1}`

func TestFaultJSONGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    Fault
		want string
	}{
		{"a fully set rule writes every member in Fault's order", fullFault(), fullFaultJSON},
		{"an empty rule writes only its counters", Fault{}, `{"seen":0,"fired":0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Fatalf("Marshal =\n%s\nwant\n%s", b, tt.want)
			}
			var back Fault
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tt.f) {
				t.Fatalf("round trip gave\n%+v\nwant\n%+v", back, tt.f)
			}
		})
	}
}

func TestFaultJSONLeavesOutEachUnsetMember(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    Fault
		want string
	}{
		{Fault{ID: "fault-9"}, `{"id":"fault-9",`},
		{Fault{Method: "POST"}, `{"method":"POST",`},
		{Fault{Path: "/v3/*"}, `{"path":"/v3/*",`},
		{Fault{ClientID: "c1"}, `{"clientId":"c1",`},
		{Fault{Nth: 3}, `{"nth":3,`},
		{Fault{Times: 1}, `{"times":1,`},
		{Fault{After: 10}, `{"after":10,`},
		{Fault{Every: 5}, `{"every":5,`},
		{Fault{Probability: 0.25}, `{"probability":0.25,`},
		{Fault{ExpiresAfter: time.Minute}, `{"expiresAfter":"1m0s",`},
		{Fault{ExpiresAt: t0}, `{"expiresAt":"2025-01-01T00:00:00Z",`},
		{Fault{Status: 429}, `{"status":429,`},
		{Fault{Body: json.RawMessage(`[]`)}, `{"body":[],`},
		{Fault{Headers: map[string]string{"A": "b"}}, `{"headers":{"A":"b"},`},
		{Fault{Latency: 250 * time.Millisecond}, `{"latency":"250ms",`},
		{Fault{Drop: true}, `{"drop":true,`},
		{Fault{Truncate: true}, `{"truncate":true,`},
		{Fault{TaskError: "no"}, `{"taskError":"no",`},
		{Fault{Seen: 7, Fired: 2}, `{`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.f)
		if err != nil {
			t.Fatal(err)
		}
		want := tt.want + `"seen":` + itoa(tt.f.Seen) + `,"fired":` + itoa(tt.f.Fired) + `}`
		if string(b) != want {
			t.Errorf("Marshal(%+v) = %s, want %s", tt.f, b, want)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestFaultJSONReadsNanosecondDurations(t *testing.T) {
	t.Parallel()
	var f Fault
	in := `{"status":500,"expiresAfter":90000000000,"latency":1500000000}`
	if err := json.Unmarshal([]byte(in), &f); err != nil {
		t.Fatal(err)
	}
	if f.ExpiresAfter != 90*time.Second || f.Latency != 1500*time.Millisecond || f.Status != 500 {
		t.Fatalf("Unmarshal(%s) = %+v", in, f)
	}
}

func TestFaultJSONErrorsNameTheValue(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, names string }{
		{`{"latency":"slow"}`, `"slow"`},
		{`{"expiresAfter":"a while"}`, `"a while"`},
		{`{"expiresAt":"tomorrow"}`, `"tomorrow"`},
		{`{"status":"500"}`, "string"},
		{`["fault-1"]`, "array"},
	}
	for _, tt := range tests {
		var f Fault
		wantErr(t, json.Unmarshal([]byte(tt.in), &f), tt.names)
	}
}

func TestFaultValidate(t *testing.T) {
	t.Parallel()
	good := []struct {
		name string
		f    Fault
	}{
		{"a status", Fault{Status: 500}},
		{"the lowest status", Fault{Status: 100}},
		{"the highest status", Fault{Status: 599}},
		{"a drop", Fault{Drop: true}},
		{"a truncate", Fault{Truncate: true}},
		{"latency alone", Fault{Latency: time.Second}},
		{"a task error alone", Fault{TaskError: "boom"}},
		{"headers alone", Fault{Headers: map[string]string{"X-Test": "1"}}},
		{"a status with latency, headers and a body", Fault{Status: 429, Latency: time.Second, Headers: map[string]string{"Retry-After": "3"}, Body: json.RawMessage(`{"error":"slow down"}`)}},
		{"every constraint", Fault{Status: 500, Nth: 1, Times: 1, After: 1, Every: 1, Probability: 1, ExpiresAfter: time.Second}},
		{"probability 0 (unset)", Fault{Status: 500, Probability: 0}},
		{"a route pattern", Fault{Status: 500, Path: "/v3/accounts/{id}"}},
		{"a glob", Fault{Status: 500, Path: "/v3/accounts/*"}},
		{"a character class", Fault{Status: 500, Path: "/v[0-9]/accounts"}},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.f.Validate(); err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
		})
	}
	bad := []struct {
		name string
		f    Fault
		want string
	}{
		{"no action", Fault{Path: "/v3/accounts"}, "no action"},
		{"counters alone are no action", Fault{Nth: 1, Probability: 0.5}, "no action"},
		{"status and drop", Fault{Status: 500, Drop: true}, "status, drop and truncate are alternatives"},
		{"drop and truncate", Fault{Drop: true, Truncate: true}, "status, drop and truncate are alternatives"},
		{"status and truncate", Fault{Status: 500, Truncate: true}, "status, drop and truncate are alternatives"},
		{"a status below 100", Fault{Status: 99}, "status 99 is not an HTTP status"},
		{"a status above 599", Fault{Status: 600}, "status 600 is not an HTTP status"},
		{"a negative status", Fault{Status: -1}, "status -1 is not an HTTP status"},
		{"a negative nth", Fault{Status: 500, Nth: -1}, "nth -1, times 0, after 0, every 0: none may be negative"},
		{"a negative times", Fault{Status: 500, Times: -1}, "times -1"},
		{"a negative after", Fault{Status: 500, After: -1}, "after -1"},
		{"a negative every", Fault{Status: 500, Every: -2}, "every -2"},
		{"a probability above 1", Fault{Status: 500, Probability: 1.5}, "probability 1.5 is not between 0 and 1"},
		{"a negative probability", Fault{Status: 500, Probability: -0.1}, "probability -0.1 is not between 0 and 1"},
		{"a negative latency", Fault{Latency: -time.Second}, "latency -1s is negative"},
		{"a negative expiresAfter", Fault{Status: 500, ExpiresAfter: -time.Minute}, "expiresAfter -1m0s is negative"},
		{"a body that is not JSON", Fault{Status: 500, Body: json.RawMessage(`{"a":`)}, `body "{\"a\":" is not valid JSON`},
		{"an unclosed character class", Fault{Status: 500, Path: "/v3/["}, `path "/v3/[" is not a valid pattern`},
		{"a bad class after a star", Fault{Status: 500, Path: "/v3/*/[a-"}, `path "/v3/*/[a-" is not a valid pattern`},
		{"a trailing backslash", Fault{Status: 500, Path: `/v3/\`}, `path "/v3/\\" is not a valid pattern`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantErr(t, tt.f.Validate(), "fault: ", tt.want)
		})
	}
}

func TestIsGlob(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"":                  false,
		"/v3/accounts":      false,
		"/v3/accounts/{id}": false,
		"/v3/accounts/*":    true,
		"/v3/account?":      true,
		"/v[0-9]/accounts":  true,
		`/v3/\*`:            true,
	}
	for p, want := range tests {
		if got := IsGlob(p); got != want {
			t.Errorf("IsGlob(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestFaultMatchesPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, rule, path, route string
		want                    bool
	}{
		{`"" matches any path`, "", "/v3/accounts/2c9", "/v3/accounts/{id}", true},
		{`"" matches a path with no route`, "", "/nowhere", "", true},
		{"an exact path matches itself", "/v3/accounts/2c9", "/v3/accounts/2c9", "/v3/accounts/{id}", true},
		{"an exact path does not match another id", "/v3/accounts/2c9", "/v3/accounts/2c8", "/v3/accounts/{id}", false},
		{"an exact path does not match a sub-path", "/v3/accounts", "/v3/accounts/2c9", "/v3/accounts/{id}", false},
		{"an exact path does not match another API version", "/v3/accounts", "/beta/accounts", "/beta/accounts", false},
		{"a route pattern matches every path of the route", "/v3/accounts/{id}", "/v3/accounts/2c9", "/v3/accounts/{id}", true},
		{"a route pattern does not match another route", "/v3/accounts/{id}", "/v3/accounts/2c9/entitlements", "/v3/accounts/{id}/entitlements", false},
		{"a route pattern does not match when no route matched", "/v3/accounts/{id}", "/v3/accounts/2c9", "", false},
		{"a star matches one segment", "/v3/accounts/*", "/v3/accounts/2c9", "/v3/accounts/{id}", true},
		{"a star does not cross a slash", "/v3/accounts/*", "/v3/accounts/2c9/entitlements", "/v3/accounts/{id}/entitlements", false},
		{"a star in the version matches every version", "/*/accounts", "/v2025/accounts", "/v2025/accounts", true},
		{"a question mark matches one character", "/v3/account?", "/v3/accounts", "/v3/accounts", true},
		{"a question mark needs one character", "/v3/account?", "/v3/account", "", false},
		{"a class matches its characters", "/v[23]/accounts", "/v2/accounts", "", true},
		{"a class refuses other characters", "/v[23]/accounts", "/v4/accounts", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := Fault{Path: tt.rule, Status: 500}
			if got := f.MatchesPath(tt.path, tt.route); got != tt.want {
				t.Fatalf("rule path %q on %q (route %q) = %v, want %v", tt.rule, tt.path, tt.route, got, tt.want)
			}
			req := Request{Method: "GET", Path: tt.path, Route: tt.route}
			if got := f.Matches(req, t0); got != tt.want {
				t.Fatalf("Matches(%+v) = %v, want %v", req, got, tt.want)
			}
		})
	}
}

func TestFaultMatches(t *testing.T) {
	t.Parallel()
	get := Request{Method: "GET", Path: "/v3/accounts/2c9", Route: "/v3/accounts/{id}", ClientID: "c1"}
	with := func(mod func(*Request)) Request { r := get; mod(&r); return r }
	tests := []struct {
		name string
		f    Fault
		req  Request
		now  time.Time
		want bool
	}{
		{"an empty method matches any method", Fault{Status: 500}, with(func(r *Request) { r.Method = "DELETE" }), t0, true},
		{"a method matches itself", Fault{Method: "GET", Status: 500}, get, t0, true},
		{"a method does not match another", Fault{Method: "POST", Status: 500}, get, t0, false},
		{"an empty client matches any client", Fault{Status: 500}, with(func(r *Request) { r.ClientID = "c2" }), t0, true},
		{"an empty client matches an unknown client", Fault{Status: 500}, with(func(r *Request) { r.ClientID = "" }), t0, true},
		{"a client matches itself", Fault{ClientID: "c1", Status: 500}, get, t0, true},
		{"a client does not match another", Fault{ClientID: "c1", Status: 500}, with(func(r *Request) { r.ClientID = "c2" }), t0, false},
		{"a client does not match an unknown client", Fault{ClientID: "c1", Status: 500}, with(func(r *Request) { r.ClientID = "" }), t0, false},
		{"all filters together", Fault{Method: "GET", Path: "/v3/accounts/*", ClientID: "c1", Status: 500}, get, t0, true},
		{"all filters but one", Fault{Method: "GET", Path: "/v3/accounts/*", ClientID: "c2", Status: 500}, get, t0, false},
		{"a TaskError rule does not match a route without tasks", Fault{TaskError: "boom"}, get, t0, false},
		{"a TaskError rule matches a route with tasks", Fault{TaskError: "boom"}, with(func(r *Request) { r.Tasks = true }), t0, true},
		{"a rule without TaskError matches a route with tasks", Fault{Status: 500}, with(func(r *Request) { r.Tasks = true }), t0, true},
		{"a rule matches before it expires", Fault{Status: 500, ExpiresAt: t0.Add(time.Second)}, get, t0.Add(time.Second - 1), true},
		{"a rule expires at ExpiresAt", Fault{Status: 500, ExpiresAt: t0.Add(time.Second)}, get, t0.Add(time.Second), false},
		{"an expired rule matches nothing", Fault{Status: 500, ExpiresAt: t0}, get, t0.Add(time.Hour), false},
		{"a zero ExpiresAt never expires", Fault{Status: 500}, get, t0.AddDate(100, 0, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.f.Matches(tt.req, tt.now); got != tt.want {
				t.Fatalf("Matches(%+v) = %v, want %v", tt.req, got, tt.want)
			}
			if tt.f.Seen != 0 || tt.f.Fired != 0 {
				t.Fatalf("Matches moved the counters: seen %d, fired %d", tt.f.Seen, tt.f.Fired)
			}
		})
	}
}
