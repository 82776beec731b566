package mockisc

import (
	"fmt"
	"math/rand/v2"
	"strconv"
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
	rng := rand.New(rand.NewPCG(seed, 0x6d6f636b697363))
	id := func(kind uint64, i int) string {
		return fmt.Sprintf("%016x%016x", rng.Uint64(), kind<<56|uint64(i))
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	st := State{}
	kinds := []struct{ name, typ, conn string }{
		{"HR (authoritative)", "Workday", "direct"},
		{"Directory", "Active Directory - Direct", "direct"},
		{"Flat file", SourceTypeDelimitedFile, "file"},
		{"Mail", "Google Workspace", "direct"},
		{"Ticketing", "ServiceNow", "direct"},
	}
	for i, k := range kinds {
		st.Sources = append(st.Sources, Source{
			ID: id(1, i), Name: k.name, Type: k.typ, ConnectionType: k.conn, Authoritative: i == 0,
			Features: []string{"ENABLE", "UNLOCK"}, Created: base, Modified: base,
		})
	}
	for i := range 20 {
		src := st.Sources[1+i%4]
		st.Entitlements = append(st.Entitlements, Entitlement{
			ID: id(3, i), Name: fmt.Sprintf("group-%02d", i), Attribute: "memberOf", Value: fmt.Sprintf("group-%02d", i),
			SourceSchemaObjectType: "group", SourceID: src.ID, Created: base, Modified: base,
		})
	}
	states := []struct{ state, lcs string }{
		{"ACTIVE", "active"}, {"ACTIVE", "active"}, {"ACTIVE", "active"}, {"ACTIVE", "active"},
		{"INACTIVE_SHORT_TERM", "leave"}, {"INACTIVE_LONG_TERM", "terminated"},
	}
	nIdent := max(1, (n+2)/3)
	st.Identities = make([]Identity, nIdent)
	for i := range st.Identities {
		s := states[rng.IntN(len(states))]
		name := "user" + strconv.Itoa(i)
		t := base.Add(time.Duration(i) * time.Second)
		st.Identities[i] = Identity{
			ID: id(2, i), Name: name, Alias: name, IdentityState: s.state, LifecycleState: s.lcs, Created: t, Modified: t,
		}
	}
	st.Accounts = make([]Account, n)
	for k := range st.Accounts {
		src := k % len(st.Sources)
		ident := st.Identities[k/3%nIdent]
		native := "acct" + strconv.Itoa(k)
		t := base.Add(time.Duration(k) * time.Second)
		a := Account{
			ID: id(4, k), Name: ident.Name + " (" + native + ")", NativeIdentity: native, SourceID: st.Sources[src].ID,
			IdentityID: ident.ID, Disabled: rng.IntN(10) == 0, Locked: rng.IntN(50) == 0,
			Attributes: map[string]any{"userName": native, "displayName": ident.Name, "department": "dept" + strconv.Itoa(k%17)},
			Origin:     "AGGREGATED", Created: t, Modified: t,
		}
		if rng.IntN(20) == 0 {
			a.IdentityID = ""
		}
		if src != 0 && rng.IntN(3) == 0 {
			// Entitlements of this source: i%4 == src-1.
			e := (src - 1) + 4*rng.IntN(5)
			a.Entitlements = []string{st.Entitlements[e].ID}
			if rng.IntN(2) == 0 {
				if f := (src - 1) + 4*rng.IntN(5); f != e {
					a.Entitlements = append(a.Entitlements, st.Entitlements[f].ID)
				}
			}
		}
		st.Accounts[k] = a
	}
	return st
}
