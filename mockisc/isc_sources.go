package mockisc

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/mockisc/mockisc/filter"
	"github.com/mockisc/mockisc/internal/engine"
)

// The sources API is read-only: GET /sources, /sources/{id} and
// /sources/{sourceId}/schemas, in every version, from the tenant's
// sources. The fields the tenant does not model get the values a healthy
// source without rules shows (see "Behaviour where ISC documents nothing"
// in the package doc).

// refOf is an {type, id, name} reference.
type refOf struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// sourceJSON is ISC's Source, keys in the spec's order.
type sourceJSON struct {
	ID                        string         `json:"id"`
	Name                      string         `json:"name"`
	Description               string         `json:"description"`
	Owner                     *refOf         `json:"owner"`
	Cluster                   *refOf         `json:"cluster"`
	AccountCorrelationConfig  *refOf         `json:"accountCorrelationConfig"`
	AccountCorrelationRule    *refOf         `json:"accountCorrelationRule"`
	ManagerCorrelationMapping *struct{}      `json:"managerCorrelationMapping"`
	ManagerCorrelationRule    *refOf         `json:"managerCorrelationRule"`
	BeforeProvisioningRule    *refOf         `json:"beforeProvisioningRule"`
	Schemas                   []refOf        `json:"schemas"`
	PasswordPolicies          []refOf        `json:"passwordPolicies"`
	Features                  []string       `json:"features"`
	Type                      string         `json:"type"`
	Connector                 string         `json:"connector"`
	ConnectorClass            string         `json:"connectorClass"`
	ConnectorAttributes       map[string]any `json:"connectorAttributes"`
	DeleteThreshold           int            `json:"deleteThreshold"`
	Authoritative             bool           `json:"authoritative"`
	ManagementWorkgroup       *refOf         `json:"managementWorkgroup"`
	Healthy                   bool           `json:"healthy"`
	Status                    string         `json:"status"`
	Since                     string         `json:"since"`
	ConnectorID               string         `json:"connectorId"`
	ConnectorName             string         `json:"connectorName"`
	ConnectionType            string         `json:"connectionType"`
	ConnectorImplementationID string         `json:"connectorImplementationId"`
	Created                   string         `json:"created"`
	Modified                  string         `json:"modified"`
	CredentialProviderEnabled bool           `json:"credentialProviderEnabled"`
	Category                  *string        `json:"category"`
}

// schemaID is the stable id of one of a source's schemas ("account",
// "group"): derived from the source id, not drawn, so it costs no seeded
// id and never changes.
func schemaID(sourceID, name string) string {
	sum := sha256.Sum256([]byte(sourceID + "/" + name))
	return hex.EncodeToString(sum[:16])
}

// renderSource builds the Source of src. Caller holds s.mu.
func (s *Server) renderSource(src *Source) sourceJSON {
	connector := src.ConnectorID()
	v := sourceJSON{
		ID: src.ID, Name: src.Name, Description: src.Description,
		Schemas:  []refOf{{Type: "CONNECTOR_SCHEMA", ID: schemaID(src.ID, "account"), Name: "account"}},
		Features: src.Features, Type: src.Type, Connector: connector,
		ConnectorClass: "sailpoint.connector." + connector, ConnectorAttributes: map[string]any{},
		DeleteThreshold: deleteThreshold(src), Authoritative: src.Authoritative, Healthy: true, Status: "SOURCE_STATE_HEALTHY",
		Since: formatTime(src.Created), ConnectorID: connector, ConnectorName: src.Type,
		ConnectionType: src.ConnectionType, ConnectorImplementationID: connector,
		Created: formatTime(src.Created), Modified: formatTime(src.Modified),
	}
	if v.Features == nil {
		v.Features = []string{}
	}
	if s.ten.sourceHasEntitlements(src.ID) {
		v.Schemas = append(v.Schemas, refOf{Type: "CONNECTOR_SCHEMA", ID: schemaID(src.ID, "group"), Name: "group"})
	}
	if o := src.Owner; o != nil {
		v.Owner = &refOf{Type: "IDENTITY", ID: o.ID, Name: o.Name}
	}
	if len(src.Correlation) > 0 {
		v.AccountCorrelationConfig = &refOf{Type: "ACCOUNT_CORRELATION_CONFIG",
			ID: schemaID(src.ID, "correlation"), Name: src.Name + " Account Correlation"}
	}
	return v
}

// The sources list's filters and sorters, as every version's spec lists
// them; beta's created and modified take eq only. Fields read the
// rendered Source. ISC also lets created and modified take sw; the fake
// compares them as times, which sw cannot.
var (
	srcAll      = ops(filter.OpEq, filter.OpIn, filter.OpGe, filter.OpGt, filter.OpLe, filter.OpLt, filter.OpNe, filter.OpIsNull, filter.OpSw)
	srcTimeOps  = ops(filter.OpEq, filter.OpGe, filter.OpGt, filter.OpIn, filter.OpLe, filter.OpLt, filter.OpNe, filter.OpIsNull)
	sourceField = func(name string, t filter.Type, o []filter.Op, sortable bool) filter.Field {
		return filter.Field{Name: name, Type: t, Ops: o, Sortable: sortable}
	}
)

