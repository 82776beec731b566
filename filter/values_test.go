package filter

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidwall/gjson"
)

// valuesOf reads doc's fields as the typed values a store would hold: a
// JSON array is the strings among its elements (the others satisfy no
// comparison), and an object, which no field's type admits, is an empty
// array, which no comparison but ne accepts either.
func valuesOf(schema *Schema, doc []byte) []FieldValue {
	vals := make([]FieldValue, len(schema.fields))
	for i := range schema.fields {
		r := gjson.GetBytes(doc, schema.fields[i].path)
		switch {
		case isNull(r):
		case r.Type == gjson.String:
			vals[i] = StringValue(r.Str)
		case r.Type == gjson.Number:
			vals[i] = NumberValue(r.Num)
		case r.Type == gjson.True || r.Type == gjson.False:
			vals[i] = BoolValue(r.Type == gjson.True)
		case r.IsArray():
			ss := []string{}
			r.ForEach(func(_, e gjson.Result) bool {
				if e.Type == gjson.String {
					ss = append(ss, e.Str)
				}
				return true
			})
			vals[i] = StringsValue(ss)
		default:
			vals[i] = StringsValue(nil)
		}
	}
	return vals
}

// TestMatchValuesSameAsMatch requires MatchValues to agree with Match on
// every single comparison of the test schema and random combinations,
// over the test documents and generated adversarial ones.
func TestMatchValuesSameAsMatch(t *testing.T) {
	t.Parallel()
	docs := testDocs(t, 300)
	vals := make([][]FieldValue, len(docs))
	for i, d := range docs {
		vals[i] = valuesOf(testSchema, d)
	}
	cmps := comparisons(testSchema)
	filters := slices.Clone(cmps)
	r := rand.New(rand.NewPCG(23, 29))
	for range 1500 {
		filters = append(filters, randFilter(r, cmps, 0))
	}
	filters = append(filters, fuzzSeeds...)
	matched := 0
	for _, s := range filters {
		f, err := Compile(s, testSchema)
		if err != nil {
			continue
		}
		for i, d := range docs {
			want := f.Match(d)
			got := f.MatchValues(func(field int) FieldValue { return vals[i][field] })
			if got != want {
				t.Fatalf("filter %q on %s: MatchValues %v, Match %v", s, d, got, want)
			}
			if want {
				matched++
			}
		}
	}
	if matched == 0 {
		t.Fatal("no filter matched any document: the test proves nothing")
	}
	var nilFilter *Filter
	if !nilFilter.MatchValues(nil) {
		t.Error("a nil filter must match everything")
	}
}

// TestCompareValuesSameAsSort sorts the test documents by every sortable
// field in both directions and by random multi-key sorters, in several
// input orders, with CompareValues (input order breaking its ties) and
// requires Sort's order.
func TestCompareValuesSameAsSort(t *testing.T) {
	t.Parallel()
	docs := testDocs(t, 400)
	r := rand.New(rand.NewPCG(31, 37))
	sorters := testSorters(r)
	for round := range 3 {
		if round > 0 {
			r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		}
		vals := make([][]FieldValue, len(docs))
		for i, d := range docs {
			vals[i] = valuesOf(testSchema, d)
		}
		for _, s := range sorters {
			by, err := ParseSorters(s, testSchema)
			if err != nil {
				t.Fatal(err)
			}
			want := make([]int, len(docs))
			for i := range want {
				want[i] = i
			}
			got := slices.Clone(want)
			Sort(want, by, func(i int) []byte { return docs[i] })
			compare := CompareValues(testSchema, by, func(i, field int) FieldValue { return vals[i][field] })
			slices.SortStableFunc(got, compare)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("sorters %q, round %d: CompareValues order (-Sort +CompareValues):\n%s", s, round, d)
			}
		}
	}
}

// TestCompareFold: CompareFold orders as the folded strings' bytes do and
// ignores case; HasPrefixFold is sw.
func TestCompareFold(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"abc", "ABC", 0}, {"Alice", "bob", -1}, {"Zed", "alice", 1}, {"ÁLVARO", "álvaro", 0}, {"İx", "ix", 0}, {"", "a", -1}, {"ab", "a", 1},
	}
	for _, tt := range tests {
		if got := CompareFold(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareFold(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if !HasPrefixFold("Alice Smith", "aLI") || HasPrefixFold("Alice", "bob") || !HasPrefixFold("x", "") {
		t.Error("HasPrefixFold")
	}
}
