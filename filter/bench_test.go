package filter

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/tidwall/gjson"
)

const benchDocs = 100_000

// benchAccounts generates n ISC-shaped account documents, deterministically.
// Ten sources share the accounts; names start with random letters of either
// case; a fifth of the accounts are disabled.
func benchAccounts(n int) [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	letters := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([][]byte, n)
	for i := range docs {
		name := make([]byte, 6+r.IntN(10))
		for j := range name {
			name[j] = letters[r.IntN(len(letters))]
		}
		created := base.Add(time.Duration(r.Int64N(int64(4 * 365 * 24 * time.Hour)))).Format(time.RFC3339Nano)
		docs[i] = fmt.Appendf(nil, `{"id":"2c9180%026x","name":%q,"created":%q,"modified":%q,`+
			`"sourceId":"src%d","sourceName":"Source %d","identityId":"2c9180%026x","cloudLifecycleState":"active",`+
			`"identityState":"ACTIVE","connectionType":"direct","isMachine":false,"recommendation":null,`+
			`"attributes":{"mail":"%s@example.com","department":"dept%d","employeeNumber":"%06d"},`+
			`"authoritative":%t,"description":null,"disabled":%t,"locked":false,"nativeIdentity":"%06d",`+
			`"systemAccount":false,"uncorrelated":false,"uuid":null,"manuallyCorrelated":false,`+
			`"hasEntitlements":true,"identity":{"id":"2c9180%026x","type":"IDENTITY","name":%q},`+
			`"sourceOwner":null,"features":"PROVISIONING","origin":"AGGREGATED","ownerIdentity":null}`,
			i, name, created, created, i%10, i%10, i, name, i%7, i, i%10 == 0, r.IntN(5) == 0, i, i, name)
	}
	return docs
}

const benchFilter = `sourceId eq "src3" and (name sw "a" or disabled eq true)`

// matchByHand is the hand-written equivalent of benchFilter, written the
// way one would without this package: gjson.GetBytes per field.
func matchByHand(doc []byte) bool {
	if !strings.EqualFold(gjson.GetBytes(doc, "sourceId").Str, "src3") {
		return false
	}
	if name := gjson.GetBytes(doc, "name"); name.Type == gjson.String && len(name.Str) >= 1 && strings.EqualFold(name.Str[:1], "a") {
		return true
	}
	return gjson.GetBytes(doc, "disabled").Type == gjson.True
}

// matchByHandNoCopy is matchByHand reading doc through a string view, as
// Match does, so that gjson copies nothing.
func matchByHandNoCopy(doc []byte) bool {
	s := unsafe.String(unsafe.SliceData(doc), len(doc))
	if !strings.EqualFold(gjson.Get(s, "sourceId").Str, "src3") {
		return false
	}
	if name := gjson.Get(s, "name"); name.Type == gjson.String && len(name.Str) >= 1 && strings.EqualFold(name.Str[:1], "a") {
		return true
	}
	return gjson.Get(s, "disabled").Type == gjson.True
}

func benchMatch(b *testing.B, match func([]byte) bool) {
	docs := benchAccounts(benchDocs)
	benchMatchItems(b, docs, docs, match)
}

