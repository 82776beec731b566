package mockisc

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestAgileNowTenantDirectAPI covers Add, Get, List, Update and Delete of
// tenants, and what Update and Delete do to accounts and tokens.
func TestAgileNowTenantDirectAPI(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	a, err := s.AddAgileNowTenant(AgileNowTenant{Name: "A", Clients: []string{"ca"}})
	if err != nil || a.ID != 2 {
		t.Fatalf("AddAgileNowTenant = %+v, %v; want Id 2", a, err)
	}
	if b, err := s.AddAgileNowTenant(AgileNowTenant{ID: 40, Name: "B", ExternalID: "ext-b"}); err != nil || b.ID != 40 {
		t.Fatalf("AddAgileNowTenant = %+v, %v", b, err)
	}
	if c, _ := s.AddAgileNowTenant(AgileNowTenant{Name: "C"}); c.ID != 41 {
		t.Errorf("next free Id = %d, want 41", c.ID)
	}
	for _, tc := range []struct {
		name string
		t    AgileNowTenant
		is   error
		path string
	}{
		{"own id", AgileNowTenant{ID: 1, Name: "x"}, ErrExists, "agileNowTenant.Id"},
		{"taken id", AgileNowTenant{ID: 40, Name: "x"}, ErrExists, "agileNowTenant.Id"},
		{"negative id", AgileNowTenant{ID: -3, Name: "x"}, ErrInvalid, "agileNowTenant.Id"},
		{"beyond int32", AgileNowTenant{ID: 1 << 31, Name: "x"}, ErrInvalid, "agileNowTenant.Id"},
		{"no name", AgileNowTenant{Name: " "}, ErrInvalid, "agileNowTenant.Name"},
		{"taken external id", AgileNowTenant{Name: "x", ExternalID: "EXT-B"}, ErrExists, "agileNowTenant.ExternalId"},
		{"taken client", AgileNowTenant{Name: "x", Clients: []string{"ok", "ca"}}, ErrExists, "agileNowTenant.Clients[1]"},
		{"client twice", AgileNowTenant{Name: "x", Clients: []string{"z", "z"}}, ErrExists, "agileNowTenant.Clients[1]"},
		{"empty client", AgileNowTenant{Name: "x", Clients: []string{""}}, ErrInvalid, "agileNowTenant.Clients[0]"},
	} {
		if _, err := s.AddAgileNowTenant(tc.t); !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%s: %v, want %v at %s", tc.name, err, tc.is, tc.path)
		}
	}
	own, ok := s.AgileNowTenant(AgileNowOwnTenant)
	if !ok || own.Name != "mockisc" || !own.IsActive {
		t.Errorf("own tenant = %+v, %v", own, ok)
	}
	var ids []int64
	for _, tn := range s.AgileNowTenants() {
		ids = append(ids, tn.ID)
	}
	if d := cmp.Diff([]int64{1, 2, 40, 41}, ids); d != "" {
		t.Errorf("AgileNowTenants (-want +got):\n%s", d)
	}
	if _, err := s.UpdateAgileNowTenant(1, func(tn *AgileNowTenant) { tn.Name = "x" }); !errors.Is(err, ErrInvalid) {
		t.Errorf("updating the own tenant: %v", err)
	}
	if _, err := s.UpdateAgileNowTenant(99, func(*AgileNowTenant) {}); !errors.Is(err, ErrNotFound) {
		t.Errorf("updating an unknown tenant: %v", err)
	}
	if _, err := s.UpdateAgileNowTenant(40, func(tn *AgileNowTenant) { tn.Clients = []string{"ca"} }); !errors.Is(err, ErrExists) {
		t.Errorf("taking another tenant's client: %v", err)
	}
	// An account linked to 2 and 40 shows tenant 2's new name to ca's
	// tokens; deleting tenant 2 unlinks it, and ca falls back to tenant 1.
	if _, err := s.AddAgileNowAccount(AgileNowAccount{ID: "x", Tenants: []int64{2, 40}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAgileNowAccount(AgileNowAccount{ID: "y", Tenants: []int64{2}}); err != nil {
		t.Fatal(err)
	}
	ca := anClient(noTokenClient(s), s.URL, anToken(t, s, "ca", "s"))
	ca.do(t, "GET", anBase+"/Account/x", "").want(t, 200) // cached as "A"
	got, err := s.UpdateAgileNowTenant(2, func(tn *AgileNowTenant) { tn.Name = "A2"; tn.ID = 7 })
	if err != nil || got.ID != 2 || got.Name != "A2" {
		t.Fatalf("UpdateAgileNowTenant = %+v, %v", got, err)
	}
	if name := ca.do(t, "GET", anBase+"/Account/x", "").want(t, 200).obj(t)["TenantId"].(map[string]any)["Name"]; name != "A2" {
		t.Errorf("TenantId.Name = %v after the rename", name)
	}
	if err := s.DeleteAgileNowTenant(2); err != nil {
		t.Fatal(err)
	}
	if x, _ := s.AgileNowAccount("x"); !cmp.Equal(x.Tenants, []int64{40}) {
		t.Errorf("x links %v, want [40]", x.Tenants)
	}
	if y, _ := s.AgileNowAccount("y"); y.Tenants == nil || len(y.Tenants) != 0 {
		t.Errorf("y links %#v, want none", y.Tenants)
	}
	wantError(t, ca.do(t, "GET", anBase+"/Account/x", ""), 404, typeNotFound)
	for id, want := range map[int64]error{2: ErrNotFound, 1: ErrInvalid} {
		if err := s.DeleteAgileNowTenant(id); !errors.Is(err, want) {
			t.Errorf("DeleteAgileNowTenant(%d): %v, want %v", id, err, want)
		}
	}
}

// TestAgileNowLinksAndPicturesDirectAPI covers accounts' Tenants and the
// picture calls of the direct API, and that results share no memory with
// the store.
func TestAgileNowLinksAndPicturesDirectAPI(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	anSeedTenants(t, s)
	for _, tc := range []struct {
		tenants []int64
		path    string
	}{{[]int64{5}, "agileNowAccount.Tenants[0]"}, {[]int64{1, anExt1, 1}, "agileNowAccount.Tenants[2]"}} {
		if _, err := s.AddAgileNowAccount(AgileNowAccount{Tenants: tc.tenants}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("Tenants %v: %v, want ErrInvalid at %s", tc.tenants, err, tc.path)
		}
	}
	links := []int64{1, anExt1}
	a, err := s.AddAgileNowAccount(AgileNowAccount{ID: "a", Tenants: links})
	if err != nil {
		t.Fatal(err)
	}
	links[0], a.Tenants[1] = 99, 99 // neither the caller's slice nor the result is the store's
	if got, _ := s.AgileNowAccount("a"); !cmp.Equal(got.Tenants, []int64{1, anExt1}) {
		t.Errorf("stored links %v", got.Tenants)
	}
	if _, err := s.UpdateAgileNowAccount("a", func(x *AgileNowAccount) { x.Tenants = []int64{anExt3, 6} }); !errors.Is(err, ErrInvalid) {
		t.Errorf("linking an unknown tenant: %v", err)
	}

	p, err := s.AddAgileNowPicture(AgileNowPicture{AccountID: "A", Picture: anPNG})
	if err != nil || p.AccountID != "a" || p.Filename != "picture.png" || !p.CreatedOn.Equal(DefaultStartTime()) {
		t.Fatalf("AddAgileNowPicture = %+v, %v", p, err)
	}
	p.Picture[0] = 0
	for _, tc := range []struct {
		name string
		p    AgileNowPicture
		is   error
		path string
	}{
		{"second picture", AgileNowPicture{AccountID: "a", Picture: anPNG}, ErrExists, "agileNowPicture.AccountId"},
		{"unknown account", AgileNowPicture{AccountID: "zz", Picture: anPNG}, ErrInvalid, "agileNowPicture.AccountId"},
		{"empty", AgileNowPicture{AccountID: "b"}, ErrInvalid, "agileNowPicture.Picture"},
		{"too large", AgileNowPicture{AccountID: "b", Picture: make([]byte, AgileNowMaxPictureBytes+1)}, ErrInvalid, "agileNowPicture.Picture"},
	} {
		if _, err := s.AddAgileNowAccount(AgileNowAccount{ID: "b"}); err != nil && !errors.Is(err, ErrExists) {
			t.Fatal(err)
		}
		if _, err := s.AddAgileNowPicture(tc.p); !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%s: %v, want %v at %s", tc.name, err, tc.is, tc.path)
		}
	}
	if got, ok := s.AgileNowPicture("a"); !ok || !bytes.Equal(got.Picture, anPNG) {
		t.Errorf("AgileNowPicture = %+v, %v", got, ok)
	}
	s.Clock().Advance(time.Second)
	got, err := s.UpdateAgileNowPicture("a", func(x *AgileNowPicture) { x.Filename = "me.png"; x.AccountID = "b" })
	if err != nil || got.AccountID != "a" || got.Filename != "me.png" {
		t.Errorf("UpdateAgileNowPicture = %+v, %v", got, err)
	}
	if _, err := s.UpdateAgileNowPicture("b", func(*AgileNowPicture) {}); !errors.Is(err, ErrNotFound) {
		t.Errorf("updating a missing picture: %v", err)
	}
	if _, err := s.UpdateAgileNowPicture("a", func(x *AgileNowPicture) { x.Picture = nil }); !errors.Is(err, ErrInvalid) {
		t.Errorf("emptying a picture: %v", err)
	}
	if n := len(s.AgileNowPictures()); n != 1 {
		t.Errorf("%d pictures", n)
	}
	if err := s.DeleteAgileNowPicture("a"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAgileNowPicture("a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	// Deleting an account deletes its picture.
	if _, err := s.AddAgileNowPicture(AgileNowPicture{AccountID: "b", Picture: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAgileNowAccount("b"); err != nil {
		t.Fatal(err)
	}
	if n := len(s.AgileNowPictures()); n != 0 {
		t.Errorf("%d pictures after the account was deleted", n)
	}
}

// anSubState is a state with every AgileNow member: tenants, accounts
// linked by default, explicitly and not at all, and a picture.
func anSubState() State {
	at := DefaultStartTime()
	return State{
		AgileNowTenants: []AgileNowTenant{{ID: anExt1, Name: "Partner A", IsActive: true, Clients: []string{"partner"}}},
		AgileNowAccounts: []AgileNowAccount{
			{ID: "own", Username: "own", CreatedOn: at, ModifiedOn: at},
			{ID: "both", Username: "both", Tenants: []int64{anExt1, 1}, CreatedOn: at, ModifiedOn: at},
			{ID: "none", Username: "none", Tenants: []int64{}, CreatedOn: at, ModifiedOn: at},
		},
		AgileNowPictures: []AgileNowPicture{{AccountID: "both", Filename: "b.png", Picture: anPNG, CreatedOn: at}},
	}
}

// TestAgileNowSubStateRoundTrip: tenants, links (none, some, no link at
// all) and pictures survive Snapshot, JSON (bytes in base64), DecodeState,
// Restore and Reset; a state without them writes none of their members.
func TestAgileNowSubStateRoundTrip(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithState(anSubState()))
	snap := s.Snapshot()
	an := func(st State) State {
		return State{AgileNowTenants: st.AgileNowTenants, AgileNowAccounts: st.AgileNowAccounts, AgileNowPictures: st.AgileNowPictures}
	}
	if d := cmp.Diff(anSubState(), an(snap)); d != "" {
		t.Errorf("snapshot (-want +got):\n%s", d)
	}
	b, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Tenants":[7182,1]`, `"Tenants":[]`, `"Picture":"iVBORw0KGgo`, `"agileNowTenants":[{"Id":7182`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("state JSON lacks %s:\n%s", want, b)
		}
	}
	if n := bytes.Count(b, []byte(`"Tenants"`)); n != 2 {
		t.Errorf("%d accounts write Tenants, want the 2 not in the default", n)
	}
	back, err := DecodeState(b)
	if err != nil {
		t.Fatal(err)
	}
	other := New(t, WithoutListener())
	if err := other.Restore(back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(snap, other.Snapshot()); d != "" {
		t.Errorf("restored (-want +got):\n%s", d)
	}
	// Reset goes back to the starting state, links and pictures included.
	if err := s.DeleteAgileNowTenant(anExt1); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAgileNowPicture("both"); err != nil {
		t.Fatal(err)
	}
	s.Reset()
	if d := cmp.Diff(snap, s.Snapshot()); d != "" {
		t.Errorf("after Reset (-want +got):\n%s", d)
	}
	// A state of accounts alone writes nothing new.
	plainState := New(t, WithoutListener())
	if _, err := plainState.AddAgileNowAccount(AgileNowAccount{ID: "p"}); err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(plainState.Snapshot())
	for _, no := range []string{"Tenants", "agileNowTenants", "agileNowPictures"} {
		if bytes.Contains(b, []byte(no)) {
			t.Errorf("a state without tenants or pictures writes %s: %s", no, b)
		}
	}
}

func TestAgileNowSubStateRestoreRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(*State)
		is   error
		path string
	}{
		{"own tenant", func(st *State) { st.AgileNowTenants = append(st.AgileNowTenants, AgileNowTenant{ID: 1, Name: "x"}) },
			ErrExists, "agileNowTenants[1].Id"},
		{"tenant twice", func(st *State) { st.AgileNowTenants = append(st.AgileNowTenants, st.AgileNowTenants[0]) },
			ErrExists, "agileNowTenants[1].Id"},
		{"link to an unknown tenant", func(st *State) { st.AgileNowAccounts[1].Tenants = []int64{1, 5} },
			ErrInvalid, "agileNowAccounts[1].Tenants[1]"},
		{"picture of an unknown account", func(st *State) { st.AgileNowPictures[0].AccountID = "zz" },
			ErrInvalid, "agileNowPictures[0].AccountId"},
		{"two pictures", func(st *State) { st.AgileNowPictures = append(st.AgileNowPictures, st.AgileNowPictures[0]) },
			ErrExists, "agileNowPictures[1].AccountId"},
		{"picture too large", func(st *State) { st.AgileNowPictures[0].Picture = make([]byte, AgileNowMaxPictureBytes+1) },
			ErrInvalid, "agileNowPictures[0].Picture"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := New(t, WithoutListener(), WithState(anSubState()))
			before := s.Snapshot()
			st := anSubState()
			tc.edit(&st)
			err := s.Restore(st)
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.path) {
				t.Errorf("Restore: %v, want %v at %s", err, tc.is, tc.path)
			}
			if d := cmp.Diff(before, s.Snapshot()); d != "" {
				t.Errorf("a refused Restore changed the state (-before +after):\n%s", d)
			}
		})
	}
}
