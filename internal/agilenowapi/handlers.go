package agilenowapi

import (
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// param returns a query parameter, its name matched ignoring case (the
// vendor's own example writes "fields="). When it is given more than once
// the last value (of the last spelling in byte order) counts.
func param(c *engine.Call, name string) (string, bool) {
	q := c.Query()
	var keys []string
	for k := range q {
		if strings.EqualFold(k, name) && len(q[k]) > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "", false
	}
	sort.Strings(keys)
	v := q[keys[len(keys)-1]]
	return v[len(v)-1], true
}

// matchKeys are the fields the Name parameter may name.
var matchKeys = []int{keyID, keyUsername, keyExternalID}

// pathID decodes the {Id} path value: "base64|<encoded>" is decoded
// (standard or URL alphabet, padded or not), anything else taken as is.
func pathID(raw string) (string, *engine.Response) {
	return pathValue("Id", raw)
}

// pathValue decodes a path value of the given parameter name as pathID
// does.
func pathValue(name, raw string) (string, *engine.Response) {
	enc, ok := strings.CutPrefix(raw, "base64|")
	if !ok {
		return raw, nil
	}
	if b, ok := decodeBase64(enc); ok {
		return string(b), nil
	}
	return "", badInput("%s: %q is not valid base64 after the \"base64|\" prefix", name, enc)
}

// lookup finds the account the {Id} path value and the Name parameter
// select, among those a caller of tenant may address (how). Name is a
// comma-separated list of Id, Username and ExternalId (ignoring case;
// empty means Id); the value matches any of them, ignoring case. No match
// (or only accounts the caller may not address) is a 404, matches on two
// accounts a 400 Multible Rows, an unknown field a 400 Invalid Field.
func (api *API) lookup(c *engine.Call, tenant int64, how reach) (*record, *engine.Response) {
	id, resp := pathID(c.PathValue("Id"))
	if resp != nil {
		return nil, resp
	}
	if id == "" {
		return nil, badInput("Id: the path value is empty")
	}
	keys := []int{keyID}
	if name, ok := param(c, "Name"); ok && strings.TrimSpace(name) != "" {
		keys = keys[:0]
		for item := range strings.SplitSeq(name, ",") {
			item = strings.TrimSpace(item)
			i := slices.IndexFunc(matchKeys, func(k int) bool { return strings.EqualFold(keyNames[k], item) })
			if i < 0 {
				return nil, fail(http.StatusBadRequest, typeInvalidField,
					"Name: %q is not a field an account can be matched on; use Id, Username or ExternalId", item)
			}
			if !slices.Contains(keys, matchKeys[i]) {
				keys = append(keys, matchKeys[i])
			}
		}
	}
	var found *record
	var foundBy int
	for _, k := range keys {
		r := api.st.find(k, id)
		if r == nil || r == found || !r.reachable(tenant, how) {
			continue
		}
		if found != nil {
			return nil, fail(http.StatusBadRequest, typeMultipleRows,
				"%q matches account %q by %s and account %q by %s", id, found.ID, keyNames[foundBy], r.ID, keyNames[k])
		}
		found, foundBy = r, k
	}
	if found == nil {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = keyNames[k]
		}
		return nil, notFound("no account has %s %q", strings.Join(names, " or "), id)
	}
	return found, nil
}

// get serves GET /Account/{Id}: accounts linked to the caller's tenant.
func (api *API) get(c *engine.Call) *engine.Response {
	tenant := api.callerTenant(c)
	r, resp := api.lookup(c, tenant, reachLinked)
	if resp != nil {
		return resp
	}
	return ok(api.doc(r, tenant))
}

// remove serves DELETE /Account/{Id}: an account linked to the caller's
// tenant, or to none, goes with its tenant links and its picture; one
// also linked to another tenant is refused with a 403. It answers with
// the deleted record.
func (api *API) remove(c *engine.Call) *engine.Response {
	tenant := api.callerTenant(c)
	r, resp := api.lookup(c, tenant, reachOwnable)
	if resp != nil {
		return resp
	}
	if others := r.others(tenant); len(others) > 0 {
		return refuseLinked(r, others)
	}
	doc := api.doc(r, tenant)
	api.st.remove(r)
	return ok(doc)
}

