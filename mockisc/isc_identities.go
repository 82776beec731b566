package mockisc

import (
	"net/http"

	"github.com/mockisc/mockisc/filter"
	"github.com/mockisc/mockisc/internal/engine"
)

// The identities API is read-only: GET /identities and /identities/{id}
// in every version but v3, which has none (it answers 404 there).

// identityJSON is ISC's Identity, keys in the spec's order.
type identityJSON struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	Created         string         `json:"created"`
	Modified        string         `json:"modified"`
	Alias           string         `json:"alias"`
	EmailAddress    *string        `json:"emailAddress"`
	ProcessingState *string        `json:"processingState"`
	IdentityStatus  string         `json:"identityStatus"`
	ManagerRef      *refOf         `json:"managerRef"`
	IsManager       bool           `json:"isManager"`
	LastRefresh     string         `json:"lastRefresh"`
	Attributes      map[string]any `json:"attributes"`
	LifecycleState  *lifecycleJSON `json:"lifecycleState"`
}

// lifecycleJSON is ISC's LifecycleStateDto.
type lifecycleJSON struct {
	StateName       string `json:"stateName"`
	ManuallyUpdated bool   `json:"manuallyUpdated"`
}

// statusOf is an identity's identityStatus: its Status, ACTIVE when unset.
func statusOf(id *Identity) string {
	if id.Status == "" {
		return "ACTIVE"
	}
	return id.Status
}

// renderIdentity builds the Identity of id. Its attributes hold the
// identity's Attributes and, over them, the ones ISC always has:
// firstname, lastname, email, displayName, uid, cloudStatus,
// identityState and cloudLifecycleState (where set). Caller holds s.mu.
func (s *Server) renderIdentity(id *Identity, managers map[string]bool) identityJSON {
	attrs := copyMap(id.Attributes)
	if attrs == nil {
		attrs = map[string]any{}
	}
	set := func(k, v string) {
		if v != "" {
			attrs[k] = v
		}
	}
	set("firstname", id.FirstName)
	set("lastname", id.LastName)
	set("email", id.Email)
	set("displayName", id.Name)
	set("uid", id.Alias)
	set("cloudStatus", statusOf(id))
	set("identityState", id.IdentityState)
	set("cloudLifecycleState", id.LifecycleState)
	v := identityJSON{
		ID: id.ID, Name: id.Name, Created: formatTime(id.Created), Modified: formatTime(id.Modified),
		Alias: id.Alias, EmailAddress: nullable(id.Email), ProcessingState: nullable(id.ProcessingState),
		IdentityStatus: statusOf(id), IsManager: managers[id.ID], LastRefresh: formatTime(id.Modified),
		Attributes: attrs,
	}
	if m := s.ten.identities[id.ManagerID]; m != nil {
		v.ManagerRef = &refOf{Type: "IDENTITY", ID: m.ID, Name: m.Name}
	}
	if id.LifecycleState != "" {
		v.LifecycleState = &lifecycleJSON{StateName: id.LifecycleState}
	}
	return v
}

// managerSet returns the ids of the identities some identity names as its
// manager. Caller holds s.mu.
func (s *Server) managerSet() map[string]bool {
	m := map[string]bool{}
	for _, id := range s.ten.identities {
		if id.ManagerID != "" {
			m[id.ManagerID] = true
		}
	}
	return m
}

// identityDoc is what the identities list's filters and sorters read.
type identityDoc struct {
	ID              string  `json:"id"`
	Name            string  `json:"name"`
	Alias           string  `json:"alias"`
	FirstName       string  `json:"firstname"`
	LastName        string  `json:"lastname"`
	Email           string  `json:"email"`
	CloudStatus     string  `json:"cloudStatus"`
	ProcessingState *string `json:"processingState"`
	Correlated      bool    `json:"correlated"`
	Protected       bool    `json:"protected"`
}

// identitiesSchema is the identities list's filters and sorters, the same
// in every version that has the list.
var identitiesSchema = filter.MustSchema("identities",
	filter.Field{Name: "id", Type: filter.TypeString, Ops: eqIn},
	filter.Field{Name: "name", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpSw), Sortable: true},
	filter.Field{Name: "alias", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpSw), Sortable: true},
	filter.Field{Name: "firstname", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpSw)},
	filter.Field{Name: "lastname", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpSw)},
	filter.Field{Name: "email", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpSw)},
	filter.Field{Name: "cloudStatus", Type: filter.TypeString, Ops: eqOnly, Sortable: true},
	filter.Field{Name: "processingState", Type: filter.TypeString, Ops: eqOnly},
	filter.Field{Name: "correlated", Type: filter.TypeBool, Ops: eqOnly},
	filter.Field{Name: "protected", Type: filter.TypeBool, Ops: eqOnly},
)

// listIdentities serves GET /identities: by default only correlated
// identities (defaultFilter CORRELATED_ONLY), every one with
// defaultFilter=NONE; in creation order unless sorted; with filters,
// sorters and paging.
func (s *Server) listIdentities(c *engine.Call) *engine.Response {
	p, resp := s.parsePage(c)
	if resp != nil {
		return resp
	}
	onlyCorrelated := true
	if v, ok := single(c.Query(), "defaultFilter"); ok {
		switch v {
		case "CORRELATED_ONLY":
		case "NONE":
			onlyCorrelated = false
		default:
			return illegalValue("query parameter defaultFilter: %q is not CORRELATED_ONLY or NONE", v)
		}
	}
	f, by, resp := compileQuery(c, identitiesSchema)
	if resp != nil {
		return resp
	}
	type item struct {
		id  *Identity
		doc []byte
	}
	var items []item
	for _, iid := range s.ten.identityOrder {
		id := s.ten.identities[iid]
		correlated := s.ten.correlated(iid)
		if onlyCorrelated && !correlated {
			continue
		}
		doc := engine.Marshal(identityDoc{ID: id.ID, Name: id.Name, Alias: id.Alias, FirstName: id.FirstName,
			LastName: id.LastName, Email: id.Email, CloudStatus: statusOf(id),
			ProcessingState: nullable(id.ProcessingState), Correlated: correlated, Protected: id.Protected})
		if f == nil || f.Match(doc) {
			items = append(items, item{id, doc})
		}
	}
	filter.Sort(items, by, func(it item) []byte { return it.doc })
	lo, hi, resp := p.bounds(len(items))
	if resp != nil {
		return resp
	}
	managers := s.managerSet()
	out := make([]identityJSON, 0, hi-lo)
	for _, it := range items[lo:hi] {
		out = append(out, s.renderIdentity(it.id, managers))
	}
	return p.withTotal(engine.JSON(http.StatusOK, out), len(items))
}

// getIdentity serves GET /identities/{id}.
func (s *Server) getIdentity(c *engine.Call) *engine.Response {
	id := c.PathValue("id")
	ident := s.ten.identities[id]
	if ident == nil {
		return notFound("identity %q not found", id)
	}
	return engine.JSON(http.StatusOK, s.renderIdentity(ident, s.managerSet()))
}
