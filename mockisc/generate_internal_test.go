package mockisc

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// TestWithGenerated: the tenant made straight into the store is the one
// WithState(Generate(n, seed)) holds, and Reset makes it again.
func TestWithGenerated(t *testing.T) {
	t.Parallel()
	const n, seed = 301, 9
	checked := New(t, WithoutListener(), WithState(Generate(n, seed)))
	want := checked.Snapshot()
	s := New(t, WithoutListener(), WithGenerated(n, seed))
	if d := gocmp.Diff(want, s.Snapshot()); d != "" {
		t.Fatalf("WithGenerated differs from WithState(Generate) (-want +got):\n%s", d)
	}
	// What a load derives (correlations, lookups) is the same too.
	if d := gocmp.Diff(checked.ten.authCount, s.ten.authCount); d != "" || len(s.ten.authCount) == 0 {
		t.Errorf("correlation counts differ (-checked +generated):\n%s", d)
	}
	for _, a := range want.Accounts {
		if got := s.ten.native(a.SourceID, a.NativeIdentity); got == nil || got.ID != a.ID || s.ten.accounts[a.ID] != got {
			t.Fatalf("account %s not found by its id and native identity", a.ID)
		}
	}
	for _, id := range want.Identities {
		if got := s.ten.identities[id.ID]; got == nil || got.Name != id.Name {
			t.Fatalf("identity %s not found by its id", id.ID)
		}
	}
	if err := s.DeleteAccount(want.Accounts[0].ID); err != nil {
		t.Fatal(err)
	}
	s.Reset()
	if d := gocmp.Diff(want, s.Snapshot()); d != "" {
		t.Errorf("after Reset (-want +got):\n%s", d)
	}
	if _, err := NewServer(WithoutListener(), WithGenerated(-1, 1)); err == nil {
		t.Error("WithGenerated(-1) accepted")
	}
	// The later of WithState and WithGenerated wins.
	if got := len(New(t, WithoutListener(), WithGenerated(10, 1), WithState(DemoState())).Accounts()); got != len(DemoState().Accounts) {
		t.Errorf("WithState after WithGenerated: %d accounts", got)
	}
	if got := len(New(t, WithoutListener(), WithState(DemoState()), WithGenerated(10, 1)).Accounts()); got != 10 {
		t.Errorf("WithGenerated after WithState: %d accounts", got)
	}
}

// TestGenerateGolden pins what Generate makes for a seed: users pin seeds
// in their tests, so a change of the generator must not move a tenant.
// The file holds the first accounts whole, and a digest of a tenant big
// enough to span several of the generator's chunks.
func TestGenerateGolden(t *testing.T) {
	t.Parallel()
	const n, seed = 3*genChunk + 17, 7
	st := Generate(n, seed)
	all, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(struct {
		N, Seed  int
		SHA256   string
		Accounts []Account
	}{n, seed, fmt.Sprintf("%x", sha256.Sum256(all)), st.Accounts[:4]}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	goldenFile(t, filepath.Join("testdata", "golden", "generate.json"), got)
}
