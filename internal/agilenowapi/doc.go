// Package agilenowapi is the AgileNow (eSystems) Endpoint API's Account
// resource as mockisc serves it, all twelve operations: the tenants
// (besides the own one, OwnTenantID), the accounts (a Store indexed by
// every unique key, each with its tenant links and its picture), the route
// table, the handlers, the vendor's list language (through
// filter/agilenow) and its error envelope. It is one API surface on
// internal/engine, beside ISC's; it imports neither mockisc nor ISC's
// code, and mockisc's facade reaches it through API.
//
// A call acts in the tenant whose Tenant.Clients lists its token's
// client, else in the own tenant, and sees the accounts linked to that
// tenant.
//
// Its writes answer synchronously: no route has Tasks, so deferred tasks
// and a fault rule's taskError do not apply. There are no user levels.
//
// Quick start (mockisc does this in NewServer):
//
//	api := agilenowapi.New(ids, clock, tokens, "mockisc-tenant-1")
//	eng.Mount(api.Surface(), api.Routes()...)
//	partner, err := api.AddTenant(agilenowapi.Tenant{Name: "Partner", Clients: []string{"partner-app"}})
//	acct, err := api.Add(agilenowapi.Account{Username: "ada", Tenants: []int64{partner.ID}})
//
// The behaviour where the vendor is silent is documented in mockisc's
// package doc, section "AgileNow Endpoint API".
package agilenowapi
