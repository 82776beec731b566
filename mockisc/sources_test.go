package mockisc

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// The sources API (GET /sources, /sources/{id}, /sources/{sourceId}/schemas)
// in every version. Helpers shared by the read tests (sources, identities,
// identities-accounts, task-status) live here too.

// vq is versionPath(version, path) with query parameters (name/value
// pairs), encoded.
func vq(version, path string, params ...string) string {
	p := versionPath(version, path)
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Set(params[i], params[i+1])
	}
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return p
}

// wantIDs fails the test unless r is 200 with a JSON array whose ids are
// want, in that order.
func wantIDs(t *testing.T, r result, want ...string) {
	t.Helper()
	r.want(t, http.StatusOK)
	got := ids(r.list(t))
	if want == nil {
		want = []string{}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s %s: ids %q, want %q", r.method, r.uri(), got, want)
	}
}

// wantTotal fails the test unless r's X-Total-Count is want ("" for
// absent).
func wantTotal(t *testing.T, r result, want string) {
	t.Helper()
	if got := r.header.Get("X-Total-Count"); got != want {
		t.Errorf("%s %s: X-Total-Count %q, want %q", r.method, r.uri(), got, want)
	}
}

// rawMembers decodes a JSON object's members without interpreting them,
// so a test can tell null from absent.
func rawMembers(t *testing.T, body []byte) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, body)
	}
	return m
}

// jsonEq reports whether two JSON texts denote the same value.
func jsonEq(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return bytes.Equal(xb, yb)
}

// mustJSON encodes v.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantJSON fails the test unless member key of m is the JSON text want.
func wantJSON(t *testing.T, what string, m map[string]json.RawMessage, key, want string) {
	t.Helper()
	got, ok := m[key]
	if !ok {
		t.Errorf("%s: member %q is absent, want %s", what, key, want)
		return
	}
	if !jsonEq(got, []byte(want)) {
		t.Errorf("%s: %s = %s, want %s", what, key, got, want)
	}
}

