package mockisc

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// The tenant's tables: accounts, sources, identities and AgileNow
// accounts, a page at a time through the API's list handlers (uiRead),
// with the API's own filter syntax, sorters and error texts.

// uiColumn is a table column: its heading and the JSON path (gjson) of
// its value in a list item.
type uiColumn struct{ Head, Path string }

// uiKind says how to list and show one kind of object.
type uiKind struct {
	Nav, Title string
	// List is the list operation's path; Get the item's, with %s for
	// its id.
	List, Get string
	// Children, when set, lists an item's subobjects (an account's
	// entitlements), with %s for its id.
	Children, ChildrenTitle string
	// AgileNow says the API pages with CurrentPage and PageSize and
	// filters with Filters and Orders, answering {Meta, Data}.
	AgileNow bool
	// IDPath is the item's id; Columns the other columns shown.
	IDPath  string
	Columns []uiColumn
	// Help is the filter syntax's one-line help, with examples.
	Help, FilterExample, SorterExample string
}

var (
	uiAccountsKind = &uiKind{
		Nav: "accounts", Title: "Accounts", List: "/v3/accounts", Get: "/v3/accounts/%s",
		Children: "/v3/accounts/%s/entitlements?limit=250&count=true", ChildrenTitle: "Entitlements",
		IDPath: "id",
		Columns: []uiColumn{{"name", "name"}, {"native identity", "nativeIdentity"}, {"source", "sourceName"},
			{"identity", "identity.name"}, {"disabled", "disabled"}, {"locked", "locked"}, {"uncorrelated", "uncorrelated"}, {"modified", "modified"}},
		Help:          `ISC's filters, as GET /v3/accounts takes them`,
		FilterExample: `uncorrelated eq false and name sw "a"`, SorterExample: "-modified,name",
	}
	uiSourcesKind = &uiKind{
		Nav: "sources", Title: "Sources", List: "/v3/sources", Get: "/v3/sources/%s", IDPath: "id",
		Columns: []uiColumn{{"name", "name"}, {"type", "type"}, {"connector", "connector"}, {"authoritative", "authoritative"}, {"modified", "modified"}},
		Help:    `ISC's filters, as GET /v3/sources takes them`, FilterExample: `name sw "Active"`, SorterExample: "name",
	}
	uiIdentitiesKind = &uiKind{
		Nav: "identities", Title: "Identities", List: "/v2025/identities", Get: "/v2025/identities/%s", IDPath: "id",
		Columns: []uiColumn{{"name", "name"}, {"email", "emailAddress"}, {"lifecycle state", "lifecycleState.stateName"}, {"status", "identityStatus"}, {"modified", "modified"}},
		Help:    `ISC's filters, as GET /v2025/identities takes them`, FilterExample: `name sw "A"`, SorterExample: "-name",
	}
	uiAgileNowKind = &uiKind{
		Nav: "agilenow", Title: "AgileNow accounts", List: "/Endpoint/rest/api/v1/Accounts", Get: "/Endpoint/rest/api/v1/Account/%s",
		AgileNow: true, IDPath: "Id",
		Columns: []uiColumn{{"username", "Username"}, {"name", "Name"}, {"email", "Email"}, {"tenant", "TenantId.Name"}, {"modified", "ModifiedOn"}},
		Help:    `AgileNow's Filters and Orders, as GET /Accounts takes them (the fake's own tenant)`, FilterExample: `Username Like a%`, SorterExample: "Username desc",
	}
)

// uiTableData is a table page.
type uiTableData struct {
	Kind             *uiKind
	Filters, Sorters string
	Page             uiPage
	Rows             []uiRow
	Total            int // -1 when unknown
	Prev, Next       template.URL
}

// uiRow is one table row: the item's id and its columns' values.
type uiRow struct {
	ID    string
	Cells []string
}

// uiTable serves a kind's table: filters, sorters, offset and limit.
func (s *Server) uiTable(w http.ResponseWriter, r *http.Request, k *uiKind) {
	q := r.URL.Query()
	d := uiTableData{Kind: k, Total: -1}
	v := uiView{Title: k.Title, Nav: k.Nav, Data: &d}
	var err error
	if d.Page, err = parseUIPage(q); err == nil {
		if d.Filters, err = uiText(q, "filters"); err == nil {
			d.Sorters, err = uiText(q, "sorters")
		}
	}
	if err != nil {
		v.Error = err.Error()
		s.uiRender(w, http.StatusBadRequest, "table", v)
		return
	}
	a := s.uiRead(k.listTarget(d.Filters, d.Sorters, d.Page))
	if a.Err != "" {
		v.Error = fmt.Sprintf("GET %s answers %d: %s", k.List, a.Status, a.Err)
		s.uiRender(w, http.StatusBadRequest, "table", v)
		return
	}
	items, total := gjson.ParseBytes(a.Body), a.uiTotal()
	if k.AgileNow {
		items, total = gjson.GetBytes(a.Body, "Data"), int(gjson.GetBytes(a.Body, "Meta.TotalItems").Int())
	}
	d.Total = total
	items.ForEach(func(_, item gjson.Result) bool {
		row := uiRow{ID: item.Get(k.IDPath).String()}
		for _, c := range k.Columns {
			row.Cells = append(row.Cells, item.Get(c.Path).String())
		}
		d.Rows = append(d.Rows, row)
		return true
	})
	page := func(offset int) template.URL {
		q := url.Values{}
		if d.Filters != "" {
			q.Set("filters", d.Filters)
		}
		if d.Sorters != "" {
			q.Set("sorters", d.Sorters)
		}
		q.Set("offset", strconv.Itoa(offset))
		q.Set("limit", strconv.Itoa(d.Page.Limit))
		return uiLink(k.Nav, q.Encode())
	}
	if d.Page.Offset > 0 {
		d.Prev = page(max(0, d.Page.Offset-d.Page.Limit))
	}
	if len(d.Rows) == d.Page.Limit && (total < 0 || d.Page.Offset+d.Page.Limit < total) {
		d.Next = page(d.Page.Offset + d.Page.Limit)
	}
	s.uiRender(w, http.StatusOK, "table", v)
}

