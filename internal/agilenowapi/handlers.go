package agilenowapi

import (
	"encoding/base64"
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
	q := c.Req.URL.Query()
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
	enc, ok := strings.CutPrefix(raw, "base64|")
	if !ok {
		return raw, nil
	}
	for _, e := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := e.DecodeString(enc); err == nil {
			return string(b), nil
		}
	}
	return "", badInput("Id: %q is not valid base64 after the \"base64|\" prefix", enc)
}

// lookup finds the account the {Id} path value and the Name parameter
// select. Name is a comma-separated list of Id, Username and ExternalId
// (ignoring case; empty means Id); the value matches any of them, ignoring
// case. No match is a 404, matches on two accounts a 400 Multible Rows,
// an unknown field a 400 Invalid Field.
func (api *API) lookup(c *engine.Call) (*record, *engine.Response) {
	id, resp := pathID(c.Req.PathValue("Id"))
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
		if r == nil || r == found {
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

// get serves GET /Account/{Id}.
func (api *API) get(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c)
	if resp != nil {
		return resp
	}
	return ok(api.doc(r))
}

// remove serves DELETE /Account/{Id}: it answers with the deleted record.
func (api *API) remove(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c)
	if resp != nil {
		return resp
	}
	doc := api.doc(r)
	api.st.remove(r)
	return ok(doc)
}

// update serves PUT /Account/{Id}: the members present in the body
// (AccountUpdateData) change; the others keep their values.
func (api *API) update(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c)
	if resp != nil {
		return resp
	}
	body, resp := decode(c, schemaUpdate)
	if resp != nil {
		return resp
	}
	return api.applyUpdate(r, body)
}

// insert serves POST /Account: it inserts the body (AccountInsertData);
// a value of a unique key (Id, Username, ExternalId, Email, Phone,
// Identifier) that an account already holds is a 400 Multible Rows.
func (api *API) insert(c *engine.Call) *engine.Response {
	body, resp := decode(c, schemaInsert)
	if resp != nil {
		return resp
	}
	return api.applyInsert(body)
}

// upsert serves PATCH /Account (AccountData): with an Id, it updates
// that account (404 if there is none); without, it updates the account
// that Username or ExternalId identifies (400 Multible Rows if they
// identify two), and inserts when none does or all three are empty.
func (api *API) upsert(c *engine.Call) *engine.Response {
	body, resp := decode(c, schemaData)
	if resp != nil {
		return resp
	}
	if body.id != "" {
		r := api.st.find(keyID, body.id)
		if r == nil {
			return notFound("Id: no account has Id %q; an upsert with an Id only updates", body.id)
		}
		return api.applyUpdate(r, body)
	}
	user, ext := body.text("Username"), body.text("ExternalId")
	byUser, byExt := api.st.find(keyUsername, user), api.st.find(keyExternalID, ext)
	if byUser != nil && byExt != nil && byUser != byExt {
		return fail(http.StatusBadRequest, typeMultipleRows,
			"Username %q identifies account %q but ExternalId %q identifies account %q", user, byUser.ID, ext, byExt.ID)
	}
	if r := cmpOr(byUser, byExt); r != nil {
		return api.applyUpdate(r, body)
	}
	return api.applyInsert(body)
}

func cmpOr(a, b *record) *record {
	if a != nil {
		return a
	}
	return b
}

// applyUpdate writes body's members into r after checking uniqueness.
func (api *API) applyUpdate(r *record, body *body) *engine.Response {
	next := r.Account
	body.apply(&next)
	if err := api.st.check(&next, r); err != nil {
		return checkFailed(err)
	}
	next.ModifiedOn = api.clock.Now()
	api.st.set(r, next)
	return ok(api.doc(r))
}

// applyInsert inserts a new account from body, with body's Id or a
// generated one.
func (api *API) applyInsert(body *body) *engine.Response {
	var a Account
	body.apply(&a)
	a.ID = body.id
	if err := api.st.check(&a, nil); err != nil {
		return checkFailed(err)
	}
	if a.ID == "" {
		a.ID = api.ids.ID()
	}
	now := api.clock.Now()
	a.CreatedOn, a.ModifiedOn = now, now
	r := api.st.add(a)
	return ok(api.doc(r))
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
