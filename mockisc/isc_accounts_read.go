package mockisc

import (
	"net/http"
	"slices"

	"github.com/mockisc/mockisc/filter"
	"github.com/mockisc/mockisc/internal/engine"
)

// listCache keeps the results of recent list queries for one tenant
// version, so paging through an unchanged tenant does not filter and sort
// again for every page.
type listCache struct {
	version uint64
	results map[string]*listResult
}

const listCacheSize = 32

func (lc *listCache) get(version uint64, key string) (*listResult, bool) {
	if lc.version != version {
		return nil, false
	}
	r, ok := lc.results[key]
	return r, ok
}

func (lc *listCache) put(version uint64, key string, r *listResult) {
	if lc.results == nil || lc.version != version || len(lc.results) >= listCacheSize {
		lc.version = version
		lc.results = map[string]*listResult{}
	}
	lc.results[key] = r
}

// listResult is the result of one query: every match, and the first of
// them in sorted order. A page beyond those sorts every match, once.
type listResult struct {
	matched []*account // every match, in creation order
	top     []*account // the first len(top) accounts of the result
	sorted  []*account // the whole result; nil until a page needs it
	by      filter.Sorters
}

// topSize is how many accounts a query puts in order at first: the first
// pages of a list (offset+limit up to topSize) need no full sort.
const topSize = 1000

// page returns the accounts of the result from lo to hi. Caller holds s.mu.
func (s *Server) page(r *listResult, lo, hi int) []*account {
	if hi <= len(r.top) {
		return r.top[lo:hi]
	}
	if r.sorted == nil {
		r.sorted = r.matched
		if len(r.by) > 0 {
			r.sorted = slices.Clone(r.matched)
			filter.SortRecords(r.sorted, r.by, s.record)
		}
	}
	return r.sorted[lo:hi]
}

// record returns an account's filter.Record. Caller holds s.mu.
func (s *Server) record(a *account) *filter.Record { return s.ten.record(a) }

// listAccounts serves GET /v3/accounts.
func (s *Server) listAccounts(c *engine.Call) *engine.Response {
	p, resp := s.parsePage(c)
	if resp != nil {
		return resp
	}
	q := c.Req.URL.Query()
	slim := false
	if v, ok := single(q, "detailLevel"); ok {
		switch v {
		case "FULL":
		case "SLIM":
			slim = true
		default:
			return illegalValue("query parameter detailLevel: %q is not SLIM or FULL", v)
		}
	}
	filters, _ := single(q, "filters")
	sorters, _ := single(q, "sorters")
	res, resp := s.query(c.Route.API, filters, sorters, p.offset+p.limit)
	if resp != nil {
		return resp
	}
	lo, hi, resp := p.bounds(len(res.matched))
	if resp != nil {
		return resp
	}
	docs := make([][]byte, 0, hi-lo)
	for _, a := range s.page(res, lo, hi) {
		docs = append(docs, s.ten.renderJSON(a, slim))
	}
	return p.withTotal(engine.Raw(http.StatusOK, engine.JoinArray(docs)), len(res.matched))
}

// query returns the accounts that match filters, in sorters' order (the
// default order is creation order), with at least the first need of them
// sorted. Filters and sorters must be in version's allowlist; they run on
// every account's Record of accountsRecordSchema. Caller holds s.mu.
func (s *Server) query(version, filters, sorters string, need int) (*listResult, *engine.Response) {
	allow := accountsSchemaFor(version)
	var f *filter.Filter
	if filters != "" {
		if _, err := filter.Compile(filters, allow); err != nil {
			return nil, badRequest("query parameter filters: %v", err)
		}
	}
	var by filter.Sorters
	if sorters != "" {
		var err error
		if by, err = filter.ParseSorters(sorters, allow); err != nil {
			return nil, badRequest("query parameter sorters: %v", err)
		}
	}
	key := filters + "\x00" + sorters
	if r, ok := s.lists.get(s.ten.version, key); ok {
		return r, nil
	}
	if filters != "" {
		var err error
		if f, err = filter.Compile(filters, accountsRecordSchema); err != nil {
			return nil, badRequest("query parameter filters: %v", err) // the union allows what a version allows
		}
	}
	r := &listResult{by: by}
	if f == nil && len(by) == 0 {
		r.matched = slices.Clone(s.ten.order) // no rendering needed
		r.sorted = r.matched
	} else {
		// Match and take the sort keys in one pass over the cached
		// Records, while each is in the processor's cache; order only
		// the first pages' worth.
		r.top, r.matched = filter.SelectTop(s.ten.order, f, by, s.record, max(need, topSize))
	}
	s.lists.put(s.ten.version, key, r)
	return r, nil
}

// lookup finds the account named by the {id} path value.
func (s *Server) lookup(c *engine.Call) (*account, *engine.Response) {
	id := c.Req.PathValue("id")
	a := s.ten.accounts[id]
	if a == nil {
		return nil, notFound("account %q not found", id)
	}
	return a, nil
}

// getAccount serves GET /v3/accounts/{id}.
func (s *Server) getAccount(c *engine.Call) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	return engine.Raw(http.StatusOK, s.ten.renderJSON(a, false))
}

// accountEntitlements serves GET /v3/accounts/{id}/entitlements.
func (s *Server) accountEntitlements(c *engine.Call) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	p, resp := s.parsePage(c)
	if resp != nil {
		return resp
	}
	lo, hi, resp := p.bounds(len(a.Entitlements))
	if resp != nil {
		return resp
	}
	out := make([]entitlementJSON, 0, hi-lo)
	for _, id := range a.Entitlements[lo:hi] {
		if e := s.ten.ents[id]; e != nil {
			out = append(out, s.ten.renderEntitlement(e))
		}
	}
	return p.withTotal(engine.JSON(http.StatusOK, out), len(a.Entitlements))
}
