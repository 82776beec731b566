package mockisc

import (
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// anParam returns a query parameter, its name matched ignoring case (the
// vendor's own example writes "fields="). When it is given more than once
// the last value (of the last spelling in byte order) counts.
func anParam(c *call, name string) (string, bool) {
	q := c.r.URL.Query()
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

// anMatchKeys are the fields the Name parameter may name.
var anMatchKeys = []int{anKeyID, anKeyUsername, anKeyExternalID}

// anPathID decodes the {Id} path value: "base64|<encoded>" is decoded
// (standard or URL alphabet, padded or not), anything else taken as is.
func anPathID(raw string) (string, *response) {
	enc, ok := strings.CutPrefix(raw, "base64|")
	if !ok {
		return raw, nil
	}
	for _, e := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := e.DecodeString(enc); err == nil {
			return string(b), nil
		}
	}
	return "", anBadInput("Id: %q is not valid base64 after the \"base64|\" prefix", enc)
}

// anLookup finds the account the {Id} path value and the Name parameter
// select. Name is a comma-separated list of Id, Username and ExternalId
// (ignoring case; empty means Id); the value matches any of them, ignoring
// case. No match is a 404, matches on two accounts a 400 Multible Rows,
// an unknown field a 400 Invalid Field.
func (s *Server) anLookup(c *call) (*anRecord, *response) {
	id, resp := anPathID(c.r.PathValue("Id"))
	if resp != nil {
		return nil, resp
	}
	if id == "" {
		return nil, anBadInput("Id: the path value is empty")
	}
	keys := []int{anKeyID}
	if name, ok := anParam(c, "Name"); ok && strings.TrimSpace(name) != "" {
		keys = keys[:0]
		for item := range strings.SplitSeq(name, ",") {
			item = strings.TrimSpace(item)
			i := slices.IndexFunc(anMatchKeys, func(k int) bool { return strings.EqualFold(anKeyNames[k], item) })
			if i < 0 {
				return nil, anError(http.StatusBadRequest, anTypeInvalidField,
					"Name: %q is not a field an account can be matched on; use Id, Username or ExternalId", item)
			}
			if !slices.Contains(keys, anMatchKeys[i]) {
				keys = append(keys, anMatchKeys[i])
			}
		}
	}
	var found *anRecord
	var foundBy int
	for _, k := range keys {
		r := s.ten.an.find(k, id)
		if r == nil || r == found {
			continue
		}
		if found != nil {
			return nil, anError(http.StatusBadRequest, anTypeMultipleRows,
				"%q matches account %q by %s and account %q by %s", id, found.ID, anKeyNames[foundBy], r.ID, anKeyNames[k])
		}
		found, foundBy = r, k
	}
	if found == nil {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = anKeyNames[k]
		}
		return nil, anNotFound("no account has %s %q", strings.Join(names, " or "), id)
	}
	return found, nil
}

// anGet serves GET /Account/{Id}.
func (s *Server) anGet(c *call) *response {
	r, resp := s.anLookup(c)
	if resp != nil {
		return resp
	}
	return anJSON(s.anDoc(r))
}

// anDelete serves DELETE /Account/{Id}: it answers with the deleted record.
func (s *Server) anDelete(c *call) *response {
	r, resp := s.anLookup(c)
	if resp != nil {
		return resp
	}
	doc := s.anDoc(r)
	s.ten.an.remove(r)
	return anJSON(doc)
}

// anUpdate serves PUT /Account/{Id}: the members present in the body
// (AccountUpdateData) change; the others keep their values.
func (s *Server) anUpdate(c *call) *response {
	r, resp := s.anLookup(c)
	if resp != nil {
		return resp
	}
	body, resp := decodeAgileNow(c, anSchemaUpdate)
	if resp != nil {
		return resp
	}
	return s.anApplyUpdate(r, body)
}

// anInsert serves POST /Account: it inserts the body (AccountInsertData);
// a value of a unique key (Id, Username, ExternalId, Email, Phone,
// Identifier) that an account already holds is a 400 Multible Rows.
func (s *Server) anInsert(c *call) *response {
	body, resp := decodeAgileNow(c, anSchemaInsert)
	if resp != nil {
		return resp
	}
	return s.anApplyInsert(body)
}

// anUpsert serves PATCH /Account (AccountData): with an Id, it updates
// that account (404 if there is none); without, it updates the account
// that Username or ExternalId identifies (400 Multible Rows if they
// identify two), and inserts when none does or all three are empty.
func (s *Server) anUpsert(c *call) *response {
	body, resp := decodeAgileNow(c, anSchemaData)
	if resp != nil {
		return resp
	}
	if body.id != "" {
		r := s.ten.an.find(anKeyID, body.id)
		if r == nil {
			return anNotFound("Id: no account has Id %q; an upsert with an Id only updates", body.id)
		}
		return s.anApplyUpdate(r, body)
	}
	user, ext := body.text("Username"), body.text("ExternalId")
	byUser, byExt := s.ten.an.find(anKeyUsername, user), s.ten.an.find(anKeyExternalID, ext)
	if byUser != nil && byExt != nil && byUser != byExt {
		return anError(http.StatusBadRequest, anTypeMultipleRows,
			"Username %q identifies account %q but ExternalId %q identifies account %q", user, byUser.ID, ext, byExt.ID)
	}
	if r := cmpOr(byUser, byExt); r != nil {
		return s.anApplyUpdate(r, body)
	}
	return s.anApplyInsert(body)
}

func cmpOr(a, b *anRecord) *anRecord {
	if a != nil {
		return a
	}
	return b
}

// anApplyUpdate writes body's members into r after checking uniqueness.
func (s *Server) anApplyUpdate(r *anRecord, body *anBody) *response {
	next := r.AgileNowAccount
	body.apply(&next)
	if err := s.ten.an.check(&next, r); err != nil {
		return anCheckError(err)
	}
	next.ModifiedOn = s.now()
	s.ten.an.set(r, next)
	return anJSON(s.anDoc(r))
}

// anApplyInsert inserts a new account from body, with body's Id or a
// generated one.
func (s *Server) anApplyInsert(body *anBody) *response {
	var a AgileNowAccount
	body.apply(&a)
	a.ID = body.id
	if err := s.ten.an.check(&a, nil); err != nil {
		return anCheckError(err)
	}
	if a.ID == "" {
		a.ID = s.ids.next()
	}
	now := s.now()
	a.CreatedOn, a.ModifiedOn = now, now
	r := s.ten.an.add(a)
	return anJSON(s.anDoc(r))
}

// anCheckError turns a failed check into a 400: Multible Rows for a
// unique value another account holds, Bad Input otherwise.
func anCheckError(err error) *response {
	var ue *anUniqueError
	if errors.As(err, &ue) {
		return anError(http.StatusBadRequest, anTypeMultipleRows, "%v", err)
	}
	return anBadInput("%v", err)
}
