package mockisc

import "fmt"

// AddEntitlement adds an entitlement of an existing source and returns it
// as stored.
func (s *Server) AddEntitlement(e Entitlement) (Entitlement, error) {
	s.lock()
	defer s.mu.Unlock()
	e = copyEntitlement(e)
	if err := s.checkEntitlement(s.ten, &e, "entitlement"); err != nil {
		return Entitlement{}, err
	}
	s.ten.addEntitlement(e)
	return copyEntitlement(e), nil
}

// Entitlement returns the entitlement with the given id.
func (s *Server) Entitlement(id string) (Entitlement, bool) {
	s.rlock()
	defer s.mu.RUnlock()
	e := s.ten.ents[id]
	if e == nil {
		return Entitlement{}, false
	}
	return copyEntitlement(*e), true
}

// Entitlements returns every entitlement, in creation order.
func (s *Server) Entitlements() []Entitlement {
	s.rlock()
	defer s.mu.RUnlock()
	out := make([]Entitlement, 0, len(s.ten.entOrder))
	for _, id := range s.ten.entOrder {
		out = append(out, copyEntitlement(*s.ten.ents[id]))
	}
	return out
}

// UpdateEntitlement changes an entitlement through f, which gets a copy;
// the ID cannot change, the result is checked as AddEntitlement checks it
// (its source must exist), and Modified is set to now unless f moved it.
// Accounts holding it show the change at once.
func (s *Server) UpdateEntitlement(id string, f func(*Entitlement)) (Entitlement, error) {
	s.lock()
	defer s.mu.Unlock()
	cur := s.ten.ents[id]
	if cur == nil {
		return Entitlement{}, fmt.Errorf("%w: entitlement %q", ErrNotFound, id)
	}
	next := copyEntitlement(*cur)
	f(&next)
	next.ID = id
	if err := s.checkEntitlementFields(s.ten, &next, "entitlement"); err != nil {
		return Entitlement{}, err
	}
	if next.Modified.Equal(cur.Modified) {
		next.Modified = s.now()
	}
	*cur = next
	s.ten.changedAll()
	return copyEntitlement(next), nil
}

// DeleteEntitlement removes an entitlement; every account holding it loses
// it.
func (s *Server) DeleteEntitlement(id string) error {
	s.lock()
	defer s.mu.Unlock()
	if s.ten.ents[id] == nil {
		return fmt.Errorf("%w: entitlement %q", ErrNotFound, id)
	}
	s.ten.deleteEntitlement(id)
	return nil
}
