package mockisc

import "fmt"

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
	s.rlock()
	defer s.mu.RUnlock()
	a := s.ten.accounts[id]
	if a == nil {
		return Account{}, false
	}
	return a.export(), true
}

// Accounts returns every account, in creation order.
func (s *Server) Accounts() []Account {
	s.rlock()
	defer s.mu.RUnlock()
	out := make([]Account, 0, len(s.ten.order))
	for _, a := range s.ten.order {
		out = append(out, a.export())
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
	next := cur.export()
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
