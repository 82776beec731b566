package mockisc

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Generate returns a synthetic tenant of n accounts for load tests, the
// same for the same n and seed: five sources (one authoritative, one flat
// file), an identity for every three accounts, and twenty entitlements.
// Account k lives on source k%5 and is correlated to identity k/3, except
// that about one in twenty is uncorrelated; about one in ten is disabled,
// one in fifty locked, and about a third hold one or two entitlements.
// Each account carries three attributes, to keep a million of them in a
// reasonable amount of memory. A negative n counts as 0.
func Generate(n int, seed uint64) State {
	n = max(n, 0)
	st := State{Accounts: make([]Account, n), Identities: make([]Identity, max(1, (n+2)/3))}
	generate(n, seed, genSink{
		source:      func(v Source) error { st.Sources = append(st.Sources, v); return nil },
		entitlement: func(v Entitlement) error { st.Entitlements = append(st.Entitlements, v); return nil },
		identities:  func(first int, chunk []Identity) { copy(st.Identities[first:], chunk) },
		accounts:    func(first int, chunk []Account, _ []string) { copy(st.Accounts[first:], chunk) },
	})
	return st
}

// genSink receives the objects of a generated tenant, in the order a
// State lists them: sources, entitlements, identities, accounts.
type genSink struct {
	source      func(Source) error
	entitlement func(Entitlement) error
	// identities receives identities first to first+len(chunk)-1, as
	// accounts receives accounts (several calls at once; the chunk is the
	// generator's again after the call).
	identities func(first int, chunk []Identity)
	// size, when set, learns how many accounts and identities will come,
	// before the first identity.
	size func(accounts, identities int)
	// accounts receives accounts first to first+len(chunk)-1, with
	// several calls for distinct accounts at once, on as many
	// goroutines; each account comes once. The chunk is the generator's
	// again after the call. If encoded is set, each account's Attributes
	// are nil and attrs[i] holds their JSON encoding, as a store keeps
	// them (no map is made); attrs is nil otherwise.
	accounts func(first int, chunk []Account, attrs []string)
	encoded  bool
}

// generate makes the tenant Generate describes into out, so that a
// server can take it in without a State of it all (a million accounts are
// much smaller stored than as a State): sources and entitlements one at a
// time, then identities and accounts in chunks, made on every core. It
// stops at the first error a source or entitlement sink returns.
func generate(n int, seed uint64, out genSink) error {
	n = max(n, 0)
	rng := rand.New(rand.NewPCG(seed, 0x6d6f636b697363))
	var idBuf [32]byte
	id := func(kind uint64, i int) string {
		return string(hex16(hex16(idBuf[:0], rng.Uint64()), kind<<56|uint64(i)))
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	kinds := []struct{ name, typ, conn string }{
		{"HR (authoritative)", "Workday", "direct"},
		{"Directory", "Active Directory - Direct", "direct"},
		{"Flat file", SourceTypeDelimitedFile, "file"},
		{"Mail", "Google Workspace", "direct"},
		{"Ticketing", "ServiceNow", "direct"},
	}
	sources := make([]string, len(kinds))
	for i, k := range kinds {
		sources[i] = id(1, i)
		if err := out.source(Source{
			ID: sources[i], Name: k.name, Type: k.typ, ConnectionType: k.conn, Authoritative: i == 0,
			Features: []string{"ENABLE", "UNLOCK"}, Created: base, Modified: base,
		}); err != nil {
			return err
		}
	}
	ents := make([]string, 20)
	for i := range ents {
		ents[i] = id(3, i)
		if err := out.entitlement(Entitlement{
			ID: ents[i], Name: fmt.Sprintf("group-%02d", i), Attribute: "memberOf", Value: fmt.Sprintf("group-%02d", i),
			SourceSchemaObjectType: "group", SourceID: sources[1+i%4], Created: base, Modified: base,
		}); err != nil {
			return err
		}
	}
	states := []struct{ state, lcs string }{
		{"ACTIVE", "active"}, {"ACTIVE", "active"}, {"ACTIVE", "active"}, {"ACTIVE", "active"},
		{"INACTIVE_SHORT_TERM", "leave"}, {"INACTIVE_LONG_TERM", "terminated"},
	}
	nIdent := max(1, (n+2)/3)
	if out.size != nil {
		out.size(n, nIdent)
	}
	// The identities as the accounts below: draws first, then made in
	// chunks on every core.
	type identityDraw struct {
		state int
		id    uint64
	}
	idraws := make([]identityDraw, nIdent)
	for i := range idraws {
		idraws[i].state = rng.IntN(len(states))
		idraws[i].id = rng.Uint64()
	}
	identIDs := make([]string, nIdent)
	identNames := make([]string, nIdent) // shared by their accounts' fields
	inChunks(nIdent, func() func(first, end int) {
		all := make([]Identity, genChunk)
		var buf []byte
		return func(first, end int) {
			chunk := all[:end-first]
			for i := first; i < end; i++ {
				s := states[idraws[i].state]
				name := "user" + strconv.Itoa(i)
				buf = hex16(hex16(buf[:0], idraws[i].id), 2<<56|uint64(i))
				identNames[i], identIDs[i] = name, string(buf)
				t := base.Add(time.Duration(i) * time.Second)
				chunk[i-first] = Identity{
					ID: identIDs[i], Name: name, Alias: name, IdentityState: s.state, LifecycleState: s.lcs, Created: t, Modified: t,
				}
			}
			out.identities(first, chunk)
		}
	})
	// The accounts: every random draw first, in the order of a single
	// pass (which fixes the tenant for a seed), then the accounts made
	// from them, in chunks, on every core.
	draws := make([]accountDraw, n)
	for k := range draws {
		d := &draws[k]
		d.id = rng.Uint64()
		d.disabled = rng.IntN(10) == 0
		d.locked = rng.IntN(50) == 0
		d.uncorrelated = rng.IntN(20) == 0
		d.ents = [2]int8{-1, -1}
		if src := k % len(sources); src != 0 && rng.IntN(3) == 0 {
			// Entitlements of this source: i%4 == src-1.
			e := (src - 1) + 4*rng.IntN(5)
			d.ents[0] = int8(e)
			if rng.IntN(2) == 0 {
				if f := (src - 1) + 4*rng.IntN(5); f != e {
					d.ents[1] = int8(f)
				}
			}
		}
	}
	m := accountMaker{sources: sources, ents: ents, identIDs: identIDs, identNames: identNames, base: base}
	for i := range m.depts {
		m.depts[i] = "dept" + strconv.Itoa(i)
	}
	inChunks(n, func() func(first, end int) {
		all := make([]Account, genChunk)
		var allAttrs []string
		if out.encoded {
			allAttrs = make([]string, genChunk)
		}
		var buf []byte
		return func(first, end int) {
			chunk, attrs := all[:end-first], allAttrs[:min(len(allAttrs), end-first)]
			for i := range chunk {
				var attr *string
				if attrs != nil {
					attr = &attrs[i]
				}
				buf = m.make(&chunk[i], attr, first+i, &draws[first+i], buf)
			}
			out.accounts(first, chunk, attrs)
		}
	})
	return nil
}

// genChunk is how many objects a generator's goroutine makes at once.
const genChunk = 1024

// inChunks makes every chunk [first, end) of genChunk of [0, n) on
// GOMAXPROCS goroutines, each with a maker of its own from worker, and
// returns when all are done.
func inChunks(n int, worker func() func(first, end int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, n/genChunk)) {
		wg.Go(func() {
			do := worker()
			for {
				first := int(next.Add(genChunk)) - genChunk
				if first >= n {
					return
				}
				do(first, min(first+genChunk, n))
			}
		})
	}
	wg.Wait()
}