// listTarget is the list request of one page.
func (k *uiKind) listTarget(filters, sorters string, p uiPage) string {
	q := url.Values{}
	if k.AgileNow {
		// AgileNow pages by number: an offset between pages starts at
		// the page holding it.
		q.Set("PageSize", strconv.Itoa(p.Limit))
		q.Set("CurrentPage", strconv.Itoa(p.Offset/p.Limit))
		if filters != "" {
			q.Set("Filters", filters)
		}
		if sorters != "" {
			q.Set("Orders", sorters)
		}
		return k.List + "?" + q.Encode()
	}
	q.Set("limit", strconv.Itoa(p.Limit))
	q.Set("offset", strconv.Itoa(p.Offset))
	q.Set("count", "true")
	if filters != "" {
		q.Set("filters", filters)
	}
	if sorters != "" {
		q.Set("sorters", sorters)
	}
	return k.List + "?" + q.Encode()
}

// uiDetailData is an item's page.
type uiDetailData struct {
	Kind          *uiKind
	ID, Name      string
	JSON          string
	Children      []uiRow
	ChildColumns  []string
	ChildrenTotal int
}

// uiDetail serves an item: its JSON as the API renders it and, for an
// account, its entitlements.
func (s *Server) uiDetail(w http.ResponseWriter, r *http.Request, k *uiKind) {
	id := r.PathValue("id")
	d := uiDetailData{Kind: k, ID: id}
	v := uiView{Title: k.Title + ": " + id, Nav: k.Nav, Data: &d}
	a := uiAnswer{Status: http.StatusNotFound, Err: fmt.Sprintf("%q is not an id: an id has no slash", uiShort(id))}
	if !strings.Contains(id, "/") { // an escaped slash would name another route
		a = s.uiRead(fmt.Sprintf(k.Get, url.PathEscape(id)))
	}
	if a.Err != "" {
		v.Error = a.Err
		status := a.Status
		if status < 400 || status > 499 {
			status = http.StatusNotFound
		}
		s.uiRender(w, status, "detail", v)
		return
	}
	d.JSON = uiIndent(a.Body)
	d.Name = gjson.GetBytes(a.Body, "name").String()
	if k.AgileNow {
		d.Name = gjson.GetBytes(a.Body, "Username").String()
	}
	if d.Name != "" {
		v.Title = k.Title + ": " + d.Name
	}
	if k.Children != "" {
		c := s.uiRead(fmt.Sprintf(k.Children, url.PathEscape(id)))
		d.ChildColumns = []string{"id", "name", "attribute", "value", "source"}
		d.ChildrenTotal = c.uiTotal()
		gjson.ParseBytes(c.Body).ForEach(func(_, e gjson.Result) bool {
			d.Children = append(d.Children, uiRow{ID: e.Get("id").String(), Cells: []string{
				e.Get("id").String(), e.Get("name").String(), e.Get("attribute").String(), e.Get("value").String(), e.Get("source.name").String(),
			}})
			return true
		})
	}
	s.uiRender(w, http.StatusOK, "detail", v)
}

// uiAgileNowTotal reads Meta.TotalItems of an AgileNow list.
func uiAgileNowTotal(body []byte) int { return int(gjson.GetBytes(body, "Meta.TotalItems").Int()) }

func (s *Server) uiAccounts(w http.ResponseWriter, r *http.Request) { s.uiTable(w, r, uiAccountsKind) }
func (s *Server) uiAccount(w http.ResponseWriter, r *http.Request)  { s.uiDetail(w, r, uiAccountsKind) }
func (s *Server) uiSources(w http.ResponseWriter, r *http.Request)  { s.uiTable(w, r, uiSourcesKind) }
func (s *Server) uiSource(w http.ResponseWriter, r *http.Request)   { s.uiDetail(w, r, uiSourcesKind) }
func (s *Server) uiIdentities(w http.ResponseWriter, r *http.Request) {
	s.uiTable(w, r, uiIdentitiesKind)
}
func (s *Server) uiIdentity(w http.ResponseWriter, r *http.Request) {
	s.uiDetail(w, r, uiIdentitiesKind)
}
func (s *Server) uiAgileNowAccounts(w http.ResponseWriter, r *http.Request) {
	s.uiTable(w, r, uiAgileNowKind)
}
func (s *Server) uiAgileNowAccount(w http.ResponseWriter, r *http.Request) {
	s.uiDetail(w, r, uiAgileNowKind)
}
