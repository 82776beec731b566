package mockisc

import (
	"encoding/base64"
	"net/url"
	"testing"
)

// TestAgileNowLookup covers the {Id} path value (plain or base64|) and the
// Name parameter, on GET, PUT and DELETE alike.
func TestAgileNowLookup(t *testing.T) {
	t.Parallel()
	std := "base64|" + base64.StdEncoding.EncodeToString([]byte("name@domain.com"))
	raw := "base64|" + base64.RawURLEncoding.EncodeToString([]byte("a/b?c"))
	tests := []struct {
		name    string
		path    string // after /Account/, already escaped
		status  int
		want    string // the Id found
		errType string
		errText string
	}{
		{name: "Id", path: "u1", status: 200, want: "u1"},
		{name: "Id ignoring case", path: "U1", status: 200, want: "u1"},
		{name: "Name=Id", path: "u1?Name=Id", status: 200, want: "u1"},
		{name: "empty Name means Id", path: "u1?Name=", status: 200, want: "u1"},
		{name: "Name=Username", path: "jdoe?Name=Username", status: 200, want: "u1"},
		{name: "name and value ignore case", path: "JDoe?name=USERNAME", status: 200, want: "u1"},
		{name: "Name=ExternalId", path: "e-2?Name=ExternalId", status: 200, want: "u2"},
		{name: "base64 Username", path: url.PathEscape(std) + "?Name=Username", status: 200, want: "u3"},
		{name: "base64 unpadded URL alphabet", path: url.PathEscape(raw), status: 200, want: "a/b?c"},
		{name: "two fields, one account", path: "jdoe?Name=Username,%20ExternalId", status: 200, want: "u1"},
		{name: "two fields, two accounts", path: "both?Name=Username,ExternalId", status: 400,
			errType: typeMultipleRows, errText: `account "u2" by Username and account "u1" by ExternalId`},
		{name: "Username is not Id", path: "jdoe", status: 404, errType: typeNotFound, errText: `no account has Id "jdoe"`},
		{name: "not found by two fields", path: "zz?Name=Username,ExternalId", status: 404, errType: typeNotFound,
			errText: `Username or ExternalId "zz"`},
		{name: "unknown field", path: "u1?Name=Email", status: 400, errType: typeInvalidField, errText: `Name: "Email"`},
		{name: "bad base64", path: url.PathEscape("base64|***"), status: 400, errType: typeBadInput, errText: "not valid base64"},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		for _, a := range []AgileNowAccount{
			{ID: "u1", Username: "jdoe", ExternalID: "both"},
			{ID: "u2", Username: "both", ExternalID: "e-2", Email: "x@y.z"},
			{ID: "a/b?c"},
			{ID: "u3", Username: "name@domain.com"},
		} {
			if _, err := e.s.AddAgileNowAccount(a); err != nil {
				t.Fatal(err)
			}
		}
		// The lookups run before the DELETE below, which removes "a/b?c".
		t.Run("lookups", func(t *testing.T) {
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					for _, method := range []string{"GET", "PUT"} {
						body := ""
						if method == "PUT" {
							body = `{}`
						}
						r := e.do(t, method, anBase+"/Account/"+tc.path, body)
						if tc.errType != "" {
							wantError(t, r, tc.status, tc.errType, tc.errText)
							continue
						}
						if got := anStr(r.want(t, tc.status).obj(t), "Id"); got != tc.want {
							t.Errorf("%s: found %q, want %q", method, got, tc.want)
						}
					}
				})
			}
		})
		// DELETE goes through the same lookup.
		e.do(t, "DELETE", anBase+"/Account/"+url.PathEscape(raw), "").want(t, 200)
		if _, ok := e.s.AgileNowAccount("a/b?c"); ok {
			t.Error("DELETE by base64 Id did not delete")
		}
	})
}
