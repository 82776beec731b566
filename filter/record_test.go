package filter

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// testDocs returns testdata/accounts.json followed by n generated
// adversarial documents.
func testDocs(t testing.TB, n int) [][]byte {
	docs := loadAccounts(t)
	r := rand.New(rand.NewPCG(7, 11))
	for range n {
		docs = append(docs, randDoc(r, testSchema))
	}
	return docs
}

// TestFoldRuneIdempotent proves, for every rune, the premise that lets
// compareRecord compare folded strings byte by byte where compare uses
// compareFold, which folds the already folded literal again.
func TestFoldRuneIdempotent(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if f := foldRune(r); foldRune(f) != f {
			t.Errorf("foldRune(%U) = %U, but foldRune(%U) = %U", r, f, f, foldRune(f))
		}
	}
}

// TestMatchRecordSameAsMatch runs every single comparison the test schema
// allows, and random combinations of them, over the test documents and
// generated ones, and requires MatchRecord to agree with Match each time.
func TestMatchRecordSameAsMatch(t *testing.T) {
	t.Parallel()
	docs := testDocs(t, 300)
	recs := make([]*Record, len(docs))
	for i, d := range docs {
		recs[i] = testSchema.Record(d)
	}
	cmps := comparisons(testSchema)
	filters := slices.Clone(cmps)
	r := rand.New(rand.NewPCG(3, 5))
	for range 1500 {
		filters = append(filters, randFilter(r, cmps, 0))
	}
	filters = append(filters, fuzzSeeds...)
	compiled, matched := 0, 0
	for _, s := range filters {
		f, err := Compile(s, testSchema)
		if err != nil {
			continue
		}
		compiled++
		for i, d := range docs {
			want := f.Match(d)
			if got := f.MatchRecord(recs[i]); got != want {
				t.Fatalf("%q on %s: MatchRecord = %v, Match = %v", s, d, got, want)
			}
			if want {
				matched++
			}
		}
	}
	// Guard against a vacuous pass: most filters must compile and the
	// answers must be mixed.
	if total := compiled * len(docs); compiled < len(cmps) || matched == 0 || matched == total {
		t.Fatalf("%d of %d filters compiled, %d of %d matches: the test proves nothing", compiled, len(filters), matched, total)
	}
}

// order returns the indexes of docs in the order Sort and SortRecords
// give.
func order(docs [][]byte, recs []*Record, by Sorters) (sorted, records []int) {
	sorted = make([]int, len(docs))
	for i := range sorted {
		sorted[i] = i
	}
	records = slices.Clone(sorted)
	Sort(sorted, by, func(i int) []byte { return docs[i] })
	SortRecords(records, by, func(i int) *Record { return recs[i] })
	return sorted, records
}

// TestSortRecordsSameAsSort sorts the test documents and generated ones
// by every sortable field in both directions and by random multi-key
// sorters, in several input orders, and requires SortRecords to give
// Sort's order.
func TestSortRecordsSameAsSort(t *testing.T) {
	t.Parallel()
	docs := testDocs(t, 400)
	r := rand.New(rand.NewPCG(9, 13))
	sorters := testSorters(r)
	for round := range 3 {
		if round > 0 {
			r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		}
		recs := make([]*Record, len(docs))
		for i, d := range docs {
			recs[i] = testSchema.Record(d)
		}
		for _, s := range sorters {
			by, err := ParseSorters(s, testSchema)
			if err != nil {
				t.Fatal(err)
			}
			want, got := order(docs, recs, by)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("sorters %q, round %d: SortRecords order (-Sort +SortRecords):\n%s", s, round, d)
			}
		}
	}
}

// TestSelectSameAsMatchAndSort requires Select to give what Match
// followed by Sort gives, for random filters (and none) and sorters (and
// none).
func TestSelectSameAsMatchAndSort(t *testing.T) {
	t.Parallel()
	docs, recs, all := indexedRecords(t, 300)
	r := rand.New(rand.NewPCG(17, 19))
	cmps := comparisons(testSchema)
	nonEmpty := 0
	for n := range 300 {
		f, by := randQuery(t, r, cmps, n)
		var want []int
		for i, d := range docs {
			if f.Match(d) {
				want = append(want, i)
			}
		}
		Sort(want, by, func(i int) []byte { return docs[i] })
		got := Select(all, f, by, func(i int) *Record { return recs[i] })
		if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("filter %v, sorters %q: Select (-Match and Sort +Select):\n%s", f, by, d)
		}
		if len(got) > 1 {
			nonEmpty++
		}
	}
	if nonEmpty < 100 {
		t.Fatalf("only %d of 300 selections had two items or more: the test proves little", nonEmpty)
	}
}

