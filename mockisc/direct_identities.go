package mockisc

import "fmt"

// AddIdentity adds an identity and returns it as stored (with a generated
// ID if it had none).
func (s *Server) AddIdentity(id Identity) (Identity, error) {
	s.lock()
	defer s.mu.Unlock()
	id = copyIdentity(id)
	if err := s.checkIdentity(s.ten, &id, "identity"); err != nil {
		return Identity{}, err
	}
	s.ten.addIdentity(id)
	return copyIdentity(id), nil
}

// Identity returns the identity with the given id.
func (s *Server) Identity(id string) (Identity, bool) {
	s.rlock()
	defer s.mu.RUnlock()
	ident := s.ten.identities[id]
	if ident == nil {
		return Identity{}, false
	}
	return copyIdentity(*ident), true
}

// Identities returns every identity, in creation order.
func (s *Server) Identities() []Identity {
	s.rlock()
	defer s.mu.RUnlock()
	out := make([]Identity, 0, len(s.ten.identityOrder))
	for _, id := range s.ten.identityOrder {
		out = append(out, copyIdentity(*s.ten.identities[id]))
	}
	return out
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
	next := copyIdentity(*cur)
	f(&next)
	next.ID = id
	if err := checkIdentityFields(&next, "identity"); err != nil {
		return Identity{}, err
	}
	if next.Modified.Equal(cur.Modified) {
		next.Modified = s.now()
	}
	*cur = copyIdentity(next)
	s.ten.changedAll()
	return next, nil
}

// DeleteIdentity removes an identity. The accounts correlated to it
// become uncorrelated, as in ISC when an identity goes away; sources and
// machine accounts that name it as owner keep the reference they hold.
func (s *Server) DeleteIdentity(id string) error {
	s.lock()
	defer s.mu.Unlock()
	if s.ten.identities[id] == nil {
		return fmt.Errorf("%w: identity %q", ErrNotFound, id)
	}
	s.ten.deleteIdentity(id)
	return nil
}
