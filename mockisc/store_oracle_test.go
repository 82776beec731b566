package mockisc

import (
	"testing"

	"github.com/mockisc/mockisc/filter"
	"github.com/mockisc/mockisc/internal/engine"
)

// oracle answers list queries the plain way, as the store's test oracle:
// it renders every account's filter document once, then for each query
// keeps those filter.Match accepts and orders them with filter.Sort
// (creation order breaking ties). It sees the tenant as it was when made.
type oracle struct {
	ids  []string
	docs [][]byte
}

func newOracle(s *Server) *oracle {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := &oracle{}
	for _, a := range s.ten.order {
		o.ids = append(o.ids, a.ID)
		o.docs = append(o.docs, engine.Marshal(s.ten.filterDoc(a)))
	}
	return o
}

// query returns the ids of the accounts that match filters, in sorters'
// order.
func (o *oracle) query(t testing.TB, filters, sorters string) []string {
	t.Helper()
	var f *filter.Filter
	if filters != "" {
		var err error
		if f, err = filter.Compile(filters, accountsRecordSchema); err != nil {
			t.Fatalf("filters %q: %v", filters, err)
		}
	}
	var by filter.Sorters
	if sorters != "" {
		var err error
		if by, err = filter.ParseSorters(sorters, accountsRecordSchema); err != nil {
			t.Fatalf("sorters %q: %v", sorters, err)
		}
	}
	var items []int
	for i, doc := range o.docs {
		if f.Match(doc) {
			items = append(items, i)
		}
	}
	filter.Sort(items, by, func(i int) []byte { return o.docs[i] })
	ids := make([]string, len(items))
	for j, i := range items {
		ids[j] = o.ids[i]
	}
	return ids
}

// oracleIDs is newOracle(s).query(t, filters, sorters).
func oracleIDs(t testing.TB, s *Server, filters, sorters string) []string {
	t.Helper()
	return newOracle(s).query(t, filters, sorters)
}
