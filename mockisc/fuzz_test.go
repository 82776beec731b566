package mockisc

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzISCRequests sends arbitrary bodies, ids, patches and list queries to
// every ISC accounts operation, and expects no 5xx, no panic, a JSON body,
// and for every error ISC's envelope (ErrorResponseDto; 401 and 429 have
// their own). The tenant is the fixture, so valid ids hit real accounts.
func FuzzISCRequests(f *testing.F) {
	f.Add(`{"attributes":{"sourceId":"s","userName":"u"}}`, "", `[{"op":"replace","path":"/identityId","value":"x"}]`, `name sw "a"`, "-name,created", "10", "true", "SLIM")
	f.Add(`{"forceProvisioning":"yes"}`, "hr-alice", `[{"op":"test","path":"/attributes/~2","value":1}]`, `not (id in ("a","b")) or created gt 2020-01-01T00:00:00Z`, "name,name", "-1", "maybe", "FULL")
	f.Add(`[`, "%zz", `{}`, `(((`, ",", "251", "1", "x")
	f.Add(`{"id":"nope","attributes":{}}`, "../x", `[{"op":"move","from":"/attributes","path":"/attributes/a"}]`, `identity.correlated eq true and source.authoritative eq "x"`, "uuid", "0", "false", "")
	s := New(f, WithoutListener())
	fx := seed(f, s)
	c := s.Client()
	send := func(t *testing.T, method, path, ctype, body string) {
		req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
		if err != nil {
			return // not a valid URL: the client refuses before the server
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s %q: %d %s", method, path, body, resp.StatusCode, b)
		}
		if !json.Valid(b) {
			t.Fatalf("%s %s: body is not JSON: %q", method, path, b)
		}
		if resp.StatusCode >= 400 && resp.StatusCode != 401 && resp.StatusCode != 429 {
			var e errorBody
			if json.Unmarshal(b, &e) != nil || e.DetailCode == "" || len(e.Messages) == 0 || e.Messages[0].Text == "" {
				t.Fatalf("%s %s: %d without an ErrorResponseDto: %s", method, path, resp.StatusCode, b)
			}
		}
	}
	ids := map[string]string{"hr-alice": fx.hrAlice.ID, "ad-bob": fx.adBob.ID}
	f.Fuzz(func(t *testing.T, body, id, patch, filters, sorters, limit, count, detail string) {
		if real, ok := ids[id]; ok {
			id = real
		}
		one := "/v3/accounts/" + url.PathEscape(id)
		q := url.Values{"filters": {filters}, "sorters": {sorters}, "limit": {limit}, "offset": {limit}, "count": {count}, "detailLevel": {detail}}
		send(t, "GET", "/v3/accounts?"+q.Encode(), "", "")
		send(t, "POST", "/v3/accounts", "application/json", body)
		send(t, "GET", one, "", "")
		send(t, "GET", one+"/entitlements?"+url.Values{"limit": {limit}, "count": {count}}.Encode(), "", "")
		send(t, "PATCH", one, "application/json-patch+json", patch)
		send(t, "PUT", one, "application/json", body)
		for _, action := range []string{"reload", "enable", "disable", "unlock"} {
			send(t, "POST", one+"/"+action, "application/json", body)
		}
		send(t, "GET", "/v2025/task-status/"+url.PathEscape(id), "", "")
		send(t, "DELETE", one, "", "")
	})
}
