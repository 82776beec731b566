package mockisc

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAgileNowTenantAddressing covers Name and SubName, base64 ids and
// the UserId and TenantId fields of TenantData on the tenant routes.
func TestAgileNowTenantAddressing(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSeedTenants(t, e.s)
		anSeed(t, e.s)
		u := anBase + "/Account/"
		// Name=Username and a base64 Id reach the account; TenantId by
		// Name or ExternalId, UserId by any account key.
		b64 := url.PathEscape("base64|" + base64.StdEncoding.EncodeToString([]byte("ext-a")))
		for _, c := range []struct{ path, body string }{
			{"alice/Tenant?Name=Username", `{"TenantId":{"Field":"Name","Value":"partner a"}}`},
			{b64 + "/Tenant?Name=ExternalId", `{"tenantid":{"value":"7186"},"UserId":{"Field":"Username","Value":"ALICE"}}`},
			{"a1/Tenant", `{"TenantId":{"Field":"ExternalId","Value":"mockisc-tenant-1"},"UserId":{"Value":"a1"}}`},
		} {
			e.do(t, "POST", u+c.path, c.body).want(t, 200)
		}
		if a, _ := e.s.AgileNowAccount("a1"); !cmp.Equal(a.Tenants, []int64{1, anExt1, anExt2}) {
			t.Errorf("a1 links = %v", a.Tenants)
		}
		// SubName defaults to UserId, which every link of the account
		// has: with three links it is ambiguous.
		wantError(t, e.do(t, "DELETE", u+"a1/Tenant/a1", ""), 400, typeMultipleRows, "the 3 tenant links")
		for _, c := range []struct{ path, want string }{
			{"a1/Tenant/7186?SubName=Id", "7186"},
			{"alice/Tenant/" + url.PathEscape("base64|"+base64.StdEncoding.EncodeToString([]byte("7182"))) + "?Name=Username&subname=tenantid", "7182"},
			{"a1/Tenant/A1", "1"}, // the one link left, by UserId
		} {
			if got := e.do(t, "DELETE", u+c.path, "").want(t, 200).obj(t)["Id"]; anJSON(got) != c.want {
				t.Errorf("DELETE %s deleted tenant %v, want %s", c.path, got, c.want)
			}
		}
		if a, _ := e.s.AgileNowAccount("a1"); a.Tenants == nil || len(a.Tenants) != 0 {
			t.Errorf("a1 links = %#v, want none", a.Tenants)
		}
	})
}

