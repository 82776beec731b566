package agilenowapi

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// OwnTenantID is the id of the fake's own tenant: it always exists, is
// not in a state's tenant list, and cannot change. Tokens of clients no
// tenant names belong to it, and accounts whose Tenants is nil are linked
// to it.
const OwnTenantID = 1

// The own tenant's rendering.
const (
	ownTenantName = "mockisc"
	tenantType    = "Tenant"
	espaceType    = "Espace"
)

// Tenant is a tenant of the AgileNow fake besides its own: an
// organisation whose clients' tokens see the accounts linked to it. The
// JSON names follow the vendor's Tenant record.
type Tenant struct {
	// ID is the tenant's id, from 2 to 2147483647 (the vendor's Tenant.Id
	// is an int32; 1 is the fake's own tenant); 0 gets the next free one.
	ID int64 `json:"Id"`
	// Name is the tenant's name, required.
	Name string `json:"Name"`
	// ExternalID is the tenant's id in other systems, unique when set
	// (ignoring case); an account's TenantId.ExternalId shows it.
	ExternalID string `json:"ExternalId,omitempty"`
	// IsActive is the vendor's Is_Active; it is shown, and changes
	// nothing else.
	IsActive bool `json:"Is_Active,omitempty"`
	// EspaceID and EspaceName are shown as the Tenant's Espace_Id (the
	// vendor's AbstractLong of the tenant's application space).
	EspaceID int64 `json:"EspaceId,omitempty"`
	// EspaceName is Espace_Id.Name.
	EspaceName string `json:"EspaceName,omitempty"`
	// Clients are the OAuth client ids whose tokens (the vendor's or
	// ISC's) act in this tenant. A client id belongs to one tenant at
	// most; one no tenant names acts in the fake's own tenant.
	Clients []string `json:"Clients,omitempty"`
}

// clone returns a copy of t that shares no memory with it.
func (t Tenant) clone() Tenant {
	t.Clients = slices.Clone(t.Clients)
	return t
}

// tenants holds the tenants besides the own one, in creation order, with
// the indexes the checks and the token lookup need. Its zero value is
// empty and ready to use.
type tenants struct {
	order    []*Tenant
	byID     map[int64]*Tenant
	byExt    map[string]*Tenant // folded ExternalId →
	byClient map[string]*Tenant // client id →
}

// get returns the tenant with id, nil when there is none (or id is the
// own tenant's).
func (ts *tenants) get(id int64) *Tenant { return ts.byID[id] }

// exists reports whether id is a tenant of the fake, the own one included.
func (ts *tenants) exists(id int64) bool { return id == OwnTenantID || ts.byID[id] != nil }

// nextID is the id a tenant added without one gets.
func (ts *tenants) nextID() int64 {
	next := int64(OwnTenantID + 1)
	for _, t := range ts.order {
		next = max(next, t.ID+1)
	}
	return next
}

// check validates t for storing in ts, replacing self (nil for a new
// tenant).
func (ts *tenants) check(t *Tenant, self *Tenant) error {
	switch {
	case t.ID == OwnTenantID:
		return &CheckError{Field: "Id", Unique: true, Msg: "1 is the fake's own tenant"}
	case t.ID < 1 || t.ID > math.MaxInt32:
		return &CheckError{Field: "Id", Msg: fmt.Sprintf("%d is not from 2 to %d (the vendor's Tenant.Id is an int32)", t.ID, math.MaxInt32)}
	case strings.TrimSpace(t.Name) == "":
		return &CheckError{Field: "Name", Msg: "is required"}
	}
	if other := ts.byID[t.ID]; other != nil && other != self {
		return &CheckError{Field: "Id", Unique: true, Msg: fmt.Sprintf("tenant %d already exists", t.ID)}
	}
	if other := ts.byExt[foldKey(t.ExternalID)]; t.ExternalID != "" && other != nil && other != self {
		return &CheckError{Field: "ExternalId", Unique: true,
			Msg: fmt.Sprintf("%q already belongs to tenant %d", t.ExternalID, other.ID)}
	}
	for i, cl := range t.Clients {
		field := fmt.Sprintf("Clients[%d]", i)
		if cl == "" {
			return &CheckError{Field: field, Msg: "an empty client id"}
		}
		if slices.Index(t.Clients, cl) < i {
			return &CheckError{Field: field, Unique: true, Msg: fmt.Sprintf("client %q is listed twice", cl)}
		}
		if other := ts.byClient[cl]; other != nil && other != self {
			return &CheckError{Field: field, Unique: true, Msg: fmt.Sprintf("client %q already belongs to tenant %d", cl, other.ID)}
		}
	}
	return nil
}

func (ts *tenants) index(t *Tenant) {
	if ts.byID == nil {
		ts.byID, ts.byExt, ts.byClient = map[int64]*Tenant{}, map[string]*Tenant{}, map[string]*Tenant{}
	}
	ts.byID[t.ID] = t
	if t.ExternalID != "" {
		ts.byExt[foldKey(t.ExternalID)] = t
	}
	for _, cl := range t.Clients {
		ts.byClient[cl] = t
	}
}

func (ts *tenants) unindex(t *Tenant) {
	delete(ts.byID, t.ID)
	if t.ExternalID != "" {
		delete(ts.byExt, foldKey(t.ExternalID))
	}
	for _, cl := range t.Clients {
		delete(ts.byClient, cl)
	}
}

