package tenantsync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/mockisc/mockisc/fixtures"
)

// This file turns one exchange into a scenario step. Caller holds r.mu.

// keptRequestHeaders are the request headers a step keeps (besides
// Content-Type for bodies that are not JSON).
var keptRequestHeaders = []string{"X-SailPoint-Experimental"}

// keptResponseHeaders are the response headers a step checks.
var keptResponseHeaders = []string{"Content-Type", "X-Total-Count"}

// volatileKeys are members whose values change from run to run.
var volatileKeys = map[string]bool{
	"created": true, "modified": true, "lastRefresh": true, "since": true, "launched": true, "completed": true,
	"trackingId": true, "jti": true, "access_token": true, "refresh_token": true, "id_token": true,
	"expiration": true, "requestId": true, "lastUpdated": true, "start": true,
}

var timestampRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}`)

func (r *Recorder) record(req *http.Request, body []byte, resp *http.Response, rb []byte) {
	token := req.URL.Path == "/oauth/token"
	if token {
		r.learnClient(req, body)
	}
	q := &fixtures.Request{Method: req.Method, Path: r.redactPath(req.URL, token)}
	if q.Method == http.MethodGet {
		q.Method = ""
	}
	for _, h := range keptRequestHeaders {
		if v := req.Header.Get(h); v != "" {
			q.Headers = setHeader(q.Headers, h, v)
		}
	}
	if req.Header.Get("Authorization") == "" && !token {
		q.Headers = setHeader(q.Headers, "Authorization", "")
	}
	ct := req.Header.Get("Content-Type")
	switch {
	case token:
		q.Headers = setHeader(q.Headers, "Content-Type", "application/x-www-form-urlencoded")
		form := "grant_type=client_credentials&client_id=${" + fixtures.VarClientID + "}&client_secret=${" + fixtures.VarClientSecret + "}"
		q.Body, _ = json.Marshal(form)
	case len(bytes.TrimSpace(body)) == 0:
	case json.Valid(body) && isJSONType(ct):
		q.Body = json.RawMessage(r.substitute(string(compactJSON(body)), jsonSafe))
		if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "application/json" {
			q.Headers = setHeader(q.Headers, "Content-Type", ct) // e.g. application/json-patch+json
		}
	default:
		q.Headers = setHeader(q.Headers, "Content-Type", ct)
		q.Body, _ = json.Marshal(r.substitute(string(body), nil))
	}
	name := fmt.Sprintf("%d %s %s", len(r.steps)+1, req.Method, q.Path)
	st := fixtures.Step{Name: name, Request: q, Expect: &fixtures.Expect{Status: resp.StatusCode}}
	for _, h := range keptResponseHeaders {
		if v := resp.Header.Get(h); v != "" && !token {
			st.Expect.Headers = setHeader(st.Expect.Headers, h, r.substitute(v, nil))
		}
	}
	switch {
	case token:
		if resp.StatusCode == http.StatusOK {
			var tok struct {
				TokenType string `json:"token_type"`
			}
			if json.Unmarshal(rb, &tok) == nil && tok.TokenType != "" {
				raw, _ := json.Marshal(tok.TokenType)
				st.Expect.JSON = map[string]json.RawMessage{"token_type": raw, "access_token": json.RawMessage(`"${*}"`)}
			}
		}
	case rb == nil && resp.ContentLength != 0:
		// too big to record: status and headers only
	case len(bytes.TrimSpace(rb)) == 0:
		st.Expect.Body = json.RawMessage("null")
	default:
		var v any
		if json.Unmarshal(rb, &v) != nil {
			break // not JSON: status and headers only
		}
		st.Capture = map[string]string{}
		v = r.walk(v, "", "", st.Capture)
		if len(st.Capture) == 0 {
			st.Capture = nil
		}
		st.Expect.Body, _ = json.Marshal(v)
	}
	r.steps = append(r.steps, st)
}

func setHeader(h map[string]string, k, v string) map[string]string {
	if h == nil {
		h = map[string]string{}
	}
	h[k] = v
	return h
}

func isJSONType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (strings.HasSuffix(mt, "json") || strings.HasSuffix(mt, "+json"))
}

func compactJSON(b []byte) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}

// redactPath writes a request's path and query with captured values as
// placeholders; a token request's credentials in the query become the
// run's.
func (r *Recorder) redactPath(u *url.URL, token bool) string {
	p := r.substitute(u.EscapedPath(), nil)
	if u.RawQuery == "" || token {
		return p
	}
	return p + "?" + r.substitute(u.RawQuery, nil)
}

// jsonSafe reports whether a value can be replaced inside JSON text as
// is (no character JSON escapes).
func jsonSafe(v string) bool {
	return !strings.ContainsAny(v, `"\`)
}

// substitute replaces every captured value in s by its placeholder,
// longest values first; "$" is escaped first, so that text which looks
// like a placeholder stays literal.
func (r *Recorder) substitute(s string, ok func(string) bool) string {
	s = strings.ReplaceAll(s, "${", "$${")
	vals := make([]string, 0, len(r.byVal))
	for v := range r.byVal {
		if ok == nil || ok(v) {
			vals = append(vals, v)
		}
	}
	sort.Slice(vals, func(i, j int) bool {
		if len(vals[i]) != len(vals[j]) {
			return len(vals[i]) > len(vals[j])
		}
		return vals[i] < vals[j]
	})
	for _, v := range vals {
		s = strings.ReplaceAll(s, v, "${"+r.byVal[v]+"}")
	}
	return s
}

// idLike reports whether a member holds an id: "id", or a name ending in
// "Id" or "ID".
func idLike(key string) bool {
	return key == "id" || strings.HasSuffix(key, "Id") || strings.HasSuffix(key, "ID")
}

// walk returns v with volatile values made Any, captured values made
// placeholders, and new ids captured (into capture, by gjson path).
func (r *Recorder) walk(v any, key, path string, capture map[string]string) any {
	join := func(k string) string { return fixtures.JoinPath(path, k) }
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			x[k] = r.walk(x[k], k, join(k), capture)
		}
		return x
	case []any:
		for i := range x {
			x[i] = r.walk(x[i], key, join(fmt.Sprint(i)), capture)
		}
		return x
	case string:
		switch {
		case volatileKeys[key] || timestampRE.MatchString(x):
			return fixtures.Any
		case r.byVal[x] != "":
			return "${" + r.byVal[x] + "}"
		case idLike(key) && len(x) >= 8 && !r.known[x]:
			r.nextID++
			name := fmt.Sprintf("id%d", r.nextID)
			r.byVal[x] = name
			capture[name] = path
			return "${" + name + "}"
		}
		return r.substitute(x, nil)
	}
	return v
}

// learnClient notes the client id of a token request, so that where it
// shows later (a task's launcher) the scenario says ${clientId}, the id
// of whichever client replays it.
func (r *Recorder) learnClient(req *http.Request, body []byte) {
	id := req.URL.Query().Get("client_id")
	if form, err := url.ParseQuery(string(body)); err == nil && form.Get("client_id") != "" {
		id = form.Get("client_id")
	}
	if u, _, ok := req.BasicAuth(); ok && id == "" {
		id = u
	}
	if len(id) >= 4 && r.byVal[id] == "" {
		r.byVal[id] = fixtures.VarClientID
	}
}
