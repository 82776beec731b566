package oas

import (
	"encoding/json"
	"strconv"
	"testing"
)

// The module's real specs, which this package's tests read in place.
const (
	iscBundle    = "testdata/iscbundle/spec.json"
	agileNowDoc  = "../agilenowapi/testdata/Accounts.json"
	iscAccount   = "v3/idn/v3/schemas/Account.yaml"
	agileAccount = "/Endpoint/rest/api/v1/Account/"
)

// iscGoodAccount is a valid v3 Account, written by hand from the schema.
const iscGoodAccount = `{"id":"a1","name":"jdoe","created":"2025-01-01T00:00:00.000Z","modified":"2025-01-01T00:00:00.000Z",
"sourceId":"s1","sourceName":"HR","identityId":"i1","cloudLifecycleState":null,"identityState":"ACTIVE",
"connectionType":"file","isMachine":false,"recommendation":null,"attributes":{"x":[1,{"y":null}]},
"authoritative":true,"description":null,"disabled":false,"locked":false,"nativeIdentity":"E1",
"systemAccount":false,"uncorrelated":false,"uuid":null,"manuallyCorrelated":false,"hasEntitlements":true,
"identity":{"id":"i1","type":"IDENTITY","name":"J Doe"},"sourceOwner":null,"features":"ENABLE",
"origin":null,"ownerIdentity":{"id":"i2","type":"IDENTITY","name":"Owner"}}`

// agileGoodAccount is a valid AgileNow Account, written by hand from the
// component, with date-times as the vendor's examples write them.
const agileGoodAccount = `{"Id":"u1","TenantId":{"Id":1234567891234567,"ExternalId":"e","Name":"T","Type":"Tenant"},
"Name":"Jane Doe","FirstName":"Jane","LastName":"Doe","Phone":"+358 40 1","PhoneVerified":false,"Email":"jane@example.com",
"EmailVerified":true,"Identifier":"jd","IdentifierVerified":false,"LanguageId":{"Id":"en-US"},"TimezoneId":{"Id":"UTC"},
"DateFormatId":{"Id":"DD.MM.YYYY"},"Username":"jdoe","ExternalId":"x1","NotifyByEmail":true,"NotifyBySMS":false,
"Is_Active":true,"ModifiedOn":"2025-01-01T00:00:00Z","CreatedOn":"1900-01-01T00:00:00Z"}`

