package mockisc

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

func TestSnapshotRestoreRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	st := e.s.Snapshot()
	if len(st.Sources) != 3 || len(st.Identities) != 3 || len(st.Entitlements) != 2 || len(st.Accounts) != 6 {
		t.Fatalf("snapshot sizes %d %d %d %d", len(st.Sources), len(st.Identities), len(st.Entitlements), len(st.Accounts))
	}
	before := e.do(t, "GET", "/v3/accounts", "").body

	other := New(t, WithoutListener())
	if err := other.Restore(st); err != nil {
		t.Fatal(err)
	}
	if d := gocmp.Diff(st, other.Snapshot()); d != "" {
		t.Errorf("Snapshot after Restore (-want +got):\n%s", d)
	}
	after := iscClient(other.Client(), other.URL).do(t, "GET", "/v3/accounts", "").body
	if d := gocmp.Diff(string(before), string(after)); d != "" {
		t.Errorf("restored tenant renders differently:\n%s", d)
	}
	// The snapshot is a deep copy.
	st.Accounts[0].Attributes["dept"] = "changed"
	st.Sources[1].Features[0] = "changed"
	if a, _ := e.s.Account(e.fx.hrAlice.ID); a.Attributes["dept"] != "eng" {
		t.Error("changing a snapshot changed the server")
	}
	if src, _ := e.s.Source(e.fx.ad.ID); src.Features[0] != "ENABLE" {
		t.Error("changing a snapshot changed a source")
	}
}

func TestRestoreInvalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	good := e.s.Snapshot()
	tests := []struct {
		name   string
		change func(st *State)
		is     error
		want   string
	}{
		{"unknown source", func(st *State) { st.Accounts[3].SourceID = "nope" }, ErrInvalid, `accounts[3].sourceId: source "nope" not found`},
		{"unknown identity", func(st *State) { st.Accounts[1].IdentityID = "nope" }, ErrInvalid, "accounts[1].identityId"},
		{"unknown entitlement", func(st *State) { st.Accounts[2].Entitlements = []string{"x", "nope"} }, ErrInvalid, "accounts[2].entitlements[0]"},
		{"duplicate account id", func(st *State) { st.Accounts[4].ID = st.Accounts[0].ID }, ErrExists, "accounts[4].id"},
		{"duplicate native identity", func(st *State) { st.Accounts[1].NativeIdentity = "E001" }, ErrExists, "accounts[1].nativeIdentity"},
		{"no native identity", func(st *State) { st.Accounts[5].NativeIdentity, st.Accounts[5].Name = "", "" }, ErrInvalid, "accounts[5].nativeIdentity"},
		{"bad origin", func(st *State) { st.Accounts[0].Origin = "MANUAL" }, ErrInvalid, "accounts[0].origin"},
		{"bad recommendation", func(st *State) { st.Accounts[2].Recommendation.Method = "GUESS" }, ErrInvalid, "accounts[2].recommendation.method"},
		{"source without name", func(st *State) { st.Sources[2].Name = "" }, ErrInvalid, "sources[2].name"},
		{"bad connection type", func(st *State) { st.Sources[0].ConnectionType = "pigeon" }, ErrInvalid, "sources[0].connectionType"},
		{"duplicate source", func(st *State) { st.Sources[1].ID = st.Sources[0].ID }, ErrExists, "sources[1].id"},
		{"bad identity state", func(st *State) { st.Identities[1].IdentityState = "GONE" }, ErrInvalid, "identities[1].identityState"},
		{"entitlement of unknown source", func(st *State) { st.Entitlements[1].SourceID = "nope" }, ErrInvalid, "entitlements[1].sourceId"},
	}
	for _, tt := range tests {
		st := e.s.Snapshot()
		tt.change(&st)
		err := e.s.Restore(st)
		if !errors.Is(err, tt.is) || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Restore error %v, want %v naming %q", tt.name, err, tt.is, tt.want)
		}
		if d := gocmp.Diff(good, e.s.Snapshot()); d != "" {
			t.Errorf("%s: a refused Restore changed the tenant:\n%s", tt.name, d)
		}
	}
	// The server still answers from the old state.
	e.do(t, "GET", "/v3/accounts/"+e.fx.hrAlice.ID, "").want(t, http.StatusOK)
}

