// Package tenantsync keeps the fake honest against the real thing: it
// imports a real ISC tenant into a mockisc.State (Import), makes that
// state safe to commit (Pseudonymize), and records a client's traffic
// with a tenant as a scenario file that replays against the fake
// (Recorder). fixtures.Verify, the third tool, runs scenario files
// against a real tenant and reports the drift. The binary's import,
// record and verify subcommands are thin shells around them.
//
// # Quick start
//
//	st, err := tenantsync.Import(ctx, tenantsync.ImportOptions{
//		URL: "https://acme.api.identitynow.com", ClientID: id, ClientSecret: secret,
//		Checkpoint: "tenant.json.partial", Progress: os.Stderr,
//	})
//	st = tenantsync.Pseudonymize(st, "my-seed")
//	s := mockisc.New(t, mockisc.WithState(st)) // the fake, holding the tenant
//
//	rec, err := tenantsync.NewRecorder("https://acme.api.identitynow.com", tenantsync.RecorderOptions{Tenant: &st})
//	go http.ListenAndServe("127.0.0.1:8081", rec) // point the client here
//	// ... run the client ...
//	err = rec.WriteFile("testdata/recorded.json") // fixtures.Run replays it
//
// # What Import reads
//
// Sources from /v3/sources; every identity (defaultFilter=NONE) from
// /v2025/identities, else /beta/identities; the entitlement catalogue
// from /v2025/entitlements, else /beta/entitlements (only without a
// filter or limit); accounts from /v3/accounts; and, for each account
// whose hasEntitlements is true, /v3/accounts/{id}/entitlements, which
// gives the account's entitlement ids and adds the entitlements the
// catalogue lacked. A tenant that lists no entitlements (the fake serves
// none) yields the entitlements accounts hold. Lists page by limit and
// offset in the tenant's order; 429, 502, 503 and 504 answers are waited
// out (Retry-After, else a backoff) and retried.
//
// What the API does not show stays at the fake's defaults: a source's
// correlation rules, native identity and name attributes; an identity's
// protected flag. Derived values need nothing: the fake derives them
// (sourceName, hasEntitlements, the identity of an account).
package tenantsync
