package mockisc

import (
	"errors"
	"fmt"
	"slices"

	"github.com/mockisc/mockisc/internal/agilenowapi"
	"github.com/mockisc/mockisc/internal/sim"
)

// Snapshot returns the whole tenant state, a deep copy, taken at one
// instant across ISC's objects and AgileNow's tenants, accounts and
// pictures.
func (s *Server) Snapshot() State {
	s.lock()
	defer s.mu.Unlock()
	// Holding s.mu freezes ISC's objects while the AgileNow state is
	// copied under its own lock.
	st := s.ten.snapshot()
	an := s.an.Data()
	if len(an.Tenants) > 0 {
		st.AgileNowTenants = an.Tenants
	}
	if len(an.Accounts) > 0 {
		st.AgileNowAccounts = an.Accounts
	}
	if len(an.Pictures) > 0 {
		st.AgileNowPictures = an.Pictures
	}
	return st
}

// Restore replaces the whole tenant state with st, after checking it: ids
// are unique, every reference resolves, and the fields hold values ISC
// (or AgileNow) allows. On error nothing changes; the error names the
// element at fault, as "accounts[3].sourceId: ...".
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
		id := copyIdentity(st.Identities[i])
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
	// The AgileNow state last: Replace swaps it in only if it all
	// passes, and nothing fails after it.
	if err := s.an.Replace(agilenowapi.Data{
		Tenants: st.AgileNowTenants, Accounts: st.AgileNowAccounts, Pictures: st.AgileNowPictures,
	}); err != nil {
		var ie *agilenowapi.IndexError
		if errors.As(err, &ie) {
			return agileNowError(fmt.Sprintf("%s[%d]", agileNowLists[ie.List], ie.Index), "", ie.CheckError)
		}
		return err
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
	if err := s.Restore(s.initialState()); err != nil {
		// The initial state was checked when the server started.
		panic("mockisc: reset: " + err.Error())
	}
	s.lock()
	defer s.mu.Unlock()
	s.tasks = map[string]*task{}
	s.taskOrder = nil
	s.pending = sim.Queue[*task]{}
}

func (s *Server) initialState() State {
	s.lock()
	defer s.mu.Unlock()
	return State{
		Sources:          slices.Clone(s.initial.Sources),
		Identities:       slices.Clone(s.initial.Identities),
		Entitlements:     slices.Clone(s.initial.Entitlements),
		Accounts:         slices.Clone(s.initial.Accounts),
		AgileNowTenants:  slices.Clone(s.initial.AgileNowTenants),
		AgileNowAccounts: slices.Clone(s.initial.AgileNowAccounts),
		AgileNowPictures: slices.Clone(s.initial.AgileNowPictures),
	}
}

// counts are the sizes of the tenant, counted without copying it.
type counts struct {
	Sources, Identities, Entitlements, Accounts, AgileNowAccounts int
}

func (s *Server) counts() counts {
	s.lock()
	defer s.mu.Unlock()
	return counts{
		Sources: len(s.ten.sources), Identities: len(s.ten.identities), Entitlements: len(s.ten.ents),
		Accounts: len(s.ten.accounts), AgileNowAccounts: s.an.Len(),
	}
}
