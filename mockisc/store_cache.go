package mockisc

import "sync"

// listCache keeps the results of recent list queries for one tenant
// version, so paging through an unchanged tenant does not filter and sort
// again for every page. It is bounded by entries and by the accounts the
// results may come to hold, each counted as the whole tenant (a result of
// a million accounts is 8 MB of pointers), and safe for concurrent use:
// readers share it.
type listCache struct {
	mu      sync.Mutex
	version uint64
	results map[string]*listResult
	sizes   map[string]int // the most accounts each result may hold
	order   []string       // keys, oldest first
	held    int            // accounts referenced by the results (full ones)
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

// put caches r, which may come to hold up to size accounts.
func (lc *listCache) put(version uint64, key string, r *listResult, size int) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.results == nil || lc.version != version {
		lc.version, lc.results, lc.sizes, lc.order, lc.held = version, map[string]*listResult{}, map[string]int{}, nil, 0
	}
	if _, ok := lc.results[key]; ok {
		return
	}
	for len(lc.order) > 0 && (len(lc.order) >= listCacheSize || lc.held+size > listCacheAccounts) {
		old := lc.order[0]
		lc.order = lc.order[1:]
		lc.held -= lc.sizes[old]
		delete(lc.sizes, old)
		delete(lc.results, old)
	}
	lc.results[key] = r
	lc.sizes[key] = size
	lc.order = append(lc.order, key)
	lc.held += size
}

// clear forgets every result.
func (lc *listCache) clear() {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.results, lc.sizes, lc.order, lc.held = nil, nil, nil, 0
}
