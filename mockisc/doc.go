// Package mockisc is an in-memory fake of the SailPoint Identity Security
// Cloud (ISC) v3 accounts API, for testing code that talks to ISC: fast,
// offline and deterministic.
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
// All 11 operations of /v3/accounts: list (with limit, offset, count,
// filters, sorters, detailLevel), create, get, put, patch, delete,
// entitlements, reload, enable, disable and unlock; GET
// /v2025/task-status/{id} and /beta/task-status/{id} for the task every
// mutation returns; and POST /oauth/token (client credentials). Responses
// follow the v3 OpenAPI schemas: every required key is present (null where
// nullable), timestamps are RFC 3339 UTC with milliseconds, errors are
// ErrorResponseDto (401 and 429 have ISC's own shapes).
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
// load tests). Snapshot exports the state in the same JSON format, which
// is also the binary's -tenant and -state file format and a scenario
// file's tenant; DecodeState reads it strictly, naming the JSON path of
// any error. Reset returns to the starting state.
//
// # Admin API
//
// Under /__mockisc/ the server also answers an admin API, for tests in
// other languages and for the binary: health, reset, state (GET, PUT),
// requests (the journal), faults, clock, rate-limit and tasks/complete.
// It needs no ISC token but answers only loopback clients, unless
// WithAdminToken is given, in which case every caller must send that
// token. Admin calls are not rate limited, not subject to fault rules and
// not journaled. The README lists the calls with curl examples.
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
// (ISC's account changes) have a task to fail: a rule with a taskError
// matches only those, and AddFault refuses one whose method and path can
// reach none of them (an AgileNow route, a read, a token endpoint).
//
// Deferred tasks (WithTaskDelay, SetTaskDelay, CompleteTasks): a mutation
// is checked and answered (202) at once, but its change lands when the
// clock reaches the task's due time, checked at every request and every
// direct-API call, or at CompleteTasks. Until then its TaskStatus shows
// completionStatus null and progress "Pending", and reads see the old
// state. A change that no longer applies when it lands (its account was
// deleted meanwhile) fails the task with ERROR. Tasks complete in the
// order they were submitted: after SetTaskDelay shortens the delay, a
// newer task due earlier waits for the older ones, so changes land in
// the order their requests were answered. The AgileNow API answers
// synchronously and is never deferred.
//
// # Behaviour where ISC documents nothing
//
//   - Default list order (no sorters): creation order. Sorting is stable,
//     so ties keep creation order.
//   - Every mutation answers 202 {"id": task id} at once, with the change
//     already applied and the task SUCCESS. PATCH answers the same object
//     (ISC documents only "an object").
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
//   - Reload changes nothing: there is no connector to read from.
//   - The direct API's DeleteSource removes the source's accounts and
//     entitlements with it (as deleting a source in ISC does), and
//     accounts of other sources holding those entitlements lose them;
//     DeleteIdentity uncorrelates the identity's accounts; DeleteEntitlement
//     takes the entitlement away from every account holding it.
//
// # Deviations from ISC
//
//   - No aggregation, provisioning, identity profiles or correlation
//     rules: state changes only through this API and the direct Go API.
//   - Only the accounts API, task status and the token endpoint are
//     served; sources and identities are seeded through Go or a state file.
//   - Task status is served for v2025 and beta only (v3 has none).
//   - ISC's rate limits are enforced by its gateway and may differ per
//     endpoint; the fake applies one limit to every API route. ISC tasks
//     take their own time; here they finish at once unless deferred.
//
// # AgileNow Endpoint API
//
// The same server also fakes the AgileNow (eSystems) Endpoint REST API's
// Account resource, from the vendor's Accounts.json (2.0.187; a copy is in
// internal/agilenowapi/testdata): under /Endpoint/rest/api/v1, PATCH /Account
// (upsert), POST /Account (insert), PUT, GET and DELETE /Account/{Id},
// GET /Accounts (list), and POST /oAuth/rest/v2/Token (client
// credentials). Its accounts (AgileNowAccount) live in the same tenant
// state (State.AgileNowAccounts, Snapshot, Restore, Reset, the direct API
// AddAgileNowAccount and friends), and its requests go through the same
// pipeline: body cap, tokens, rate limits (API "agilenow"), fault rules,
// journal, seeded ids and the server clock; its writes answer
// synchronously, so WithTaskDelay and a fault's taskError do not apply.
// Errors always use the vendor envelope {Errors, Type, Title, StatusCode,
// Instance, RequestKey}.
// Choices where the vendor is silent, and deviations:
//
//   - Scopes: each operation accepts the AccessManager or AccessUser scope
//     the spec lists. The upsert accepts the spec's literal
//     "AccessManager:Create, Update" (or AccessUser's), or a Create scope
//     together with an Update scope. The vendor token endpoint gives an
//     unregistered client every vendor scope (AgileNowScopes); a client
//     registered with WithClient gets exactly its Scopes. ISC tokens with
//     sp:scopes:all (Client()) are accepted too. There are no user levels.
//   - The token answer is {access_token, token_type "Bearer", expires_in};
//     its errors are vendor envelopes (400 Bad Input, 401 Unauthorized).
//   - Error Types: the documented /Errors/Bad Input, Unauthorized,
//     Permission, Not Found, Multible Rows (sic), Invalid Field and
//     Internal Server Error; for other statuses "/Errors/" + the status
//     text (Method Not Allowed, Payload Too Large, Unsupported Media Type,
//     Too Many Requests, Service Unavailable). Title is the status text,
//     except 403, whose Title is "Bad Request" as the vendor documents.
//     401 and 403 put the vendor's sentence first in Errors, then the
//     detail. RequestKey is a seeded id in GUID form; Instance is the path.
//   - Unique keys: Id, Username, ExternalId, Email, Phone and Identifier,
//     each where set (empty is unset), compared ignoring case as SQL
//     Server's default collation does. A value another account holds, on
//     insert or on update, is 400 /Errors/Multible Rows naming the field
//     (the vendor documents no other type for it); Username and ExternalId
//     of an upsert identifying two accounts is the same error.
//   - Upsert: a non-empty Id selects the account (404 if none); else
//     Username, then ExternalId, select it; else it inserts. POST may
//     carry an Id: a new one is used as the account's Id.
//   - PUT, and the update branch of the upsert, change only the members
//     present in the body; null clears a member (false for a boolean).
//     ModifiedOn moves even when nothing changes. Id never changes.
//   - Request bodies: member names ignore case; a member the schema lacks
//     (e.g. Id or PhoneVerified in PUT, EmailVerified anywhere, TenantId)
//     is 400, as is a value of the wrong JSON type. Nothing is required.
//     Enum members accept exactly the vendor's values (19 languages, 89
//     Windows time zones, 7 date formats; case-sensitive), else 400
//     naming the field and value.
//   - Responses render every member of the extended Account. Unset text
//     is "", an unset foreign key null. LanguageId, TimezoneId and
//     DateFormatId are AbstractText {Id and ExternalId: the enum value,
//     Name: its display text ("Finnish", "(GMT+02:00) Helsinki, ..."),
//     Type: "Language", "Timezone" or "DateFormat"}. TenantId is the
//     fake's one tenant: {Id 1, ExternalId the ISC tenant id, Name
//     "mockisc", Type "Tenant"}. Times are RFC 3339 UTC, with a fraction
//     only when there is one.
//   - {Id} may be "base64|" + base64 (standard or URL alphabet, padding
//     optional). Name is a comma-separated list of Id, Username and
//     ExternalId (ignoring case; empty means Id); another field is 400
//     /Errors/Invalid Field; a value matching two accounts is 400
//     /Errors/Multible Rows.
//   - List: query parameter names ignore case (the last value counts).
//     Filters, Orders and Fields use package filter/agilenow; a syntax
//     error is 400 Bad Input, an unknown field or a type misuse 400
//     Invalid Field, each with the byte offset. A foreign key alone
//     (LanguageId) filters and sorts on its Id; its members (LanguageId.Name)
//     work too. Fields projects top-level members in the order given.
//     CurrentPage is zero-based (0 or more; past the end gives no Data);
//     PageSize is 1 to 1000, default 50; anything else is 400. The default
//     order, and the order among equals, is creation order.
//   - Not served: the Tenants and Pictures sub-resources, tenant links
//     (every account is visible to every token), and the vendor's other
//     entities.
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
