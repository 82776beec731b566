package mockisc

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The vendor's external tenants in its Account tests (Tenant_TestData.cs);
// its own tenant there is 15, the fake's is 1.
const (
	anExt1 = 7182
	anExt2 = 7186
	anExt3 = 7178
)

// anSeedTenants adds the vendor's three external tenants; 7182's tokens
// are those of the client "partner".
func anSeedTenants(t testing.TB, s *Server) {
	t.Helper()
	for _, tn := range []AgileNowTenant{
		{ID: anExt1, Name: "Partner A", ExternalID: "pa", IsActive: true, EspaceID: 71, EspaceName: "PartnerSpace", Clients: []string{"partner"}},
		{ID: anExt2, Name: "Partner B", IsActive: true},
		{ID: anExt3, Name: "Partner C"},
	} {
		if _, err := s.AddAgileNowTenant(tn); err != nil {
			t.Fatalf("seed tenant: %v", err)
		}
	}
}

// anTenantData is a TenantData body naming tenant id by Id, as the
// vendor's tests send it.
func anTenantData(id int) string {
	return fmt.Sprintf(`{"TenantId":{"Field":"Id","Value":"%d"}}`, id)
}

// anCreate inserts an account through the API and returns its Id.
func anCreate(t testing.TB, k client, body string) string {
	t.Helper()
	r := k.do(t, "POST", anBase+"/Account", body).want(t, 200)
	var a struct{ Id string }
	if err := json.Unmarshal(r.body, &a); err != nil || a.Id == "" {
		t.Fatalf("create: %v %s", err, r.body)
	}
	return a.Id
}

