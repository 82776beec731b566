package agilenow

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tidwall/gjson"
)

// benchDocs returns n account documents with varied names and dates.
func benchDocs(n int) [][]byte {
	docs := make([][]byte, n)
	for i := range docs {
		docs[i] = fmt.Appendf(nil, `{"Id":"%d","TenantId":{"Id":%d},"Name":"User %d","Username":"user%d",`+
			`"Email":"u%d@example.com","DepartmentId":{"ExternalId":"DE%03d","Name":"Dept %d"},"Is_Active":%t,`+
			`"ModifiedOn":"2022-%02d-%02dT10:00:00Z","CreatedOn":"2021-01-01T00:00:00Z"}`,
			i, i%7, (i*7919)%n, i, i, i%20, i%20, i%2 == 0, 1+i%12, 1+i%28)
	}
	return docs
}

func BenchmarkCompileFilter(b *testing.B) {
	const s = "(DepartmentId.ExternalId In DE001;DE002;DE003) AND (ModifiedOn > 2022-01-01) OR (Username Like user1%)"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CompileFilter(s, testSchema); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	docs := benchDocs(1000)
	f, err := CompileFilter("(DepartmentId.ExternalId In DE001;DE002;DE003) AND (ModifiedOn > 2022-06-01) OR (Username Like %99)", testSchema)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, d := range docs {
			if f.Match(d) {
				n++
			}
		}
		if n == 0 {
			b.Fatal("no match")
		}
	}
}

// BenchmarkSort and its baseline BenchmarkSortNaive sort the same 1000
// documents by "Name DESC, ModifiedOn ASC". The baseline reads both keys
// from the JSON inside every comparison, which Sort avoids by extracting
// keys once per item.
func BenchmarkSort(b *testing.B) {
	docs := benchDocs(1000)
	by, err := ParseOrders("Name DESC, ModifiedOn ASC", testSchema)
	if err != nil {
		b.Fatal(err)
	}
	work := make([][]byte, len(docs))
	b.ReportAllocs()
	for b.Loop() {
		copy(work, docs)
		Sort(work, by, func(d []byte) []byte { return d })
	}
}

func BenchmarkSortNaive(b *testing.B) {
	docs := benchDocs(1000)
	work := make([][]byte, len(docs))
	b.ReportAllocs()
	for b.Loop() {
		copy(work, docs)
		slices.SortStableFunc(work, func(x, y []byte) int {
			if c := compareFold(gjson.GetBytes(y, "Name").String(), gjson.GetBytes(x, "Name").String()); c != 0 {
				return c
			}
			tx, _ := parseTime(gjson.GetBytes(x, "ModifiedOn").String())
			ty, _ := parseTime(gjson.GetBytes(y, "ModifiedOn").String())
			return tx.Compare(ty)
		})
	}
}

// TestSortMatchesNaive keeps the baseline honest: both orders agree.
func TestSortMatchesNaive(t *testing.T) {
	t.Parallel()
	docs := benchDocs(300)
	by, err := ParseOrders("Name DESC, ModifiedOn ASC", testSchema)
	if err != nil {
		t.Fatal(err)
	}
	a := slices.Clone(docs)
	Sort(a, by, func(d []byte) []byte { return d })
	n := slices.Clone(docs)
	slices.SortStableFunc(n, func(x, y []byte) int {
		if c := compareFold(gjson.GetBytes(y, "Name").String(), gjson.GetBytes(x, "Name").String()); c != 0 {
			return c
		}
		tx, _ := parseTime(gjson.GetBytes(x, "ModifiedOn").String())
		ty, _ := parseTime(gjson.GetBytes(y, "ModifiedOn").String())
		return tx.Compare(ty)
	})
	for i := range a {
		if string(a[i]) != string(n[i]) {
			t.Fatalf("item %d differs:\n%s\n%s", i, a[i], n[i])
		}
	}
}
