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
//     is ""; an unset foreign key is left out (the vendor's spec does not
//     let it be null), in Fields projections too. LanguageId, TimezoneId and
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
package mockisc