func TestResetAndWithState(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	st := e.s.Snapshot()
	s := New(t, WithoutListener(), WithState(st))
	k := iscClient(s.Client(), s.URL)
	taskID(t, k.do(t, "POST", "/v3/accounts", specExample(e.fx.hr.ID)))
	taskID(t, k.do(t, "DELETE", "/v3/accounts/"+e.fx.hrAlice.ID, ""))
	if _, err := s.AddIdentity(Identity{Name: "Dan"}); err != nil {
		t.Fatal(err)
	}
	s.Reset()
	if d := gocmp.Diff(st, s.Snapshot()); d != "" {
		t.Errorf("after Reset (-initial +got):\n%s", d)
	}
	if n := len(s.Tasks()); n != 0 {
		t.Errorf("%d tasks after Reset", n)
	}
	// Lists see the reset (no stale cache).
	r := k.do(t, "GET", "/v3/accounts?count=true", "")
	if r.header.Get("X-Total-Count") != "6" {
		t.Errorf("X-Total-Count %q after Reset, want 6", r.header.Get("X-Total-Count"))
	}
	// An empty server resets to empty.
	e.s.Reset()
	if got := e.s.Snapshot(); len(got.Accounts)+len(got.Sources)+len(got.Identities)+len(got.Entitlements) != 0 {
		t.Errorf("after Reset of an empty-started server: %+v", got)
	}
}

func TestDirectAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	fx := e.fx
	// Defaults filled on add.
	if fx.hr.Type != SourceTypeDelimitedFile || fx.hr.ConnectionType != "file" || fx.hr.Owner.Name != "Alice Anders" {
		t.Errorf("HR source defaults: %+v", fx.hr)
	}
	if fx.ad.ConnectionType != "direct" || fx.admins.Attribute != "memberOf" || fx.admins.Value != "Admins" {
		t.Errorf("AD defaults: %+v %+v", fx.ad, fx.admins)
	}
	a, err := e.s.AddAccount(Account{SourceID: fx.hr.ID, Name: "only-name"})
	if err != nil || a.NativeIdentity != "only-name" || a.Attributes == nil || a.Created != e.s.Clock().Now() {
		t.Errorf("AddAccount defaults: %+v, %v", a, err)
	}
	// Errors.
	errCases := []struct {
		name string
		err  error
		is   error
	}{
		{"account unknown source", func() error { _, err := e.s.AddAccount(Account{SourceID: "x", NativeIdentity: "n"}); return err }(), ErrInvalid},
		{"account twin", func() error {
			_, err := e.s.AddAccount(Account{SourceID: fx.hr.ID, NativeIdentity: "E001"})
			return err
		}(), ErrExists},
		{"source no name", func() error { _, err := e.s.AddSource(Source{}); return err }(), ErrInvalid},
		{"identity no name", func() error { _, err := e.s.AddIdentity(Identity{}); return err }(), ErrInvalid},
		{"identity dup", func() error { _, err := e.s.AddIdentity(Identity{ID: fx.bob.ID, Name: "x"}); return err }(), ErrExists},
		{"entitlement no source", func() error { _, err := e.s.AddEntitlement(Entitlement{Name: "x"}); return err }(), ErrInvalid},
		{"update missing", func() error { _, err := e.s.UpdateAccount("nope", func(*Account) {}); return err }(), ErrNotFound},
		{"update identity missing", func() error { _, err := e.s.UpdateIdentity("nope", func(*Identity) {}); return err }(), ErrNotFound},
		{"delete missing", e.s.DeleteAccount("nope"), ErrNotFound},
		{"update to twin", func() error {
			_, err := e.s.UpdateAccount(fx.hrBob.ID, func(a *Account) { a.NativeIdentity = "E001" })
			return err
		}(), ErrExists},
		{"identity bad state", func() error {
			_, err := e.s.UpdateIdentity(fx.bob.ID, func(i *Identity) { i.IdentityState = "x" })
			return err
		}(), ErrInvalid},
	}
	for _, tt := range errCases {
		if !errors.Is(tt.err, tt.is) {
			t.Errorf("%s: error %v, want %v", tt.name, tt.err, tt.is)
		}
	}
	// A refused update keeps the account as it was, in its place.
	if got, _ := e.s.Account(fx.hrBob.ID); got.NativeIdentity != "E002" {
		t.Errorf("refused update changed the account: %+v", got)
	}
	if got := accountIDs(e.s.Accounts()...)[:2]; !gocmp.Equal(got, accountIDs(fx.hrAlice, fx.hrBob)) {
		t.Errorf("order after refused update: %v", got)
	}
	// UpdateAccount keeps the id and creation order, and shows over HTTP.
	up, err := e.s.UpdateAccount(fx.hrBob.ID, func(a *Account) { a.ID = "ignored"; a.Disabled = true; a.NativeIdentity = "E099" })
	if err != nil || up.ID != fx.hrBob.ID {
		t.Fatalf("UpdateAccount: %+v, %v", up, err)
	}
	if got := e.get(t, fx.hrBob.ID); got["disabled"] != true || got["nativeIdentity"] != "E099" {
		t.Errorf("over HTTP after UpdateAccount: %v %v", got["disabled"], got["nativeIdentity"])
	}
	if got := accountIDs(e.s.Accounts()...)[1]; got != fx.hrBob.ID {
		t.Errorf("UpdateAccount moved the account in creation order")
	}
	// The old native identity is free, the new one taken.
	if _, err := e.s.AddAccount(Account{SourceID: fx.hr.ID, NativeIdentity: "E002"}); err != nil {
		t.Errorf("old native identity not freed: %v", err)
	}
	if err := e.s.DeleteAccount(fx.hrBob.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.s.Account(fx.hrBob.ID); ok {
		t.Error("DeleteAccount left the account")
	}
	e.do(t, "GET", "/v3/accounts/"+fx.hrBob.ID, "").want(t, http.StatusNotFound)
	if got, ok := e.s.Identity(fx.alice.ID); !ok || got.Name != "Alice Anders" {
		t.Errorf("Identity: %+v %v", got, ok)
	}
	if got, ok := e.s.Entitlement(fx.users.ID); !ok || got.Name != "Users" {
		t.Errorf("Entitlement: %+v %v", got, ok)
	}
	if n := len(e.s.Sources()); n != 3 {
		t.Errorf("%d sources", n)
	}
	if n := len(e.s.Identities()); n != 3 {
		t.Errorf("%d identities", n)
	}
}