// TestSortRecordsCommonPrefix sorts strings that share a long prefix
// (so words hold the bytes after it), with case variants, equal values,
// NUL bytes and longer tails, in both directions and with a second key.
func TestSortRecordsCommonPrefix(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(23, 29))
	var docs [][]byte
	for i := range 400 {
		name := fmt.Sprintf("identity 0%04d", r.IntN(60))
		switch r.IntN(6) {
		case 0:
			name = strings.ToUpper(name)
		case 1:
			name += "\\u0000"
		case 2:
			name += string(rune('a' + r.IntN(3)))
		}
		docs = append(docs, fmt.Appendf(nil, `{"id":"%d","name":"%s","created":"2024-01-0%dT00:00:00.%09dZ"}`, i, name, 1+r.IntN(3), r.IntN(3)<<14))
	}
	recs := make([]*Record, len(docs))
	for i, d := range docs {
		recs[i] = testSchema.Record(d)
	}
	for _, s := range []string{"name", "-name", "name,-created", "-name,created", "created,name"} {
		by, err := ParseSorters(s, testSchema)
		if err != nil {
			t.Fatal(err)
		}
		want, got := order(docs, recs, by)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("sorters %q (-Sort +SortRecords):\n%s", s, d)
		}
	}
}

func TestMatchRecordForeignAndNil(t *testing.T) {
	t.Parallel()
	other := MustSchema("other", Field{Name: "name", Type: TypeNumber, Ops: []Op{OpEq}, Sortable: true})
	doc := []byte(`{"name":"alice"}`)
	f, err := Compile(`name eq "alice"`, testSchema)
	if err != nil {
		t.Fatal(err)
	}
	if !f.MatchRecord(testSchema.Record(doc)) {
		t.Error("MatchRecord on a Record of the filter's schema: false")
	}
	if f.MatchRecord(other.Record(doc)) {
		t.Error("MatchRecord on a Record of another schema: true")
	}
	if f.MatchRecord(nil) {
		t.Error("MatchRecord(nil): true")
	}
	var none *Filter
	if !none.MatchRecord(nil) {
		t.Error("nil filter does not match")
	}
	var noSchema *Schema
	if noSchema.Record(doc) != nil {
		t.Error("Record of a nil schema is not nil")
	}
}

// TestSortRecordsUnresolved: sorters the record's schema cannot serve
// see missing values, so items keep their input order.
func TestSortRecordsUnresolved(t *testing.T) {
	t.Parallel()
	other := MustSchema("other", Field{Name: "name", Type: TypeNumber, Sortable: true})
	docs := [][]byte{[]byte(`{"name":"b"}`), []byte(`{"name":"a"}`), []byte(`{"name":"c"}`)}
	byName, err := ParseSorters("name", testSchema)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		by     Sorters
		schema *Schema
		want   []int
	}{
		{"resolved", byName, testSchema, []int{1, 0, 2}},
		{"hand-written", Sorters{{Field: "name"}}, testSchema, []int{0, 1, 2}},
		{"other schema", byName, other, []int{0, 1, 2}},
		{"nil records", byName, nil, []int{0, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := []int{0, 1, 2}
			SortRecords(got, tt.by, func(i int) *Record { return tt.schema.Record(docs[i]) })
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("order (-want +got):\n%s", d)
			}
		})
	}
}

// TestRecordDoesNotRetainDoc overwrites the document after extraction.
func TestRecordDoesNotRetainDoc(t *testing.T) {
	t.Parallel()
	doc := []byte(`{"name":"Alice","groups":["Roma"],"sourceName":"Ldap"}`)
	r := testSchema.Record(doc)
	for i := range doc {
		doc[i] = 'x'
	}
	for _, s := range []string{`name eq "alice"`, `groups eq "roma"`, `sourceName co "LDA"`} {
		f, err := Compile(s, testSchema)
		if err != nil {
			t.Fatal(err)
		}
		if !f.MatchRecord(r) {
			t.Errorf("%q no longer matches once the document is overwritten", s)
		}
	}
}