// benchMatchItems times match over items, the benchDocs documents docs in
// some form, and checks it matches as many as the hand-written predicate.
func benchMatchItems[T any](b *testing.B, docs [][]byte, items []T, match func(T) bool) {
	want := 0
	for _, d := range docs {
		if matchByHand(d) {
			want++
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, it := range items {
			if match(it) {
				n++
			}
		}
		if n != want {
			b.Fatalf("matched %d, the hand-written predicate %d documents", n, want)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchDocs, "ns/doc")
}

// BenchmarkMatch runs a compiled filter over 100,000 documents per op.
func BenchmarkMatch(b *testing.B) {
	f, err := Compile(benchFilter, testSchema)
	if err != nil {
		b.Fatal(err)
	}
	benchMatch(b, f.Match)
}

// BenchmarkMatchRecord runs the filter of BenchmarkMatch over the
// Records of the same 100,000 documents, extracted before the timing.
func BenchmarkMatchRecord(b *testing.B) {
	f, err := Compile(benchFilter, testSchema)
	if err != nil {
		b.Fatal(err)
	}
	docs := benchAccounts(benchDocs)
	list := make([]*Record, len(docs))
	for i, d := range docs {
		list[i] = testSchema.Record(d)
	}
	benchMatchItems(b, docs, list, f.MatchRecord)
}

// BenchmarkMatchByHand is the baseline for BenchmarkMatch: the same
// condition written by hand with gjson.GetBytes.
func BenchmarkMatchByHand(b *testing.B) { benchMatch(b, matchByHand) }

// BenchmarkMatchByHandNoCopy is a second baseline: by hand, without the
// copies gjson.GetBytes makes.
func BenchmarkMatchByHandNoCopy(b *testing.B) { benchMatch(b, matchByHandNoCopy) }

type benchItem struct{ json []byte }

func benchItems() []benchItem {
	docs := benchAccounts(benchDocs)
	items := make([]benchItem, len(docs))
	for i, d := range docs {
		items[i] = benchItem{d}
	}
	return items
}

// BenchmarkSort sorts 100,000 documents by "-created,name" per op.
func BenchmarkSort(b *testing.B) {
	items := benchItems()
	by, err := ParseSorters("-created,name", testSchema)
	if err != nil {
		b.Fatal(err)
	}
	work := make([]benchItem, len(items))
	b.ReportAllocs()
	for b.Loop() {
		copy(work, items)
		Sort(work, by, func(it benchItem) []byte { return it.json })
	}
}

// BenchmarkSortRecords sorts the Records of the same 100,000 documents
// by "-created,name" per op; the Records are extracted before the timing.
func BenchmarkSortRecords(b *testing.B) {
	type recItem struct {
		rec *Record
	}
	items := make([]recItem, benchDocs)
	for i, d := range benchAccounts(benchDocs) {
		items[i] = recItem{testSchema.Record(d)}
	}
	by, err := ParseSorters("-created,name", testSchema)
	if err != nil {
		b.Fatal(err)
	}
	work := make([]recItem, len(items))
	b.ReportAllocs()
	for b.Loop() {
		copy(work, items)
		SortRecords(work, by, func(it recItem) *Record { return it.rec })
	}
}

// BenchmarkSortByHand is the baseline for BenchmarkSort: keys extracted
// once by hand, then a stable sort on them.
func BenchmarkSortByHand(b *testing.B) {
	items := benchItems()
	type keyed struct {
		created time.Time
		name    string
		item    benchItem
	}
	work := make([]keyed, len(items))
	b.ReportAllocs()
	for b.Loop() {
		for i, it := range items {
			t, _ := time.Parse(time.RFC3339Nano, gjson.GetBytes(it.json, "created").Str)
			work[i] = keyed{t, gjson.GetBytes(it.json, "name").Str, it}
		}
		slices.SortStableFunc(work, func(a, b keyed) int {
			if c := b.created.Compare(a.created); c != 0 {
				return c
			}
			return compareFold(a.name, b.name)
		})
	}
}

// TestSortMatchesByHand checks that BenchmarkSort and its baseline agree.
func TestSortMatchesByHand(t *testing.T) {
	t.Parallel()
	items := benchItems()[:2000]
	by, _ := ParseSorters("-created,name", testSchema)
	got := slices.Clone(items)
	Sort(got, by, func(it benchItem) []byte { return it.json })
	want := slices.Clone(items)
	slices.SortStableFunc(want, func(a, b benchItem) int {
		ta, _ := time.Parse(time.RFC3339Nano, gjson.GetBytes(a.json, "created").Str)
		tb, _ := time.Parse(time.RFC3339Nano, gjson.GetBytes(b.json, "created").Str)
		if c := tb.Compare(ta); c != 0 {
			return c
		}
		na, nb := gjson.GetBytes(a.json, "name").Str, gjson.GetBytes(b.json, "name").Str
		if c := compareFold(na, nb); c != 0 {
			return c
		}
		return strings.Compare(na, nb)
	})
	for i := range got {
		if string(got[i].json) != string(want[i].json) {
			t.Fatalf("item %d differs:\n got %s\nwant %s", i, got[i].json, want[i].json)
		}
	}
}
