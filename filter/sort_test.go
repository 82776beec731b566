package filter

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSort(t *testing.T) {
	t.Parallel()
	docs := loadAccounts(t)
	tests := []struct {
		sorters string
		want    []string
	}{
		// a3's name is null: first ascending, last descending; case-insensitive
		// folded code points: "álvaro" sorts after "zed"
		{"name", []string{"a3", "a5", "a1", "a2", "a6", "a4"}},
		{"-name", []string{"a4", "a6", "a2", "a1", "a5", "a3"}},
		// temporal, offsets honoured; a5 has no created; a1 and a6 tie and keep input order
		{"created", []string{"a5", "a3", "a2", "a1", "a6", "a4"}},
		{"-created", []string{"a4", "a1", "a6", "a2", "a3", "a5"}},
		{"-created,name", []string{"a4", "a1", "a6", "a2", "a3", "a5"}},
		{"-created,-name", []string{"a4", "a6", "a1", "a2", "a3", "a5"}},
		// "SRC1" and "src1" tie case-insensitively: the next key decides,
		// and without one the bytes do ("SRC1" < "src1")
		{"sourceId,id", []string{"a1", "a2", "a4", "a3", "a6", "a5"}},
		{"sourceId", []string{"a4", "a1", "a2", "a3", "a6", "a5"}},
		{"-sourceId", []string{"a5", "a3", "a6", "a1", "a2", "a4"}},
		// numbers; a5's "7" is a string and a6 has none: both null
		{"daysUntilEscalation", []string{"a5", "a6", "a3", "a1", "a2", "a4"}},
		// booleans: false before true; a5's "yes" is null
		{"disabled,id", []string{"a5", "a1", "a3", "a6", "a2", "a4"}},
		// custom path
		{"source.displayableName,-id", []string{"a5", "a2", "a1", "a6", "a3", "a4"}},
		// a4's modified is malformed: null
		{"-modified", []string{"a1", "a2", "a3", "a4", "a5", "a6"}},
	}
	for _, tt := range tests {
		t.Run(tt.sorters, func(t *testing.T) {
			t.Parallel()
			by, err := ParseSorters(tt.sorters, testSchema)
			if err != nil {
				t.Fatal(err)
			}
			items := append([][]byte(nil), docs...)
			calls := 0
			Sort(items, by, func(d []byte) []byte { calls++; return d })
			got := make([]string, len(items))
			for i, d := range items {
				got[i] = docID(d)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("order (-want +got):\n%s", d)
			}
			if calls != len(docs) {
				t.Errorf("doc called %d times, want once per item (%d)", calls, len(docs))
			}
		})
	}
}

func TestSortHandWritten(t *testing.T) {
	t.Parallel()
	type item struct{ json string }
	items := []item{{`{"n":2}`}, {`{"n":"b"}`}, {`{"n":1}`}, {`{}`}, {`{"n":"A"}`}, {`{"n":true}`}}
	Sort(items, Sorters{{Field: "n"}}, func(it item) []byte { return []byte(it.json) })
	var got []string
	for _, it := range items {
		got = append(got, it.json)
	}
	want := []string{`{}`, `{"n":true}`, `{"n":1}`, `{"n":2}`, `{"n":"A"}`, `{"n":"b"}`}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
	Sort(items, nil, func(it item) []byte { t.Error("doc called with no sorters"); return nil })
}

func TestParseSorters(t *testing.T) {
	t.Parallel()
	by, err := ParseSorters(" -created , name", testSchema)
	if err != nil {
		t.Fatal(err)
	}
	if got := by.String(); got != "-created,name" {
		t.Errorf("String() = %q, want %q", got, "-created,name")
	}
	want := []Sorter{{Field: "created", Desc: true}, {Field: "name"}}
	if d := cmp.Diff(want, []Sorter(by), cmp.Comparer(func(a, b Sorter) bool { return a.Field == b.Field && a.Desc == b.Desc })); d != "" {
		t.Errorf("sorters (-want +got):\n%s", d)
	}
	if by, err := ParseSorters("", testSchema); by != nil || err != nil {
		t.Errorf(`ParseSorters("") = %v, %v; want nil, nil`, by, err)
	}
}

func TestParseSortersErrors(t *testing.T) {
	t.Parallel()
	const sortable = "id, identityId, name, nativeIdentity, sourceId, origin, identity.name, source.displayableName, created, modified, disabled, uuid, sourceName, daysUntilEscalation"
	tests := []struct {
		input string
		want  *SorterError
	}{
		{"foo", &SorterError{Offset: 0, Field: "foo", Msg: `unknown or unsortable field "foo"; sortable fields: ` + sortable}},
		{"name,-groups", &SorterError{Offset: 5, Field: "groups", Msg: `unknown or unsortable field "groups"; sortable fields: ` + sortable}},
		{"name,,id", &SorterError{Offset: 5, Msg: `empty sorter; write field names separated by single commas, such as "-created,name"`}},
		{"name,", &SorterError{Offset: 5, Msg: `empty sorter; write field names separated by single commas, such as "-created,name"`}},
		{"-", &SorterError{Offset: 0, Msg: `empty sorter; write field names separated by single commas, such as "-created,name"`}},
		{"name,-name", &SorterError{Offset: 5, Field: "name", Msg: `field "name" is named more than once`}},
		{"Name", &SorterError{Offset: 0, Field: "Name", Msg: `unknown or unsortable field "Name"; sortable fields: ` + sortable}},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			t.Parallel()
			_, err := ParseSorters(tt.input, testSchema)
			var se *SorterError
			if !errors.As(err, &se) {
				t.Fatalf("ParseSorters(%q) error = %v, want a *SorterError", tt.input, err)
			}
			tt.want.Input = tt.input
			if d := cmp.Diff(tt.want, se); d != "" {
				t.Errorf("ParseSorters(%q) (-want +got):\n%s", tt.input, d)
			}
		})
	}
	_, err := ParseSorters("foo", testSchema)
	if want := `sorters: offset 0: unknown or unsortable field "foo"; sortable fields: ` + sortable; err == nil || err.Error() != want {
		t.Errorf("error text = %v, want %s", err, want)
	}
	if _, err := ParseSorters("id", nil); err == nil {
		t.Error("ParseSorters with a nil schema: no error")
	}
}

func TestParseSortersLengthLimit(t *testing.T) {
	t.Parallel()
	schema := MustSchema("s", Field{Name: "name", Type: TypeString, Sortable: true})
	_, err := ParseSorters(strings.Repeat("name,", MaxSortersLength), schema)
	var se *SorterError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "the limit is 1024") {
		t.Errorf("over-long sorters: %v", err)
	}
}