func sourceFields(timeOps []filter.Op) []filter.Field {
	return []filter.Field{
		sourceField("id", filter.TypeString, srcAll, true),
		sourceField("name", filter.TypeString, ops(filter.OpCo, filter.OpEq, filter.OpIn, filter.OpSw, filter.OpGe, filter.OpGt, filter.OpNe, filter.OpIsNull), true),
		sourceField("type", filter.TypeString, ops(filter.OpEq, filter.OpIn, filter.OpGe, filter.OpGt, filter.OpNe, filter.OpIsNull, filter.OpSw), true),
		sourceField("owner.id", filter.TypeString, srcAll, true),
		sourceField("owner.name", filter.TypeString, nil, true),
		{Name: "features", Type: filter.TypeString, Array: true, Ops: ops(filter.OpCa, filter.OpCo)},
		sourceField("created", filter.TypeDateTime, timeOps, true),
		sourceField("modified", filter.TypeDateTime, timeOps, true),
		sourceField("managementWorkgroup.id", filter.TypeString, srcAll, true),
		sourceField("description", filter.TypeString, ops(filter.OpEq, filter.OpSw), true),
		sourceField("authoritative", filter.TypeBool, ops(filter.OpEq, filter.OpNe, filter.OpIsNull), true),
		sourceField("healthy", filter.TypeBool, ops(filter.OpIsNull), true),
		sourceField("status", filter.TypeString, srcAll, true),
		sourceField("connectionType", filter.TypeString, srcAll, true),
		sourceField("connectorName", filter.TypeString, ops(filter.OpEq, filter.OpGe, filter.OpGt, filter.OpIn, filter.OpNe, filter.OpIsNull, filter.OpSw), true),
		sourceField("category", filter.TypeString, ops(filter.OpCo, filter.OpEq, filter.OpGe, filter.OpGt, filter.OpIn, filter.OpLe, filter.OpLt, filter.OpNe, filter.OpSw), false),
		sourceField("accountCorrelationConfig.id", filter.TypeString, nil, true),
		sourceField("accountCorrelationConfig.name", filter.TypeString, nil, true),
		sourceField("managerCorrelationRule.type", filter.TypeString, nil, true),
		sourceField("managerCorrelationRule.id", filter.TypeString, nil, true),
		sourceField("managerCorrelationRule.name", filter.TypeString, nil, true),
	}
}

var (
	sourcesSchema     = filter.MustSchema("sources", sourceFields(srcTimeOps)...)
	sourcesSchemaBeta = filter.MustSchema("sources", sourceFields(ops(filter.OpEq))...)
)

// listSources serves GET /sources: the tenant's sources, in creation
// order unless sorted, with filters, sorters and paging.
func (s *Server) listSources(c *engine.Call) *engine.Response {
	p, resp := s.parsePage(c)
	if resp != nil {
		return resp
	}
	schema := sourcesSchema
	if c.Route.API == beta {
		schema = sourcesSchemaBeta
	}
	f, by, resp := compileQuery(c, schema)
	if resp != nil {
		return resp
	}
	docs := make([][]byte, 0, len(s.ten.sourceOrder))
	for _, id := range s.ten.sourceOrder {
		if d := engine.Marshal(s.renderSource(s.ten.sources[id])); f == nil || f.Match(d) {
			docs = append(docs, d)
		}
	}
	filter.Sort(docs, by, func(d []byte) []byte { return d })
	lo, hi, resp := p.bounds(len(docs))
	if resp != nil {
		return resp
	}
	return p.withTotal(engine.Raw(http.StatusOK, engine.JoinArray(docs[lo:hi])), len(docs))
}

// getSource serves GET /sources/{id}.
func (s *Server) getSource(c *engine.Call) *engine.Response {
	id := c.PathValue("id")
	src := s.ten.sources[id]
	if src == nil {
		return notFound("source %q not found", id)
	}
	return engine.JSON(http.StatusOK, s.renderSource(src))
}

// compileQuery reads the filters and sorters parameters against schema.
func compileQuery(c *engine.Call, schema *filter.Schema) (*filter.Filter, filter.Sorters, *engine.Response) {
	q := c.Query()
	var f *filter.Filter
	var by filter.Sorters
	if v, _ := single(q, "filters"); v != "" {
		var err error
		if f, err = filter.Compile(v, schema); err != nil {
			return nil, nil, badRequest("query parameter filters: %v", err)
		}
	}
	if v, _ := single(q, "sorters"); v != "" {
		var err error
		if by, err = filter.ParseSorters(v, schema); err != nil {
			return nil, nil, badRequest("query parameter sorters: %v", err)
		}
	}
	return f, by, nil
}
