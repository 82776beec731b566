package mockisc

import (
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// TestWithGenerated: the tenant made straight into the store is the one
// WithState(Generate(n, seed)) holds, and Reset makes it again.
func TestWithGenerated(t *testing.T) {
	t.Parallel()
	const n, seed = 301, 9
	want := New(t, WithoutListener(), WithState(Generate(n, seed))).Snapshot()
	s := New(t, WithoutListener(), WithGenerated(n, seed))
	if d := gocmp.Diff(want, s.Snapshot()); d != "" {
		t.Fatalf("WithGenerated differs from WithState(Generate) (-want +got):\n%s", d)
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
