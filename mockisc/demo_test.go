package mockisc_test

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/mockisc"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestDemoStateIsValidAndRealistic(t *testing.T) {
	t.Parallel()
	st := mockisc.DemoState()
	s := mockisc.New(t, mockisc.WithState(st), mockisc.WithoutListener())
	if d := cmp.Diff(st, s.Snapshot()); d != "" {
		t.Errorf("the demo state changed when restored, so it is not fully specified (-want +got):\n%s", d)
	}
	var flat, direct, auth int
	for _, src := range st.Sources {
		if src.Type == mockisc.SourceTypeDelimitedFile {
			flat++
		}
		if src.ConnectionType == "direct" {
			direct++
		}
		if src.Authoritative {
			auth++
		}
	}
	if flat == 0 || direct == 0 || auth == 0 {
		t.Errorf("sources: %d flat file, %d direct, %d authoritative; want each at least 1", flat, direct, auth)
	}
	if n := len(st.Identities); n < 10 || n > 14 {
		t.Errorf("%d identities, want about a dozen", n)
	}
	lcs := map[string]bool{}
	for _, id := range st.Identities {
		lcs[id.LifecycleState+"/"+id.IdentityState] = true
	}
	if len(lcs) < 4 {
		t.Errorf("only %d lifecycle/identity state combinations: %v", len(lcs), lcs)
	}
	var uncorrelated, disabled, locked, withEnts int
	for _, a := range st.Accounts {
		for _, id := range []string{a.ID, a.SourceID} {
			if !hex32.MatchString(id) {
				t.Errorf("account %s: id %q is not 32 hex digits", a.Name, id)
			}
		}
		if a.IdentityID == "" {
			uncorrelated++
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
	if n := len(st.Accounts); n < 24 || n > 60 {
		t.Errorf("%d accounts, want a few dozen", n)
	}
	for name, n := range map[string]int{"uncorrelated": uncorrelated, "disabled": disabled, "locked": locked, "with entitlements": withEnts} {
		if n < 2 {
			t.Errorf("%d %s accounts, want at least 2", n, name)
		}
	}
}

func TestDemoStateIsDeterministicAndFresh(t *testing.T) {
	t.Parallel()
	a, b := mockisc.DemoState(), mockisc.DemoState()
	if d := cmp.Diff(a, b); d != "" {
		t.Fatalf("two calls differ (-first +second):\n%s", d)
	}
	a.Accounts[0].Attributes["displayName"] = "changed"
	if b.Accounts[0].Attributes["displayName"] == "changed" {
		t.Error("two calls share attribute maps")
	}
	if c := mockisc.DemoState(); c.Accounts[0].Attributes["displayName"] == "changed" {
		t.Error("a change to one result shows in the next call")
	}
}
