package mockisc

import "sync"

// listCache keeps the results of recent list queries for one tenant
// version, so paging through an unchanged tenant does not filter and sort
// again for every page. It is bounded by entries and by the accounts the
// results hold (a result of a million accounts is 8 MB of pointers), and
// safe for concurrent use: readers share it.
type listCache struct {
	mu      sync.Mutex
	version uint64
	results map[string]*listResult
	order   []string // keys, oldest first
	held    int      // accounts referenced by the results (full ones)
}

// Bounds of the list cache.
const (
	listCacheSize     = 32
	listCacheAccounts = 4 << 20
)

func (lc *listCache) get(version uint64, key string) (*listResult, bool) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.version != version {
		return nil, false
	}
	r, ok := lc.results[key]
	return r, ok
}

func (lc *listCache) put(version uint64, key string, r *listResult) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.results == nil || lc.version != version {
		lc.version, lc.results, lc.order, lc.held = version, map[string]*listResult{}, nil, 0
	}
	if _, ok := lc.results[key]; ok {
		return
	}
	size := r.total
	for len(lc.order) > 0 && (len(lc.order) >= listCacheSize || lc.held+size > listCacheAccounts) {
		old := lc.order[0]
		lc.order = lc.order[1:]
		lc.held -= lc.results[old].total
		delete(lc.results, old)
	}
	lc.results[key] = r
	lc.order = append(lc.order, key)
	lc.held += size
}
