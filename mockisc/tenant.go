package mockisc

import (
	"cmp"
	"maps"
	"slices"
	"sync"
)

// tenant is the in-memory state of one fake tenant. Reads of it may run
// at once (the server holds s.mu for reading around them; nothing a read
// does changes it, but the list cache, which locks itself); every change
// holds s.mu alone.
type tenant struct {
	sources       map[string]*Source
	sourceOrder   []string
	identities    map[string]*Identity
	identityOrder []string
	ents          map[string]*Entitlement
	entOrder      []string
	accounts      map[string]*account
	order         []*account                     // creation order, the default list order
	byNative      map[string]map[string]*account // source id → native identity → account
	authCount     map[string]int                 // identity id → accounts on authoritative sources
	seq           uint64
	idx           *indexes // ordered indexes of accounts (store_index.go)
	// bulk defers indexing while a loader fills a new tenant; the
	// loader builds the indexes at the end (finishLoad). deferMaps also
	// defers the accounts and byNative maps and the accounts' links, for
	// accounts that are not checked as they come (a generated tenant's,
	// which come straight into order).
	bulk, deferMaps bool
	deferredIdents  []*Identity // with deferMaps: identities for the identities map

	// version changes on every change of the tenant; list results are
	// cached per version.
	version uint64
}

// native returns the account of the source with that native identity.
func (t *tenant) native(source, native string) *account { return t.byNative[source][native] }

func (t *tenant) putNative(a *account) {
	m := t.byNative[a.SourceID]
	if m == nil {
		m = map[string]*account{}
		t.byNative[a.SourceID] = m
	}
	m[a.NativeIdentity] = a
}

func (t *tenant) dropNative(a *account) {
	if m := t.byNative[a.SourceID]; m != nil {
		delete(m, a.NativeIdentity)
		if len(m) == 0 {
			delete(t.byNative, a.SourceID)
		}
	}
}

// account is a stored account: its creation order (seq, from 1) and the
// keys it is indexed under. Read its attributes with attributes(), set
// them with setAttrs, and copy it out with export.
type account struct {
	seq   uint64
	ix    ixKeys
	attrs string // the attributes, encoded (store_attrs.go); Account.Attributes is nil then
	Account
}

func newTenant() *tenant {
	return &tenant{
		sources:    map[string]*Source{},
		identities: map[string]*Identity{},
		ents:       map[string]*Entitlement{},
		accounts:   map[string]*account{},
		byNative:   map[string]map[string]*account{},
		authCount:  map[string]int{},
		idx:        newIndexes(),
	}
}

// changed records a change of one account.
func (t *tenant) changed(a *account) {
	t.version++
	if t.indexed(a) {
		t.idx.update(a)
	}
}

// indexed reports whether a is in the indexes: stored, and not in a
// tenant being loaded.
func (t *tenant) indexed(a *account) bool { return !t.bulk && t.accounts[a.ID] == a }

// rename changes a's name; a stored account's name changes only here,
// which keeps the name index in order.
func (t *tenant) rename(a *account, name string) {
	if name == a.Name {
		return
	}
	if t.indexed(a) {
		t.idx.rename(a, name)
	} else {
		a.Name = name
	}
}

// changedAll records a change that every account's rendering may see.
func (t *tenant) changedAll() {
	t.version++
}

func (t *tenant) authoritative(a *account) bool {
	src := t.sources[a.SourceID]
	return src != nil && src.Authoritative && a.IdentityID != ""
}

// link counts a's correlation; call it after a is added or its identity
// or source set, and unlink before. When an identity's correlated flag
// flips, every rendering is invalidated.
func (t *tenant) link(a *account) {
	if t.authoritative(a) {
		t.authCount[a.IdentityID]++
		if t.authCount[a.IdentityID] == 1 {
			t.changedAll()
		}
	}
}

func (t *tenant) unlink(a *account) {
	if t.authoritative(a) {
		t.authCount[a.IdentityID]--
		if t.authCount[a.IdentityID] <= 0 {
			delete(t.authCount, a.IdentityID)
			t.changedAll()
		}
	}
}

// linkAll counts the correlations of every account, as link does for
// one, in a tenant whose accounts none were counted yet (a bulk load's).
func (t *tenant) linkAll() {
	var auth []string // the ids of the authoritative sources: few
	for id, src := range t.sources {
		if src.Authoritative {
			auth = append(auth, id)
		}
	}
	for _, a := range t.order {
		if a.IdentityID != "" && slices.Contains(auth, a.SourceID) {
			t.authCount[a.IdentityID]++
		}
	}
}