// TestReadersReturnCopies checks that changing what a reader returns
// leaves the server alone.
func TestReadersReturnCopies(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	fx := e.fx
	before := e.do(t, "GET", "/v3/accounts", "").body

	a, _ := e.s.Account(fx.adSvc.ID)
	a.Attributes["x"] = 1
	*a.UUID = "changed"
	a.Recommendation.Method = "CRITERIA"
	a.OwnerIdentity.Name = "changed"
	all := e.s.Accounts()
	all[2].Entitlements[0] = "changed"
	all[0].Attributes["dept"] = "changed"
	src, _ := e.s.Source(fx.hr.ID)
	src.Owner.Name = "changed"
	ent, _ := e.s.Entitlement(fx.admins.ID)
	ent.Attributes = map[string]any{"x": 1}
	csv, _ := e.s.Account(fx.csvCarol.ID)
	*csv.Description = "changed"
	// And the values given to Add* are copied too.
	attrs := map[string]any{"k": "v"}
	added, err := e.s.AddAccount(Account{SourceID: fx.hr.ID, NativeIdentity: "copy", Attributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	attrs["k"] = "changed"
	added.Attributes["k"] = "changed too"

	if got, _ := e.s.Account(added.ID); got.Attributes["k"] != "v" {
		t.Errorf("AddAccount kept the caller's map: %v", got.Attributes)
	}
	after := e.do(t, "GET", listPath("limit", "6"), "").body
	if d := gocmp.Diff(string(before), string(after)); d != "" {
		t.Errorf("changing returned values changed the server:\n%s", d)
	}
}

func TestJournal(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	fx := e.fx
	e.do(t, "GET", "/v3/accounts?limit=1", "")
	e.do(t, "POST", "/v3/accounts/"+fx.adAlice.ID+"/disable", `{}`)
	e.do(t, "POST", "/v3/accounts/"+fx.adBob.ID+"/disable", `{}`)
	e.do(t, "GET", "/v3/accounts/nope", "")
	e.do(t, "DELETE", "/v3/accounts", "")
	fetchToken(t, noTokenClient(e.s), e.s.URL, "?client_secret=qsecret", "grant_type=client_credentials&client_id=j&client_secret=bsecret", "Content-Type", formCT)

	j := e.s.Journal()
	tests := []struct {
		method, path string
		want         int
	}{
		{"", "", 6},
		{"POST", "/v3/accounts/{id}/disable", 2},
		{"post", "/v3/accounts/" + fx.adAlice.ID + "/disable", 1},
		{"GET", "/v3/accounts/{id}", 1},
		{"GET", "/v3/accounts", 1},
		{"DELETE", "", 1},
		{"", "/oauth/token", 1},
		{"PUT", "", 0},
	}
	for _, tt := range tests {
		if got := j.Count(tt.method, tt.path); got != tt.want {
			t.Errorf("Count(%q, %q) = %d, want %d", tt.method, tt.path, got, tt.want)
		}
		if got := len(j.Find(tt.method, tt.path)); got != tt.want {
			t.Errorf("len(Find(%q, %q)) = %d, want %d", tt.method, tt.path, got, tt.want)
		}
	}
	ents := j.Entries()
	wantRoutes := []string{"/v3/accounts", "/v3/accounts/{id}/disable", "/v3/accounts/{id}/disable", "/v3/accounts/{id}", "", "/oauth/token"}
	wantStatus := []int{200, 202, 202, 404, 405, 200}
	for i, en := range ents {
		if en.Seq != i+1 || en.Route != wantRoutes[i] || en.Status != wantStatus[i] {
			t.Errorf("entry %d: seq %d route %q status %d; want %d %q %d", i, en.Seq, en.Route, en.Status, i+1, wantRoutes[i], wantStatus[i])
		}
	}
	if ents[0].Query != "limit=1" || string(ents[1].Body) != `{}` || ents[1].ClientID != DefaultClientID {
		t.Errorf("entry details: query %q body %q client %q", ents[0].Query, ents[1].Body, ents[1].ClientID)
	}
	if got := ents[1].Header.Get("Authorization"); got != "Bearer REDACTED" {
		t.Errorf("Authorization kept as %q", got)
	}
	tok := ents[5]
	if strings.Contains(string(tok.Body), "bsecret") || strings.Contains(tok.Query, "qsecret") ||
		!strings.Contains(string(tok.Body), "client_secret=REDACTED") || tok.ClientID != "j" {
		t.Errorf("token entry not redacted: body %q query %q client %q", tok.Body, tok.Query, tok.ClientID)
	}
	// Entries is a copy.
	ents[0].Path = "changed"
	if got, _ := j.Last(); got.Seq != 6 || j.Entries()[0].Path != "/v3/accounts" {
		t.Error("Entries is not a copy")
	}
	j.Clear()
	if j.Count("", "") != 0 {
		t.Error("Clear kept entries")
	}
	e.do(t, "GET", "/v3/accounts", "")
	if got, ok := j.Last(); !ok || got.Seq != 7 {
		t.Errorf("after Clear: %+v %v, want seq 7", got, ok)
	}
	// A bounded journal keeps the newest.
	s := New(t, WithoutListener(), WithJournalSize(2))
	k := iscClient(s.Client(), s.URL)
	for range 3 {
		k.do(t, "GET", "/v3/accounts", "").want(t, http.StatusOK)
	}
	if got := s.Journal().Entries(); len(got) != 2 || got[0].Seq != 2 {
		t.Errorf("bounded journal: %d entries from seq %d", len(got), got[0].Seq)
	}
}
