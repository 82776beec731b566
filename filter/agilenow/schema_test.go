package agilenow

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewSchemaErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fields []Field
		want   string
	}{
		{"empty name", []Field{{Name: "", Type: TypeString}}, `agilenow: field 0: malformed name ""`},
		{"bad name", []Field{{Name: "a b", Type: TypeString}}, `agilenow: field 0: malformed name "a b"`},
		{"empty segment", []Field{{Name: "a..b", Type: TypeString}}, `agilenow: field 0: malformed name "a..b"`},
		{"no type", []Field{{Name: "a"}}, `agilenow: field a: invalid type 0`},
		{"bad type", []Field{{Name: "a", Type: 9}}, `agilenow: field a: invalid type 9`},
		{"duplicate", []Field{{Name: "Id", Type: TypeString}, {Name: "ID", Type: TypeNumber}}, `agilenow: field ID: duplicate of Id`},
		{"empty path", []Field{{Name: "a", Path: []string{}, Type: TypeString}}, `agilenow: field a: empty path`},
		{"empty key", []Field{{Name: "a", Path: []string{"x", ""}, Type: TypeString}}, `agilenow: field a: empty key in path`},
	}
	for _, tt := range tests {
		_, err := NewSchema(tt.fields...)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: NewSchema error = %v, want %s", tt.name, err, tt.want)
		}
	}
}

func TestMustSchemaPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustSchema did not panic on a bad field")
		}
	}()
	MustSchema(Field{Name: "x"})
}

func TestSchemaLookup(t *testing.T) {
	t.Parallel()
	f, ok := testSchema.Lookup("languageID")
	want := Field{Name: "LanguageId", Path: []string{"LanguageId", "Id"}, Type: TypeString}
	if !ok {
		t.Fatal("Lookup(languageID) not found")
	}
	if d := cmp.Diff(want, f); d != "" {
		t.Errorf("Lookup mismatch (-want +got):\n%s", d)
	}
	f.Path[0] = "changed" // a copy: the schema must not change
	if g, _ := testSchema.Lookup("LanguageId"); g.Path[0] != "LanguageId" {
		t.Errorf("Lookup returned the schema's own Path slice")
	}
	if _, ok := testSchema.Lookup("Nope"); ok {
		t.Error("Lookup(Nope) found a field")
	}
	fs := testSchema.Fields()
	if len(fs) != 17 || fs[1].Name != "TenantId.Id" || strings.Join(fs[1].Path, "/") != "TenantId/Id" {
		t.Errorf("Fields() = %v", fs)
	}
}

func TestTypeString(t *testing.T) {
	t.Parallel()
	for typ, want := range map[Type]string{TypeString: "text", TypeNumber: "number", TypeBool: "boolean", TypeDateTime: "date-time", 0: "Type(0)"} {
		if got := typ.String(); got != want {
			t.Errorf("Type(%d).String() = %q, want %q", typ, got, want)
		}
	}
	for op, want := range map[Op]string{OpEq: "=", OpNe: "<>", OpLike: "Like", OpNotIn: "NotIn", 0: "Op(0)"} {
		if got := op.String(); got != want {
			t.Errorf("Op(%d).String() = %q, want %q", op, got, want)
		}
	}
	for j, want := range map[Junction]string{And: "AND", Or: "OR", 0: "Junction(0)"} {
		if got := j.String(); got != want {
			t.Errorf("Junction(%d).String() = %q, want %q", j, got, want)
		}
	}
}
