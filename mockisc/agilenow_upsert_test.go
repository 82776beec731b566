package mockisc

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestAgileNowUpsertDecisionRules(t *testing.T) {
	t.Parallel()
	const inserted = "<new>"
	tests := []struct {
		name    string
		body    string
		status  int
		errType string // for errors
		errText string
		target  string // the Id answered: an existing one, or inserted
		check   func(t *testing.T, got AgileNowAccount)
	}{
		{name: "Id found updates", body: `{"Id":"a1","FirstName":"Alicia"}`, status: 200, target: "a1",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "FirstName", "Alicia", a.FirstName) }},
		{name: "Id matches ignoring case", body: `{"Id":"A1","LastName":"Z"}`, status: 200, target: "a1",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "LastName", "Z", a.LastName) }},
		{name: "Id not found is 404", body: `{"Id":"zz","FirstName":"X"}`, status: 404, errType: typeNotFound, errText: `"zz"`},
		{name: "Username finds the account", body: `{"Username":"alice","Phone":"+3589"}`, status: 200, target: "a1",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "Phone", "+3589", a.Phone) }},
		{name: "Username ignores case and takes the new spelling", body: `{"Username":"ALICE"}`, status: 200, target: "a1",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "Username", "ALICE", a.Username) }},
		{name: "ExternalId finds the account", body: `{"ExternalId":"ext-b","Is_Active":true}`, status: 200, target: "b2",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "IsActive", true, a.IsActive) }},
		{name: "both keys on one account", body: `{"Username":"bob","ExternalId":"EXT-B","Name":"Bobby"}`, status: 200, target: "b2",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "Name", "Bobby", a.Name) }},
		{name: "Username found, new ExternalId is set", body: `{"Username":"alice","ExternalId":"ext-new"}`, status: 200, target: "a1",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "ExternalID", "ext-new", a.ExternalID) }},
		{name: "ExternalId found, new Username is set", body: `{"Username":"robert","ExternalId":"ext-b"}`, status: 200, target: "b2",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "Username", "robert", a.Username) }},
		{name: "keys on two accounts", body: `{"Username":"alice","ExternalId":"ext-b"}`, status: 400,
			errType: typeMultipleRows, errText: `account "a1"`},
		{name: "new Username inserts", body: `{"Username":"carol","Email":"carol@x.io"}`, status: 200, target: inserted,
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "Username", "carol", a.Username) }},
		{name: "new ExternalId inserts", body: `{"ExternalId":"ext-c"}`, status: 200, target: inserted,
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "ExternalID", "ext-c", a.ExternalID) }},
		{name: "all keys empty inserts", body: `{"Id":"","Username":"","ExternalId":null,"FirstName":"Nobody"}`, status: 200, target: inserted,
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "FirstName", "Nobody", a.FirstName) }},
		{name: "empty Id with Username updates", body: `{"Id":"","Username":"bob","LastName":"Q"}`, status: 200, target: "b2",
			check: func(t *testing.T, a AgileNowAccount) { wantEq(t, "LastName", "Q", a.LastName) }},
		{name: "update by Id to another's Username", body: `{"Id":"a1","Username":"Bob"}`, status: 400,
			errType: typeMultipleRows, errText: `Username: "Bob" already belongs to account "b2"`},
		{name: "update by Username to another's Email", body: `{"Username":"alice","Email":"BOB@x.io"}`, status: 400,
			errType: typeMultipleRows, errText: `Email: "BOB@x.io" already belongs to account "b2"`},
		{name: "insert with a taken Email", body: `{"Username":"carol","Email":"alice@x.io"}`, status: 400,
			errType: typeMultipleRows, errText: `Email: "alice@x.io" already belongs to account "a1"`},
		{name: "insert with a taken Phone", body: `{"Phone":"+3581"}`, status: 400, errType: typeMultipleRows, errText: "Phone:"},
		{name: "insert with a taken Identifier", body: `{"Identifier":"111"}`, status: 400, errType: typeMultipleRows, errText: "Identifier:"},
		{name: "bad enum", body: `{"Id":"a1","TimezoneId":"Mars Standard Time"}`, status: 400, errType: typeBadInput,
			errText: `TimezoneId: "Mars Standard Time"`},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				e := newAnEnv(t, mode...)
				anSeed(t, e.s)
				before := e.s.AgileNowAccounts()
				r := e.do(t, "PATCH", anBase+"/Account", tc.body)
				if tc.errType != "" {
					wantError(t, r, tc.status, tc.errType, tc.errText)
					if d := cmp.Diff(before, e.s.AgileNowAccounts()); d != "" {
						t.Errorf("a refused upsert changed the state (-before +after):\n%s", d)
					}
					return
				}
				got := r.want(t, tc.status).obj(t)
				id := anStr(got, "Id")
				wantIDs := []string{"a1", "b2"}
				if tc.target == inserted {
					if id == "" || id == "a1" || id == "b2" {
						t.Fatalf("inserted Id = %q, want a new one", id)
					}
					wantIDs = append(wantIDs, id)
				} else if id != tc.target {
					t.Fatalf("answered Id = %q, want %q", id, tc.target)
				}
				if d := cmp.Diff(wantIDs, anIDs(e.s)); d != "" {
					t.Errorf("accounts (-want +got):\n%s", d)
				}
				stored, ok := e.s.AgileNowAccount(id)
				if !ok {
					t.Fatalf("account %q not stored", id)
				}
				tc.check(t, stored)
			})
		}
	})
}