// update serves PUT /Account/{Id}: the members present in the body
// (AccountUpdateData) change; the others keep their values.
func (api *API) update(c *engine.Call) *engine.Response {
	tenant := api.callerTenant(c)
	r, resp := api.lookup(c, tenant, reachLinked)
	if resp != nil {
		return resp
	}
	body, resp := decode(c, schemaUpdate)
	if resp != nil {
		return resp
	}
	return api.applyUpdate(r, body, tenant)
}

// insert serves POST /Account: it inserts the body (AccountInsertData);
// a value of a unique key (Id, Username, ExternalId, Email, Phone,
// Identifier) that an account already holds is a 400 Multible Rows.
func (api *API) insert(c *engine.Call) *engine.Response {
	body, resp := decode(c, schemaInsert)
	if resp != nil {
		return resp
	}
	return api.applyInsert(body, api.callerTenant(c))
}

// upsert serves PATCH /Account (AccountData): with an Id, it updates
// that account (404 if there is none); without, it updates the account
// that Username or ExternalId identifies (400 Multible Rows if they
// identify two), and inserts when none does or all three are empty. It
// sees only accounts linked to the caller's tenant: a Username or
// ExternalId of another tenant's account is taken, so the insert it
// leads to is a 400 Multible Rows.
func (api *API) upsert(c *engine.Call) *engine.Response {
	body, resp := decode(c, schemaData)
	if resp != nil {
		return resp
	}
	tenant := api.callerTenant(c)
	find := func(k int, v string) *record {
		if r := api.st.find(k, v); r != nil && r.reachable(tenant, reachLinked) {
			return r
		}
		return nil
	}
	if body.id != "" {
		r := find(keyID, body.id)
		if r == nil {
			return notFound("Id: no account has Id %q; an upsert with an Id only updates", body.id)
		}
		return api.applyUpdate(r, body, tenant)
	}
	user, ext := body.text("Username"), body.text("ExternalId")
	byUser, byExt := find(keyUsername, user), find(keyExternalID, ext)
	if byUser != nil && byExt != nil && byUser != byExt {
		return fail(http.StatusBadRequest, typeMultipleRows,
			"Username %q identifies account %q but ExternalId %q identifies account %q", user, byUser.ID, ext, byExt.ID)
	}
	if r := cmpOr(byUser, byExt); r != nil {
		return api.applyUpdate(r, body, tenant)
	}
	return api.applyInsert(body, tenant)
}

func cmpOr(a, b *record) *record {
	if a != nil {
		return a
	}
	return b
}

// applyUpdate writes body's members into r after checking uniqueness,
// and answers r as a caller of tenant sees it.
func (api *API) applyUpdate(r *record, body *body, tenant int64) *engine.Response {
	next := r.clone()
	body.apply(&next)
	if err := api.st.check(&next, r); err != nil {
		return checkFailed(err)
	}
	next.ModifiedOn = api.clock.Now()
	api.st.set(r, next)
	return ok(api.doc(r, tenant))
}

// applyInsert inserts a new account from body, with body's Id or a
// generated one, linked to the caller's tenant.
func (api *API) applyInsert(body *body, tenant int64) *engine.Response {
	var a Account
	body.apply(&a)
	a.ID = body.id
	if err := api.st.check(&a, nil); err != nil {
		return checkFailed(err)
	}
	if a.ID == "" {
		a.ID = api.ids.ID()
	}
	if tenant != OwnTenantID {
		a.Tenants = []int64{tenant}
	}
	now := api.clock.Now()
	a.CreatedOn, a.ModifiedOn = now, now
	r := api.st.add(a)
	return ok(api.doc(r, tenant))
}

// checkFailed turns a failed check into a 400: Multible Rows for a
// unique value another account holds, Bad Input otherwise.
func checkFailed(err error) *engine.Response {
	var ce *CheckError
	if errors.As(err, &ce) && ce.Unique {
		return fail(http.StatusBadRequest, typeMultipleRows, "%v", err)
	}
	return badInput("%v", err)
}
