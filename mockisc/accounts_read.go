package mockisc

import (
	"net/http"
	"slices"

	"github.com/mockisc/mockisc/filter"
)

// listCache keeps the filtered, sorted result of recent list queries for
// one tenant version, so paging through an unchanged tenant does not
// filter and sort again for every page.
type listCache struct {
	version uint64
	results map[string][]*account
}

const listCacheSize = 32

func (lc *listCache) get(version uint64, key string) ([]*account, bool) {
	if lc.version != version {
		return nil, false
	}
	r, ok := lc.results[key]
	return r, ok
}

func (lc *listCache) put(version uint64, key string, r []*account) {
	if lc.results == nil || lc.version != version || len(lc.results) >= listCacheSize {
		lc.version = version
		lc.results = map[string][]*account{}
	}
	lc.results[key] = r
}

// listAccounts serves GET /v3/accounts.
func (s *Server) listAccounts(c *call) *response {
	p, resp := parsePage(c)
	if resp != nil {
		return resp
	}
	q := c.r.URL.Query()
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
	matched, resp := s.query(filters, sorters)
	if resp != nil {
		return resp
	}
	lo, hi := p.bounds(len(matched))
	docs := make([][]byte, 0, hi-lo)
	for _, a := range matched[lo:hi] {
		d := s.ten.docs(a)
		if slim {
			docs = append(docs, d.slim)
		} else {
			docs = append(docs, d.full)
		}
	}
	return p.withTotal(&response{status: http.StatusOK, body: joinArray(docs)}, len(matched))
}

// query returns the accounts that match filters, in sorters' order (the
// default order is creation order). Caller holds s.mu.
func (s *Server) query(filters, sorters string) ([]*account, *response) {
	key := filters + "\x00" + sorters
	if r, ok := s.lists.get(s.ten.version, key); ok {
		return r, nil
	}
	var f *filter.Filter
	if filters != "" {
		var err error
		if f, err = filter.Compile(filters, accountsSchema); err != nil {
			return nil, badRequest("query parameter filters: %v", err)
		}
	}
	var by filter.Sorters
	if sorters != "" {
		var err error
		if by, err = filter.ParseSorters(sorters, accountsSchema); err != nil {
			return nil, badRequest("query parameter sorters: %v", err)
		}
	}
	var matched []*account
	if f == nil && len(by) == 0 {
		matched = slices.Clone(s.ten.order) // no rendering needed
	} else {
		// Match and take the sort keys in one pass over the cached
		// Records, while each is in the processor's cache.
		matched = filter.Select(s.ten.order, f, by, func(a *account) *filter.Record { return &s.ten.docs(a).rec })
	}
	s.lists.put(s.ten.version, key, matched)
	return matched, nil
}

// lookup finds the account named by the {id} path value.
func (s *Server) lookup(c *call) (*account, *response) {
	id := c.r.PathValue("id")
	a := s.ten.accounts[id]
	if a == nil {
		return nil, notFound("account %q not found", id)
	}
	return a, nil
}

// getAccount serves GET /v3/accounts/{id}.
func (s *Server) getAccount(c *call) *response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	return &response{status: http.StatusOK, body: s.ten.docs(a).full}
}

// accountEntitlements serves GET /v3/accounts/{id}/entitlements.
func (s *Server) accountEntitlements(c *call) *response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	p, resp := parsePage(c)
	if resp != nil {
		return resp
	}
	lo, hi := p.bounds(len(a.Entitlements))
	out := make([]entitlementJSON, 0, hi-lo)
	for _, id := range a.Entitlements[lo:hi] {
		if e := s.ten.ents[id]; e != nil {
			out = append(out, s.ten.renderEntitlement(e))
		}
	}
	return p.withTotal(jsonResponse(http.StatusOK, out), len(a.Entitlements))
}