// addZeta adds the fourth source TestSourcesList adds after the fixture,
// a second later, owned by bob, so created, owner.name and the sorters
// have something to tell apart.
func addZeta(t *testing.T, e *env) Source {
	t.Helper()
	e.s.Clock().Advance(time.Second)
	z, err := e.s.AddSource(Source{Name: "Zeta", Type: "Workday", Owner: &Ref{ID: e.fx.bob.ID}})
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func TestSourcesList(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		for _, v := range allVersions {
			t.Run(v, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t, mode...)
				fx := e.fx
				hr, ad, csv := fx.hr.ID, fx.ad.ID, fx.csv.ID
				list := func(params ...string) result {
					t.Helper()
					return e.do(t, "GET", vq(v, "/sources", params...), "")
				}

				// The fixture alone: every source in creation order, no total
				// unless asked for.
				r := list()
				wantIDs(t, r, hr, ad, csv)
				wantTotal(t, r, "")

				zeta := addZeta(t, e)
				z := zeta.ID
				created := formatTime(fx.hr.Created)
				if !fx.hr.Created.Equal(fx.csv.Created) || !zeta.Created.After(fx.csv.Created) {
					t.Fatalf("fixture times: hr %v, csv %v, zeta %v", fx.hr.Created, fx.csv.Created, zeta.Created)
				}

				paging := []struct {
					name   string
					params []string
					want   []string
					total  string
				}{
					{"all", nil, []string{hr, ad, csv, z}, ""},
					{"count", []string{"count", "true"}, []string{hr, ad, csv, z}, "4"},
					{"count=false", []string{"count", "false"}, []string{hr, ad, csv, z}, ""},
					{"limit", []string{"limit", "2", "count", "true"}, []string{hr, ad}, "4"},
					{"offset", []string{"offset", "1", "limit", "2", "count", "true"}, []string{ad, csv}, "4"},
					{"last page", []string{"offset", "3", "limit", "2"}, []string{z}, ""},
					{"past the end", []string{"offset", "9", "count", "true"}, nil, "4"},
					{"limit 0", []string{"limit", "0", "count", "true"}, nil, "4"},
					{"filtered total", []string{"filters", `connectionType eq "file"`, "limit", "1", "count", "true"}, []string{hr}, "2"},
				}
				for _, tt := range paging {
					t.Run("paging "+tt.name, func(t *testing.T) {
						t.Parallel()
						r := list(tt.params...)
						wantIDs(t, r, tt.want...)
						wantTotal(t, r, tt.total)
					})
				}

				filters := []struct {
					filter      string
					want        []string
					betaRefuses bool // beta's created and modified take eq only
				}{
					{`name eq "HR"`, []string{hr}, false},
					{`name eq "hr"`, []string{hr}, false}, // case-insensitive
					{`name sw "Act"`, []string{ad}, false},
					{`name co "S"`, []string{csv}, false},
					{`name co "e"`, []string{ad, z}, false},
					{`id in ("` + hr + `","` + csv + `")`, []string{hr, csv}, false},
					{`id eq "nope"`, nil, false},
					{`type eq "DelimitedFile"`, []string{hr}, false},
					{`type eq "Active Directory - Direct"`, []string{ad}, false},
					{`authoritative eq true`, []string{hr}, false},
					{`authoritative eq false`, []string{ad, csv, z}, false},
					{`connectionType eq "file"`, []string{hr, csv}, false},
					{`connectionType eq "direct"`, []string{ad, z}, false},
					{`features ca ("ENABLE")`, []string{ad}, false},
					{`features ca ("ENABLE","UNLOCK")`, []string{ad}, false},
					{`features ca ("ENABLE","PASSWORD")`, nil, false},
					{`owner.id eq "` + fx.alice.ID + `"`, []string{hr}, false},
					{`owner.id eq "` + fx.bob.ID + `"`, []string{z}, false},
					{`status eq "SOURCE_STATE_HEALTHY"`, []string{hr, ad, csv, z}, false},
					{`created eq "` + created + `"`, []string{hr, ad, csv}, false},
					{`created gt "` + created + `"`, []string{z}, true},
					{`modified gt "` + created + `"`, []string{z}, true},
					{`name eq "HR" or owner.id eq "` + fx.bob.ID + `"`, []string{hr, z}, false},
				}
				for _, tt := range filters {
					t.Run("filter "+tt.filter, func(t *testing.T) {
						t.Parallel()
						r := list("filters", tt.filter)
						if tt.betaRefuses && v == beta {
							wantError(t, r, http.StatusBadRequest, detailBadRequest, "gt")
							return
						}
						wantIDs(t, r, tt.want...)
					})
				}

				sorters := []struct {
					sorters string
					want    []string
				}{
					{"name", []string{ad, csv, hr, z}},
					{"-name", []string{z, hr, csv, ad}},
					{"authoritative,name", []string{ad, csv, z, hr}},
					{"-authoritative,-name", []string{hr, z, csv, ad}},
					{"owner.name", []string{ad, csv, hr, z}}, // no owner first, then Alice, Bob
					{"-owner.name", []string{z, hr, ad, csv}},
					{"-created", []string{z, hr, ad, csv}}, // ties keep creation order
					{"type,name", []string{ad, csv, hr, z}},
				}
				for _, tt := range sorters {
					t.Run("sorters "+tt.sorters, func(t *testing.T) {
						t.Parallel()
						wantIDs(t, list("sorters", tt.sorters), tt.want...)
					})
				}

				bad := []struct {
					name, param, value, code string
					texts                    []string
				}{
					{"unknown filter field", "filters", `bogus eq "x"`, detailBadRequest, []string{"bogus"}},
					{"filter operator", "filters", `name lt "x"`, detailBadRequest, []string{"name", "lt"}},
					{"features eq", "filters", `features eq "ENABLE"`, detailBadRequest, []string{"features"}},
					{"filter syntax", "filters", `name eq`, detailBadRequest, []string{"filters"}},
					{"unknown sorter", "sorters", "bogus", detailBadRequest, []string{"bogus"}},
					{"unsortable sorter", "sorters", "features", detailBadRequest, []string{"features"}},
					{"sorter twice", "sorters", "name,-name", detailBadRequest, []string{"name"}},
					{"limit", "limit", "251", detailIllegalValue, []string{"limit"}},
					{"offset", "offset", "-1", detailIllegalValue, []string{"offset"}},
					{"count", "count", "yes", detailIllegalValue, []string{"count"}},
				}
				for _, tt := range bad {
					t.Run("bad "+tt.name, func(t *testing.T) {
						t.Parallel()
						wantError(t, list(tt.param, tt.value), http.StatusBadRequest, tt.code, tt.texts...)
					})
				}
			})
		}
	})
}

