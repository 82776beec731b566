package mockisc

import (
	"errors"
	"fmt"

	"github.com/mockisc/mockisc/internal/agilenowapi"
	"github.com/mockisc/mockisc/internal/sim"
)

// Snapshot returns the whole tenant state, a deep copy, taken at one
// instant across ISC's objects and AgileNow's tenants, accounts and
// pictures.
func (s *Server) Snapshot() State {
	s.rlock()
	defer s.mu.RUnlock()
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
	return s.replace(func(l *loader) error { return l.state(st) }, agileNowData(st))
}

// agileNowData is the AgileNow part of st.
func agileNowData(st State) agilenowapi.Data {
	return agilenowapi.Data{Tenants: st.AgileNowTenants, Accounts: st.AgileNowAccounts, Pictures: st.AgileNowPictures}
}

// replace builds a new tenant with fill and the AgileNow state an, and
// swaps both in if they pass; on error nothing changes.
func (s *Server) replace(fill func(*loader) error, an agilenowapi.Data) error {
	s.lock()
	defer s.mu.Unlock()
	l := &loader{s: s, t: newTenant()}
	l.t.bulk = true
	if err := fill(l); err != nil {
		return err
	}
	l.t.finishLoad()
	// The AgileNow state last: Replace swaps it in only if it all
	// passes, and nothing fails after it.
	if err := s.an.Replace(an); err != nil {
		var ie *agilenowapi.IndexError
		if errors.As(err, &ie) {
			return agileNowError(fmt.Sprintf("%s[%d]", agileNowLists[ie.List], ie.Index), "", ie.CheckError)
		}
		return err
	}
	// Keep versions moving forward so no cached list survives.
	l.t.version += s.ten.version + 1
	s.ten = l.t
	return nil
}

// loader checks objects and adds them to a new tenant, counting them so
// that an error names the element at fault as a State would hold it.
type loader struct {
	s                                   *Server
	t                                   *tenant
	sources, identities, ents, accounts int
}

func (l *loader) source(src Source) error {
	src = copySource(src)
	if err := l.s.checkSource(l.t, &src, fmt.Sprintf("sources[%d]", l.sources)); err != nil {
		return err
	}
	l.sources++
	l.t.addSource(src)
	return nil
}

func (l *loader) identity(id Identity) error {
	id = copyIdentity(id)
	if err := l.s.checkIdentity(l.t, &id, fmt.Sprintf("identities[%d]", l.identities)); err != nil {
		return err
	}
	l.identities++
	l.t.addIdentity(id)
	return nil
}

func (l *loader) entitlement(e Entitlement) error {
	e = copyEntitlement(e)
	if err := l.s.checkEntitlement(l.t, &e, fmt.Sprintf("entitlements[%d]", l.ents)); err != nil {
		return err
	}
	l.ents++
	l.t.addEntitlement(e)
	return nil
}

func (l *loader) account(a Account) error {
	a = copyAccount(a)
	if err := l.s.checkAccount(l.t, &a, fmt.Sprintf("accounts[%d]", l.accounts)); err != nil {
		return err
	}
	l.accounts++
	l.t.addAccount(a)
	return nil
}

// state loads st: sources, identities, entitlements, then accounts.
func (l *loader) state(st State) error {
	for _, v := range st.Sources {
		if err := l.source(v); err != nil {
			return err
		}
	}
	for _, v := range st.Identities {
		if err := l.identity(v); err != nil {
			return err
		}
	}
	for _, v := range st.Entitlements {
		if err := l.entitlement(v); err != nil {
			return err
		}
	}
	for _, v := range st.Accounts {
		if err := l.account(v); err != nil {
			return err
		}
	}
	return nil
}

// sink is the loader as the generator's output: generated accounts come
// with their attributes encoded, and are the loader's to keep.
func (l *loader) sink() genSink {
	return genSink{source: l.source, entitlement: l.entitlement, identity: l.identity, encoded: l.encoded, size: l.t.grow}
}

// encoded adds a generated account, fresh (not copied), whose
// attributes attrs encodes. It is not checked: the generator makes
// valid accounts only (TestWithGenerated loads the same
// accounts through the checks), and checking a million costs a second.
func (l *loader) encoded(a Account, attrs string) error {
	l.t.deferMaps = true // finishLoad fills the maps from every account
	l.accounts++
	l.t.addEncoded(a, attrs)
	return nil
}

// Reset returns the tenant to its starting state (empty, the state of
// WithState, or the tenant of WithGenerated) and forgets every task.
// Tokens and the journal are kept.
func (s *Server) Reset() {
	if err := s.replace(s.initial, s.initialAN); err != nil {
		// The initial state was checked when the server started.
		panic("mockisc: reset: " + err.Error())
	}
	s.lock()
	defer s.mu.Unlock()
	s.tasks = map[string]*task{}
	s.taskOrder = nil
	s.pending = sim.Queue[*task]{}
	s.aggregating = nil
}

// Counts are the sizes of a tenant.
type Counts struct {
	// Sources, Identities, Entitlements and Accounts count ISC's objects.
	Sources, Identities, Entitlements, Accounts int
	// AgileNowAccounts counts the AgileNow Endpoint API's accounts.
	AgileNowAccounts int
}

// Counts returns how many objects of each kind the tenant holds, without
// copying any.
func (s *Server) Counts() Counts {
	s.rlock()
	defer s.mu.RUnlock()
	return Counts{
		Sources: len(s.ten.sources), Identities: len(s.ten.identities), Entitlements: len(s.ten.ents),
		Accounts: len(s.ten.accounts), AgileNowAccounts: s.an.Len(),
	}
}