func TestMatchRecordDoesNotAllocate(t *testing.T) {
	docs := loadAccounts(t)
	f, err := Compile(`sourceId eq "src1" and (name sw "a" or disabled eq true) or created gt 2024-01-01T00:00:00Z or groups ca ("roma")`, testSchema)
	if err != nil {
		t.Fatal(err)
	}
	r := testSchema.Record(docs[0])
	if n := testing.AllocsPerRun(100, func() { f.MatchRecord(r) }); n != 0 {
		t.Errorf("MatchRecord allocates %v times per call, want 0", n)
	}
}

// FuzzMatchRecord checks MatchRecord against Match for arbitrary filters
// and documents.
func FuzzMatchRecord(f *testing.F) {
	docs := testDocs(f, 4)
	for i, s := range append(slices.Clone(fuzzSeeds), `groups ca ("venezia","roma")`, `sourceName gt "l"`, `odd eq "V1"`) {
		f.Add(s, docs[i%len(docs)])
	}
	f.Add(`name eq "x"`, []byte(`{"name":`))
	f.Add(`groups co "a"`, []byte(`{"groups":[1,{"a":[]},"\u00e1",null]}`))
	f.Fuzz(func(t *testing.T, filter string, doc []byte) {
		fl, err := Compile(filter, testSchema)
		if err != nil {
			return
		}
		if want, got := fl.Match(doc), fl.MatchRecord(testSchema.Record(doc)); got != want {
			t.Fatalf("%q on %q: MatchRecord = %v, Match = %v", fl.String(), doc, got, want)
		}
	})
}

// FuzzSortRecords checks SortRecords against Sort: docs holds up to 16
// documents separated by newlines.
func FuzzSortRecords(f *testing.F) {
	docs := testDocs(f, 6)
	var all []string
	for _, d := range docs {
		all = append(all, string(d))
	}
	joined := []byte(strings.Join(all, "\n"))
	for _, s := range []string{"name", "-created,name", "sourceId", "-sourceId,id", "daysUntilEscalation,-disabled", "-modified,source.displayableName"} {
		f.Add(s, joined)
	}
	f.Add("name", []byte("{\"name\":\"a\"}\n{\"name\":\"A\"}\n{\"name\":\"\xff\"}\n{}"))
	f.Fuzz(func(t *testing.T, sorters string, joined []byte) {
		by, err := ParseSorters(sorters, testSchema)
		var se *SorterError
		if errors.As(err, &se) || len(by) == 0 {
			return
		}
		docs := strings.SplitN(string(joined), "\n", 16)
		bs := make([][]byte, len(docs))
		recs := make([]*Record, len(docs))
		for i, d := range docs {
			bs[i] = []byte(d)
			recs[i] = testSchema.Record(bs[i])
		}
		want, got := order(bs, recs, by)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("sorters %q on %q (-Sort +SortRecords):\n%s", sorters, joined, d)
		}
	})
}

// indexedRecords returns n test documents, their Records, and the
// indexes 0..n-1, for selecting and sorting by index.
func indexedRecords(t *testing.T, n int) (docs [][]byte, recs []*Record, all []int) {
	t.Helper()
	docs = testDocs(t, n)
	recs = make([]*Record, len(docs))
	all = make([]int, len(docs))
	for i, d := range docs {
		recs[i], all[i] = testSchema.Record(d), i
	}
	return docs, recs, all
}

// randQuery draws a random filter (none on every tenth round) and random
// sorters (none on every seventh), valid for testSchema.
func randQuery(t *testing.T, r *rand.Rand, cmps []string, round int) (*Filter, Sorters) {
	t.Helper()
	var f *Filter
	if round%10 != 0 {
		var err error
		if f, err = Compile(randFilter(r, cmps, 0), testSchema); err != nil {
			t.Fatal(err)
		}
	}
	var by Sorters
	if round%7 != 0 {
		var err error
		if by, err = ParseSorters(randSorters(r, sortableNames(testSchema)), testSchema); err != nil {
			t.Fatal(err)
		}
	}
	return f, by
}

// testSorters are the sorters the sort tests try: every sortable field of
// testSchema in both directions, and 200 random multi-key sorters.
func testSorters(r *rand.Rand) []string {
	var sorters []string
	for _, n := range sortableNames(testSchema) {
		sorters = append(sorters, n, "-"+n)
	}
	for range 200 {
		sorters = append(sorters, randSorters(r, sortableNames(testSchema)))
	}
	return sorters
}
