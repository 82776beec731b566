// # AgileNow Endpoint API
//
// The same server also fakes the AgileNow (eSystems) Endpoint REST API's
// Account resource, from the vendor's Accounts.json (2.0.187; a copy is in
// internal/agilenowapi/testdata), all twelve operations, under
// /Endpoint/rest/api/v1: PATCH /Account (upsert), POST /Account (insert),
// PUT, GET and DELETE /Account/{Id}, GET /Accounts (list); an account's
// tenant links, GET /Account/{Id}/Tenants, POST /Account/{Id}/Tenant
// (upsert) and DELETE /Account/{Id}/Tenant/{SubId}; its picture, GET
// /Account/{Id}/Pictures, POST /Account/{Id}/Picture (upsert) and DELETE
// /Account/{Id}/Picture/{SubId}; and POST /oAuth/rest/v2/Token (client
// credentials). Its tenants (AgileNowTenant), accounts (AgileNowAccount,
// whose Tenants are its links) and pictures (AgileNowPicture) live in the
// same tenant state (State.AgileNowTenants, AgileNowAccounts and
// AgileNowPictures; Snapshot, Restore, Reset; the direct API's Add, get,
// list, Update and Delete calls for each), and its requests go through
// the same pipeline: body cap, tokens, rate limits (API "agilenow"),
// fault rules, journal, seeded ids and the server clock; its writes
// answer synchronously, so WithTaskDelay and a fault's taskError do not
// apply. Errors always use the vendor envelope {Errors, Type, Title,
// StatusCode, Instance, RequestKey}.
// Choices where the vendor is silent, and deviations:
//
//   - Scopes: each operation accepts the AccessManager or AccessUser scope
//     the spec lists (Read for the lists and GET, Delete for the deletes,
//     Update for PUT, Create for POST /Account). The upserts (PATCH
//     /Account, POST /Account/{Id}/Tenant and /Picture) accept the spec's
//     literal "AccessManager:Create, Update" (or AccessUser's), or a
//     Create scope together with an Update scope. The vendor token
//     endpoint gives an unregistered client every vendor scope
//     (AgileNowScopes); a client registered with WithClient gets exactly
//     its Scopes. ISC tokens with sp:scopes:all (Client()) are accepted
//     too. There are no user levels.
//   - The token answer is {access_token, token_type "Bearer", expires_in};
//     its errors are vendor envelopes (400 Bad Input, 401 Unauthorized).
//   - Tenants: the fake's own tenant is AgileNowOwnTenant (1, named
//     "mockisc", its ExternalId the ISC tenant id); it always exists,
//     cannot change and is not in State.AgileNowTenants. Other tenants are
//     seeded (AddAgileNowTenant, a state file, a scenario's tenant) with an
//     Id from 2 to 2147483647 (Tenant.Id is an int32; 0 takes the next
//     free one), a Name, an optional ExternalId (unique), Is_Active and an
//     Espace (shown as Espace_Id) that are data only. Deleting one removes
//     every account's link to it.
//   - Which tenant a token belongs to: the tenant whose Clients list its
//     OAuth client id (a client id is in one tenant at most), whether the
//     token came from the vendor's token endpoint or from ISC's; any other
//     client, and every call when WithoutAuth is on, acts in tenant 1. A
//     change to Clients takes effect on the next call.
//   - Visibility: a token sees (GET /Account/{Id}, GET /Accounts, PUT,
//     the upsert's matching) only the accounts linked to its tenant, as
//     the vendor's tests show; another tenant's account answers 404 as if
//     it did not exist, and its unique keys stay taken (an upsert by its
//     Username inserts and is refused as Multible Rows). An account
//     created through the API is linked to the caller's tenant; one added
//     through Go or a state file with Tenants nil is linked to tenant 1
//     alone. An account's TenantId is the caller's tenant {Id, ExternalId,
//     Name, Type "Tenant"} (it is seen only through a linked tenant).
//   - An account linked to no tenant (its last link deleted; Tenants
//     empty, written [] in a state file) is listed and got by nobody, but
//     every tenant can still delete it, list its (empty) tenant links and
//     link it again: the sub-resources and DELETE /Account/{Id} reach
//     accounts linked to the caller's tenant or to none.
//   - DELETE /Account/{Id} of an account also linked to another tenant is
//     refused with 403 /Errors/Permission naming those tenants, and the
//     account stays; once no other tenant's link is left it is deleted,
//     with its links and its picture.
//   - Tenant links: POST /Account/{Id}/Tenant takes TenantData: TenantId
//     (required) a FieldType {Field, Value} naming the tenant by Id (Field
//     empty, "Id" or "TenantId"), Name or ExternalId, ignoring case (no
//     match 404, two 400 Multible Rows, another Field 400 Invalid Field);
//     UserId, optional, must name the path's account by Id, Username or
//     ExternalId, else 404. Linking a tenant already linked changes
//     nothing; the answer is the tenant's Tenant record {Id, Name,
//     Espace_Id, Is_Active}, as the vendor's tests compare it. Any tenant's
//     token may link and unlink any tenant. Links have no times of their
//     own and do not move the account's ModifiedOn.
//   - DELETE /Account/{Id}/Tenant/{SubId}: SubName is TenantId (or Id) to
//     match SubId against the tenant's Id, as the vendor's tests do, or
//     UserId (the spec's default when SubName is empty; AccountId is the
//     same) to match it against the account's Id, which every link of the
//     account has: 404 when it does not match, 400 Multible Rows when the
//     account has several links. SubId may be base64|.
//   - GET /Account/{Id}/Tenants answers {Meta (Type "Tenant"), Data} in
//     link order. Filters and Orders name the Tenant's members (Id, Name,
//     Espace_Id and its members, Is_Active) and the link's columns the
//     spec lists (TenantId, the tenant's Id as a number, so
//     "TenantId In 15,7182" works; UserId and AccountId, the account's
//     Id); Fields names the Tenant's members only, since the answer must
//     stay a Tenant.
//   - Pictures: an account has one picture at most (the vendor keys
//     Picture by AccountId). POST /Account/{Id}/Picture takes PictureData
//     {"Picture": base64} (standard or URL alphabet, padding optional;
//     the schema's format binary in JSON, and what the vendor's test data
//     encodes); 1 to AgileNowMaxPictureBytes (512 KiB) decoded, else 400
//     Bad Input saying so (beyond the body cap, 1 MiB by default, the
//     pipeline's 413 comes first). An upload replaces the picture: a new
//     record, CreatedOn now, Filename "picture" plus the extension of the
//     bytes' content type (.png, .jpg, .gif, .webp, .bmp, .ico, else .bin),
//     since PictureData has no file name. Every Picture answer leaves the
//     bytes out except a list whose Fields names Picture; Filters and
//     Orders name AccountId, Filename and CreatedOn; Fields Filename,
//     Picture and CreatedOn. DELETE /Account/{Id}/Picture/{SubId} matches
//     SubId against the picture's AccountId (SubName empty, as the spec
//     says, or AccountId) or Filename, ignoring case; no match is 404. The
//     state file keeps the bytes base64.
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
//     Server's default collation does, across all tenants. A value another
//     account holds, on insert or on update, is 400 /Errors/Multible Rows
//     naming the field (the vendor documents no other type for it);
//     Username and ExternalId of an upsert identifying two accounts is the
//     same error.
//   - Upsert: a non-empty Id selects the account (404 if none); else
//     Username, then ExternalId, select it; else it inserts. POST may
//     carry an Id: a new one is used as the account's Id.
//   - PUT, and the update branch of the upsert, change only the members
//     present in the body; null clears a member (false for a boolean).
//     ModifiedOn moves even when nothing changes. Id never changes.
//   - Request bodies: member names ignore case; a member the schema lacks
//     (e.g. Id or PhoneVerified in PUT, EmailVerified anywhere, TenantId,
//     Filename in PictureData) is 400, as is a value of the wrong JSON
//     type. Nothing is required in the Account bodies (TenantData needs
//     TenantId, FieldType its Value, PictureData its Picture). Enum members
//     accept exactly the vendor's values (19 languages, 89 Windows time
//     zones, 7 date formats; case-sensitive), else 400 naming the field
//     and value.
//   - Responses render every member of the extended Account. Unset text
//     is ""; an unset foreign key is left out (the vendor's spec does not
//     let it be null), in Fields projections too. LanguageId, TimezoneId and
//     DateFormatId are AbstractText {Id and ExternalId: the enum value,
//     Name: its display text ("Finnish", "(GMT+02:00) Helsinki, ..."),
//     Type: "Language", "Timezone" or "DateFormat"}. Times are RFC 3339
//     UTC, with a fraction only when there is one.
//   - {Id} may be "base64|" + base64 (standard or URL alphabet, padding
//     optional), on every route; so may {SubId}. Name is a comma-separated
//     list of Id, Username and ExternalId (ignoring case; empty means Id);
//     another field is 400 /Errors/Invalid Field; a value matching two
//     accounts is 400 /Errors/Multible Rows. SubName is read the same way.
//   - Lists: query parameter names ignore case (the last value counts).
//     Filters, Orders and Fields use package filter/agilenow; a syntax
//     error is 400 Bad Input, an unknown field or a type misuse 400
//     Invalid Field, each with the byte offset. A foreign key alone
//     (LanguageId) filters and sorts on its Id; its members (LanguageId.Name)
//     work too. Fields projects top-level members in the order given.
//     CurrentPage is zero-based (0 or more; past the end gives no Data);
//     PageSize is 1 to 1000, default 50; anything else is 400. The default
//     order, and the order among equals, is creation order (link order
//     for tenants).
//   - Not served: the vendor's other entities.
package mockisc
