package mockisc

import (
	"fmt"
	"slices"
)

// The direct API seeds and inspects the tenant without HTTP. Every method
// is safe for concurrent use with requests; readers return copies, so
// changing what they return does not change the tenant.

// AddSource adds a source and returns it as stored: an empty ID gets a
// generated one, an empty Type and ConnectionType make a flat file source
// (DelimitedFile, file), an empty ConnectionType on another type is
// "direct", and zero times are the server clock's now.
func (s *Server) AddSource(src Source) (Source, error) {
	s.lock()
	defer s.mu.Unlock()
	if err := s.checkSource(s.ten, &src, "source"); err != nil {
		return Source{}, err
	}
	s.ten.addSource(src)
	return copySource(src), nil
}

// Source returns the source with the given id.
func (s *Server) Source(id string) (Source, bool) {
	s.lock()
	defer s.mu.Unlock()
	src := s.ten.sources[id]
	if src == nil {
		return Source{}, false
	}
	return copySource(*src), true
}

// Sources returns every source, in creation order.
func (s *Server) Sources() []Source {
	s.lock()
	defer s.mu.Unlock()
	return s.ten.snapshot().Sources
}

// AddIdentity adds an identity and returns it as stored (with a generated
// ID if it had none).
func (s *Server) AddIdentity(id Identity) (Identity, error) {
	s.lock()
	defer s.mu.Unlock()
	if err := s.checkIdentity(s.ten, &id, "identity"); err != nil {
		return Identity{}, err
	}
	s.ten.addIdentity(id)
	return id, nil
}

// Identity returns the identity with the given id.
func (s *Server) Identity(id string) (Identity, bool) {
	s.lock()
	defer s.mu.Unlock()
	ident := s.ten.identities[id]
	if ident == nil {
		return Identity{}, false
	}
	return *ident, true
}

// Identities returns every identity, in creation order.
func (s *Server) Identities() []Identity {
	s.lock()
	defer s.mu.Unlock()
	return s.ten.snapshot().Identities
}

// UpdateIdentity changes an identity through f, which gets a copy; the
// ID cannot change. Accounts correlated to it show the change at once.
func (s *Server) UpdateIdentity(id string, f func(*Identity)) (Identity, error) {
	s.lock()
	defer s.mu.Unlock()
	cur := s.ten.identities[id]
	if cur == nil {
		return Identity{}, fmt.Errorf("%w: identity %q", ErrNotFound, id)
	}
	next := *cur
	f(&next)
	next.ID = id
	if err := checkIdentityFields(&next, "identity"); err != nil {
		return Identity{}, err
	}
	*cur = next
	s.ten.changedAll()
	return next, nil
}

// AddEntitlement adds an entitlement of an existing source and returns it
// as stored.
func (s *Server) AddEntitlement(e Entitlement) (Entitlement, error) {
	s.lock()
	defer s.mu.Unlock()
	if err := s.checkEntitlement(s.ten, &e, "entitlement"); err != nil {
		return Entitlement{}, err
	}
	s.ten.addEntitlement(e)
	return copyEntitlement(e), nil
}

// Entitlement returns the entitlement with the given id.
func (s *Server) Entitlement(id string) (Entitlement, bool) {
	s.lock()
	defer s.mu.Unlock()
	e := s.ten.ents[id]
	if e == nil {
		return Entitlement{}, false
	}
	return copyEntitlement(*e), true
}

// AddAccount adds an account and returns it as stored. Its source, its
// identity (if any) and its entitlements must exist; an empty
// NativeIdentity takes the Name, an empty Name the NativeIdentity, and
// the native identity must be new on the source.
func (s *Server) AddAccount(a Account) (Account, error) {
	s.lock()
	defer s.mu.Unlock()
	a = copyAccount(a)
	if err := s.checkAccount(s.ten, &a, "account"); err != nil {
		return Account{}, err
	}
	s.ten.addAccount(a)
	return copyAccount(a), nil
}

// Account returns the account with the given id.
func (s *Server) Account(id string) (Account, bool) {
	s.lock()
	defer s.mu.Unlock()
	a := s.ten.accounts[id]
	if a == nil {
		return Account{}, false
	}
	return copyAccount(a.Account), true
}