// TestAgileNowTenantErrors covers every error of the tenant routes.
func TestAgileNowTenantErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, path, body string
		status                   int
		typ, text                string
	}{
		{"list: unknown account", "GET", "/Account/zz/Tenants", "", 404, typeNotFound, `no account has Id "zz"`},
		{"list: unknown Name field", "GET", "/Account/a1/Tenants?Name=Email", "", 400, typeInvalidField, "Name"},
		{"list: unknown filter field", "GET", "/Account/a1/Tenants?Filters=Tenant%20=%201", "", 400, typeInvalidField, "Tenant"},
		{"list: bad filter", "GET", "/Account/a1/Tenants?Filters=TenantId%20%3D", "", 400, typeBadInput, "Filters"},
		{"list: text compared as a number", "GET", "/Account/a1/Tenants?Filters=TenantId%20%3E%20x", "", 400, typeInvalidField, "TenantId"},
		{"list: bad page size", "GET", "/Account/a1/Tenants?PageSize=0", "", 400, typeBadInput, "PageSize"},
		{"list: unknown column", "GET", "/Account/a1/Tenants?Fields=Nope", "", 400, typeInvalidField, "Nope"},
		{"list: a link column", "GET", "/Account/a1/Tenants?Fields=TenantId", "", 400, typeInvalidField, "TenantId"},
		{"upsert: unknown account", "POST", "/Account/zz/Tenant", anTenantData(anExt1), 404, typeNotFound, `"zz"`},
		{"upsert: unknown tenant", "POST", "/Account/a1/Tenant", anTenantData(99), 404, typeNotFound, "no tenant has Id 99"},
		{"upsert: unknown tenant name", "POST", "/Account/a1/Tenant", `{"TenantId":{"Field":"Name","Value":"x"}}`, 404, typeNotFound, `Name "x"`},
		{"upsert: two tenants of a name", "POST", "/Account/a1/Tenant", `{"TenantId":{"Field":"Name","Value":"Twin"}}`, 400, typeMultipleRows, "tenants 20 and 21"},
		{"upsert: no TenantId", "POST", "/Account/a1/Tenant", `{"UserId":{"Value":"a1"}}`, 400, typeBadInput, "TenantId is required"},
		{"upsert: null TenantId", "POST", "/Account/a1/Tenant", `{"TenantId":null}`, 400, typeBadInput, "TenantId is required"},
		{"upsert: no Value", "POST", "/Account/a1/Tenant", `{"TenantId":{"Field":"Id"}}`, 400, typeBadInput, "TenantId.Value is required"},
		{"upsert: Value not text", "POST", "/Account/a1/Tenant", `{"TenantId":{"Value":15}}`, 400, typeBadInput, "TenantId.Value: expected a string"},
		{"upsert: Id not a number", "POST", "/Account/a1/Tenant", `{"TenantId":{"Value":"x"}}`, 400, typeBadInput, "not a tenant Id"},
		{"upsert: FieldType not an object", "POST", "/Account/a1/Tenant", `{"TenantId":"15"}`, 400, typeBadInput, "TenantId (FieldType) must be a JSON object"},
		{"upsert: unknown tenant field", "POST", "/Account/a1/Tenant", `{"TenantId":{"Field":"Code","Value":"x"}}`, 400, typeInvalidField, "TenantId.Field"},
		{"upsert: unknown member", "POST", "/Account/a1/Tenant", `{"Tenant":{"Value":"1"}}`, 400, typeBadInput, "Tenant: unknown member"},
		{"upsert: unknown FieldType member", "POST", "/Account/a1/Tenant", `{"TenantId":{"Value":"1","Op":"="}}`, 400, typeBadInput, "Op: unknown member"},
		{"upsert: not an object", "POST", "/Account/a1/Tenant", `[]`, 400, typeBadInput, "TenantData must be a JSON object"},
		{"upsert: empty body", "POST", "/Account/a1/Tenant", ``, 400, typeBadInput, "TenantData"},
		{"upsert: malformed", "POST", "/Account/a1/Tenant", `{"TenantId":`, 400, typeBadInput, "offset"},
		{"upsert: UserId of another account", "POST", "/Account/a1/Tenant", `{"UserId":{"Value":"b2"},"TenantId":{"Value":"1"}}`, 404, typeNotFound, `does not match account "a1"`},
		{"upsert: UserId of nobody", "POST", "/Account/a1/Tenant", `{"UserId":{"Field":"Username","Value":"x"},"TenantId":{"Value":"1"}}`, 404, typeNotFound, `Username "x"`},
		{"upsert: unknown UserId field", "POST", "/Account/a1/Tenant", `{"UserId":{"Field":"Email","Value":"x"},"TenantId":{"Value":"1"}}`, 400, typeInvalidField, "UserId.Field"},
		{"delete: unknown account", "DELETE", "/Account/zz/Tenant/1?SubName=TenantId", "", 404, typeNotFound, `"zz"`},
		{"delete: no such link", "DELETE", "/Account/a1/Tenant/7182?SubName=TenantId", "", 404, typeNotFound, `no tenant link with TenantId "7182"`},
		{"delete: UserId of another account", "DELETE", "/Account/a1/Tenant/b2", "", 404, typeNotFound, `UserId "b2"`},
		{"delete: TenantId not a number", "DELETE", "/Account/a1/Tenant/x?SubName=TenantId", "", 400, typeBadInput, "SubId"},
		{"delete: unknown SubName", "DELETE", "/Account/a1/Tenant/1?SubName=Name", "", 400, typeInvalidField, "SubName"},
		{"delete: bad base64 SubId", "DELETE", "/Account/a1/Tenant/" + url.PathEscape("base64|***"), "", 400, typeBadInput, "SubId"},
		{"wrong method", "GET", "/Account/a1/Tenant", "", 405, "/Errors/Method Not Allowed", "POST"},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSeedTenants(t, e.s)
		anSeed(t, e.s)
		for _, tn := range []AgileNowTenant{{ID: 20, Name: "Twin"}, {ID: 21, Name: "twin"}} {
			if _, err := e.s.AddAgileNowTenant(tn); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				var hdr []string
				if tc.method == "POST" {
					hdr = []string{"Content-Type", "application/json"} // an empty body too
				}
				wantError(t, e.do(t, tc.method, anBase+tc.path, tc.body, hdr...), tc.status, tc.typ, tc.text)
			})
		}
		t.Run("wrong content type", func(t *testing.T) {
			t.Parallel()
			r := e.do(t, "POST", anBase+"/Account/a1/Tenant", anTenantData(1), "Content-Type", "text/plain")
			wantError(t, r, 415, "/Errors/Unsupported Media Type", "application/json")
		})
	})
}

// anJSON renders a decoded JSON value as JSON text.
func anJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
