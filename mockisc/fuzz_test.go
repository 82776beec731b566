package mockisc

import (
	"net/url"
	"testing"
)

// FuzzISCRequests sends arbitrary bodies, ids, patches and list queries to
// every ISC accounts operation, each input on a fresh in-process server
// holding the fixture (so valid ids hit real accounts, and a saved input
// replays alone), and expects what the ISC check asks of every answer: no
// 5xx, a JSON body valid against the bundle, and for every error ISC's
// envelope (ErrorResponseDto; 401 and 429 have their own).
func FuzzISCRequests(f *testing.F) {
	f.Add(`{"attributes":{"sourceId":"s","userName":"u"}}`, "", `[{"op":"replace","path":"/identityId","value":"x"}]`, `name sw "a"`, "-name,created", "10", "true", "SLIM")
	f.Add(`{"forceProvisioning":"yes"}`, "hr-alice", `[{"op":"test","path":"/attributes/~2","value":1}]`, `not (id in ("a","b")) or created gt 2020-01-01T00:00:00Z`, "name,name", "-1", "maybe", "FULL")
	f.Add(`[`, "%zz", `{}`, `(((`, ",", "251", "1", "x")
	f.Add(`{"id":"nope","attributes":{}}`, "../x", `[{"op":"move","from":"/attributes","path":"/attributes/a"}]`, `identity.correlated eq true and source.authoritative eq "x"`, "uuid", "0", "false", "")
	f.Fuzz(func(t *testing.T, body, id, patch, filters, sorters, limit, count, detail string) {
		e := newEnv(t, WithoutListener())
		switch id { // names of fixture accounts stand for their ids
		case "hr-alice":
			id = e.fx.hrAlice.ID
		case "ad-bob":
			id = e.fx.adBob.ID
		}
		one := "/v3/accounts/" + url.PathEscape(id)
		q := url.Values{"filters": {filters}, "sorters": {sorters}, "limit": {limit}, "offset": {limit}, "count": {count}, "detailLevel": {detail}}
		e.do(t, "GET", "/v3/accounts?"+q.Encode(), "")
		e.do(t, "POST", "/v3/accounts", body, "Content-Type", "application/json")
		e.do(t, "GET", one, "")
		e.do(t, "GET", one+"/entitlements?"+url.Values{"limit": {limit}, "count": {count}}.Encode(), "")
		e.do(t, "PATCH", one, patch, "Content-Type", patchCT)
		e.do(t, "PUT", one, body, "Content-Type", "application/json")
		for _, action := range []string{"reload", "enable", "disable", "unlock"} {
			e.do(t, "POST", one+"/"+action, body, "Content-Type", "application/json")
		}
		e.do(t, "GET", "/v2025/task-status/"+url.PathEscape(id), "")
		e.do(t, "DELETE", one, "")
	})
}
