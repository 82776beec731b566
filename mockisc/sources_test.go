package mockisc

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
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
