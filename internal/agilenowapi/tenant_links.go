package agilenowapi

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/mockisc/mockisc/filter/agilenow"
	"github.com/mockisc/mockisc/internal/engine"
)

// The Tenants sub-resource of an account: its links to tenants, answered
// as the vendor's Tenant records (the tenant's own Id, Name, Espace_Id
// and Is_Active).

// tenantJSON is the vendor's Tenant record.
type tenantJSON struct {
	ID       int64        `json:"Id"`
	Name     string       `json:"Name"`
	EspaceID abstractLong `json:"Espace_Id"`
	IsActive bool         `json:"Is_Active"`
}

// tenantRow is a tenant link as Filters and Orders read it: the Tenant
// record, then the link's own columns (the spec lists UserId, TenantId and
// AccountId): TenantId is the tenant's Id, UserId and AccountId the
// account's. Fields projects the Tenant record's members only.
type tenantRow struct {
	tenantJSON
	TenantID  int64  `json:"TenantId"`
	UserID    string `json:"UserId"`
	AccountID string `json:"AccountId"`
}

// renderTenant builds the vendor's Tenant record of t.
func renderTenant(t *Tenant) tenantJSON {
	return tenantJSON{ID: t.ID, Name: t.Name, IsActive: t.IsActive,
		EspaceID: abstractLong{ID: t.EspaceID, Name: t.EspaceName, Type: espaceType}}
}

// tenantColumns are the members of the vendor's Tenant record: what the
// Fields of an account's tenant list may name. tenantListSchema is what
// its Filters and Orders may name: those and the link's columns.
var (
	tenantColumns    = agilenow.MustSchema(tenantFields...)
	tenantListSchema = agilenow.MustSchema(append(tenantFields[:len(tenantFields):len(tenantFields)],
		col("TenantId", agilenow.TypeNumber),
		col("UserId", agilenow.TypeString),
		col("AccountId", agilenow.TypeString),
	)...)
)

var tenantFields = []agilenow.Field{
	col("Id", agilenow.TypeNumber),
	col("Name", agilenow.TypeString),
	{Name: "Espace_Id", Path: []string{"Espace_Id", "Id"}, Type: agilenow.TypeNumber},
	col("Espace_Id.Id", agilenow.TypeNumber),
	col("Espace_Id.ExternalId", agilenow.TypeString),
	col("Espace_Id.Name", agilenow.TypeString),
	col("Espace_Id.Type", agilenow.TypeString),
	col("Is_Active", agilenow.TypeBool),
}

// listTenants serves GET /Account/{Id}/Tenants: the account's tenant
// links, in the order they were made. An account linked to no tenant
// answers an empty Data.
func (api *API) listTenants(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c, api.callerTenant(c), reachOwnable)
	if resp != nil {
		return resp
	}
	q, resp := parseList(c, tenantListSchema, tenantColumns)
	if resp != nil {
		return resp
	}
	var rows []row
	for _, id := range r.links() {
		t, _ := api.tenant(id)
		tj := renderTenant(&t)
		rows = append(rows, row{
			doc: engine.Marshal(tenantRow{tenantJSON: tj, TenantID: id, UserID: r.ID, AccountID: r.ID}),
			out: engine.Marshal(tj),
		})
	}
	return q.answer(rows, tenantType)
}

// upsertTenant serves POST /Account/{Id}/Tenant (TenantData): it links
// the account to the tenant TenantId names, and answers the Tenant; a
// link that exists already stays as it is. UserId, when given, must name
// the path's account.
func (api *API) upsertTenant(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c, api.callerTenant(c), reachOwnable)
	if resp != nil {
		return resp
	}
	td, resp := decodeTenantData(c)
	if resp != nil {
		return resp
	}
	if td.user != nil {
		if resp := api.matchUser(r, *td.user); resp != nil {
			return resp
		}
	}
	t, resp := api.findTenant(td.tenant)
	if resp != nil {
		return resp
	}
	if links := r.links(); !slices.Contains(links, t.ID) {
		r.Tenants = append(slices.Clone(links), t.ID)
	}
	return engine.JSON(http.StatusOK, renderTenant(&t))
}

