// Package mockisc is an in-memory fake of the SailPoint Identity Security
// Cloud (ISC) accounts APIs, with the sources, identities and task status
// around them, in every API version clients call today (v3, beta, v2024,
// v2025, v2026 and the per-service /accounts/v1 paths), for testing code
// that talks to ISC: fast, offline and deterministic.
//
// # Quick start
//
//	func TestDisable(t *testing.T) {
//		s := mockisc.New(t) // a fresh tenant on 127.0.0.1, closed when the test ends
//		src, _ := s.AddSource(mockisc.Source{Name: "HR flat file"})
//		acct, _ := s.AddAccount(mockisc.Account{SourceID: src.ID, NativeIdentity: "jdoe"})
//
//		// Code under test talks HTTP; Client() fetches and sends a token.
//		resp, err := s.Client().Post(s.URL+"/v3/accounts/"+acct.ID+"/disable",
//			"application/json", strings.NewReader(`{}`))
//		...
//		got, _ := s.Account(acct.ID)
//		if !got.Disabled { t.Error("account not disabled") }
//		if n := s.Journal().Count("POST", "/v3/accounts/{id}/disable"); n != 1 { ... }
//	}
//
// NewServer is New without a test. A Server is an http.Handler, so
// httptest.NewServer(s) works too, and WithoutListener with Client or
// Transport serves requests in process, with no socket.
//
// For SailPoint's SDKs and other clients that manage their own tokens,
// Token and TokenAs issue a token without a round trip, and TokenSource
// renews one on the server clock; Client is the http.Client to put under
// an SDK's own client (it leaves an Authorization header the SDK sets
// alone). docs/sdks.md gives each SDK's configuration.
//
// NewTLS (WithTLS for NewServer) serves HTTPS, as httptest.NewTLSServer
// does. Each server generates its own CA in memory (ECDSA P-256) and a
// certificate it signs for 127.0.0.1, ::1, localhost,
// *.api.identitynow.com, *.identitynow.com and any WithTLSHosts names;
// Client and ClientAs trust that CA, and Certificate and CACertPEM hand
// it to other clients. The certificates are valid for a year from the
// wall time the server starts, not from its Clock: TLS clients check them
// against the real time. TLS needs a socket, so NewServer refuses WithTLS
// with WithoutListener.
//
// # What it serves
//
// One tenant, through every API version at once: an account created
// through /v2025 is read through /v3 and /accounts/v1. A version is a path
// prefix (/v3, /beta, /v2024, /v2025, /v2026) or, for the per-service API
// of the current SDK majors, the service's own form (/accounts/v1,
// /sources/v1, /identities/v1, /task-status/v1, /identities-accounts/v1).
//
//   - Accounts, every version: list (limit, offset, count, filters,
//     sorters, detailLevel), create, get, put, patch, delete,
//     entitlements, reload, enable, disable, unlock; and, but in v3,
//     POST /accounts/{id}/remove (202 TaskResultDto).
//   - Identities' ISC login accounts, but in v3: POST
//     /identities-accounts/{id}/enable|disable (202) and the bulk
//     /identities-accounts/enable|disable (207, an entry per identity).
//   - Task status, but in v3: GET /task-status/{id} and the list GET
//     /task-status (filters, sorters created, paging).
//   - Sources, every version, read only: GET /sources (filters, sorters,
//     paging), /sources/{id} and /sources/{sourceId}/schemas.
//   - Identities, but in v3 (which has none: 404), read only: GET
//     /identities (defaultFilter, filters, sorters, paging) and
//     /identities/{id}.
//   - Aggregation, but in v3: POST /sources/{id}/load-accounts (a CSV
//     file into a DelimitedFile source; 202 LoadAccountsTask), GET
//     /account-aggregations/{id}/status, POST
//     /sources/{id}/load-uncorrelated-accounts (202
//     LoadUncorrelatedAccountsTask) and POST /sources/{id}/remove-accounts
//     (202 TaskResultDto); see Aggregation below.
//   - POST /oauth/token (client credentials).
//
// Each version keeps its own rules from its spec: the filter and sorter
// allowlists (beta's created has no lt and it sorts on hasEntitlements
// and sourceOwner.name; v2025 filters on recommendation.type; the task
// list's filters grow from beta to v2026), the scopes and user levels of
// every operation, and its response schema, which every answer validates
// against in the tests. Responses follow the schemas: every required key
// is present (null where nullable), timestamps are RFC 3339 UTC with
// milliseconds, errors are ErrorResponseDto (401 and 429 have ISC's own
// shapes). Every answer carries SLPT-Request-ID, which an error body
// repeats as its trackingId, and JSON is sent as
// application/json;charset=UTF-8, as ISC does.
//
// Derived fields are computed, never stored: sourceName, connectionType,
// authoritative, features and sourceOwner come from the source; identity,
// identityState and cloudLifecycleState from the identity; uncorrelated
// from identityId; hasEntitlements from the entitlements. An identity is
// correlated (identity.correlated) when it has an account on an
// authoritative source.
//
// # Seeding and state
//
// Seed through the direct API, or start from a whole State. The direct
// API has the same five calls for every kind of object: Add, a getter by
// id, a list, Update (through a function that gets a copy) and Delete —
// AddSource/Source/Sources/UpdateSource/DeleteSource, and the same for
// Identity, Entitlement, Account and AgileNowAccount. Getters return
// copies of just what they name; errors wrap ErrNotFound, ErrExists or
// ErrInvalid and name the field at fault. Whole states: WithState,
// Restore, DemoState (the binary's demo tenant: three sources, a dozen
// identities, a few dozen accounts) or Generate (n synthetic accounts for
// load tests; WithGenerated makes them straight into the store, which is
// how the binary's -generate starts a million of them without holding a
// State of them all). Snapshot exports the state in the same JSON format,
// which is also the binary's -tenant and -state file format and a
// scenario file's tenant; DecodeState reads it strictly, naming the JSON
// path of any error. Counts counts the objects without copying them.
// Reset returns to the starting state.
//
// # Admin API
//
// Under /__mockisc/ the server also answers an admin API, for tests in
// other languages and for the binary: health, reset, state (GET, PUT),
// requests (the journal), faults, clock, rate-limit, tasks/complete,
// tasks/delay and session (the dashboard's sign-in).
// It needs no ISC token but answers only loopback clients, unless
// WithAdminToken is given, in which case every caller must send that
// token. Without a token it also refuses (403) what a web page in a
// browser on the same machine could send: a Host header that is not a
// loopback name or address, the server's own URL host, a name of its TLS
// certificate or a name allowed with WithAdminHosts (DNS rebinding), an
// Origin header naming another host, or Sec-Fetch-Site: cross-site. In
// every mode a request body must be application/json (415 otherwise), so
// no cross-site form can reach it. Admin calls are not rate limited, not
// subject to fault rules and not journaled; every answer, errors
// included, is JSON ({"error": "..."} for errors). The README lists the
// calls with curl examples.
//
// # Dashboard
//
// Under /__mockisc/ui/ the server serves a dashboard for a browser: the
// journal as a live timeline (filter by method, route, status, client id
// and fault rule; a request's redacted headers, body and the fault rule
// that fired), the accounts, sources, identities and AgileNow accounts a
// page at a time (at most 250 rows) with the API's own filters and
// sorters and its error texts, the simulation (clock, rate limit, fault
// rules, pending tasks) and the state (download, upload, reset), and a
// chart of requests per second by status class on the server clock.
// Its templates, stylesheet and script are embedded. Its pages are
// rendered on the server with html/template and read without JavaScript;
// its routes are GET only. The controls that change the fake need
// JavaScript: they send JSON with fetch to the admin API, whose guard
// they pass as any caller does (a same-origin page: loopback Host and
// Origin), so there is no form post, and no second way in, to protect.
// The dashboard has the admin API's guard (loopback or admin token, the
// Host, Origin and Sec-Fetch-Site rules) and forbids framing and outside
// scripts (Content-Security-Policy). Under an admin token a browser signs
// in once on the dashboard's login page: POST /__mockisc/session, sent
// with the token as its bearer header, sets the token in an HttpOnly,
// SameSite=Strict cookie, which the admin API and the dashboard accept in
// place of the header on same-origin requests only; DELETE signs out. It reads the tenant by calling the
// API's route handlers in process, outside the pipeline: its reads are
// not journaled, rate limited or faulted, and the tables show what a
// client would get.
//
// # Limits
//
// No client can make the server hold memory or run without bound. Every
// bound, its default, how to change it (option, binary flag), and what a
// client sees at it:
//
//   - Request bodies: 1 MiB (WithMaxBodyBytes, -max-body-bytes); 413 in
//     the API's error shape. PUT /__mockisc/state: 256 MiB
//     (WithStateMaxBytes, -state-max-bytes); 413 {"error"} naming the
//     limit. Other admin bodies: the request body cap.
//   - Journal: 100,000 entries (WithJournalSize, -journal-size) and
//     64 MiB (WithJournalBytes, -journal-bytes, as Entry.Size estimates
//     it); past either the oldest entries go. Each entry keeps the first
//     64 KiB of its body (WithJournalBodyBytes, -journal-body-bytes),
//     with BodyTruncated set and BodySize the full size. Journal().Stats()
//     and GET /__mockisc/health ("journal") count the entries and bytes
//     held and evicted, and the bodies cut.
//   - Tokens: 10,000 known at once (WithMaxTokens, -max-tokens). Expired
//     tokens (by the server clock) are forgotten when a token is issued;
//     past the bound the oldest live token is forgotten and a request
//     carrying it gets 401 "JWT is not valid" (a forgotten expired token
//     still gets "JWT is expired"). Health shows "tokens".
//   - Tasks: 100,000 (WithMaxTasks, -max-tasks); past it the oldest
//     completed tasks are forgotten: their task status is 404 and lists
//     no longer show them. Pending tasks are kept.
//   - Connections (on the listener, and the binary's): 10 s to read the
//     headers, 2 min to read a request with its body, 10 min from the
//     headers to the end of the answer (latency included), 2 min idle
//     between requests (WithTimeouts; -read-header-timeout,
//     -read-timeout, -write-timeout, -idle-timeout). A body that stalls
//     gets 408 and its connection is closed; an answer past the write
//     timeout is a dropped connection. Shutdown(ctx) cuts what is still
//     running when ctx ends; the binary's -shutdown-grace (5 s) does the
//     same on SIGINT or SIGTERM, then saves the state and exits 0.
//   - ISC filters: 16 KiB and 64 levels of nesting (filter.MaxLength,
//     filter.MaxDepth); sorters: 1 KiB (filter.MaxSortersLength). 400
//     "400.1 Bad Request Content" naming the limit.
//   - AgileNow Filters: 16 KiB, 64 conditions, Like patterns of 256
//     characters (agilenow.MaxFilterLength, MaxConditions,
//     MaxLikeLength); Orders and Fields: 1 KiB each. 400 "/Errors/Bad
//     Input" naming the limit. Like runs as a bit-parallel automaton: it
//     reads each character of a value once (at most 5 machine words of
//     work per character and condition), whatever the pattern.
//   - JSON Patch: 1,000 operations (jsonpatch.MaxOperations); 400 "the
//     patch has N operations; the limit is 1000". A patch costs time
//     linear in its length and the document's; copies add at most
//     jsonpatch.MaxCopyBytes (8 MiB).
//   - AgileNow pages: PageSize 1 to 1,000; ISC lists: limit 0 to 250, as
//     the APIs document.
//   - Account list results: the last 32 queries of the tenant's current
//     version, and no more than about 4,000,000 accounts' worth of them
//     (each counted as the whole tenant: at 1,000,000 accounts, 4
//     queries); a change of the tenant forgets them. A query past the
//     bound is simply answered again from the indexes.
//   - A generated tenant (WithGenerated, -generate) keeps its accounts
//     and identities in slabs of 1,024: a slab's memory goes when the last
//     of its objects is deleted, so deleting most of a big generated
//     tenant frees less than it deleted. While it loads (200,000 accounts
//     or more, and no memory limit set by GOMEMLIMIT or
//     debug.SetMemoryLimit), the Go heap counts a ballast larger than the
//     tenant's size that is never backed by memory.
//
// Fixed, with no option: the filter, sorter, pattern, patch and list
// cache limits above. A query that is not validly percent-encoded (?filters=%zz) is a
// 400 naming the parameter (ISC "400.1.3 Illegal value", AgileNow "Bad
// Input", the token endpoints invalid_request), not silently dropped.
//
// A handler panic (a bug in the fake) is answered 500 in the API's error
// shape, logged at error level with its route (WithLogger; default
// slog.Default()), and counted in health ("panics"); the server goes on.
//
// Secrets: the journal redacts, on every request whatever route it
// reached or missed, the Authorization and Proxy-Authorization
// credentials (keeping the scheme); Cookie, Set-Cookie, X-Api-Key,
// Api-Key, Apikey, X-Auth-Token, X-Access-Token, X-Amz-Security-Token,
// X-Csrf-Token, X-Xsrf-Token, X-Client-Secret, X-Session-Id,
// X-Goog-Api-Key, Ocp-Apim-Subscription-Key, X-Functions-Key,
// Private-Token and X-Vault-Token; and any header whose
// name contains auth, token, secret, password, passwd, api-key, apikey,
// api_key, cookie, session, credential or signature; the query and form
// parameters client_secret, password, access_token, refresh_token,
// id_token, client_assertion, assertion, api_key and apikey; and a token
// request's whole body when it names client_secret in a form it cannot
// parse.
//
// # The account store and scale
//
// The accounts live in a store built like a small database, so that a
// tenant of a million accounts fits in under a gigabyte and any first
// page answers in milliseconds. Each account is kept once, compactly: its
// fields, and its attributes encoded as the JSON object it renders
// (decoded only when Go code asks for them). Four ordered indexes
// (B-trees, github.com/tidwall/btree) keep the accounts by name, id,
// created and modified, exactly in the order a sort by that field gives
// (strings case-folded, then by their bytes; ties in creation order), and
// are kept current on every write in O(log n). A list sorted by an
// indexed field walks that index and stops when its page is full; a
// top-level `name sw`, `name eq`, `id sw` or `id eq` term narrows the walk
// to its range; filters and sorters read the fields in place, never a
// rendering. A list by another sorter filters once and selects its first
// pages with a bounded heap. count=true finishes the walk; results are
// cached per tenant version (bounded), so paging through an unchanged
// tenant goes on where the last page stopped. Requests that only read
// (GET) hold the tenant lock for reading, beside each other; a write
// takes it alone, so a reader sees a write whole or not at all. A read
// renders each account straight from its fields, its source and its
// identity into the response body, in a buffer the server takes back
// once the body is written: serving an account allocates no rendering.
//
// A generated tenant (WithGenerated) is made on every core: its random
// draws come first, in the order that fixes the tenant for a seed, then
// its identities and accounts are made in chunks in parallel and stored
// in slabs, and the lookup maps and the four indexes are built at once,
// in parallel (each index sorted on numeric key prefixes, then loaded in
// order). While a load of 200,000 accounts or more runs, the heap holds a
// ballast the kernel never backs (so the collector does not mark the
// growing tenant again and again); it is dropped, and a collection
// started on the side, when the load ends.
//
// Measured on 2 cores (BenchmarkStore and BenchmarkLoad; the README's
// "Scale" has the figures): a generated tenant of 1,000,000 accounts
// takes about 0.75 KB per account and loads in about 1.5 s, and a cold
// first page of any indexed list shape takes a few milliseconds.
//
// # Determinism
//
// Ids, tracking ids and tokens come from a generator seeded by WithSeed
// (default 1); time comes only from the server's Clock, a manual clock
// that starts at DefaultStartTime and moves only with Clock().Advance and
// Clock().Set (WithRealClock follows the wall clock). The same seed and
// the same requests give byte-identical responses.
//
// # Simulation: rate limits, faults, latency, deferred tasks
//
// Everything below is off by default, runs on the server clock and the
// seeded generator, and is the same for the same seed and requests.
//
// The clock model: a manual clock stands still until the test moves it.
// Rate limit windows, token expiry, fault expiry and deferred task due
// times all read it, so a test provokes "the window has passed" with
// Clock().Advance, not with sleeping. Latency is the one exception: it is
// real sleeping (so timeouts in the code under test fire), and it ends
// when the request's context ends.
//
// Rate limiting (WithRateLimit, SetRateLimit; ISCRateLimit gives ISC's 100
// requests per 10 seconds per client id and API version) is a sliding
// window over accepted requests. Over the limit the answer is 429 with
// {"message":" Rate Limit Exceeded "} and Retry-After: the whole seconds,
// rounded up, until the oldest request in the window leaves it, so
// advancing the clock by Retry-After always admits the next request.
// Refused requests do not count. The token endpoint and the admin API are
// not limited, and neither are requests without a valid token (they get
// 401 first).
//
// Fault rules (AddFault, FailNext, Faults, RemoveFault, ClearFaults) are
// checked in the order they were added, for every request to the ISC and
// AgileNow APIs, before authentication is enforced. Every rule that
// matches a request counts it (Seen); the first whose schedule says so
// fires (Fired) and acts, and the rules after it only count. A firing
// rule's latency is added to the global latency (WithLatency); then its
// status, drop or truncate applies; headers are added to whatever is
// answered; a taskError lets the request through but fails its task with
// no change to the tenant. A drop skips handling; a truncate handles the
// request and cuts the body short. Only routes that answer with a task
// (ISC's account changes, and load-accounts, load-uncorrelated-accounts
// and remove-accounts) have a task to fail: a rule with a taskError
// matches only those, and AddFault refuses one whose method and path can
// reach none of them (an AgileNow route, a read, a token endpoint). A
// rule's 429 says Retry-After: 1 and its 503 carries no Retry-After;
// WithFaultRetryAfter gives both a Retry-After of its choosing, and a
// rule's own Retry-After header wins over either.
//
// Deferred tasks (WithTaskDelay, SetTaskDelay, CompleteTasks): a mutation
// is checked and answered (202) at once, but its change lands when the
// clock reaches the task's due time, checked at every request and every
// direct-API call, or at CompleteTasks. Until then its TaskStatus shows
// completionStatus null and progress "Pending", and reads see the old
// state. A change that no longer applies when it lands (its account was
// deleted meanwhile) fails the task with ERROR. An aggregation goes
// through its phases on the way (see Aggregation). Tasks complete in the
// order they were submitted: after SetTaskDelay shortens the delay, a
// newer task due earlier waits for the older ones, so changes land in
// the order their requests were answered. The AgileNow API answers
// synchronously and is never deferred.
//
// # Behaviour where ISC documents nothing
//
//   - Default list order (no sorters): creation order. Sorting is stable,
//     so ties keep creation order.
//   - Each page of a list is taken from the tenant as it is when that
//     page is asked for: a change between two pages can move accounts
//     across the boundary (ISC keeps no cursor either; offset paging
//     re-runs the query).
//   - Every account mutation answers 202 {"id": task id} at once, with
//     the change already applied and the task SUCCESS. PATCH answers the
//     same object (ISC documents only "an object").
//   - POST /v3/accounts reads the id of an account to update from the
//     body's top-level "id" (never from attributes, where "id" may be a
//     real attribute); an unknown id is 400 with detailCode 400.1.404.
//     Without it, an account with the same source and native identity is
//     updated (attributes merged) instead of creating a twin. Either update
//     is refused (400) unless the source is a flat file source, as PATCH
//     refuses attribute changes.
//   - A new account's nativeIdentity comes from the attribute named by its
//     source's NativeIdentityAttribute (default "userName"), its name from
//     NameAttribute (default "displayName", falling back to the native
//     identity); "sourceId" is not kept as an attribute; origin is
//     PROVISIONED.
//   - PUT replaces every attribute (absent ones are removed) and keeps the
//     native identity.
//   - detailLevel=SLIM keeps the keys of ISC's SLIM example plus every
//     required key, with attributes null.
//   - The filter field "entitlements" takes a boolean, like
//     hasEntitlements.
//   - An uncorrelated account omits identityId and identity (neither is
//     nullable in the schema); a patch sees them as null, so "replace
//     /identityId" correlates it.
//   - A bad query parameter is 400 with detailCode "400.1.3 Illegal
//     value"; a bad filter, sorter or body is "400.1 Bad Request Content".
//     An unknown route is 404, a wrong method 405 with Allow, a wrong
//     Content-Type 415, a body over the cap (WithMaxBodyBytes) 413, all as
//     ErrorResponseDto.
//   - Request bodies are checked for JSON syntax and member types; unknown
//     members are ignored, as ISC's JSON binding does.
//   - Token endpoint errors use RFC 6749's {"error", "error_description"}.
//     Tokens last 749 seconds of server time (WithTokenTTL). Any client id
//     gets sp:scopes:all and ORG_ADMIN unless registered with WithClient.
//     Token, TokenAs and TokenSource issue the same tokens without HTTP:
//     they are not journaled and, like the token endpoint, never rate
//     limited.
//   - Fault rules answer as ISC's gateway might: ISC documents Retry-After
//     on its rate limit 429 only, so a rule's 429 says "Retry-After: 1"
//     (the shortest wait the header can name) and its 503 carries none.
//     WithFaultRetryAfter(d) puts d, in whole seconds rounded up, on
//     both, for clients that retry a 503 only when it names a Retry-After
//     (Python's urllib3) or wait as it says (go-retryablehttp); 0 means
//     "retry at once". It applies to every API the rules reach (ISC's and
//     AgileNow's) and leaves 500, 502, 504 and the other statuses alone,
//     since no SDK reads Retry-After on them.
//   - Reload changes nothing: there is no connector to read from.
//   - Rate limits count per client id and API version; the per-service
//     paths (/accounts/v1, /sources/v1, ...) are one version, "v1", since
//     SailPoint publishes them as one API of version v1.
//   - count takes true and false in any case (the PowerShell SDK sends
//     True). An offset past the end answers an empty page;
//     WithOffsetPastEndError makes it the 400 some ISC lists give.
//   - POST /accounts/{id}/remove works on any source type, as a task
//     ("Remove Account") whose id the TaskResultDto carries.
//   - The identities-accounts operations act on the identity's ISC login:
//     its Status (identityStatus) becomes DISABLED or ACTIVE, and its
//     accounts on IdentityNowConnector sources follow. They answer once the
//     change is made. A bulk request takes 1 to 250 ids.
//   - The task list of beta and v2024 holds completed tasks only, as their
//     specs say; v2025 and later list pending ones too. Account tasks are
//     of type QUEUED_TASK; the default order is creation order.
//   - Sources show what the tenant models; the rest is what a healthy
//     source without rules shows: cluster, correlation and provisioning
//     rules and configs, managementWorkgroup, passwordPolicies and category
//     null; healthy true, status SOURCE_STATE_HEALTHY; deleteThreshold
//     is DeleteThreshold (10 when unset); accountCorrelationConfig, for a
//     source with Correlation rules, is {type ACCOUNT_CORRELATION_CONFIG,
//     an id derived from the source's, name "<source> Account
//     Correlation"};
//     connector (when unset) derived from the type, connectorClass
//     "sailpoint.connector." + connector, since the creation time;
//     connectorAttributes {}. Its schemas are "account" (identityAttribute
//     the NativeIdentityAttribute, displayAttribute the NameAttribute,
//     attributes every attribute its accounts hold, typed by value, and one
//     entitlement attribute per entitlement Attribute) and, with
//     entitlements, "group"; their ids derive from the source id.
//   - Identities: identityStatus is Status, ACTIVE when unset;
//     lastRefresh is the modification time; lifecycleState is
//     {stateName: LifecycleState, manuallyUpdated: false}, or null;
//     isManager is true when another identity names it as ManagerID;
//     attributes hold Attributes and firstname, lastname, email,
//     displayName, uid (the alias), cloudStatus, identityState and
//     cloudLifecycleState. correlated means an account on an
//     authoritative source.
//   - Request ids and tracking ids come from a seeded stream of their own,
//     so the ids of created objects do not depend on how many requests
//     came before them.
//   - Clients are personal access tokens by default (a user context whose
//     authorities the user levels check; the token names the client as
//     user_name); OAuthClient.Kind APIClient makes one without a user,
//     which every route with user levels, or whose spec takes user tokens
//     only, refuses with 403. No route needs
//     X-SailPoint-Experimental today; WithExperimental marks routes that
//     should, as ISC did before mid-2025.
//   - The direct API's DeleteSource removes the source's accounts and
//     entitlements with it (as deleting a source in ISC does), and
//     accounts of other sources holding those entitlements lose them;
//     DeleteIdentity uncorrelates the identity's accounts; DeleteEntitlement
//     takes the entitlement away from every account holding it.
//   - Aggregation, correlation and the source tasks: see "Behaviour
//     where ISC documents nothing: aggregation" below.
//
// # Deviations from ISC
//
//   - No provisioning, identity profiles or correlation rules: state
//     changes only through this API and the direct Go API. Aggregation
//     reads CSV files into DelimitedFile sources and correlates by
//     attribute matching; see "Deviations from ISC: aggregation" below.
//   - Sources and identities are read only (GET); they are created and
//     changed through Go, a state file or the admin API. Source schemas
//     cannot be posted, task status cannot be patched.
//   - The sources list compares created and modified as times, so they
//     take no sw, which ISC's spec lists for them.
//   - ISC's rate limits are enforced by its gateway and may differ per
//     endpoint; the fake applies one limit to every API route. ISC tasks
//     take their own time; here they finish at once unless deferred.
//
// # Layout
//
// Package mockisc is the facade users import (Server, options, the direct
// API, State, the simulation controls) and holds ISC's API (files isc_*,
// one route table in isc_routes.go that carries every API version) and
// the admin API (admin_*). Below it, internal/sim is the simulation
// engine (clock, seeded ids, rate limiter, fault rules, latency, the
// journal's ring buffer, the deferred-task queue; no HTTP), internal/engine
// the request pipeline every API surface rides on (typed routes, tokens,
// one 404/405, the journal), and internal/agilenowapi the AgileNow API.
// Clock, Fault, RateLimit, Latency, Journal and Entry are aliases of their
// types there.
package mockisc
