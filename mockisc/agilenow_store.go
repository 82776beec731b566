package mockisc

import (
	"fmt"
	"strings"
)

// anRecord is a stored AgileNow account with its cached rendering.
type anRecord struct {
	AgileNowAccount
	doc []byte // the extended Account JSON; nil after a change
}

// The unique keys of an AgileNow account. Each is unique when set
// (non-empty), compared ignoring case as SQL Server's default collation
// does.
const (
	anKeyID = iota
	anKeyUsername
	anKeyExternalID
	anKeyEmail
	anKeyPhone
	anKeyIdentifier
	anKeyCount
)

// anKeyNames are the vendor's names of the unique keys.
var anKeyNames = [anKeyCount]string{"Id", "Username", "ExternalId", "Email", "Phone", "Identifier"}

// keyValue returns a's value of unique key k.
func (a *AgileNowAccount) keyValue(k int) string {
	switch k {
	case anKeyID:
		return a.ID
	case anKeyUsername:
		return a.Username
	case anKeyExternalID:
		return a.ExternalID
	case anKeyEmail:
		return a.Email
	case anKeyPhone:
		return a.Phone
	case anKeyIdentifier:
		return a.Identifier
	}
	return ""
}

// agileNowStore holds a tenant's AgileNow accounts in creation order (the
// default list order), indexed by every unique key. Its zero value is
// empty and ready to use.
type agileNowStore struct {
	order []*anRecord
	keys  [anKeyCount]map[string]*anRecord // lower-cased value → record
}

func foldKey(v string) string { return strings.ToLower(v) }

// find returns the record whose key k equals v ignoring case, or nil.
func (st *agileNowStore) find(k int, v string) *anRecord {
	if v == "" || st.keys[k] == nil {
		return nil
	}
	return st.keys[k][foldKey(v)]
}

// conflict returns the first unique key whose value in a already belongs
// to a record other than self, and that record.
func (st *agileNowStore) conflict(a *AgileNowAccount, self *anRecord) (int, *anRecord) {
	for k := range anKeyCount {
		if other := st.find(k, a.keyValue(k)); other != nil && other != self {
			return k, other
		}
	}
	return -1, nil
}

// check validates a against the enums and the unique keys of the store
// (ignoring self, the record a replaces).
func (st *agileNowStore) check(a *AgileNowAccount, self *anRecord) error {
	for _, c := range []struct {
		e     *anEnum
		field string
		value string
	}{
		{anLanguages, "LanguageId", a.LanguageID},
		{anTimezones, "TimezoneId", a.TimezoneID},
		{anDateFormats, "DateFormatId", a.DateFormatID},
	} {
		if err := c.e.check(c.field, c.value); err != nil {
			return err
		}
	}
	if k, other := st.conflict(a, self); other != nil {
		return &anUniqueError{field: anKeyNames[k], value: a.keyValue(k), owner: other.ID}
	}
	return nil
}

// anUniqueError is a unique key value that another account holds.
type anUniqueError struct {
	field, value, owner string
}

func (e *anUniqueError) Error() string {
	return fmt.Sprintf("%s: %q already belongs to account %q; the value must be unique", e.field, e.value, e.owner)
}

func (st *agileNowStore) index(r *anRecord) {
	for k := range anKeyCount {
		if v := r.keyValue(k); v != "" {
			if st.keys[k] == nil {
				st.keys[k] = map[string]*anRecord{}
			}
			st.keys[k][foldKey(v)] = r
		}
	}
}

func (st *agileNowStore) unindex(r *anRecord) {
	for k := range anKeyCount {
		if v := r.keyValue(k); v != "" && st.keys[k][foldKey(v)] == r {
			delete(st.keys[k], foldKey(v))
		}
	}
}

// add stores a, already checked, at the end of creation order.
func (st *agileNowStore) add(a AgileNowAccount) *anRecord {
	r := &anRecord{AgileNowAccount: a}
	st.order = append(st.order, r)
	st.index(r)
	return r
}

// set replaces r's fields with a, already checked; the Id stays.
func (st *agileNowStore) set(r *anRecord, a AgileNowAccount) {
	st.unindex(r)
	a.ID = r.ID
	r.AgileNowAccount = a
	r.doc = nil
	st.index(r)
}

// remove deletes r.
func (st *agileNowStore) remove(r *anRecord) {
	st.unindex(r)
	for i, x := range st.order {
		if x == r {
			st.order = append(st.order[:i:i], st.order[i+1:]...)
			break
		}
	}
}

// snapshot returns copies of the accounts in creation order.
func (st *agileNowStore) snapshot() []AgileNowAccount {
	out := make([]AgileNowAccount, 0, len(st.order))
	for _, r := range st.order {
		out = append(out, r.AgileNowAccount)
	}
	return out
}

// doc returns r's extended Account JSON, rendering it once per change.
func (s *Server) anDoc(r *anRecord) []byte {
	if r.doc == nil {
		r.doc = s.renderAgileNow(&r.AgileNowAccount)
	}
	return r.doc
}

// checkAgileNowAccount fills a's defaults (a generated Id, the clock's
// times) and validates it for adding to st; errors name the element at
// path.
func (s *Server) checkAgileNowAccount(st *agileNowStore, a *AgileNowAccount, path string) error {
	if a.ID == "" {
		a.ID = s.ids.next()
	}
	if err := st.check(a, nil); err != nil {
		if ue, ok := err.(*anUniqueError); ok {
			return exists(path+"."+ue.field, "%s", ue.Error())
		}
		field, msg, _ := strings.Cut(err.Error(), ": ")
		return invalid(path+"."+field, "%s", msg)
	}
	s.stamp(&a.CreatedOn, &a.ModifiedOn)
	return nil
}