// unlinkTenant serves DELETE /Account/{Id}/Tenant/{SubId}: SubName names
// the link's field SubId matches, TenantId (or Id) for the tenant's Id,
// UserId (the default, as the spec says; or AccountId) for the account's,
// which every link of the account has. It answers the Tenant of the link
// deleted; no match is a 404, two a 400 Multible Rows.
func (api *API) unlinkTenant(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c, api.callerTenant(c), reachOwnable)
	if resp != nil {
		return resp
	}
	sub, resp := pathValue("SubId", c.PathValue("SubId"))
	if resp != nil {
		return resp
	}
	name, _ := param(c, "SubName")
	name = strings.TrimSpace(name)
	var match func(int64) bool
	switch {
	case name == "" || strings.EqualFold(name, "UserId") || strings.EqualFold(name, "AccountId"):
		if name == "" {
			name = "UserId"
		}
		match = func(int64) bool { return strings.EqualFold(sub, r.ID) }
	case strings.EqualFold(name, "TenantId") || strings.EqualFold(name, "Id"):
		id, err := strconv.ParseInt(strings.TrimSpace(sub), 10, 64)
		if err != nil {
			return badInput("SubId: %q is not a tenant Id (an integer), which SubName=%s asks for", sub, name)
		}
		match = func(t int64) bool { return t == id }
	default:
		return fail(http.StatusBadRequest, typeInvalidField,
			"SubName: %q is not a field a tenant link can be matched on; use TenantId, UserId (the default) or AccountId", name)
	}
	links := r.links()
	var hits []int64
	for _, t := range links {
		if match(t) {
			hits = append(hits, t)
		}
	}
	switch len(hits) {
	case 0:
		return notFound("account %q has no tenant link with %s %q", r.ID, name, sub)
	case 1:
	default:
		return fail(http.StatusBadRequest, typeMultipleRows,
			"%s %q matches the %d tenant links of account %q; delete one by SubName=TenantId", name, sub, len(hits), r.ID)
	}
	r.Tenants = slices.DeleteFunc(slices.Clone(links), func(t int64) bool { return t == hits[0] })
	t, _ := api.tenant(hits[0])
	return engine.JSON(http.StatusOK, renderTenant(&t))
}

// matchUser checks that a TenantData's UserId names r: by Id (Field
// empty), Username or ExternalId. Anything else is a 404, or a 400
// Invalid Field for another Field.
func (api *API) matchUser(r *record, ft fieldType) *engine.Response {
	k := keyID
	if ft.Field != "" {
		i := slices.IndexFunc(matchKeys, func(k int) bool { return strings.EqualFold(keyNames[k], ft.Field) })
		if i < 0 {
			return fail(http.StatusBadRequest, typeInvalidField,
				"UserId.Field: %q is not a field an account can be matched on; use Id, Username or ExternalId", ft.Field)
		}
		k = matchKeys[i]
	}
	if api.st.find(k, ft.Value) != r {
		return notFound("UserId: %s %q does not match account %q of the path", keyNames[k], ft.Value, r.ID)
	}
	return nil
}

// findTenant finds the tenant a TenantData's TenantId names: by Id (Field
// empty, Id or TenantId), Name or ExternalId, the own tenant included.
// No match is a 404, two a 400 Multible Rows.
func (api *API) findTenant(ft fieldType) (Tenant, *engine.Response) {
	field := ft.Field
	switch {
	case field == "" || strings.EqualFold(field, "Id") || strings.EqualFold(field, "TenantId"):
		id, err := strconv.ParseInt(strings.TrimSpace(ft.Value), 10, 64)
		if err != nil {
			return Tenant{}, badInput("TenantId.Value: %q is not a tenant Id (an integer)", ft.Value)
		}
		t, ok := api.tenant(id)
		if !ok {
			return Tenant{}, notFound("TenantId: no tenant has Id %d", id)
		}
		return t, nil
	case strings.EqualFold(field, "Name"), strings.EqualFold(field, "ExternalId"):
		var hits []Tenant
		for _, t := range append([]*Tenant{ptrTo(api.own())}, api.ten.order...) {
			v := t.Name
			if strings.EqualFold(field, "ExternalId") {
				v = t.ExternalID
			}
			if v != "" && strings.EqualFold(v, ft.Value) {
				hits = append(hits, *t)
			}
		}
		switch len(hits) {
		case 0:
			return Tenant{}, notFound("TenantId: no tenant has %s %q", field, ft.Value)
		case 1:
			return hits[0], nil
		}
		return Tenant{}, fail(http.StatusBadRequest, typeMultipleRows,
			"TenantId: %s %q matches tenants %d and %d", field, ft.Value, hits[0].ID, hits[1].ID)
	}
	return Tenant{}, fail(http.StatusBadRequest, typeInvalidField,
		"TenantId.Field: %q is not a field a tenant can be matched on; use Id, Name or ExternalId", field)
}

func ptrTo[T any](v T) *T { return &v }