// Accounts returns every account, in creation order.
func (s *Server) Accounts() []Account {
	s.lock()
	defer s.mu.Unlock()
	out := make([]Account, 0, len(s.ten.order))
	for _, a := range s.ten.order {
		out = append(out, copyAccount(a.Account))
	}
	return out
}

// UpdateAccount changes an account through f, which gets a copy; the ID
// cannot change, and the result is checked as AddAccount checks.
func (s *Server) UpdateAccount(id string, f func(*Account)) (Account, error) {
	s.lock()
	defer s.mu.Unlock()
	cur := s.ten.accounts[id]
	if cur == nil {
		return Account{}, fmt.Errorf("%w: account %q", ErrNotFound, id)
	}
	next := copyAccount(cur.Account)
	f(&next)
	next.ID = id
	// Check against the tenant without the account itself.
	s.ten.deleteAccount(cur)
	if err := s.checkAccount(s.ten, &next, "account"); err != nil {
		s.ten.restoreAccount(cur)
		return Account{}, err
	}
	s.ten.restoreAccount(&account{Account: next, seq: cur.seq})
	return copyAccount(next), nil
}

// DeleteAccount removes an account.
func (s *Server) DeleteAccount(id string) error {
	s.lock()
	defer s.mu.Unlock()
	a := s.ten.accounts[id]
	if a == nil {
		return fmt.Errorf("%w: account %q", ErrNotFound, id)
	}
	s.ten.deleteAccount(a)
	return nil
}

// Snapshot returns the whole tenant state, a deep copy.
func (s *Server) Snapshot() State {
	s.lock()
	defer s.mu.Unlock()
	return s.ten.snapshot()
}

// Restore replaces the whole tenant state with st, after checking it: ids
// are unique, every reference resolves, and the fields hold values ISC
// allows. On error nothing changes; the error names the element at fault,
// as "accounts[3].sourceId: ...".
func (s *Server) Restore(st State) error {
	s.lock()
	defer s.mu.Unlock()
	t := newTenant()
	for i := range st.Sources {
		src := copySource(st.Sources[i])
		if err := s.checkSource(t, &src, fmt.Sprintf("sources[%d]", i)); err != nil {
			return err
		}
		t.addSource(src)
	}
	for i := range st.Identities {
		id := st.Identities[i]
		if err := s.checkIdentity(t, &id, fmt.Sprintf("identities[%d]", i)); err != nil {
			return err
		}
		t.addIdentity(id)
	}
	for i := range st.Entitlements {
		e := copyEntitlement(st.Entitlements[i])
		if err := s.checkEntitlement(t, &e, fmt.Sprintf("entitlements[%d]", i)); err != nil {
			return err
		}
		t.addEntitlement(e)
	}
	for i := range st.Accounts {
		a := copyAccount(st.Accounts[i])
		if err := s.checkAccount(t, &a, fmt.Sprintf("accounts[%d]", i)); err != nil {
			return err
		}
		t.addAccount(a)
	}
	for i := range st.AgileNowAccounts {
		a := st.AgileNowAccounts[i]
		if err := s.checkAgileNowAccount(&t.an, &a, fmt.Sprintf("agileNowAccounts[%d]", i)); err != nil {
			return err
		}
		t.an.add(a)
	}
	// Keep versions moving forward so no cached list survives.
	t.version += s.ten.version + 1
	t.derived += s.ten.derived + 1
	s.ten = t
	return nil
}

// Reset returns the tenant to its starting state (empty, or the state of
// WithState) and forgets every task. Tokens and the journal are kept.
func (s *Server) Reset() {
	st := s.initialState()
	if err := s.Restore(st); err != nil {
		// The initial state was checked when the server started.
		panic("mockisc: reset: " + err.Error())
	}
	s.lock()
	defer s.mu.Unlock()
	s.tasks = map[string]*task{}
	s.taskOrder = nil
	s.pending = nil
}

func (s *Server) initialState() State {
	s.lock()
	defer s.mu.Unlock()
	return State{
		Sources:          slices.Clone(s.initial.Sources),
		Identities:       slices.Clone(s.initial.Identities),
		Entitlements:     slices.Clone(s.initial.Entitlements),
		Accounts:         slices.Clone(s.initial.Accounts),
		AgileNowAccounts: slices.Clone(s.initial.AgileNowAccounts),
	}
}
