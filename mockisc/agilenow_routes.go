package mockisc

import (
	"net/http"
	"strings"
)

// The AgileNow Endpoint API's path prefixes: unrouted requests under them
// get the vendor's error envelope.
const (
	agileNowBase      = "/Endpoint/rest/api/v1"
	agileNowTokenPath = "/oAuth/rest/v2/Token"
)

// The vendor's scopes, per operation, as its Accounts.json lists them. Each
// operation accepts an AccessManager or an AccessUser scope. The upsert's
// scope is written "AccessManager:Create, Update" in the spec (one string,
// comma and space included); the fake also accepts a create scope together
// with an update scope.
var (
	scopesANRead   = []string{"AccessManager:Read", "AccessUser:Read"}
	scopesANCreate = []string{"AccessManager:Create", "AccessUser:Create"}
	scopesANUpdate = []string{"AccessManager:Update", "AccessUser:Update"}
	scopesANDelete = []string{"AccessManager:Delete", "AccessUser:Delete"}
	scopesANUpsert = []string{"AccessManager:Create, Update", "AccessUser:Create, Update"}

	// agileNowScopes is every vendor scope: what the vendor token endpoint
	// gives a client not registered with WithClient.
	agileNowScopes = concatScopes(scopesANRead, scopesANCreate, scopesANUpdate, scopesANDelete, scopesANUpsert)
)

func concatScopes(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// agileNowRoutes lists the AgileNow Endpoint API's routes.
func agileNowRoutes() []*route {
	upsert := anOp("PATCH", "/Account", concatScopes(scopesANUpsert, scopesANCreate), (*Server).anUpsert)
	upsert.alsoScopes = concatScopes(scopesANUpsert, scopesANUpdate)
	return []*route{
		{method: "POST", pattern: agileNowTokenPath, api: "oauth", handle: (*Server).anToken, family: familyAgileNow},
		upsert,
		anOp("POST", "/Account", scopesANCreate, (*Server).anInsert),
		anOp("PUT", "/Account/{Id}", scopesANUpdate, (*Server).anUpdate),
		anOp("GET", "/Account/{Id}", scopesANRead, (*Server).anGet),
		anOp("DELETE", "/Account/{Id}", scopesANDelete, (*Server).anDelete),
		anOp("GET", "/Accounts", scopesANRead, (*Server).anList),
	}
}

// anOp makes an AgileNow route under agileNowBase, rate limited as API
// "agilenow", with no user levels.
func anOp(method, pattern string, scopes []string, h func(*Server, *call) *response) *route {
	return &route{method: method, pattern: agileNowBase + pattern, api: "agilenow", scopes: scopes, handle: h, family: familyAgileNow}
}

// familyOfPath is the API family whose error envelope an unrouted request
// gets: AgileNow's under /Endpoint/ and /oAuth/, else ISC's.
func familyOfPath(path string) int {
	if strings.HasPrefix(path, "/Endpoint/") || strings.HasPrefix(path, "/oAuth/") {
		return familyAgileNow
	}
	return familyISC
}

// anJSON answers 200 with a JSON document.
func anJSON(doc []byte) *response { return &response{status: http.StatusOK, body: doc} }
