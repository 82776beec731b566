package mockisc

// Tests of GET /sources/{sourceId}/schemas.

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// schemasSource seeds a source with custom identity and display
// attributes and accounts whose attributes have every type.
func schemasSource(t *testing.T, s *Server) Source {
	t.Helper()
	src, err := s.AddSource(Source{Name: "LDAP", Type: "LDAP", NativeIdentityAttribute: "dn", NameAttribute: "cn"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntitlement(Entitlement{Name: "Staff", SourceID: src.ID, Attribute: "groups", Value: "cn=staff"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []Account{
		{SourceID: src.ID, NativeIdentity: "cn=a", Attributes: map[string]any{
			"dn": "cn=a", "cn": "A", "active": true, "logons": 42.0, "big": 1e12, "mail": []any{"a@x", "b@x"},
			"flags": []any{true}, "empty": []any{},
		}},
		// A second account adds one attribute and does not retype the
		// ones already seen.
		{SourceID: src.ID, NativeIdentity: "cn=b", Attributes: map[string]any{"dn": "cn=b", "active": "yes", "title": "Boss"}},
	} {
		if _, err := s.AddAccount(a); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

func TestSourceSchemas(t *testing.T) {
	t.Parallel()
	type attr struct {
		Name          string  `json:"name"`
		Type          string  `json:"type"`
		Schema        *refOf  `json:"schema"`
		IsMulti       bool    `json:"isMulti"`
		IsEntitlement bool    `json:"isEntitlement"`
		IsGroup       bool    `json:"isGroup"`
		NativeName    *string `json:"nativeName"`
	}
	type schema struct {
		ID                string `json:"id"`
		Name              string `json:"name"`
		NativeObjectType  string `json:"nativeObjectType"`
		IdentityAttribute string `json:"identityAttribute"`
		DisplayAttribute  string `json:"displayAttribute"`
		Attributes        []attr `json:"attributes"`
	}
	decode := func(t *testing.T, r result) []schema {
		t.Helper()
		r.want(t, http.StatusOK)
		var out []schema
		if err := json.Unmarshal(r.body, &out); err != nil {
			t.Fatalf("schemas: %v\n%s", err, r.body)
		}
		return out
	}
	names := func(ss []schema) []string {
		out := []string{}
		for _, s := range ss {
			out = append(out, s.Name)
		}
		return out
	}
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		ldap := schemasSource(t, e.s)
		path := func(v string, src Source, params ...string) string {
			return vq(v, "/sources/"+src.ID+"/schemas", params...)
		}

		// v3 is left out here: its answers fail v3's schema (see
		// TestSourceSchemasV3Nulls).
		for _, v := range sinceBeta {
			t.Run("AD "+v, func(t *testing.T) {
				t.Parallel()
				ss := decode(t, e.do(t, "GET", path(v, fx.ad), ""))
				if got := names(ss); !slices.Equal(got, []string{"account", "group"}) {
					t.Fatalf("schemas %q, want account, group", got)
				}
				acct, group := ss[0], ss[1]
				wantEq(t, "account.id", schemaID(fx.ad.ID, "account"), acct.ID)
				wantEq(t, "group.id", schemaID(fx.ad.ID, "group"), group.ID)
				wantEq(t, "account.nativeObjectType", "User", acct.NativeObjectType)
				wantEq(t, "group.nativeObjectType", "Group", group.NativeObjectType)
				wantEq(t, "account.identityAttribute", "userName", acct.IdentityAttribute)
				wantEq(t, "account.displayAttribute", "displayName", acct.DisplayAttribute)
				if len(acct.Attributes) == 0 || acct.Attributes[0].Name != "memberOf" {
					t.Fatalf("account attributes %+v, want memberOf first", acct.Attributes)
				}
				m := acct.Attributes[0]
				if m.Type != "STRING" || !m.IsMulti || !m.IsEntitlement || !m.IsGroup || m.Schema == nil ||
					*m.Schema != (refOf{Type: "CONNECTOR_SCHEMA", ID: group.ID, Name: "group"}) {
					t.Errorf("memberOf = %+v (schema %+v)", m, m.Schema)
				}
			})
			t.Run("HR "+v, func(t *testing.T) {
				t.Parallel()
				ss := decode(t, e.do(t, "GET", path(v, fx.hr), ""))
				if got := names(ss); !slices.Equal(got, []string{"account"}) {
					t.Fatalf("schemas %q, want account only (HR has no entitlements)", got)
				}
				got := map[string]string{}
				for _, a := range ss[0].Attributes {
					got[a.Name] = a.Type
					if a.IsEntitlement || a.IsGroup || a.IsMulti {
						t.Errorf("HR attribute %+v is multi or an entitlement", a)
					}
				}
				want := map[string]string{"userName": "STRING", "displayName": "STRING", "dept": "STRING"}
				if !mapsEqual(got, want) {
					t.Errorf("HR attributes %v, want %v", got, want)
				}
			})
		}

		t.Run("custom attributes", func(t *testing.T) {
			t.Parallel()
			ss := decode(t, e.do(t, "GET", path(v1, ldap), ""))
			if got := names(ss); !slices.Equal(got, []string{"account", "group"}) {
				t.Fatalf("schemas %q, want account, group", got)
			}
			acct := ss[0]
			wantEq(t, "identityAttribute", "dn", acct.IdentityAttribute)
			wantEq(t, "displayAttribute", "cn", acct.DisplayAttribute)
			type shape struct {
				typ                   string
				multi, entitle, group bool
			}
			want := map[string]shape{
				"groups": {"STRING", true, true, true},
				"dn":     {"STRING", false, false, false},
				"cn":     {"STRING", false, false, false},
				"active": {"BOOLEAN", false, false, false},
				"logons": {"INT", false, false, false},
				"big":    {"LONG", false, false, false},
				"mail":   {"STRING", true, false, false},
				"flags":  {"BOOLEAN", true, false, false},
				"empty":  {"STRING", true, false, false},
				"title":  {"STRING", false, false, false},
			}
			seen := map[string]bool{}
			for _, a := range acct.Attributes {
				if seen[a.Name] {
					t.Errorf("attribute %q listed twice", a.Name)
				}
				seen[a.Name] = true
				w, ok := want[a.Name]
				if !ok {
					t.Errorf("unexpected attribute %+v", a)
					continue
				}
				if got := (shape{a.Type, a.IsMulti, a.IsEntitlement, a.IsGroup}); got != w {
					t.Errorf("attribute %s = %+v, want %+v", a.Name, got, w)
				}
				if (a.Schema != nil) != w.entitle {
					t.Errorf("attribute %s: schema %+v", a.Name, a.Schema)
				}
			}
			for n := range want {
				if !seen[n] {
					t.Errorf("attribute %q missing", n)
				}
			}
			if len(acct.Attributes) > 0 && acct.Attributes[0].Name != "groups" {
				t.Errorf("first attribute %q, want the entitlement attribute groups", acct.Attributes[0].Name)
			}
		})

		filters := []struct {
			params []string
			ad, hr []string // HR has no entitlements, so no group schema
		}{
			{[]string{"include-types", "user"}, []string{"account"}, []string{"account"}},
			{[]string{"include-types", "group"}, []string{"group"}, []string{}},
			{[]string{"include-names", "group"}, []string{"group"}, []string{}},
			{[]string{"include-names", "account"}, []string{"account"}, []string{"account"}},
			{[]string{"include-names", "account, group"}, []string{"account", "group"}, []string{"account"}},
			{[]string{"include-names", "nope"}, []string{}, []string{}},
			{[]string{"include-names", ""}, []string{"account", "group"}, []string{"account"}},
			{[]string{"include-types", "group", "include-names", "account"}, []string{}, []string{}},
			{[]string{"include-types", "user", "include-names", "account,group"}, []string{"account"}, []string{"account"}},
		}
		for _, tt := range filters {
			t.Run("params "+strings.Join(tt.params, "="), func(t *testing.T) {
				t.Parallel()
				for _, v := range []string{beta, v2024, v1} {
					if got := names(decode(t, e.do(t, "GET", path(v, fx.ad, tt.params...), ""))); !slices.Equal(got, tt.ad) {
						t.Errorf("%s AD: schemas %q, want %q", v, got, tt.ad)
					}
					if got := names(decode(t, e.do(t, "GET", path(v, fx.hr, tt.params...), ""))); !slices.Equal(got, tt.hr) {
						t.Errorf("%s HR: schemas %q, want %q", v, got, tt.hr)
					}
				}
			})
		}
		for _, v := range allVersions {
			t.Run("errors "+v, func(t *testing.T) {
				t.Parallel()
				wantError(t, e.do(t, "GET", path(v, fx.ad, "include-types", "bogus"), ""), http.StatusBadRequest, detailIllegalValue, "include-types", "bogus")
				wantError(t, e.do(t, "GET", path(v, fx.ad, "include-types", "User"), ""), http.StatusBadRequest, detailIllegalValue, "include-types")
				wantError(t, e.do(t, "GET", versionPath(v, "/sources/nope/schemas"), ""), http.StatusNotFound, detailNotFound, "nope")
			})
		}
	})
}

// mapsEqual compares two string maps.
func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestSourceSchemaIDsStable checks that schema ids derive from the source
// id: two servers with different seeds give a source with the same id the
// same schema ids, the ones its Source lists, and other sources others.
func TestSourceSchemaIDsStable(t *testing.T) {
	t.Parallel()
	const fixed = "2c9180835d2e5168015d32f890ca1581"
	type ref struct{ ID, Name string }
	schemaIDs := func(t *testing.T, gen uint64) (list, refs []ref, other string) {
		s := New(t, WithoutListener(), WithSeed(gen))
		seed(t, s)
		src, err := s.AddSource(Source{ID: fixed, Name: "Fixed", Type: "LDAP"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddEntitlement(Entitlement{Name: "G", SourceID: src.ID}); err != nil {
			t.Fatal(err)
		}
		k := iscClient(s.Client(), s.URL)
		var ss []ref
		if err := json.Unmarshal(k.do(t, "GET", "/v2026/sources/"+fixed+"/schemas", "").want(t, 200).body, &ss); err != nil {
			t.Fatal(err)
		}
		var got struct{ Schemas []ref }
		if err := json.Unmarshal(k.do(t, "GET", "/v2026/sources/"+fixed, "").want(t, 200).body, &got); err != nil {
			t.Fatal(err)
		}
		// Another source's account schema.
		var ad []ref
		adID := s.Sources()[1].ID
		if err := json.Unmarshal(k.do(t, "GET", "/v2026/sources/"+adID+"/schemas", "").want(t, 200).body, &ad); err != nil {
			t.Fatal(err)
		}
		return ss, got.Schemas, ad[0].ID
	}
	a, aRefs, aOther := schemaIDs(t, 1)
	b, bRefs, bOther := schemaIDs(t, 99)
	if len(a) != 2 || !slices.Equal(a, b) {
		t.Errorf("schemas under seed 1 %v, under seed 99 %v; want the same two", a, b)
	}
	if !slices.Equal(a, aRefs) || !slices.Equal(b, bRefs) {
		t.Errorf("the Source's schema refs %v / %v differ from the schemas %v / %v", aRefs, bRefs, a, b)
	}
	if len(a) == 2 && (a[0].ID == a[1].ID || !hex32.MatchString(a[0].ID) || !hex32.MatchString(a[1].ID)) {
		t.Errorf("schema ids %q, %q: want two different 32-hex ids", a[0].ID, a[1].ID)
	}
	if aOther == bOther {
		t.Errorf("AD's account schema id %q is the same under two seeds, though AD's id differs", aOther)
	}
	if len(a) > 0 && (aOther == a[0].ID) {
		t.Error("two sources share an account schema id")
	}
}

// TestSourceSchemasV3Nulls: v3's Schema has a non-nullable
// hierarchyAttribute and its AttributeDefinition a non-nullable schema
// (both nullable from beta on), yet the fake renders both as null in v3
// too, so every v3 schemas answer fails the v3 document. The fix is to
// leave them out in v3 (the keys are not required).
func TestSourceSchemasV3Nulls(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		for _, src := range []Source{e.fx.hr, e.fx.ad, e.fx.csv} {
			// The ISC check validates the answer against v3.json.
			r := e.do(t, "GET", "/v3/sources/"+src.ID+"/schemas", "").want(t, http.StatusOK)
			for _, bad := range []string{`"hierarchyAttribute":null`, `"schema":null`} {
				if bytes.Contains(r.body, []byte(bad)) {
					t.Errorf("%s: v3 answer has %s", src.Name, bad)
				}
			}
		}
	})
}