// TestAgileNowInsertUniqueness refuses every unique key that another
// account holds, ignoring case, naming the field.
func TestAgileNowInsertUniqueness(t *testing.T) {
	t.Parallel()
	tests := []struct{ field, body string }{
		{"Id", `{"Id":"A1"}`},
		{"Username", `{"Username":"Alice"}`},
		{"ExternalId", `{"ExternalId":"ext-a"}`},
		{"Email", `{"Email":"alice@X.io"}`},
		{"Phone", `{"Phone":"+3581"}`},
		{"Identifier", `{"Identifier":"111"}`},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		for _, tc := range tests {
			t.Run(tc.field, func(t *testing.T) {
				t.Parallel()
				e := newAnEnv(t, mode...)
				anSeed(t, e.s)
				r := e.do(t, "POST", anBase+"/Account", tc.body)
				wantError(t, r, 400, typeMultipleRows, tc.field+":", `account "a1"`)
				if n := len(e.s.AgileNowAccounts()); n != 2 {
					t.Errorf("%d accounts after a refused insert, want 2", n)
				}
			})
		}
	})
}

func TestAgileNowInsert(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSeed(t, e.s)
		e.s.Clock().Advance(10 * time.Minute)
		// Unset optional keys do not collide: b2 and the new account have no Phone.
		got := e.do(t, "POST", anBase+"/Account", `{"Username":"carol","Email":"carol@x.io","PhoneVerified":true}`).want(t, 200).obj(t)
		if anStr(got, "CreatedOn") != "2025-01-01T00:10:00Z" || anStr(got, "ModifiedOn") != "2025-01-01T00:10:00Z" {
			t.Errorf("CreatedOn, ModifiedOn = %v, %v; want the server clock", got["CreatedOn"], got["ModifiedOn"])
		}
		if _, has := got["LanguageId"]; got["PhoneVerified"] != true || got["Phone"] != "" || has {
			t.Errorf("PhoneVerified, Phone, LanguageId = %v, %v, %v; want true, \"\" and no LanguageId", got["PhoneVerified"], got["Phone"], got["LanguageId"])
		}
		// A POST may choose the Id.
		got = e.do(t, "POST", anBase+"/Account", `{"Id":"chosen","Username":"dave"}`).want(t, 200).obj(t)
		wantEq(t, "Id", "chosen", anStr(got, "Id"))
	})
}

