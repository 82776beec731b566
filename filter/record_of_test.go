package filter

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// TestRecordOf: a Record built from typed values equals the Record of the
// JSON document holding them, for every type, null, a value of the wrong
// type, and arrays; and Equal tells them apart when one value differs.
func TestRecordOf(t *testing.T) {
	t.Parallel()
	schema := MustSchema("t",
		Field{Name: "s", Type: TypeString, Ops: []Op{OpEq}, Sortable: true},
		Field{Name: "n", Type: TypeNumber, Ops: []Op{OpEq}},
		Field{Name: "b", Type: TypeBool, Ops: []Op{OpEq}},
		Field{Name: "t", Type: TypeDateTime, Ops: []Op{OpEq}},
		Field{Name: "a", Type: TypeString, Array: true, Ops: []Op{OpCa}},
		Field{Name: "x.y", Type: TypeString, Ops: []Op{OpEq}},
	)
	when := time.Date(2025, 3, 4, 5, 6, 7, 8_000_000, time.UTC)
	tests := []struct {
		name string
		doc  string
		vals []FieldValue
	}{
		{"all set", `{"s":"Ünïcode MiXed","n":1.5,"b":true,"t":"2025-03-04T05:06:07.008Z","a":["G1","g2"],"x":{"y":"deep"}}`,
			[]FieldValue{StringValue("Ünïcode MiXed"), NumberValue(1.5), BoolValue(true), TimeValue(when), StringsValue([]string{"G1", "g2"}), StringValue("deep")}},
		{"nulls", `{"s":null,"b":false,"a":[]}`,
			[]FieldValue{NullValue(), NullValue(), BoolValue(false), NullValue(), StringsValue(nil), NullValue()}},
		{"wrong types", `{"s":1,"n":"x","b":"true","t":"not a time","a":"x","x":{"y":true}}`,
			[]FieldValue{NumberValue(1), StringValue("x"), StringValue("true"), StringValue("not a time"), StringValue("x"), BoolValue(true)}},
	}
	for _, tt := range tests {
		got, want := schema.RecordOf(tt.vals), schema.Record([]byte(tt.doc))
		if !got.Equal(want) || !want.Equal(got) {
			t.Errorf("%s: RecordOf differs from Record of %s", tt.name, tt.doc)
		}
	}
	base := schema.RecordOf(tests[0].vals)
	for i := range tests[0].vals {
		vals := append([]FieldValue(nil), tests[0].vals...)
		vals[i] = StringValue("changed " + strconv.Itoa(rand.IntN(9)))
		if schema.RecordOf(vals).Equal(base) {
			t.Errorf("field %d changed, Equal still true", i)
		}
	}
}
