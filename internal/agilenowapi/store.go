package agilenowapi

import (
	"fmt"
	"strings"
)

// record is a stored AgileNow account with its picture and its cached
// rendering.
type record struct {
	Account
	picture   *Picture // nil when it has none
	doc       []byte   // the extended Account JSON for docTenant; nil after a change
	docTenant int64
}

// The unique keys of an AgileNow account. Each is unique when set
// (non-empty), compared ignoring case as SQL Server's default collation
// does.
const (
	keyID = iota
	keyUsername
	keyExternalID
	keyEmail
	keyPhone
	keyIdentifier
	keyCount
)

// keyNames are the vendor's names of the unique keys.
var keyNames = [keyCount]string{"Id", "Username", "ExternalId", "Email", "Phone", "Identifier"}

// keyValue returns a's value of unique key k.
func (a *Account) keyValue(k int) string {
	switch k {
	case keyID:
		return a.ID
	case keyUsername:
		return a.Username
	case keyExternalID:
		return a.ExternalID
	case keyEmail:
		return a.Email
	case keyPhone:
		return a.Phone
	case keyIdentifier:
		return a.Identifier
	}
	return ""
}

// store holds a tenant's AgileNow accounts in creation order (the
// default list order), indexed by every unique key. Its zero value is
// empty and ready to use.
type store struct {
	order []*record
	keys  [keyCount]map[string]*record // lower-cased value → record
}

func foldKey(v string) string { return strings.ToLower(v) }

// find returns the record whose key k equals v ignoring case, or nil.
func (st *store) find(k int, v string) *record {
	if v == "" || st.keys[k] == nil {
		return nil
	}
	return st.keys[k][foldKey(v)]
}

// conflict returns the first unique key whose value in a already belongs
// to a record other than self, and that record.
func (st *store) conflict(a *Account, self *record) (int, *record) {
	for k := range keyCount {
		if other := st.find(k, a.keyValue(k)); other != nil && other != self {
			return k, other
		}
	}
	return -1, nil
}

// check validates a against the enums and the unique keys of the store
// (ignoring self, the record a replaces).
func (st *store) check(a *Account, self *record) error {
	for _, c := range []struct {
		e     *enum
		field string
		value string
	}{
		{languages, "LanguageId", a.LanguageID},
		{timezones, "TimezoneId", a.TimezoneID},
		{dateFormats, "DateFormatId", a.DateFormatID},
	} {
		if err := c.e.check(c.field, c.value); err != nil {
			return &CheckError{Field: c.field, Msg: strings.TrimPrefix(err.Error(), c.field+": ")}
		}
	}
	if k, other := st.conflict(a, self); other != nil {
		return &CheckError{Field: keyNames[k], Unique: true,
			Msg: fmt.Sprintf("%q already belongs to account %q; the value must be unique", a.keyValue(k), other.ID)}
	}
	return nil
}

// CheckError is why an account cannot be stored: a member's value is not
// one the vendor allows, or (Unique) a unique key's value belongs to
// another account.
type CheckError struct {
	// Field is the vendor's member name, e.g. "Username".
	Field string
	// Msg says what is wrong with its value.
	Msg string
	// Unique reports a unique key value another account holds.
	Unique bool
}

// Error is "Field: Msg".
func (e *CheckError) Error() string { return e.Field + ": " + e.Msg }

func (st *store) index(r *record) {
	for k := range keyCount {
		if v := r.keyValue(k); v != "" {
			if st.keys[k] == nil {
				st.keys[k] = map[string]*record{}
			}
			st.keys[k][foldKey(v)] = r
		}
	}
}

func (st *store) unindex(r *record) {
	for k := range keyCount {
		if v := r.keyValue(k); v != "" && st.keys[k][foldKey(v)] == r {
			delete(st.keys[k], foldKey(v))
		}
	}
}

// add stores a, already checked, at the end of creation order.
func (st *store) add(a Account) *record {
	r := &record{Account: a}
	st.order = append(st.order, r)
	st.index(r)
	return r
}

// set replaces r's fields with a, already checked; the Id stays. The
// links (a.Tenants) must not share memory with anything a caller holds.
func (st *store) set(r *record, a Account) {
	st.unindex(r)
	a.ID = r.ID
	r.Account = a
	r.doc = nil
	st.index(r)
}

// remove deletes r.
func (st *store) remove(r *record) {
	st.unindex(r)
	for i, x := range st.order {
		if x == r {
			st.order = append(st.order[:i:i], st.order[i+1:]...)
			break
		}
	}
}

// snapshot returns copies of the accounts in creation order.
func (st *store) snapshot() []Account {
	out := make([]Account, 0, len(st.order))
	for _, r := range st.order {
		out = append(out, r.clone())
	}
	return out
}

// forget drops every cached rendering.
func (st *store) forget() {
	for _, r := range st.order {
		r.doc = nil
	}
}

// doc returns r's extended Account JSON as a caller of tenant sees it,
// rendering it once per change (and per change of tenant).
func (api *API) doc(r *record, tenant int64) []byte {
	if r.doc == nil || r.docTenant != tenant {
		r.doc, r.docTenant = api.render(&r.Account, tenant), tenant
	}
	return r.doc
}
