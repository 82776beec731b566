package agilenowapi

import (
	"net/http"

	"github.com/mockisc/mockisc/internal/engine"
)

// The AgileNow Endpoint API's path prefixes: unrouted requests under them
// get the vendor's error envelope.
const (
	Base      = "/Endpoint/rest/api/v1"
	TokenPath = "/oAuth/rest/v2/Token"
)

// The vendor's scopes, per operation, as its Accounts.json lists them. Each
// operation accepts an AccessManager or an AccessUser scope. The upserts'
// scope (PATCH /Account, POST /Account/{Id}/Tenant and /Picture) is
// written "AccessManager:Create, Update" in the spec (one string, comma
// and space included); the fake also accepts a create scope together with
// an update scope.
var (
	scopesRead   = []string{"AccessManager:Read", "AccessUser:Read"}
	scopesCreate = []string{"AccessManager:Create", "AccessUser:Create"}
	scopesUpdate = []string{"AccessManager:Update", "AccessUser:Update"}
	scopesDelete = []string{"AccessManager:Delete", "AccessUser:Delete"}
	scopesUpsert = []string{"AccessManager:Create, Update", "AccessUser:Create, Update"}

	// The upserts' two lists: an upsert or a create scope, and an upsert
	// or an update scope.
	scopesUpsertOrCreate = concatScopes(scopesUpsert, scopesCreate)
	scopesUpsertOrUpdate = concatScopes(scopesUpsert, scopesUpdate)

	// allScopes is every vendor scope: what the vendor token endpoint
	// gives a client not registered with WithClient.
	allScopes = concatScopes(scopesRead, scopesCreate, scopesUpdate, scopesDelete, scopesUpsert)
)

func concatScopes(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Routes returns the AgileNow Endpoint API's route table: the token
// endpoint and the twelve operations of the vendor's Account resource.
// Its writes answer synchronously: no route has tasks, so WithTaskDelay
// does not delay them and a fault rule's taskError cannot name them.
// There are no user levels; the vendor's scopes decide.
func (api *API) Routes() []*engine.Route {
	return []*engine.Route{
		{Method: "POST", Pattern: TokenPath, Credentials: true, Handle: api.token},
		api.upsertOp("PATCH", Base+"/Account", api.upsert),
		api.op("POST", Base+"/Account", scopesCreate, api.insert),
		api.op("PUT", Base+"/Account/{Id}", scopesUpdate, api.update),
		api.op("GET", Base+"/Account/{Id}", scopesRead, api.get),
		api.op("DELETE", Base+"/Account/{Id}", scopesDelete, api.remove),
		api.op("GET", Base+"/Accounts", scopesRead, api.list),
		api.op("GET", Base+"/Account/{Id}/Tenants", scopesRead, api.listTenants),
		api.upsertOp("POST", Base+"/Account/{Id}/Tenant", api.upsertTenant),
		api.op("DELETE", Base+"/Account/{Id}/Tenant/{SubId}", scopesDelete, api.unlinkTenant),
		api.op("GET", Base+"/Account/{Id}/Pictures", scopesRead, api.listPictures),
		api.upsertOp("POST", Base+"/Account/{Id}/Picture", api.upsertPicture),
		api.op("DELETE", Base+"/Account/{Id}/Picture/{SubId}", scopesDelete, api.deletePicture),
	}
}

// upsertOp makes an upsert route: the spec's "Create, Update" scope, or
// a create scope and an update scope.
func (api *API) upsertOp(method, pattern string, h func(*engine.Call) *engine.Response) *engine.Route {
	rt := api.op(method, pattern, scopesUpsertOrCreate, h)
	rt.AlsoScopes = scopesUpsertOrUpdate
	return rt
}

// op makes an AgileNow route (pattern is under Base), rate limited as
// API "agilenow", with no user levels. The handler runs holding the
// store's lock.
func (api *API) op(method, pattern string, scopes []string, h func(*engine.Call) *engine.Response) *engine.Route {
	return &engine.Route{Method: method, Pattern: pattern, API: "agilenow", Scopes: scopes, Handle: api.locked(h)}
}

// Surface is the AgileNow API's surface: the vendor's error envelope for
// every error under /Endpoint/ and /oAuth/.
func (api *API) Surface() *engine.Surface {
	return &engine.Surface{Name: "AgileNow", Prefixes: []string{"/Endpoint/", "/oAuth/"}, Envelope: engine.EnvelopeFunc(envelope)}
}

// ok answers 200 with a JSON document.
func ok(doc []byte) *engine.Response { return engine.Raw(http.StatusOK, doc) }