// add stores t, already checked, at the end of creation order.
func (ts *tenants) add(t Tenant) *Tenant {
	p := &t
	ts.order = append(ts.order, p)
	ts.index(p)
	return p
}

// set replaces p's fields with t, already checked; the Id stays.
func (ts *tenants) set(p *Tenant, t Tenant) {
	ts.unindex(p)
	t.ID = p.ID
	*p = t
	ts.index(p)
}

// remove deletes p.
func (ts *tenants) remove(p *Tenant) {
	ts.unindex(p)
	ts.order = slices.DeleteFunc(ts.order, func(x *Tenant) bool { return x == p })
}

// list returns copies of the tenants in creation order.
func (ts *tenants) list() []Tenant {
	out := make([]Tenant, 0, len(ts.order))
	for _, t := range ts.order {
		out = append(out, t.clone())
	}
	return out
}

// own is the fake's own tenant as the direct API and the API show it.
func (api *API) own() Tenant {
	return Tenant{ID: OwnTenantID, Name: ownTenantName, ExternalID: api.tenantID, IsActive: true,
		EspaceID: OwnTenantID, EspaceName: ownTenantName}
}

// tenant returns the tenant with id, the own one included.
func (api *API) tenant(id int64) (Tenant, bool) {
	if id == OwnTenantID {
		return api.own(), true
	}
	t := api.ten.get(id)
	if t == nil {
		return Tenant{}, false
	}
	return *t, true
}

// tenantRef renders tenant id as an account's TenantId (AbstractLong).
func (api *API) tenantRef(id int64) abstractLong {
	t, _ := api.tenant(id)
	return abstractLong{ID: id, ExternalID: t.ExternalID, Name: t.Name, Type: tenantType}
}

// AddTenant stores t and returns it as stored: an ID of 0 gets the next
// free one. A bad value, or an Id, ExternalId or client another tenant
// has, is a *CheckError.
func (api *API) AddTenant(t Tenant) (Tenant, error) {
	api.mu.Lock()
	defer api.mu.Unlock()
	t = t.clone()
	if t.ID == 0 {
		t.ID = api.ten.nextID()
	}
	if err := api.ten.check(&t, nil); err != nil {
		return Tenant{}, err
	}
	return api.ten.add(t).clone(), nil
}

// Tenant returns the tenant with the given id, the own tenant (1)
// included.
func (api *API) Tenant(id int64) (Tenant, bool) {
	api.mu.Lock()
	defer api.mu.Unlock()
	t, ok := api.tenant(id)
	return t.clone(), ok
}

// Tenants returns every tenant: the own one first, then the others in
// creation order.
func (api *API) Tenants() []Tenant {
	api.mu.Lock()
	defer api.mu.Unlock()
	return append([]Tenant{api.own()}, api.ten.list()...)
}

// UpdateTenant changes a tenant through f, which gets a copy; the ID
// cannot change and the result is checked as AddTenant checks it. The own
// tenant cannot change (a *CheckError).
func (api *API) UpdateTenant(id int64, f func(*Tenant)) (Tenant, error) {
	api.mu.Lock()
	defer api.mu.Unlock()
	if id == OwnTenantID {
		return Tenant{}, &CheckError{Field: "Id", Msg: "1 is the fake's own tenant; it cannot change"}
	}
	p := api.ten.get(id)
	if p == nil {
		return Tenant{}, fmt.Errorf("%w: AgileNow tenant %d", ErrNotFound, id)
	}
	next := p.clone()
	f(&next)
	next.ID = id
	next = next.clone()
	if err := api.ten.check(&next, p); err != nil {
		return Tenant{}, err
	}
	api.ten.set(p, next)
	api.st.forget() // accounts show the tenant's name as TenantId
	return p.clone(), nil
}

// DeleteTenant removes a tenant and every account's link to it; its
// clients then act in the own tenant. The own tenant cannot be deleted
// (a *CheckError).
func (api *API) DeleteTenant(id int64) error {
	api.mu.Lock()
	defer api.mu.Unlock()
	if id == OwnTenantID {
		return &CheckError{Field: "Id", Msg: "1 is the fake's own tenant; it cannot be deleted"}
	}
	p := api.ten.get(id)
	if p == nil {
		return fmt.Errorf("%w: AgileNow tenant %d", ErrNotFound, id)
	}
	api.ten.remove(p)
	for _, r := range api.st.order {
		if slices.Contains(r.Tenants, id) {
			r.Tenants = slices.DeleteFunc(slices.Clone(r.Tenants), func(t int64) bool { return t == id })
		}
	}
	return nil
}

// checkLinks validates a's Tenants against ts: known tenants, each once.
func checkLinks(a *Account, ts *tenants) error {
	for i, id := range a.Tenants {
		field := fmt.Sprintf("Tenants[%d]", i)
		if !ts.exists(id) {
			return &CheckError{Field: field, Msg: fmt.Sprintf("tenant %d not found", id)}
		}
		if slices.Index(a.Tenants, id) < i {
			return &CheckError{Field: field, Msg: fmt.Sprintf("tenant %d is listed twice", id)}
		}
	}
	return nil
}
