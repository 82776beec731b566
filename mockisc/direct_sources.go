package mockisc

import "fmt"

// The direct API seeds and inspects the tenant without HTTP. Every method
// is safe for concurrent use with requests; readers return copies of what
// they return, and nothing more, so changing a result does not change the
// tenant. Each kind of object (sources, identities, entitlements,
// accounts, AgileNow accounts) has Add, a getter by id, a list, Update and
// Delete; errors wrap ErrNotFound, ErrExists or ErrInvalid.

// AddSource adds a source and returns it as stored: an empty ID gets a
// generated one, an empty Type and ConnectionType make a flat file source
// (DelimitedFile, file), an empty ConnectionType on another type is
// "direct", and zero times are the server clock's now.
func (s *Server) AddSource(src Source) (Source, error) {
	s.lock()
	defer s.mu.Unlock()
	src = copySource(src)
	if err := s.checkSource(s.ten, &src, "source"); err != nil {
		return Source{}, err
	}
	s.ten.addSource(src)
	return copySource(src), nil
}

// Source returns the source with the given id.
func (s *Server) Source(id string) (Source, bool) {
	s.rlock()
	defer s.mu.RUnlock()
	src := s.ten.sources[id]
	if src == nil {
		return Source{}, false
	}
	return copySource(*src), true
}

// Sources returns every source, in creation order.
func (s *Server) Sources() []Source {
	s.rlock()
	defer s.mu.RUnlock()
	out := make([]Source, 0, len(s.ten.sourceOrder))
	for _, id := range s.ten.sourceOrder {
		out = append(out, copySource(*s.ten.sources[id]))
	}
	return out
}

// UpdateSource changes a source through f, which gets a copy; the ID
// cannot change, the result is checked as AddSource checks it, and
// Modified is set to now unless f moved it. Its accounts show the change
// at once.
func (s *Server) UpdateSource(id string, f func(*Source)) (Source, error) {
	s.lock()
	defer s.mu.Unlock()
	cur := s.ten.sources[id]
	if cur == nil {
		return Source{}, fmt.Errorf("%w: source %q", ErrNotFound, id)
	}
	next := copySource(*cur)
	f(&next)
	next.ID = id
	if err := s.checkSourceFields(s.ten, &next, "source"); err != nil {
		return Source{}, err
	}
	if next.Modified.Equal(cur.Modified) {
		next.Modified = s.now()
	}
	// Whether its accounts correlate their identities follows the
	// source's Authoritative flag: count them out under the old source
	// and in under the new one.
	s.ten.relinkSource(id, func() { *cur = next })
	return copySource(next), nil
}

// DeleteSource removes a source with everything on it, as ISC's source
// deletion does: its accounts and its entitlements (which every other
// account holding them loses).
func (s *Server) DeleteSource(id string) error {
	s.lock()
	defer s.mu.Unlock()
	if s.ten.sources[id] == nil {
		return fmt.Errorf("%w: source %q", ErrNotFound, id)
	}
	s.ten.deleteSource(id)
	return nil
}
