package mockisc

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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

// TestAgileNowDeterminism runs the same requests on servers with the same
// seed and expects byte-identical answers, errors included: twice in each
// mode, and the same in both modes.
func TestAgileNowDeterminism(t *testing.T) {
	t.Parallel()
	run := func(t *testing.T, mode []Option) [][]byte {
		e := newAnEnv(t, with(mode, WithSeed(7))...)
		var out [][]byte
		for _, step := range anScript {
			r := e.do(t, step.method, anBase+step.path, step.body)
			out = append(out, r.body)
		}
		return out
	}
	var byMode [][][]byte
	for _, m := range modes {
		a, b := run(t, m.opts), run(t, m.opts)
		if d := cmp.Diff(a, b); d != "" {
			t.Errorf("%s: same seed, different answers (-first +second):\n%s", m.name, d)
		}
		byMode = append(byMode, a)
	}
	if d := cmp.Diff(byMode[0], byMode[1]); d != "" {
		t.Errorf("same seed, different answers (-%s +%s):\n%s", modes[0].name, modes[1].name, d)
	}
}

// TestAgileNowStateAndJournal checks snapshot, restore, reset and the
// journal for AgileNow requests.
func TestAgileNowStateAndJournal(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		initial := State{AgileNowAccounts: []AgileNowAccount{{ID: "seed", Username: "seed", TimezoneID: "UTC"}}}
		e := newAnEnv(t, with(mode, WithState(initial))...)
		for _, step := range anScript {
			e.do(t, step.method, anBase+step.path, step.body)
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
		var back State
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		other := New(t, WithoutListener())
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
	})
}

func TestAgileNowRestoreRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		accs []AgileNowAccount
		is   error
		path string
	}{
		{"bad enum", []AgileNowAccount{{LanguageID: "fi"}}, ErrInvalid, "agileNowAccounts[0].LanguageId"},
		{"duplicate id", []AgileNowAccount{{ID: "x"}, {ID: "X"}}, ErrExists, "agileNowAccounts[1].Id"},
		{"duplicate email", []AgileNowAccount{{Email: "a@b"}, {Email: "A@B"}}, ErrExists, "agileNowAccounts[1].Email"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := New(t)
			err := s.Restore(State{AgileNowAccounts: tc.accs})
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.path) {
				t.Errorf("Restore: %v, want %v at %s", err, tc.is, tc.path)
			}
		})
	}
}

func TestAgileNowDirectAPI(t *testing.T) {
	t.Parallel()
	s := New(t)
	a, err := s.AddAgileNowAccount(AgileNowAccount{Username: "jdoe", Phone: "1"})
	if err != nil || a.ID == "" || !a.CreatedOn.Equal(DefaultStartTime()) {
		t.Fatalf("AddAgileNowAccount = %+v, %v", a, err)
	}
	if _, err := s.AddAgileNowAccount(AgileNowAccount{Username: "JDOE"}); !errors.Is(err, ErrExists) {
		t.Errorf("duplicate Username: %v, want ErrExists", err)
	}
	b, _ := s.AddAgileNowAccount(AgileNowAccount{Username: "other"})
	s.Clock().Advance(time.Second)
	if _, err := s.UpdateAgileNowAccount(b.ID, func(x *AgileNowAccount) { x.Phone = "1" }); !errors.Is(err, ErrExists) {
		t.Errorf("update to a taken Phone: %v, want ErrExists", err)
	}
	if _, err := s.UpdateAgileNowAccount(b.ID, func(x *AgileNowAccount) { x.DateFormatID = "D" }); !errors.Is(err, ErrInvalid) {
		t.Errorf("update to a bad enum: %v, want ErrInvalid", err)
	}
	got, err := s.UpdateAgileNowAccount(b.ID, func(x *AgileNowAccount) { x.ID = "changed"; x.Name = "N" })
	if err != nil || got.ID != b.ID || got.Name != "N" || !got.ModifiedOn.Equal(DefaultStartTime().Add(time.Second)) {
		t.Errorf("UpdateAgileNowAccount = %+v, %v", got, err)
	}
	if err := s.DeleteAgileNowAccount(a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAgileNowAccount(a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if _, ok := s.AgileNowAccount(a.ID); ok {
		t.Error("deleted account still found")
	}
	if d := cmp.Diff([]string{b.ID}, anIDs(s)); d != "" {
		t.Errorf("accounts (-want +got):\n%s", d)
	}
}