func TestRealSpecs(t *testing.T) {
	t.Parallel()
	isc := load(t, iscBundle, LoadBundle, Options{DateTime: RFC3339UTCMillis})
	agile := load(t, agileNowDoc, LoadDocument, Options{})
	found := func(s Schema, ok bool) Schema {
		t.Helper()
		if !ok {
			t.Fatal("no response schema")
		}
		return s
	}
	tests := []struct {
		name   string
		sp     *Spec
		schema Schema
		doc    string
		change func(m map[string]any) // edits doc, if not nil
		want   string
	}{
		{"isc account", isc, isc.Schema(iscAccount), iscGoodAccount, nil, ""},
		{"isc account without millis", isc, isc.Schema(iscAccount), iscGoodAccount, func(m map[string]any) {
			m["created"] = "2025-01-01T00:00:00Z"
		}, `$.created: "2025-01-01T00:00:00Z" is not UTC with milliseconds`},
		{"isc account misspelt key", isc, isc.Schema(iscAccount), iscGoodAccount, func(m map[string]any) {
			m["identityID"] = "i1"
		}, `$: key "identityID" is not declared in the schema`},
		{"isc get account 200", isc, found(isc.ResponseSchemaIn("v3/idn/v3/paths/account.yaml", "GET", 200)), iscGoodAccount, nil, ""},
		{"isc get account 404", isc, found(isc.ResponseSchemaIn("v3/idn/v3/paths/account.yaml", "GET", 404)),
			`{"detailCode":"404 Not found","trackingId":"t","messages":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"x"}]}`, nil, ""},
		{"isc get account 404 bad origin", isc, found(isc.ResponseSchemaIn("v3/idn/v3/paths/account.yaml", "GET", 404)),
			`{"messages":[{"locale":"en-US","localeOrigin":"GUESS","text":"x"}]}`, nil,
			"$.messages[0].localeOrigin: GUESS is not one of"},
		{"agilenow account", agile, agile.Component("Account"), agileGoodAccount, nil, ""},
		{"agilenow account missing email", agile, agile.Component("Account"), agileGoodAccount, func(m map[string]any) {
			delete(m, "Email")
		}, `$: required key "Email" is missing`},
		{"agilenow account bad date", agile, agile.Component("Account"), agileGoodAccount, func(m map[string]any) {
			m["CreatedOn"] = "01.01.1900"
		}, `$.CreatedOn: "01.01.1900" is not an RFC 3339 date-time`},
		{"agilenow account fractional int64", agile, agile.Component("Account"), agileGoodAccount, func(m map[string]any) {
			m["TenantId"] = map[string]any{"Id": 1.5}
		}, "$.TenantId.Id: number is not of type integer"},
		{"agilenow get account", agile, found(agile.ResponseSchema("GET", agileAccount+"abc?fields=all", 200)), agileGoodAccount, nil, ""},
		{"agilenow list", agile, found(agile.ResponseSchema("GET", "/Endpoint/rest/api/v1/Accounts", 200)),
			`{"Meta":{"TotalItems":1,"CurrentPage":1,"PageSize":50,"Type":"Account"},"Data":[` + agileGoodAccount + `]}`, nil, ""},
		{"agilenow list item", agile, found(agile.ResponseSchema("GET", "/Endpoint/rest/api/v1/Accounts", 200)),
			`{"Meta":{"TotalItems":1,"CurrentPage":1,"PageSize":50,"Type":"Account"},"Data":[{"Id":"u1"}]}`, nil,
			`$.Data[0]: required key "Email" is missing`},
		{"agilenow 401", agile, found(agile.ResponseSchema("GET", agileAccount+"abc", 401)),
			`{"Errors":["The session Id or OAuth token used has expired or is invalid."],"Type":"/Errors/Unauthorized","Title":"Unauthorized","StatusCode":401}`, nil, ""},
		{"agilenow 401 status", agile, found(agile.ResponseSchema("GET", agileAccount+"abc", 401)),
			`{"Errors":[],"StatusCode":"401"}`, nil, "$.StatusCode: string is not of type integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := []byte(tt.doc)
			if tt.change != nil {
				doc = edit(t, tt.doc, tt.change)
			}
			wantErr(t, tt.sp.Validate(tt.schema, doc), tt.want)
		})
	}
	if tmpl, _ := agile.MatchPath(agileAccount + "abc/Tenants"); tmpl != "/Endpoint/rest/api/v1/Account/{Id}/Tenants" {
		t.Errorf("MatchPath(Account/abc/Tenants) = %q", tmpl)
	}
	if _, ok := agile.ResponseSchema("GET", agileAccount+"abc", 404); ok {
		t.Error("AgileNow documents no 404 and no default, but ResponseSchema found one")
	}
}

// TestRealExamples validates every example the real specs give for a
// media type or parameter against its schema: the validator agrees with
// ISC and the vendor about their own documents (JSON patch oneOf
// included).
func TestRealExamples(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		sp   *Spec
		min  int
	}{
		{"isc", load(t, iscBundle, LoadBundle, Options{DateTime: RFC3339UTCMillis}), 25},
		{"agilenow", load(t, agileNowDoc, LoadDocument, Options{}), 5},
	} {
		n := 0
		var walk func(file, at string, node any)
		walk = func(file, at string, node any) {
			switch node := node.(type) {
			case map[string]any:
				if schema, ok := node["schema"]; ok {
					var examples []any
					if e, ok := node["example"]; ok {
						examples = append(examples, e)
					}
					named, _ := node["examples"].(map[string]any)
					for _, e := range named {
						examples = append(examples, e.(map[string]any)["value"])
					}
					for _, e := range examples {
						b, err := json.Marshal(e)
						if err != nil {
							t.Fatal(err)
						}
						if errs := tt.sp.Validate(Schema{file: file}.sub(schema), b); len(errs) > 0 {
							t.Errorf("%s %s%s: example %s rejected: %q", tt.name, file, at, b, errs)
						}
						n++
					}
				}
				for k, v := range node {
					walk(file, at+"/"+k, v)
				}
			case []any:
				for i, v := range node {
					walk(file, at+"/"+strconv.Itoa(i), v)
				}
			}
		}
		for file, doc := range tt.sp.files {
			walk(file, "", doc)
		}
		if n < tt.min {
			t.Errorf("%s: %d examples checked, want at least %d", tt.name, n, tt.min)
		}
	}
}
