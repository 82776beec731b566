package engine

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestMarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    any
		want string
	}{
		{map[string]string{"html": "<a href=\"x\">&</a>"}, `{"html":"<a href=\"x\">&</a>"}`},
		{[]int{1, 2}, `[1,2]`},
		{"x", `"x"`},
		{nil, `null`},
		{struct {
			B int `json:"b"`
			A int `json:"a"`
		}{1, 2}, `{"b":1,"a":2}`},
	}
	for _, tt := range tests {
		if got := string(Marshal(tt.v)); got != tt.want {
			t.Errorf("Marshal(%#v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}

func TestMarshalPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		p := recover()
		if s, _ := p.(string); !strings.HasPrefix(s, "mockisc: marshal: ") {
			t.Errorf("panic %v; want a mockisc: marshal: message", p)
		}
	}()
	Marshal(make(chan int))
	t.Error("Marshal of a channel did not panic")
}

func TestJoinArray(t *testing.T) {
	t.Parallel()
	tests := []struct {
		docs [][]byte
		want string
	}{
		{nil, `[]`},
		{[][]byte{[]byte(`1`)}, `[1]`},
		{[][]byte{[]byte(`{"a":1}`), []byte(`"x"`), []byte(`null`)}, `[{"a":1},"x",null]`},
	}
	for _, tt := range tests {
		got := JoinArray(tt.docs)
		if string(got) != tt.want {
			t.Errorf("JoinArray = %s; want %s", got, tt.want)
		}
		if !json.Valid(got) {
			t.Errorf("JoinArray gave invalid JSON %s", got)
		}
	}
}

func TestDescribeJSONError(t *testing.T) {
	t.Parallel()
	type inner struct {
		N int `json:"n"`
	}
	type doc struct {
		Name  string `json:"name"`
		Inner inner  `json:"inner"`
	}
	tests := []struct {
		name, in string
		into     any
		want     string
	}{
		{"syntax", `{"name": }`, &doc{}, "malformed JSON at offset 10: invalid character '}' looking for beginning of value"},
		{"type of a member", `{"name": 5}`, &doc{}, "name: expected string, got JSON number (offset 10)"},
		{"type of a nested member", `{"inner": {"n": "x"}}`, &doc{}, "inner.n: expected int, got JSON string (offset 19)"},
		{"type of the body", `[1]`, &doc{}, "the body: expected engine.doc, got JSON array (offset 1)"},
	}
	for _, tt := range tests {
		err := json.Unmarshal([]byte(tt.in), tt.into)
		if err == nil {
			t.Fatalf("%s: %s unmarshalled", tt.name, tt.in)
		}
		if got := DescribeJSONError(err); got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
	dec := json.NewDecoder(strings.NewReader(`{"a":`))
	var v any
	err := dec.Decode(&v)
	if got := DescribeJSONError(err); got != "malformed JSON: unexpected EOF" {
		t.Errorf("truncated document: %q", got)
	}
	if got := DescribeJSONError(errors.New("boom")); got != "malformed JSON: boom" {
		t.Errorf("other error: %q", got)
	}
}

func TestRequireContentType(t *testing.T) {
	t.Parallel()
	const want = "application/json"
	tests := []struct {
		ct   string
		ok   bool
		text string
	}{
		{"application/json", true, ""},
		{"application/json; charset=utf-8", true, ""},
		{"Application/JSON ; charset=UTF-8", true, ""},
		{"APPLICATION/JSON", true, ""},
		{"", false, "Content-Type none is not supported here; send application/json"},
		{"text/plain", false, "Content-Type text/plain is not supported here; send application/json"},
		{"text/plain; charset=utf-8", false, "Content-Type text/plain; charset=utf-8 is not supported here; send application/json"},
		{"application/json-patch+json", false, "Content-Type application/json-patch+json is not supported here; send application/json"},
	}
	for _, tt := range tests {
		req := newReq("POST", "/x", "{}")
		if tt.ct != "" {
			req.Header.Set("Content-Type", tt.ct)
		}
		resp := RequireContentType(&Call{Req: req}, want)
		if tt.ok {
			if resp != nil {
				t.Errorf("%q refused: %+v", tt.ct, resp.Err)
			}
			continue
		}
		if resp == nil || resp.Status != http.StatusUnsupportedMediaType || resp.Err == nil ||
			resp.Err.Status != http.StatusUnsupportedMediaType || resp.Err.Code != "" || resp.Err.Text != tt.text {
			t.Errorf("%q: %+v; want 415 %q", tt.ct, resp, tt.text)
		}
	}
}

func TestTexts(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]string{
		400: "The request was syntactically correct but its content is semantically invalid.",
		403: "The server understood the request but refuses to authorize it.",
		404: "The server did not find a current representation for the target resource.",
		500: "An internal fault occurred.",
		503: "The service is temporarily unavailable.",
		409: "Conflict",
		504: "Gateway Timeout",
		299: "",
	} {
		if got := FaultText(status); got != want {
			t.Errorf("FaultText(%d) = %q; want %q", status, got, want)
		}
	}
	r := RateLimited("3")
	if r.Status != 429 || r.Err.Text != TextRateLimited || r.Header.Get("Retry-After") != "3" || r.Body != nil {
		t.Errorf("RateLimited: %+v %+v", r, r.Err)
	}
	u := Unauthorized("no")
	if u.Status != 401 || u.Err.Status != 401 || u.Err.Text != "no" || u.Err.Code != "" {
		t.Errorf("Unauthorized: %+v %+v", u, u.Err)
	}
	// A text with a % sign is not a format.
	if f := Fail(400, "c", "%s", "100%"); f.Err.Text != "100%" || f.Err.Code != "c" {
		t.Errorf("Fail: %+v", f.Err)
	}
}