// TestAgileNowUpdate covers PUT: the members present change, the others
// stay, the Id never changes, and uniqueness holds.
func TestAgileNowUpdate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, body string
		status           int
		errType, errText string
		want             func(a *AgileNowAccount)
	}{
		{name: "partial", path: "/Account/a1", body: `{"FirstName":"Ally","NotifyBySMS":true}`, status: 200,
			want: func(a *AgileNowAccount) { a.FirstName, a.NotifyBySMS = "Ally", true }},
		{name: "null clears", path: "/Account/a1", body: `{"Phone":null,"LanguageId":null}`, status: 200,
			want: func(a *AgileNowAccount) { a.Phone, a.LanguageID = "", "" }},
		{name: "by Username", path: "/Account/ALICE?Name=Username", body: `{"ExternalId":"ext-z"}`, status: 200,
			want: func(a *AgileNowAccount) { a.ExternalID = "ext-z" }},
		{name: "keeping its own values", path: "/Account/a1", body: `{"Username":"alice","Email":"alice@x.io"}`, status: 200,
			want: func(a *AgileNowAccount) {}},
		{name: "Id is not a member", path: "/Account/a1", body: `{"Id":"new"}`, status: 400, errType: typeBadInput,
			errText: "Id: unknown member; AccountUpdateData has Name,"},
		{name: "PhoneVerified is not a member", path: "/Account/a1", body: `{"PhoneVerified":true}`, status: 400,
			errType: typeBadInput, errText: "PhoneVerified: unknown member"},
		{name: "taken Username", path: "/Account/a1", body: `{"Username":"bob"}`, status: 400, errType: typeMultipleRows,
			errText: `Username: "bob" already belongs to account "b2"`},
		{name: "taken ExternalId", path: "/Account/a1", body: `{"ExternalId":"EXT-B"}`, status: 400, errType: typeMultipleRows,
			errText: "ExternalId:"},
		{name: "not found", path: "/Account/zz", body: `{}`, status: 404, errType: typeNotFound, errText: `no account has Id "zz"`},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				e := newAnEnv(t, mode...)
				anSeed(t, e.s)
				before, _ := e.s.AgileNowAccount("a1")
				e.s.Clock().Advance(time.Minute)
				r := e.do(t, "PUT", anBase+tc.path, tc.body)
				after, _ := e.s.AgileNowAccount("a1")
				if tc.errType != "" {
					wantError(t, r, tc.status, tc.errType, tc.errText)
					if d := cmp.Diff(before, after); d != "" {
						t.Errorf("a refused update changed a1 (-before +after):\n%s", d)
					}
					return
				}
				got := r.want(t, tc.status).obj(t)
				wantEq(t, "Id", "a1", anStr(got, "Id"))
				want := before
				tc.want(&want)
				want.ModifiedOn = before.ModifiedOn.Add(time.Minute)
				if d := cmp.Diff(want, after); d != "" {
					t.Errorf("a1 after PUT (-want +got):\n%s", d)
				}
			})
		}
	})
}

func TestAgileNowGetDelete(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSeed(t, e.s)
		got := e.do(t, "GET", anBase+"/Account/b2", "").want(t, http.StatusOK).obj(t)
		deleted := e.do(t, "DELETE", anBase+"/Account/bob?Name=Username", "").want(t, http.StatusOK).obj(t)
		if d := cmp.Diff(got, deleted); d != "" {
			t.Errorf("DELETE answer differs from the record (-get +delete):\n%s", d)
		}
		if d := cmp.Diff([]string{"a1"}, anIDs(e.s)); d != "" {
			t.Errorf("accounts after delete (-want +got):\n%s", d)
		}
		wantError(t, e.do(t, "GET", anBase+"/Account/b2", ""), 404, typeNotFound, `"b2"`)
		wantError(t, e.do(t, "DELETE", anBase+"/Account/b2", ""), 404, typeNotFound)
	})
}
