// Package jsonpatch applies RFC 6902 JSON Patch documents strictly, and
// applies ISC's rules for PATCH /v3/accounts/{id}: which account fields a
// patch may change, and how changing identityId changes the account's
// correlation.
//
// # Quick start
//
// Plain RFC 6902, no ISC rules:
//
//	out, err := jsonpatch.Apply(doc, patch) // Decode + Patch.Apply
//
// An ISC account patch:
//
//	p, err := jsonpatch.Decode(body) // shape errors name the op index and member
//	c, err := jsonpatch.ApplyAccount(accountJSON, p, jsonpatch.AccountTarget{
//		FlatFile:       source.ConnectionType == "file",
//		Authoritative:  source.Authoritative,
//		LookupIdentity: tenant.Identity,
//		Now:            clock.Now(),
//	})
//	// c.Doc is the new account; c.LeftIdentityID, when set, is an identity the
//	// server may have to mark uncorrelated.
//
// Every function is atomic: on error it returns nil and leaves its input
// byte-identical, and a result never shares memory with the input.
//
// # RFC 6902 as implemented
//
// A patch is a JSON array of objects. Decode checks each operation:
//
//	op      one of add, remove, replace, move, copy, test (case-sensitive)
//	path    an RFC 6901 pointer: "" or "/" tokens; "~" only as "~0" or "~1"
//	from    the same, required for move and copy
//	value   required for add, replace and test; an explicit null is present
//	move    "from" must not be a proper prefix of "path"
//
// Members an op does not use are ignored. Member names are case-sensitive.
// Array indexes are "0" or a digit 1-9 followed by digits: "-1", "+1", "01"
// and "-0" are not indexes (on an object they are ordinary keys); "-" means
// "after the last element" for add only. The pointer "/" names the key "",
// never the document. "test" needs the path to exist (a null value does not
// match a missing path) and compares by value: numbers numerically (1 equals
// 1.0 and 10e-1), strings after unescaping, objects without regard to member
// order. Results are compact JSON.
//
// Apply is built on github.com/evanphx/json-patch/v5 (v5.9.11). A patch of
// add, remove, replace, move and copy that it resolves as RFC 6901/6902 says
// goes to its ApplyWithOptions, in one call, with an explicit ApplyOptions:
// SupportNegativeIndices false, AllowMissingPathOnRemove false,
// EnsurePathExistsOnAdd false, EscapeHTML false and a copy budget of
// MaxCopyBytes. Its package globals are never read or written. Where evanphx
// departs from RFC 6901/6902 this package applies the whole patch itself:
// a patch with a "test" (evanphx treats "/" as the whole document, compares
// numbers as text, and lets a null value match a missing path); one with a
// path or from that is "" (the whole document), has an empty token (evanphx
// resolves "/a//b" as "/a/b") or a token such as "01", "+1" or "-0" (which
// evanphx accepts as array indexes); and a patch of a document that is not
// an object or array. It does so on one parsed copy of the document, which
// it splits into members only where operations reach, so a patch costs time
// linear in its size and the document's, however tests and other operations
// interleave. When an evanphx call fails, its operations are replayed one by
// one to find the index of the failing one.
//
// A patch holds at most MaxOperations (1000) operations: Decode and Apply
// refuse a longer one with a *SyntaxError saying so.
//
// # Errors
//
// Errors for one operation are *OpError{Index, Op, Path, Member, Err, Msg};
// the text always starts "jsonpatch: operation N: ". Err is a sentinel:
// ErrInvalidPatch, ErrTestFailed, ErrMissing, ErrInvalidIndex,
// ErrCannotRemoveRoot, ErrCopyTooLarge, or for accounts ErrPathNotAllowed,
// ErrOpNotAllowed, ErrNotFlatFile, ErrIdentityNotFound, ErrInvalidValue. The
// RFC sentinels wrap evanphx's (ErrInvalid, ErrTestFailed, ErrMissing,
// ErrInvalidIndex), so errors.Is works with either package. A patch that is
// not a JSON array is a *SyntaxError and a document that is not JSON a
// *DocError, both with a byte offset. DetailCode maps an error to ISC's
// detailCode.
//
// # ISC account rules
//
// AccountRules is the table for the v3 Account model (data, so later API
// versions can build theirs from the same Rule type):
//
//	/identityId          add, replace, remove   value: a non-empty string
//	/manuallyCorrelated  add, replace           value: a boolean
//	/attributes          any op, flat file only value: an object or null
//	/attributes/...      any op, flat file only
//
// "test" may read any path and "copy" may read any from; "move" must be
// allowed at both from and path. Any other path is refused with
// ErrPathNotAllowed and the text `path "/name" is not a valid patch field for
// the account model`. The whole patch is checked before anything is applied,
// so a patch that mixes allowed and refused paths changes nothing. Because
// only these paths can be written, id, created and sourceId never change.
//
// After the patch, ApplyAccount applies the correlation rules:
//
//   - identityId changed to X: X must be known to LookupIdentity, else
//     ErrIdentityNotFound (detailCode "400.1.404 Referenced object not
//     found") naming X; identity becomes {id: X, type: IDENTITY, name},
//     uncorrelated false, identityState and cloudLifecycleState mirror X,
//     manuallyCorrelated true unless the patch writes /manuallyCorrelated.
//   - identityId removed: identityId and identity are gone (neither is
//     nullable in the v3 schema; a document may carry them as null
//     before, so that "replace" works on an uncorrelated account),
//     uncorrelated true,
//     identityState and cloudLifecycleState null, manuallyCorrelated false
//     unless the patch writes /manuallyCorrelated.
//   - An authoritative account that leaves identity P reports P in
//     AccountChange.LeftIdentityID; the server decides whether P becomes
//     uncorrelated.
//   - modified is set to AccountTarget.Now (RFC 3339, UTC, milliseconds).
//
// # Deviations
//
//   - Duplicate member names in a patch operation are not detected; the last
//     one wins (as in evanphx and encoding/json). The two conformance cases
//     about them are disabled upstream.
//   - A remove of a key that a document holds more than once removes every
//     copy; add and replace change the last copy.
//   - Copies are limited to MaxCopyBytes per patch (RFC 6902 has no limit).
//     Across several evanphx runs the budget is estimated from document growth.
//   - "test" on a missing path fails with ErrTestFailed (not ErrMissing).
//     "replace" or "remove" of "/a/-" fails with ErrMissing or
//     ErrInvalidIndex depending on which code path runs; both are errors.
//   - ISC documents no behaviour for paths other than /identityId,
//     /manuallyCorrelated and /attributes (gap); refusing them with 400 and
//     the forum's text is inferred. Which ops ISC allows on each path is a
//     gap too; the table above is our choice (for example, remove of
//     /manuallyCorrelated and copy into /identityId are refused with
//     ErrOpNotAllowed).
//   - identityId set to its current value is not a reassignment: nothing is
//     looked up and manuallyCorrelated is left alone.
//   - After uncorrelation identityState and cloudLifecycleState become null
//     (the reference does not say).
//   - Removing /attributes leaves "attributes": null (a required key).
//   - A zero AccountTarget.Now leaves modified unchanged.
//   - ISC applies account patches asynchronously (202); this package is the
//     synchronous core, and ISC side effects such as creating a new account
//     for the previous identity are not modelled.
package jsonpatch
