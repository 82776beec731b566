// Package engine is the HTTP pipeline every API surface of mockisc rides
// on: ISC's API, the AgileNow Endpoint API and the admin API each mount a
// Surface (its error envelope and path prefixes) with a table of Routes,
// and the Engine serves them all from one http.ServeMux (a Router).
//
// A Router is immutable once built, so engines serving the same routes
// share one (Config.Router) instead of each registering every pattern;
// routes built once can be shared too (MountShared), each engine binding
// its own handlers to them. A program that makes many engines builds
// their router and routes once per process.
//
// A request to a pipeline route goes through, in order: the body cap
// (413), authentication (the bearer token; its 401 is held back), the
// simulation (fault rules, latency, then the held-back 401, then the rate
// limiter's 429), authorization (scopes, then user levels: 403), the
// query check (a parameter that is not validly percent-encoded: 400 with
// CodeBadQuery; a token endpoint reports it itself), the route's handler,
// and the journal. A panic on the way is recovered: logged at error
// level with the route (Config.Logger), counted (Panics) and answered
// 500; so is a Direct route's. Errors raised anywhere are *Error
// values that the route's Surface renders in its own envelope, with a
// fresh tracking id. A request no route matches gets one 404 or 405 (with
// Allow) from the Surface owning its path prefix. Direct routes (the
// admin API) skip the pipeline and the journal.
//
// Each Route says what it needs: its surface, whether it needs a token
// (Scopes), whether it is rate limited and in which bucket (API), whether
// it answers with a task (Tasks: only then can a fault rule's taskError
// act on it), whether its request carries client credentials the journal
// must hide.
//
// The journal is bounded by entries and by bytes (JournalLimits), keeps
// at most a prefix of each body, and counts what it evicts (Stats). It
// redacts credentials on every request, routed or not (redact.go lists
// the headers and parameters). The token table forgets expired tokens and
// holds at most TokenConfig.Max. An entry keeps the request's header as
// redacted name, value pairs and builds Entry.Header when read.
//
// Quick start:
//
//	e := engine.New(engine.Config{Clock: clock, IDs: ids, Rules: rules, ...})
//	e.Mount(&engine.Surface{Name: "demo", Envelope: env}, &engine.Route{
//		Method: "GET", Pattern: "/hello", API: "v1", Scopes: []string{"demo:read"},
//		Handle: func(c *engine.Call) *engine.Response { return engine.JSON(200, "hi") },
//	})
//	http.ListenAndServe(addr, e)
package engine
