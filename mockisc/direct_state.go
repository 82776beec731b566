package mockisc

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"

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
	if l.ballast != nil {
		// Collect now, on the side, so that the collector paces itself by
		// the heap the tenant holds, not the ballast's.
		l.ballast = nil
		go runtime.GC()
	}
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
	ballast                             []byte // see ballastFrom
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

// sink is the loader as the generator's output: generated objects are
// the loader's to keep, and are not checked (the generator makes valid
// ones only: TestWithGenerated loads the same objects through the
// checks, and checking a million accounts costs a second).
func (l *loader) sink() genSink {
	return genSink{source: l.source, entitlement: l.entitlement, identities: l.generatedIdentities,
		size: l.generating, accounts: l.generated, encoded: true}
}

// generatedIdentities stores generated identities first to
// first+len(chunk)-1, as generated stores accounts; finishLoad puts them
// in the identities map.
func (l *loader) generatedIdentities(first int, chunk []Identity) {
	slab := slices.Clone(chunk)
	for i := range slab {
		l.t.identityOrder[first+i] = slab[i].ID
		l.t.deferredIdents[first+i] = &slab[i]
	}
}

// generating makes room for a generated tenant's accounts and identities,
// and the accounts' places in creation order, which generated fills. The
// tenant holds no account yet.
func (l *loader) generating(accounts, identities int) {
	t := l.t
	if len(t.order) > 0 {
		panic("mockisc: generated accounts after others")
	}
	t.grow(accounts, identities)
	t.deferMaps = true // finishLoad fills the maps and links every account
	if len(t.identityOrder) > 0 {
		panic("mockisc: generated identities after others")
	}
	t.deferredIdents = make([]*Identity, identities)
	t.identityOrder = slices.Grow(t.identityOrder, identities)[:identities]
	l.identities = identities
	t.order = t.order[:accounts]
	t.seq = uint64(accounts) // account k has seq k+1
	l.accounts = accounts
	if accounts >= ballastFrom && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		l.ballast = make([]byte, accounts*ballastPerAccount)
	}
}

// A big generated load holds a ballast while it runs: a slice larger
// than what the load will add to the heap, which nothing reads or
// writes, so the kernel never backs it with memory. The collector counts
// it as live heap, so it does not run again and again while the heap
// grows from nothing to the tenant's size, marking the same accounts each
// time: those collections took more than half of a 1,000,000-account load
// on two cores. When the load ends the ballast is dropped and a
// collection started on the side, after which the collector paces itself
// by the tenant's heap again. It is left out when a memory limit is set,
// which it would count against.
const (
	ballastFrom       = 200_000
	ballastPerAccount = 1000 // bytes; a generated account holds about 600
)

// generated stores generated accounts first to first+len(chunk)-1, with
// their encoded attributes, in slabs: a million accounts cost the
// allocator and the collector a thousand objects, not a million (a slab
// lives while any of its accounts does). Several calls may run at once,
// for distinct accounts.
func (l *loader) generated(first int, chunk []Account, attrs []string) {
	slab := make([]account, len(chunk))
	for i := range chunk {
		a := &slab[i]
		a.Account, a.attrs = chunk[i], attrs[i]
		a.seq = uint64(first+i) + 1
		l.t.order[first+i] = a
	}
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