// anListIDs runs a list and returns Meta.TotalItems and the Data items'
// values of member key, as JSON text.
func anListIDs(t testing.TB, k client, path string, q url.Values, key string) (int, []string) {
	t.Helper()
	r := k.do(t, "GET", anBase+path+"?"+q.Encode(), "").want(t, 200)
	var body struct {
		Meta struct{ TotalItems int }
		Data []map[string]json.RawMessage
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
	var out []string
	for _, d := range body.Data {
		out = append(out, string(d[key]))
	}
	return body.Meta.TotalItems, out
}

// TestAgileNowTenantVendorFlows replays what the vendor's own tests
// (Account_Tenant_Tests.cs and the ExternalUser tests of Account_Tests.cs)
// do, with the fake's own tenant 1 in place of the vendor's 15.
func TestAgileNowTenantVendorFlows(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSeedTenants(t, e.s)
		tenants := func(id string) string { return "/Account/" + id + "/Tenants" }
		link := func(id string, tenant int) result {
			return e.do(t, "POST", anBase+"/Account/"+id+"/Tenant", anTenantData(tenant)).want(t, 200)
		}
		unlinkOwn := func(id string) result {
			return e.do(t, "DELETE", anBase+"/Account/"+id+"/Tenant/1?SubName=TenantId", "").want(t, 200)
		}

		t.Run("List_ById", func(t *testing.T) {
			id := anCreate(t, e.client, `{"Username":"list-by-id"}`)
			for _, tn := range []int{AgileNowOwnTenant, anExt1} { // the first is already linked: no change
				got := link(id, tn).obj(t)
				if got["Id"] != float64(tn) {
					t.Errorf("upsert of tenant %d answered Id %v", tn, got["Id"])
				}
			}
			n, ids := anListIDs(t, e.client, tenants(id), url.Values{"Filters": {"TenantId In 1,7182"}}, "Id")
			if d := cmp.Diff([]string{"1", "7182"}, ids); d != "" || n != 2 {
				t.Errorf("TenantId In 1,7182: %d (-want +got):\n%s", n, d)
			}
			_, names := anListIDs(t, e.client, tenants(id), nil, "Name")
			if d := cmp.Diff([]string{`"mockisc"`, `"Partner A"`}, names); d != "" {
				t.Errorf("names (-want +got):\n%s", d)
			}
		})
		t.Run("List_Paging and Order", func(t *testing.T) {
			id := anCreate(t, e.client, `{"Username":"paging"}`)
			for _, tn := range []int{anExt2, anExt1} {
				link(id, tn)
			}
			f := "TenantId In 1,7182,7186"
			_, p0 := anListIDs(t, e.client, tenants(id), url.Values{"Filters": {f}, "CurrentPage": {"0"}, "PageSize": {"2"}}, "Id")
			n, p1 := anListIDs(t, e.client, tenants(id), url.Values{"Filters": {f}, "CurrentPage": {"1"}, "PageSize": {"2"}}, "Id")
			if d := cmp.Diff([]string{"1", "7186", "7182"}, append(p0, p1...)); d != "" || n != 3 {
				t.Errorf("pages of 2, link order: %d (-want +got):\n%s", n, d)
			}
			_, asc := anListIDs(t, e.client, tenants(id), url.Values{"Filters": {f}, "Orders": {"TenantId ASC"}}, "Id")
			_, desc := anListIDs(t, e.client, tenants(id), url.Values{"Filters": {f}, "Orders": {"TenantId DESC"}}, "Id")
			if d := cmp.Diff([]string{"1", "7182", "7186"}, asc); d != "" {
				t.Errorf("TenantId ASC (-want +got):\n%s", d)
			}
			if d := cmp.Diff([]string{"7186", "7182", "1"}, desc); d != "" {
				t.Errorf("TenantId DESC (-want +got):\n%s", d)
			}
		})
		t.Run("Delete_ById: the last link leaves an empty list", func(t *testing.T) {
			id := anCreate(t, e.client, `{"Username":"delete-by-id"}`)
			link(id, AgileNowOwnTenant)
			if got := unlinkOwn(id).obj(t); got["Id"] != 1.0 || got["Name"] != "mockisc" || got["Is_Active"] != true {
				t.Errorf("deleted link answered %v", got)
			}
			if n, ids := anListIDs(t, e.client, tenants(id), url.Values{"Filters": {"TenantId In 1"}}, "Id"); n != 0 || ids != nil {
				t.Errorf("after the last link: %d %v, want an empty Data", n, ids)
			}
			if a, _ := e.s.AgileNowAccount(id); a.Tenants == nil || len(a.Tenants) != 0 {
				t.Errorf("Tenants = %#v, want empty and not nil", a.Tenants)
			}
		})
		t.Run("Account_List_ExternalUser", func(t *testing.T) {
			id := anCreate(t, e.client, `{"Username":"list-external"}`)
			link(id, AgileNowOwnTenant)
			q := url.Values{"Filters": {"Id In " + id}}
			if n, _ := anListIDs(t, e.client, "/Accounts", q, "Id"); n != 1 {
				t.Fatalf("linked account listed %d times", n)
			}
			unlinkOwn(id)
			if n, _ := anListIDs(t, e.client, "/Accounts", q, "Id"); n != 0 {
				t.Errorf("unlinked account still listed")
			}
			// No link is left, so the vendor's clean-up delete works.
			e.do(t, "DELETE", anBase+"/Account/"+id, "").want(t, 200)
			if _, ok := e.s.AgileNowAccount(id); ok {
				t.Error("the account is still there")
			}
		})
		t.Run("Account_Get_ExternalUser", func(t *testing.T) {
			id := anCreate(t, e.client, `{"Username":"get-external"}`)
			link(id, anExt1)
			e.do(t, "GET", anBase+"/Account/"+id, "").want(t, 200)
			unlinkOwn(id)
			r := e.do(t, "GET", anBase+"/Account/"+id, "")
			wantError(t, r, 404, typeNotFound, `no account has Id "`+id+`"`)
			wantError(t, e.do(t, "GET", anBase+tenants(id), ""), 404, typeNotFound)
			// The partner's tokens see it, with their tenant as TenantId.
			partner := anClient(noTokenClient(e.s), e.s.URL, anToken(t, e.s, "partner", "x"))
			got := partner.do(t, "GET", anBase+"/Account/"+id, "").want(t, 200).obj(t)
			want := map[string]any{"Id": float64(anExt1), "ExternalId": "pa", "Name": "Partner A", "Type": "Tenant"}
			if d := cmp.Diff(want, got["TenantId"]); d != "" {
				t.Errorf("TenantId to the partner (-want +got):\n%s", d)
			}
		})
		t.Run("Account_Delete_ExternalUser", func(t *testing.T) {
			id := anCreate(t, e.client, `{"Username":"delete-external"}`)
			link(id, anExt1)
			r := e.do(t, "DELETE", anBase+"/Account/"+id, "")
			wantError(t, r, 403, typePermission, "also linked to tenant 7182")
			e.do(t, "GET", anBase+"/Account/"+id, "").want(t, 200)
			// Once the other tenant's link is gone, it can be deleted.
			e.do(t, "DELETE", anBase+"/Account/"+id+"/Tenant/7182?SubName=TenantId", "").want(t, 200)
			e.do(t, "DELETE", anBase+"/Account/"+id, "").want(t, 200)
		})
	})
}

