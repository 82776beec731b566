package filter_test

import (
	"fmt"

	"github.com/mockisc/mockisc/filter"
)

// A store extracts each document's Record once and then filters and
// sorts the Records as often as it likes, with the answers of Match and
// Sort on the documents.
func ExampleFilter_MatchRecord() {
	type item struct {
		json string
		rec  *filter.Record
	}
	var items []item
	for _, js := range []string{
		`{"name":"bob","disabled":false,"created":"2024-02-01T00:00:00Z"}`,
		`{"name":"Alice","disabled":false,"created":"2024-03-01T00:00:00Z"}`,
		`{"name":"alex","disabled":true,"created":"2024-01-01T00:00:00Z"}`,
		`{"name":"Al","disabled":false}`,
	} {
		items = append(items, item{js, accounts.Record([]byte(js))})
	}
	f, err := filter.Compile(`name sw "al" and disabled eq false`, accounts)
	if err != nil {
		fmt.Println(err)
		return
	}
	by, err := filter.ParseSorters("-created,name", accounts)
	if err != nil {
		fmt.Println(err)
		return
	}
	var matched []item
	for _, it := range items {
		if f.MatchRecord(it.rec) {
			matched = append(matched, it)
		}
	}
	filter.SortRecords(matched, by, func(it item) *filter.Record { return it.rec })
	for _, it := range matched {
		fmt.Println(it.json)
	}
	// Output:
	// {"name":"Alice","disabled":false,"created":"2024-03-01T00:00:00Z"}
	// {"name":"Al","disabled":false}
}