func TestSourceGet(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		schemaRef := func(src Source, name string) string {
			return `{"type":"CONNECTOR_SCHEMA","id":"` + schemaID(src.ID, name) + `","name":"` + name + `"}`
		}
		tests := []struct {
			name string
			src  Source
			want map[string]string // member → JSON text
		}{
			{"HR", fx.hr, map[string]string{
				"name": `"HR"`, "type": `"DelimitedFile"`, "connectionType": `"file"`, "authoritative": `true`,
				"features": `[]`, "connector": `"delimited-file"`,
				"owner":   `{"type":"IDENTITY","id":"` + fx.alice.ID + `","name":"Alice Anders"}`,
				"schemas": `[` + schemaRef(fx.hr, "account") + `]`,
			}},
			{"AD", fx.ad, map[string]string{
				"name": `"Active Directory"`, "type": `"Active Directory - Direct"`, "connectionType": `"direct"`,
				"authoritative": `false`, "features": `["ENABLE","UNLOCK"]`, "owner": `null`,
				"connector": `"active-directory---direct"`, "connectorName": `"Active Directory - Direct"`,
				"schemas": `[` + schemaRef(fx.ad, "account") + `,` + schemaRef(fx.ad, "group") + `]`,
			}},
			{"CSV", fx.csv, map[string]string{
				"name": `"CSV"`, "type": `"CSV"`, "connectionType": `"file"`, "authoritative": `false`,
				"features": `[]`, "owner": `null`,
				"schemas": `[` + schemaRef(fx.csv, "account") + `]`,
			}},
		}
		// The defaults every source shows.
		defaults := map[string]string{
			"healthy": `true`, "status": `"SOURCE_STATE_HEALTHY"`, "deleteThreshold": `10`,
			"cluster": `null`, "description": `""`, "credentialProviderEnabled": `false`,
			"managementWorkgroup": `null`, "category": `null`,
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				var first result
				for i, v := range allVersions {
					r := e.do(t, "GET", versionPath(v, "/sources/"+tt.src.ID), "").want(t, http.StatusOK)
					if i == 0 {
						first = r
					} else if !bytes.Equal(r.body, first.body) {
						t.Errorf("%s: body differs from %s's:\n%s\n%s", v, allVersions[0], r.body, first.body)
					}
				}
				m := rawMembers(t, first.body)
				what := tt.name
				wantJSON(t, what, m, "id", `"`+tt.src.ID+`"`)
				wantJSON(t, what, m, "created", `"`+formatTime(tt.src.Created)+`"`)
				wantJSON(t, what, m, "modified", `"`+formatTime(tt.src.Modified)+`"`)
				for k, want := range tt.want {
					wantJSON(t, what, m, k, want)
				}
				for k, want := range defaults {
					wantJSON(t, what, m, k, want)
				}
			})
		}
		t.Run("modified follows UpdateSource", func(t *testing.T) {
			t.Parallel()
			s := New(t, mode...)
			src, err := s.AddSource(Source{Name: "Later"})
			if err != nil {
				t.Fatal(err)
			}
			s.Clock().Advance(time.Minute)
			up, err := s.UpdateSource(src.ID, func(x *Source) { x.Description = "changed"; x.Features = []string{"PROVISIONING"} })
			if err != nil {
				t.Fatal(err)
			}
			r := iscClient(s.Client(), s.URL).do(t, "GET", "/v2025/sources/"+src.ID, "").want(t, http.StatusOK)
			m := rawMembers(t, r.body)
			wantJSON(t, "Later", m, "created", `"`+formatTime(src.Created)+`"`)
			wantJSON(t, "Later", m, "modified", `"`+formatTime(up.Modified)+`"`)
			wantJSON(t, "Later", m, "description", `"changed"`)
			wantJSON(t, "Later", m, "features", `["PROVISIONING"]`)
			if !up.Modified.After(src.Created) {
				t.Errorf("Modified %v is not after Created %v", up.Modified, src.Created)
			}
		})
		for _, v := range allVersions {
			t.Run("unknown "+v, func(t *testing.T) {
				t.Parallel()
				wantError(t, e.do(t, "GET", versionPath(v, "/sources/nope"), ""), http.StatusNotFound, detailNotFound, "nope")
			})
		}
	})
}

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
