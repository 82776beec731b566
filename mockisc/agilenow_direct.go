package mockisc

import (
	"fmt"
	"slices"
)

// AddAgileNowAccount adds an AgileNow account and returns it as stored: an
// empty ID gets a generated one and zero times are the server clock's now.
// LanguageID, TimezoneID and DateFormatID must be empty or one of the
// vendor's enum values (ErrInvalid), and the unique keys (ID, Username,
// ExternalID, Email, Phone, Identifier), where set, must be new ignoring
// case (ErrExists).
func (s *Server) AddAgileNowAccount(a AgileNowAccount) (AgileNowAccount, error) {
	s.lock()
	defer s.mu.Unlock()
	if err := s.checkAgileNowAccount(&s.ten.an, &a, "agileNowAccount"); err != nil {
		return AgileNowAccount{}, err
	}
	s.ten.an.add(a)
	return a, nil
}

// AgileNowAccount returns the AgileNow account with the given Id
// (ignoring case, as the API matches it).
func (s *Server) AgileNowAccount(id string) (AgileNowAccount, bool) {
	s.lock()
	defer s.mu.Unlock()
	r := s.ten.an.find(anKeyID, id)
	if r == nil {
		return AgileNowAccount{}, false
	}
	return r.AgileNowAccount, true
}

// AgileNowAccounts returns every AgileNow account, in creation order.
func (s *Server) AgileNowAccounts() []AgileNowAccount {
	s.lock()
	defer s.mu.Unlock()
	return s.ten.an.snapshot()
}

// UpdateAgileNowAccount changes an AgileNow account through f, which gets
// a copy; the ID cannot change, the result is checked as
// AddAgileNowAccount checks, and ModifiedOn is set to now unless f moved
// it.
func (s *Server) UpdateAgileNowAccount(id string, f func(*AgileNowAccount)) (AgileNowAccount, error) {
	s.lock()
	defer s.mu.Unlock()
	r := s.ten.an.find(anKeyID, id)
	if r == nil {
		return AgileNowAccount{}, fmt.Errorf("%w: AgileNow account %q", ErrNotFound, id)
	}
	next := r.AgileNowAccount
	f(&next)
	next.ID = r.ID
	if err := s.ten.an.check(&next, r); err != nil {
		if _, ok := err.(*anUniqueError); ok {
			return AgileNowAccount{}, fmt.Errorf("%w: %v", ErrExists, err)
		}
		return AgileNowAccount{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if next.ModifiedOn.Equal(r.ModifiedOn) {
		next.ModifiedOn = s.now()
	}
	s.ten.an.set(r, next)
	return r.AgileNowAccount, nil
}

// DeleteAgileNowAccount removes an AgileNow account.
func (s *Server) DeleteAgileNowAccount(id string) error {
	s.lock()
	defer s.mu.Unlock()
	r := s.ten.an.find(anKeyID, id)
	if r == nil {
		return fmt.Errorf("%w: AgileNow account %q", ErrNotFound, id)
	}
	s.ten.an.remove(r)
	return nil
}

// AgileNowScopes returns every scope of the AgileNow Endpoint API's
// Account operations, as the vendor's token endpoint grants them to a
// client not registered with WithClient. Register a client with a subset
// (WithClient) to test 403 answers.
func AgileNowScopes() []string { return slices.Clone(agileNowScopes) }