// accountDraw is what chance decides of a generated account.
type accountDraw struct {
	id                             uint64 // the random half of its id
	disabled, locked, uncorrelated bool
	ents                           [2]int8 // entitlements held, -1 for none
}

// accountMaker makes generated accounts from their draws.
type accountMaker struct {
	sources, ents        []string
	identIDs, identNames []string
	depts                [17]string
	base                 time.Time
}

// make fills a with account k, and *attrs with its encoded attributes
// if attrs is not nil; buf is scratch space, returned for reuse.
func (m *accountMaker) make(a *Account, attrs *string, k int, d *accountDraw, buf []byte) []byte {
	nIdent := len(m.identIDs)
	identName := m.identNames[k/3%nIdent]
	dept := m.depts[k%len(m.depts)]
	// One string holds the account's id, its name (which holds its
	// native identity) and its attributes as engine.Marshal writes them
	// (keys in order, values that need no escaping): one allocation,
	// where five small ones cost a million accounts a good part of
	// their making.
	buf = hex16(hex16(buf[:0], d.id), 4<<56|uint64(k))
	idEnd := len(buf)
	buf = append(append(buf, identName...), " ("...)
	nativeAt := len(buf)
	buf = strconv.AppendInt(append(buf, "acct"...), int64(k), 10)
	nativeEnd := len(buf)
	buf = append(buf, ')')
	nameEnd := len(buf)
	if attrs != nil {
		for _, s := range [...]string{`{"department":"`, dept, `","displayName":"`, identName, `","userName":"`} {
			buf = append(buf, s...)
		}
		buf = append(append(buf, buf[nativeAt:nativeEnd]...), `"}`...)
	}
	str := string(buf)
	native := str[nativeAt:nativeEnd]
	t := m.base.Add(time.Duration(k) * time.Second)
	*a = Account{
		ID: str[:idEnd], Name: str[idEnd:nameEnd], NativeIdentity: native, SourceID: m.sources[k%len(m.sources)],
		IdentityID: m.identIDs[k/3%nIdent], Disabled: d.disabled, Locked: d.locked,
		Origin: "AGGREGATED", Created: t, Modified: t,
	}
	if attrs != nil {
		*attrs = str[nameEnd:]
	} else {
		a.Attributes = map[string]any{"userName": native, "displayName": identName, "department": dept}
	}
	if d.uncorrelated {
		a.IdentityID = ""
	}
	if d.ents[0] >= 0 {
		a.Entitlements = []string{m.ents[d.ents[0]]}
		if d.ents[1] >= 0 {
			a.Entitlements = append(a.Entitlements, m.ents[d.ents[1]])
		}
	}
	return buf
}

// hex16 appends x as sixteen hex digits.
func hex16(b []byte, x uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, digits[x>>uint(shift)&0xf])
	}
	return b
}
