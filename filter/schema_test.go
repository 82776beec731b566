package filter

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewSchemaErrors(t *testing.T) {
	t.Parallel()
	ok := Field{Name: "a", Type: TypeString, Ops: []Op{OpEq}}
	tests := []struct {
		name  string
		field Field
		want  string
	}{
		{"empty name", Field{Type: TypeString}, `name must be a dotted identifier`},
		{"keyword name", Field{Name: "and", Type: TypeString}, `name must be a dotted identifier`},
		{"bad name", Field{Name: "a b", Type: TypeString}, `name must be a dotted identifier`},
		{"duplicate", ok, `duplicate field name "a"`},
		{"no type", Field{Name: "b"}, `unknown type Type(0)`},
		{"bad op", Field{Name: "b", Type: TypeString, Ops: []Op{99}}, `unknown operator Op(99)`},
		{"repeated op", Field{Name: "b", Type: TypeString, Ops: []Op{OpEq, OpEq}}, `operator "eq" listed twice`},
		{"co on number", Field{Name: "b", Type: TypeNumber, Ops: []Op{OpCo}}, `operator "co" needs a string field, not number`},
		{"gt on bool", Field{Name: "b", Type: TypeBool, Ops: []Op{OpGt}}, `operator "gt" cannot order booleans`},
		{"ca on scalar", Field{Name: "b", Type: TypeString, Ops: []Op{OpCa}}, `operator "ca" needs an array field`},
		{"empty path", Field{Name: "b", Type: TypeString, Path: []string{}}, `path is empty`},
		{"empty key", Field{Name: "b", Type: TypeString, Path: []string{"x", ""}}, `empty key`},
		{"sortable array", Field{Name: "b", Type: TypeString, Array: true, Sortable: true}, `array field cannot be sortable`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewSchema("test", ok, tt.field)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), `filter: schema "test": field 1`) {
				t.Errorf("NewSchema error = %v, want one about field 1 containing %q", err, tt.want)
			}
		})
	}
}

func TestMustSchemaPanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("MustSchema with a bad field did not panic")
		}
	}()
	MustSchema("bad", Field{Name: "x"})
}

func TestSchemaField(t *testing.T) {
	t.Parallel()
	f, ok := testSchema.Field("identity.name")
	want := Field{Name: "identity.name", Path: []string{"identity", "name"}, Type: TypeString, Ops: strOps, Sortable: true}
	if !ok {
		t.Fatal("identity.name not found")
	}
	if d := cmp.Diff(want, f); d != "" {
		t.Errorf("Field (-want +got):\n%s", d)
	}
	f.Path[0] = "changed" // the schema must not be affected
	if again, _ := testSchema.Field("identity.name"); again.Path[0] != "identity" {
		t.Error("Field returned the schema's own Path slice")
	}
	if _, ok := testSchema.Field("nope"); ok {
		t.Error(`Field("nope") found`)
	}
	if got := len(testSchema.Fields()); got != 20 {
		t.Errorf("len(Fields()) = %d, want 20", got)
	}
	if testSchema.Name() != "accounts" {
		t.Errorf("Name() = %q", testSchema.Name())
	}
}

func TestEnumStrings(t *testing.T) {
	t.Parallel()
	var ops []string
	for op := OpEq; op <= OpPr+1; op++ {
		ops = append(ops, op.String())
	}
	wantOps := []string{"eq", "ne", "gt", "ge", "lt", "le", "co", "sw", "in", "ca", "isnull", "pr", "Op(13)"}
	if d := cmp.Diff(wantOps, ops); d != "" {
		t.Errorf("Op strings (-want +got):\n%s", d)
	}
	var types []string
	for ty := TypeString; ty <= TypeDateTime+1; ty++ {
		types = append(types, ty.String())
	}
	if d := cmp.Diff([]string{"string", "boolean", "number", "date-time", "Type(5)"}, types); d != "" {
		t.Errorf("Type strings (-want +got):\n%s", d)
	}
	// Every operator keyword lexes to the token kind of the same Op.
	for op := OpEq; op <= OpPr; op++ {
		l := lexer{input: op.String()}
		if tok := l.nextToken(); !tok.isOp() || tok.op() != op {
			t.Errorf("keyword %q lexes to %v", op, tok)
		}
	}
}
