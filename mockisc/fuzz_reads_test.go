package mockisc

import (
	"net/url"
	"testing"
)

// FuzzISCVersions sends arbitrary list queries, ids and bodies to the
// operations around accounts (sources, source schemas, identities, task
// status, identities-accounts, remove) in a version the input picks, each
// input on a fresh in-process server holding the fixture, and expects
// what the ISC check asks of every answer: no 5xx, a body valid against
// that version's spec, and ISC's error envelope.
func FuzzISCVersions(f *testing.F) {
	f.Add(uint8(0), `name eq "HR"`, "-name", "1", "true", "NONE", `{"identityIds":["alice","x"]}`, "user", "alice")
	f.Add(uint8(3), `completionStatus isnull`, "-created", "0", "True", "CORRELATED_ONLY", `{"identityIds":[]}`, "group", "ad")
	f.Add(uint8(1), `created lt "2025-01-01T00:00:00Z"`, "hasEntitlements,sourceOwner.name", "251", "yes", "bogus", `[`, "x", "%zz")
	f.Add(uint8(5), `features ca ("ENABLE") and not (id in ("a"))`, "owner.name,-created", "-1", "false", "", `{"identityIds":"x"}`, "", "hr-alice")
	f.Fuzz(func(t *testing.T, version uint8, filters, sorters, limit, count, defaultFilter, body, types, id string) {
		e := newEnv(t, WithoutListener())
		switch id { // names of fixture objects stand for their ids
		case "alice":
			id = e.fx.alice.ID
		case "ad":
			id = e.fx.ad.ID
		case "hr-alice":
			id = e.fx.hrAlice.ID
		}
		v := allVersions[int(version)%len(allVersions)]
		p := func(path string) string { return versionPath(v, path) }
		q := url.Values{"filters": {filters}, "sorters": {sorters}, "limit": {limit}, "offset": {limit}, "count": {count}}
		e.do(t, "GET", p("/sources")+"?"+q.Encode(), "")
		e.do(t, "GET", p("/sources/"+url.PathEscape(id)), "")
		e.do(t, "GET", p("/sources/"+url.PathEscape(id)+"/schemas")+"?"+url.Values{"include-types": {types}, "include-names": {filters}}.Encode(), "")
		iq := url.Values{"filters": {filters}, "sorters": {sorters}, "limit": {limit}, "count": {count}, "defaultFilter": {defaultFilter}}
		e.do(t, "GET", p("/identities")+"?"+iq.Encode(), "")
		e.do(t, "GET", p("/identities/"+url.PathEscape(id)), "")
		e.do(t, "GET", p("/task-status")+"?"+q.Encode(), "")
		e.do(t, "POST", p("/identities-accounts/"+url.PathEscape(id)+"/disable"), "")
		e.do(t, "POST", p("/identities-accounts/enable"), body, "Content-Type", "application/json")
		e.do(t, "POST", p("/accounts/"+url.PathEscape(id)+"/remove"), "")
		e.do(t, "GET", p("/accounts")+"?"+q.Encode(), "")
	})
}
