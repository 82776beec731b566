package agilenowapi

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// callerTenant is the tenant a call acts in: the tenant whose Clients
// name the token's client, else the own tenant (also without a token,
// when authentication is off).
func (api *API) callerTenant(c *engine.Call) int64 {
	if c.Token == nil {
		return OwnTenantID
	}
	if t := api.ten.byClient[c.Token.ClientID]; t != nil {
		return t.ID
	}
	return OwnTenantID
}

// reach says which accounts a route may address.
type reach int

const (
	// reachLinked: accounts linked to the caller's tenant (GET, PUT and
	// the upsert of /Account, and the list).
	reachLinked reach = iota
	// reachOwnable: those, and accounts linked to no tenant at all, which
	// a caller must still be able to delete or link again (DELETE
	// /Account/{Id} and the sub-resources).
	reachOwnable
)

// reachable reports whether a caller of tenant may address a.
func (a *Account) reachable(tenant int64, how reach) bool {
	links := a.links()
	return slices.Contains(links, tenant) || how == reachOwnable && len(links) == 0
}

// others returns the tenants besides tenant that a is linked to.
func (a *Account) others(tenant int64) []int64 {
	return slices.DeleteFunc(slices.Clone(a.links()), func(t int64) bool { return t == tenant })
}

// refuseLinked is the 403 of deleting an account still linked to other
// tenants than the caller's.
func refuseLinked(r *record, others []int64) *engine.Response {
	ids := make([]string, len(others))
	for i, t := range others {
		ids[i] = strconv.FormatInt(t, 10)
	}
	noun := "tenant"
	if len(ids) > 1 {
		noun = "tenants"
	}
	return fail(http.StatusForbidden, typePermission,
		"account %q is also linked to %s %s; it can be deleted once no other tenant's link is left "+
			"(DELETE /Account/{Id}/Tenant/{SubId}?SubName=TenantId)", r.ID, noun, strings.Join(ids, ", "))
}