// TestAgileNowTenantTokens: a token belongs to the tenant that lists its
// client; it sees, creates and upserts the accounts of that tenant only.
func TestAgileNowTenantTokens(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSeedTenants(t, e.s)
		anSeed(t, e.s) // a1 and b2, in the own tenant
		partner := anClient(noTokenClient(e.s), e.s.URL, anToken(t, e.s, "partner", "x"))
		if n, _ := anListIDs(t, partner, "/Accounts", nil, "Id"); n != 0 {
			t.Errorf("the partner sees %d of the own tenant's accounts", n)
		}
		wantError(t, partner.do(t, "GET", anBase+"/Account/a1", ""), 404, typeNotFound)
		wantError(t, partner.do(t, "PUT", anBase+"/Account/a1", `{"Name":"x"}`), 404, typeNotFound)
		wantError(t, partner.do(t, "DELETE", anBase+"/Account/a1", ""), 404, typeNotFound)
		wantError(t, partner.do(t, "PATCH", anBase+"/Account", `{"Id":"a1","Name":"x"}`), 404, typeNotFound)
		// An upsert by a Username another tenant's account holds inserts,
		// and the unique key refuses it.
		wantError(t, partner.do(t, "PATCH", anBase+"/Account", `{"Username":"alice"}`), 400, typeMultipleRows, "Username")

		// What the partner creates is linked to its tenant only.
		id := anCreate(t, partner, `{"Username":"p1"}`)
		if a, _ := e.s.AgileNowAccount(id); !cmp.Equal(a.Tenants, []int64{anExt1}) {
			t.Errorf("partner's account Tenants = %v", a.Tenants)
		}
		if _, ids := anListIDs(t, partner, "/Accounts", url.Values{"Filters": {"TenantId = 7182"}}, "Id"); len(ids) != 1 {
			t.Errorf("partner's list: %v", ids)
		}
		if n, _ := anListIDs(t, e.client, "/Accounts", nil, "Id"); n != 2 {
			t.Errorf("the own tenant sees %d accounts, want its 2", n)
		}
		partner.do(t, "PATCH", anBase+"/Account", `{"Username":"P1","FirstName":"Pia"}`).want(t, 200)
		if a, _ := e.s.AgileNowAccount(id); a.FirstName != "Pia" {
			t.Errorf("the partner's upsert by Username did not update: %+v", a)
		}
		// ISC tokens of a listed client act in its tenant too; the
		// server's own ISC client acts in tenant 1.
		if _, ids := anListIDs(t, anClient(e.s.ClientAs("partner", "x"), e.s.URL, ""), "/Accounts", nil, "Id"); len(ids) != 1 {
			t.Errorf("partner's ISC token sees %v", ids)
		}
		if n, _ := anListIDs(t, anClient(e.s.Client(), e.s.URL, ""), "/Accounts", nil, "Id"); n != 2 {
			t.Errorf("the ISC client sees %d accounts", n)
		}
		// A client moved to another tenant acts there from its next call.
		if _, err := e.s.UpdateAgileNowTenant(anExt1, func(tn *AgileNowTenant) { tn.Clients = nil }); err != nil {
			t.Fatal(err)
		}
		if n, _ := anListIDs(t, partner, "/Accounts", nil, "Id"); n != 2 {
			t.Errorf("an unlisted client sees %d accounts, want the own tenant's 2", n)
		}
	})
}

// TestAgileNowTenantWithoutAuth: without authentication every call acts
// in the own tenant.
func TestAgileNowTenantWithoutAuth(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener(), WithoutAuth())
	anSeedTenants(t, s)
	for _, a := range []AgileNowAccount{{ID: "own"}, {ID: "theirs", Tenants: []int64{anExt1}}} {
		if _, err := s.AddAgileNowAccount(a); err != nil {
			t.Fatal(err)
		}
	}
	k := anClient(noTokenClient(s), s.URL, "")
	if _, ids := anListIDs(t, k, "/Accounts", nil, "Id"); !cmp.Equal(ids, []string{`"own"`}) {
		t.Errorf("listed %v, want the own tenant's account", ids)
	}
	wantError(t, k.do(t, "GET", anBase+"/Account/theirs/Tenants", ""), 404, typeNotFound)
}
