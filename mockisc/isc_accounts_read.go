package mockisc

import (
	"net/http"
	"slices"

	"github.com/mockisc/mockisc/filter"
	"github.com/mockisc/mockisc/internal/engine"
)

// listAccounts serves GET /v3/accounts.
func (s *Server) listAccounts(c *engine.Call) *engine.Response {
	p, resp := s.parsePage(c)
	if resp != nil {
		return resp
	}
	q := c.Query()
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
	res, resp := s.query(c.Route.API, filters, sorters)
	if resp != nil {
		return resp
	}
	// Walk as far as the page needs: the accounts in order then number
	// at least one past its start, or all there are.
	n := res.upTo(p.offset + max(p.limit, 1))
	lo, hi, resp := p.bounds(n)
	if resp != nil {
		return resp
	}
	// One buffer for the page, as engine.JoinArray would join the
	// accounts' renderings.
	buf := engine.BodyBuffer()
	b := append(slices.Grow(*buf, 2+(hi-lo)*1024), '[')
	for i, a := range res.window(lo, hi) {
		if i > 0 {
			b = append(b, ',')
		}
		b = s.ten.appendJSON(b, a, slim)
	}
	resp = engine.Pooled(http.StatusOK, buf, append(b, ']'))
	if p.count {
		resp = p.withTotal(resp, res.total())
	}
	return resp
}

// query returns the accounts that match filters, in sorters' order (the
// default order is creation order), as a result that puts them in order
// as far as a page needs. Filters and sorters must be in version's allowlist; they run on
// the fields of accountsRecordSchema (see store_query.go). Caller holds
// s.mu, for reading at least.
func (s *Server) query(version, filters, sorters string) (*listResult, *engine.Response) {
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
	r := s.ten.runQuery(f, by)
	s.lists.put(s.ten.version, key, r, len(s.ten.order))
	return r, nil
}

// lookup finds the account named by the {id} path value.
func (s *Server) lookup(c *engine.Call) (*account, *engine.Response) {
	id := c.PathValue("id")
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
	buf := engine.BodyBuffer()
	return engine.Pooled(http.StatusOK, buf, s.ten.appendJSON(*buf, a, false))
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