// live reports whether a is still in the tenant (a deferred task may
// find it deleted).
func (t *tenant) live(a *account) bool { return t.accounts[a.ID] == a }

// correlated reports whether the identity has an account on an
// authoritative source.
func (t *tenant) correlated(identityID string) bool { return t.authCount[identityID] > 0 }

// grow makes room for the given numbers of accounts and identities.
func (t *tenant) grow(accounts, identities int) {
	if len(t.accounts) == 0 {
		t.accounts = make(map[string]*account, accounts)
		for id := range t.sources {
			t.byNative[id] = make(map[string]*account, accounts/max(len(t.sources), 1))
		}
		t.order = slices.Grow(t.order, accounts)
	}
	if len(t.identities) == 0 {
		t.identities = make(map[string]*Identity, identities)
		t.identityOrder = slices.Grow(t.identityOrder, identities)
	}
}

func (t *tenant) addAccount(a Account) *account {
	t.seq++
	st := &account{Account: a, seq: t.seq}
	st.setAttrs(a.Attributes)
	t.order = append(t.order, st)
	t.accounts[a.ID] = st
	t.putNative(st)
	if !t.bulk {
		t.idx.insert(st)
	}
	t.link(st)
	t.changed(st)
	return st
}

// finishLoad ends a bulk load: it fills the lookup maps and links the
// accounts if that was deferred, and builds the indexes, all at once, in
// parallel.
func (t *tenant) finishLoad() {
	t.bulk = false
	var wg sync.WaitGroup
	if t.deferMaps {
		t.deferMaps = false
		t.version++
		wg.Go(func() {
			for _, id := range t.deferredIdents {
				t.identities[id.ID] = id
			}
			t.deferredIdents = nil
			t.linkAll()
		})
		wg.Go(func() {
			for _, a := range t.order {
				t.accounts[a.ID] = a
			}
		})
		wg.Go(func() {
			for _, a := range t.order {
				t.putNative(a)
			}
		})
	}
	t.idx.build(t.order, &wg)
	wg.Wait()
}

// restoreAccount puts back an account taken out with deleteAccount, at
// its place in creation order.
func (t *tenant) restoreAccount(a *account) {
	if a.attrs == "" {
		a.setAttrs(a.Attributes)
	}
	i, _ := slices.BinarySearchFunc(t.order, a.seq, func(x *account, seq uint64) int { return cmp.Compare(x.seq, seq) })
	t.order = slices.Insert(t.order, i, a)
	t.accounts[a.ID] = a
	t.putNative(a)
	t.idx.insert(a)
	t.link(a)
	t.changed(a)
}

func (t *tenant) deleteAccount(a *account) {
	t.unlink(a)
	t.idx.remove(a)
	delete(t.accounts, a.ID)
	t.dropNative(a)
	if i, ok := slices.BinarySearchFunc(t.order, a.seq, func(x *account, seq uint64) int { return cmp.Compare(x.seq, seq) }); ok {
		t.order = slices.Delete(t.order, i, i+1)
	}
	t.changed(a)
}

// deleteAccountsWhere removes every account for which drop reports
// true, in one pass over creation order, and returns how many it removed.
func (t *tenant) deleteAccountsWhere(drop func(*account) bool) int {
	n := 0
	t.order = slices.DeleteFunc(t.order, func(a *account) bool {
		if !drop(a) {
			return false
		}
		t.unlink(a)
		t.idx.remove(a)
		delete(t.accounts, a.ID)
		t.dropNative(a)
		t.changed(a)
		n++
		return true
	})
	return n
}

// setIdentity correlates a to identityID ("" uncorrelates it).
func (t *tenant) setIdentity(a *account, identityID string) {
	t.unlink(a)
	a.IdentityID = identityID
	t.link(a)
	t.changed(a)
}

func (t *tenant) addSource(src Source) {
	t.sources[src.ID] = &src
	t.sourceOrder = append(t.sourceOrder, src.ID)
	t.changedAll()
}

func (t *tenant) addIdentity(id Identity) {
	t.identities[id.ID] = &id
	t.identityOrder = append(t.identityOrder, id.ID)
	t.changedAll()
}

func (t *tenant) addEntitlement(e Entitlement) {
	t.ents[e.ID] = &e
	t.entOrder = append(t.entOrder, e.ID)
	t.changedAll()
}

