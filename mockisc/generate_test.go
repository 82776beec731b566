package mockisc_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/mockisc"
)

func TestGenerateIsValid(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 7, 1000} {
		st := mockisc.Generate(n, 42)
		if len(st.Accounts) != n {
			t.Errorf("Generate(%d): %d accounts", n, len(st.Accounts))
		}
		if _, err := mockisc.NewServer(mockisc.WithState(st), mockisc.WithoutListener()); err != nil {
			t.Errorf("Generate(%d) is not a valid state: %v", n, err)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	if d := cmp.Diff(mockisc.Generate(300, 7), mockisc.Generate(300, 7)); d != "" {
		t.Errorf("same seed, different states (-first +second):\n%s", d)
	}
	a, b := mockisc.Generate(300, 7), mockisc.Generate(300, 8)
	if a.Accounts[0].ID == b.Accounts[0].ID {
		t.Errorf("seeds 7 and 8 give the same first account id %s", a.Accounts[0].ID)
	}
}

func TestGenerateSpreadsAccounts(t *testing.T) {
	t.Parallel()
	const n = 3000
	st := mockisc.Generate(n, 1)
	perSource := map[string]int{}
	perIdentity := map[string]int{}
	var uncorrelated, disabled, locked, withEnts int
	for _, a := range st.Accounts {
		perSource[a.SourceID]++
		if a.IdentityID == "" {
			uncorrelated++
		} else {
			perIdentity[a.IdentityID]++
		}
		if a.Disabled {
			disabled++
		}
		if a.Locked {
			locked++
		}
		if len(a.Entitlements) > 0 {
			withEnts++
		}
	}
	if len(perSource) != len(st.Sources) {
		t.Errorf("accounts on %d of %d sources", len(perSource), len(st.Sources))
	}
	for id, c := range perSource {
		if c != n/len(st.Sources) {
			t.Errorf("source %s has %d accounts, want %d", id, c, n/len(st.Sources))
		}
	}
	if len(perIdentity) < n/4 {
		t.Errorf("accounts correlated to only %d identities", len(perIdentity))
	}
	within := func(name string, got, lo, hi int) {
		if got < lo || got > hi {
			t.Errorf("%d %s accounts, want between %d and %d", got, name, lo, hi)
		}
	}
	within("uncorrelated", uncorrelated, n/40, n/10)
	within("disabled", disabled, n/20, n/5)
	within("locked", locked, n/200, n/25)
	within("with entitlements", withEnts, n/6, n/2)
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		_ = mockisc.Generate(10000, 1)
	}
}
