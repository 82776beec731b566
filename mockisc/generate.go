package mockisc

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
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
	st := State{Accounts: make([]Account, 0, n), Identities: make([]Identity, 0, max(1, (n+2)/3))}
	generate(n, seed, genSink{
		source:      func(v Source) error { st.Sources = append(st.Sources, v); return nil },
		entitlement: func(v Entitlement) error { st.Entitlements = append(st.Entitlements, v); return nil },
		identity:    func(v Identity) error { st.Identities = append(st.Identities, v); return nil },
		account:     func(v Account) error { st.Accounts = append(st.Accounts, v); return nil },
	})
	return st
}

// genSink receives the objects of a generated tenant, in the order a
// State lists them: sources, entitlements, identities, accounts.
type genSink struct {
	source      func(Source) error
	entitlement func(Entitlement) error
	identity    func(Identity) error
	account     func(Account) error
	// encoded, when set, takes accounts instead of account: each with
	// its Attributes nil and given as their JSON encoding, as a store
	// keeps them (no map is made). The account is the sink's to keep.
	encoded func(Account, string) error
	// size, when set, learns how many accounts will come first.
	size func(accounts, identities int)
}

// generate makes the tenant Generate describes, one object at a time, so
// that a server can take it in without a State of it all (a million
// accounts are much smaller stored than as a State). It stops at the
// first error a sink returns.
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
	identIDs := make([]string, nIdent)
	identNames := make([]string, nIdent) // shared by their accounts' fields
	for i := range identIDs {
		s := states[rng.IntN(len(states))]
		name := "user" + strconv.Itoa(i)
		identNames[i] = name
		t := base.Add(time.Duration(i) * time.Second)
		identIDs[i] = id(2, i)
		if err := out.identity(Identity{
			ID: identIDs[i], Name: name, Alias: name, IdentityState: s.state, LifecycleState: s.lcs, Created: t, Modified: t,
		}); err != nil {
			return err
		}
	}
	var depts [17]string
	for i := range depts {
		depts[i] = "dept" + strconv.Itoa(i)
	}
	for k := range n {
		var attrs string
		src := k % len(sources)
		ident := struct{ ID, Name string }{identIDs[k/3%nIdent], identNames[k/3%nIdent]}
		native := "acct" + strconv.Itoa(k)
		t := base.Add(time.Duration(k) * time.Second)
		a := Account{
			ID: id(4, k), Name: ident.Name + " (" + native + ")", NativeIdentity: native, SourceID: sources[src],
			IdentityID: ident.ID, Disabled: rng.IntN(10) == 0, Locked: rng.IntN(50) == 0,
			Origin: "AGGREGATED", Created: t, Modified: t,
		}
		dept := depts[k%17]
		if out.encoded != nil {
			// As engine.Marshal writes the map below: keys in order, and
			// values that need no escaping.
			var b strings.Builder
			b.Grow(len(`{"department":"","displayName":"","userName":""}`) + len(dept) + len(ident.Name) + len(native))
			for _, s := range [...]string{`{"department":"`, dept, `","displayName":"`, ident.Name, `","userName":"`, native, `"}`} {
				b.WriteString(s)
			}
			attrs = b.String()
		} else {
			a.Attributes = map[string]any{"userName": native, "displayName": ident.Name, "department": dept}
		}
		if rng.IntN(20) == 0 {
			a.IdentityID = ""
		}
		if src != 0 && rng.IntN(3) == 0 {
			// Entitlements of this source: i%4 == src-1.
			e := (src - 1) + 4*rng.IntN(5)
			a.Entitlements = []string{ents[e]}
			if rng.IntN(2) == 0 {
				if f := (src - 1) + 4*rng.IntN(5); f != e {
					a.Entitlements = append(a.Entitlements, ents[f])
				}
			}
		}
		var err error
		if out.encoded != nil {
			err = out.encoded(a, attrs)
		} else {
			err = out.account(a)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// hex16 appends x as sixteen hex digits.
func hex16(b []byte, x uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, digits[x>>uint(shift)&0xf])
	}
	return b
}