// relinkSource applies change to a source, counting the correlations of
// its accounts out before and in after, so that an identity's correlated
// flag follows the source's Authoritative flag.
func (t *tenant) relinkSource(id string, change func()) {
	var accts []*account
	for _, a := range t.order {
		if a.SourceID == id {
			accts = append(accts, a)
		}
	}
	for _, a := range accts {
		t.unlink(a)
	}
	change()
	for _, a := range accts {
		t.link(a)
	}
	t.changedAll()
}

// deleteSource removes a source with its accounts and its entitlements,
// which every account holding them loses.
func (t *tenant) deleteSource(id string) {
	var ents []string
	for _, eid := range t.entOrder {
		if t.ents[eid].SourceID == id {
			ents = append(ents, eid)
		}
	}
	for _, eid := range ents {
		t.deleteEntitlement(eid)
	}
	t.order = slices.DeleteFunc(t.order, func(a *account) bool {
		if a.SourceID != id {
			return false
		}
		t.unlink(a)
		t.idx.remove(a)
		delete(t.accounts, a.ID)
		t.dropNative(a)
		return true
	})
	delete(t.sources, id)
	t.sourceOrder = slices.DeleteFunc(t.sourceOrder, func(x string) bool { return x == id })
	t.changedAll()
}

// deleteIdentity removes an identity, uncorrelating its accounts.
func (t *tenant) deleteIdentity(id string) {
	for _, a := range t.order {
		if a.IdentityID == id {
			t.setIdentity(a, "")
		}
	}
	delete(t.identities, id)
	t.identityOrder = slices.DeleteFunc(t.identityOrder, func(x string) bool { return x == id })
	t.changedAll()
}

// deleteEntitlement removes an entitlement from the tenant and from every
// account holding it.
func (t *tenant) deleteEntitlement(id string) {
	for _, a := range t.order {
		if slices.Contains(a.Entitlements, id) {
			a.Entitlements = slices.DeleteFunc(slices.Clone(a.Entitlements), func(x string) bool { return x == id })
			if len(a.Entitlements) == 0 {
				a.Entitlements = nil
			}
			t.changed(a)
		}
	}
	delete(t.ents, id)
	t.entOrder = slices.DeleteFunc(t.entOrder, func(x string) bool { return x == id })
	t.changedAll()
}

// snapshot returns a deep copy of the state.
func (t *tenant) snapshot() State {
	st := State{
		Sources:      make([]Source, 0, len(t.sourceOrder)),
		Identities:   make([]Identity, 0, len(t.identityOrder)),
		Entitlements: make([]Entitlement, 0, len(t.entOrder)),
		Accounts:     make([]Account, 0, len(t.order)),
	}
	for _, id := range t.sourceOrder {
		st.Sources = append(st.Sources, copySource(*t.sources[id]))
	}
	for _, id := range t.identityOrder {
		st.Identities = append(st.Identities, copyIdentity(*t.identities[id]))
	}
	for _, id := range t.entOrder {
		st.Entitlements = append(st.Entitlements, copyEntitlement(*t.ents[id]))
	}
	for _, a := range t.order {
		st.Accounts = append(st.Accounts, a.export())
	}
	return st
}

func copySource(s Source) Source {
	s.Features = slices.Clone(s.Features)
	s.Correlation = slices.Clone(s.Correlation)
	if s.DeleteThreshold != nil {
		d := *s.DeleteThreshold
		s.DeleteThreshold = &d
	}
	if s.Owner != nil {
		o := *s.Owner
		s.Owner = &o
	}
	return s
}

func copyIdentity(id Identity) Identity {
	id.Attributes = copyMap(id.Attributes)
	return id
}

func copyEntitlement(e Entitlement) Entitlement {
	e.Attributes = copyMap(e.Attributes)
	if e.Description != nil {
		d := *e.Description
		e.Description = &d
	}
	return e
}

func copyAccount(a Account) Account {
	a.Attributes = copyMap(a.Attributes)
	a.Entitlements = slices.Clone(a.Entitlements)
	if a.Description != nil {
		d := *a.Description
		a.Description = &d
	}
	if a.UUID != nil {
		u := *a.UUID
		a.UUID = &u
	}
	if a.Recommendation != nil {
		r := *a.Recommendation
		a.Recommendation = &r
	}
	if a.OwnerIdentity != nil {
		o := *a.OwnerIdentity
		a.OwnerIdentity = &o
	}
	return a
}

// copyMap deep-copies a JSON-shaped map.
func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = copyValue(v)
	}
	return out
}

func copyValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return copyMap(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = copyValue(e)
		}
		return out
	case []string:
		return slices.Clone(v)
	default:
		return v
	}
}

// sortedKeys returns m's keys in order, for deterministic messages.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
