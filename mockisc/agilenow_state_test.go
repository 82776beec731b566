package mockisc_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/mockisc"
)

// anScript is a fixed series of requests.
var anScript = []struct{ method, path, body string }{
	{"POST", "/Account", `{"Username":"u1","Email":"u1@x.io","LanguageId":"de-DE"}`},
	{"PATCH", "/Account", `{"Username":"u2"}`},
	{"PATCH", "/Account", `{"Username":"u1","FirstName":"Uno"}`},
	{"GET", "/Accounts?Orders=Username%20DESC", ""},
	{"GET", "/Account/nope", ""},
	{"DELETE", "/Account/u2?Name=Username", ""},
}

// TestAgileNowDeterminism runs the same requests on two servers with the
// same seed and expects byte-identical answers, errors included.
func TestAgileNowDeterminism(t *testing.T) {
	t.Parallel()
	run := func() [][]byte {
		e := newAnEnv(t, mockisc.WithSeed(7))
		var out [][]byte
		for _, step := range anScript {
			r := e.do(step.method, anBase+step.path, step.body)
			out = append(out, r.body)
		}
		return out
	}
	a, b := run(), run()
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("same seed, different answers (-first +second):\n%s", d)
	}
}

// TestAgileNowStateAndJournal checks snapshot, restore, reset and the
// journal for AgileNow requests.
func TestAgileNowStateAndJournal(t *testing.T) {
	t.Parallel()
	initial := mockisc.State{AgileNowAccounts: []mockisc.AgileNowAccount{{ID: "seed", Username: "seed", TimezoneID: "UTC"}}}
	e := newAnEnv(t, mockisc.WithState(initial))
	for _, step := range anScript {
		e.do(step.method, anBase+step.path, step.body)
	}
	snap := e.s.Snapshot()
	var users []string
	for _, a := range snap.AgileNowAccounts {
		users = append(users, a.Username)
	}
	if d := cmp.Diff([]string{"seed", "u1"}, users); d != "" {
		t.Errorf("snapshot (-want +got):\n%s", d)
	}
	// The state round-trips through JSON and Restore.
	b, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	var back mockisc.State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	other := mockisc.New(t)
	if err := other.Restore(back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(snap.AgileNowAccounts, other.AgileNowAccounts()); d != "" {
		t.Errorf("restored (-want +got):\n%s", d)
	}
	// Reset goes back to WithState.
	e.s.Reset()
	if d := cmp.Diff([]string{"seed"}, anIDs(e.s)); d != "" {
		t.Errorf("after Reset (-want +got):\n%s", d)
	}
	// The journal names AgileNow routes by pattern.
	if n := e.s.Journal().Count("PATCH", "/Endpoint/rest/api/v1/Account"); n != 2 {
		t.Errorf("journal has %d upserts, want 2", n)
	}
	if n := e.s.Journal().Count("GET", "/Endpoint/rest/api/v1/Account/{Id}"); n != 1 {
		t.Errorf("journal has %d GET /Account/{Id}, want 1", n)
	}
}

func TestAgileNowRestoreRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		accs []mockisc.AgileNowAccount
		is   error
		path string
	}{
		{"bad enum", []mockisc.AgileNowAccount{{LanguageID: "fi"}}, mockisc.ErrInvalid, "agileNowAccounts[0].LanguageId"},
		{"duplicate id", []mockisc.AgileNowAccount{{ID: "x"}, {ID: "X"}}, mockisc.ErrExists, "agileNowAccounts[1].Id"},
		{"duplicate email", []mockisc.AgileNowAccount{{Email: "a@b"}, {Email: "A@B"}}, mockisc.ErrExists, "agileNowAccounts[1].Email"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := mockisc.New(t)
			err := s.Restore(mockisc.State{AgileNowAccounts: tc.accs})
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.path) {
				t.Errorf("Restore: %v, want %v at %s", err, tc.is, tc.path)
			}
		})
	}
}

func TestAgileNowDirectAPI(t *testing.T) {
	t.Parallel()
	s := mockisc.New(t)
	a, err := s.AddAgileNowAccount(mockisc.AgileNowAccount{Username: "jdoe", Phone: "1"})
	if err != nil || a.ID == "" || !a.CreatedOn.Equal(mockisc.DefaultStartTime()) {
		t.Fatalf("AddAgileNowAccount = %+v, %v", a, err)
	}
	if _, err := s.AddAgileNowAccount(mockisc.AgileNowAccount{Username: "JDOE"}); !errors.Is(err, mockisc.ErrExists) {
		t.Errorf("duplicate Username: %v, want ErrExists", err)
	}
	b, _ := s.AddAgileNowAccount(mockisc.AgileNowAccount{Username: "other"})
	s.Clock().Advance(time.Second)
	if _, err := s.UpdateAgileNowAccount(b.ID, func(x *mockisc.AgileNowAccount) { x.Phone = "1" }); !errors.Is(err, mockisc.ErrExists) {
		t.Errorf("update to a taken Phone: %v, want ErrExists", err)
	}
	if _, err := s.UpdateAgileNowAccount(b.ID, func(x *mockisc.AgileNowAccount) { x.DateFormatID = "D" }); !errors.Is(err, mockisc.ErrInvalid) {
		t.Errorf("update to a bad enum: %v, want ErrInvalid", err)
	}
	got, err := s.UpdateAgileNowAccount(b.ID, func(x *mockisc.AgileNowAccount) { x.ID = "changed"; x.Name = "N" })
	if err != nil || got.ID != b.ID || got.Name != "N" || !got.ModifiedOn.Equal(mockisc.DefaultStartTime().Add(time.Second)) {
		t.Errorf("UpdateAgileNowAccount = %+v, %v", got, err)
	}
	if err := s.DeleteAgileNowAccount(a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAgileNowAccount(a.ID); !errors.Is(err, mockisc.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if _, ok := s.AgileNowAccount(a.ID); ok {
		t.Error("deleted account still found")
	}
	if d := cmp.Diff([]string{b.ID}, anIDs(s)); d != "" {
		t.Errorf("accounts (-want +got):\n%s", d)
	}
}
