// Package agilenowapi is the AgileNow (eSystems) Endpoint API's Account
// resource as mockisc serves it: the accounts (a Store indexed by every
// unique key), the route table, the handlers, the vendor's list language
// (through filter/agilenow) and its error envelope. It is one API surface
// on internal/engine, beside ISC's; it imports neither mockisc nor ISC's
// code, and mockisc's facade reaches it through API.
//
// Its writes answer synchronously: no route has Tasks, so deferred tasks
// and a fault rule's taskError do not apply. There are no user levels.
//
// Quick start (mockisc does this in NewServer):
//
//	api := agilenowapi.New(ids, clock, tokens, "mockisc-tenant-1")
//	eng.Mount(api.Surface(), api.Routes()...)
//	acct, err := api.Add(agilenowapi.Account{Username: "ada", Email: "ada@example.com"})
//
// The behaviour where the vendor is silent is documented in mockisc's
// package doc, section "AgileNow Endpoint API".
package agilenowapi
