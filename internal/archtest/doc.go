// Package archtest holds only tests. They enforce the module's import graph:
// filter and jsonpatch depend on nothing in this module, mockisc depends only
// on them, fixtures on mockisc, tenantsync on fixtures and mockisc, and the
// command on tenantsync, fixtures and mockisc (and, like mockisc, on the
// certificate maker internal/tlsca, a leaf). internal/iscclient, the ISC
// API client of fixtures and tenantsync, is a leaf too.
// Non-test code never imports testing or go-cmp. Outside the engine, no
// code reads a routed call's path values off its request
// (c.Req.PathValue): the engine keeps them in the Call (c.PathValue).
package archtest
