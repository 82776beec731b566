package agilenowapi

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mockisc/mockisc/internal/engine"
)

// TestAgileNowEnumsMatchVendorSpec derives the enums from the vendor's
// Accounts.json (testdata copy) and compares them with the tables.
func TestAgileNowEnumsMatchVendorSpec(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/Accounts.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Components struct {
			Schemas map[string]struct {
				Enum   []string `json:"enum"`
				XEnums []struct {
					Value       string `json:"value"`
					Description string `json:"description"`
				} `json:"x-enums"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		schema string
		enum   *enum
		n      int
	}{
		{"EnumLanguage", languages, 19},
		{"EnumTimezone", timezones, 89},
		{"EnumDateFormat", dateFormats, 7},
	}
	for _, tc := range tests {
		sch := spec.Components.Schemas[tc.schema]
		var want []enumValue
		for i, v := range sch.Enum {
			want = append(want, enumValue{id: v, name: sch.XEnums[i].Description})
		}
		if len(want) != tc.n {
			t.Errorf("%s: the spec has %d values, want %d", tc.schema, len(want), tc.n)
		}
		if d := cmp.Diff(want, tc.enum.values, cmp.AllowUnexported(enumValue{})); d != "" {
			t.Errorf("%s (-spec +table):\n%s", tc.schema, d)
		}
		for _, v := range want {
			if err := tc.enum.check("F", v.id); err != nil {
				t.Errorf("%s: %v", tc.schema, err)
			}
			if err := tc.enum.check("F", v.id+"x"); err == nil || !strings.Contains(err.Error(), `F: "`+v.id+`x"`) {
				t.Errorf("%s: %q accepted or unnamed: %v", tc.schema, v.id+"x", err)
			}
		}
	}
}

// TestAgileNowScopesMatchVendorSpec checks each operation's scopes against
// the spec's security lists, and that every operation of the spec (the
// twelve of the Account resource) is served.
func TestAgileNowScopesMatchVendorSpec(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/Accounts.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]struct {
			Security []map[string][]string `json:"security"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, rt := range New(nil, nil, nil, "").Routes() {
		if rt.Public() {
			continue
		}
		op, ok := spec.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("%s %s: not in the spec", rt.Method, rt.Pattern)
			continue
		}
		checked++
		var want []string
		for _, sec := range op.Security {
			want = append(want, sec["OAuth2"]...)
		}
		for _, sc := range want {
			tok := &engine.Token{Scopes: []string{sc}}
			if !tok.HasScope(rt.Scopes...) || (rt.AlsoScopes != nil && !tok.HasScope(rt.AlsoScopes...)) {
				t.Errorf("%s %s: the spec's scope %q is not enough", rt.Method, rt.Pattern, sc)
			}
		}
	}
	ops := 0
	for _, methods := range spec.Paths {
		ops += len(methods)
	}
	if checked != ops || ops != 12 {
		t.Errorf("checked %d operations against the spec, want all %d (12)", checked, ops)
	}
}
