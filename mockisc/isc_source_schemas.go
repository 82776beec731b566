package mockisc

import (
	"net/http"
	"slices"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// GET /sources/{sourceId}/schemas answers the source's account schema
// ("account", nativeObjectType User) and, when the source has
// entitlements, its group schema ("group", Group). The account schema's
// identityAttribute is the source's NativeIdentityAttribute, its
// displayAttribute the NameAttribute, and its attributes every attribute
// name its accounts hold (typed by the first value seen: STRING, BOOLEAN,
// INT or LONG; arrays are multi-valued), plus one entitlement attribute
// per entitlement Attribute of the source, pointing at the group schema.

// schemaJSON is ISC's Schema. Unset references are left out rather than
// null: v3's Schema and AttributeDefinition do not allow null there.
type schemaJSON struct {
	ID                 string          `json:"id"`
	Name               string          `json:"name"`
	NativeObjectType   string          `json:"nativeObjectType"`
	IdentityAttribute  string          `json:"identityAttribute"`
	DisplayAttribute   string          `json:"displayAttribute"`
	HierarchyAttribute *string         `json:"hierarchyAttribute,omitempty"`
	IncludePermissions bool            `json:"includePermissions"`
	Features           []string        `json:"features"`
	Configuration      map[string]any  `json:"configuration"`
	Attributes         []attributeJSON `json:"attributes"`
	Created            string          `json:"created"`
	Modified           *string         `json:"modified"`
}

// attributeJSON is ISC's AttributeDefinition.
type attributeJSON struct {
	Name          string  `json:"name"`
	NativeName    *string `json:"nativeName,omitempty"`
	Type          string  `json:"type"`
	Schema        *refOf  `json:"schema,omitempty"`
	Description   string  `json:"description"`
	IsMulti       bool    `json:"isMulti"`
	IsEntitlement bool    `json:"isEntitlement"`
	IsGroup       bool    `json:"isGroup"`
}

// sourceSchemas serves GET /sources/{sourceId}/schemas, with the
// include-types (user or group) and include-names (comma-separated
// names) parameters.
func (s *Server) sourceSchemas(c *engine.Call) *engine.Response {
	id := c.PathValue("sourceId")
	src := s.ten.sources[id]
	if src == nil {
		return notFound("source %q not found", id)
	}
	q := c.Query()
	types, _ := single(q, "include-types")
	if types != "" && types != "user" && types != "group" {
		return illegalValue("query parameter include-types: %q is not user or group", types)
	}
	var names []string
	if v, ok := single(q, "include-names"); ok {
		for n := range strings.SplitSeq(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	}
	all := s.schemasOf(src)
	out := make([]schemaJSON, 0, len(all))
	for _, sc := range all {
		isGroup := sc.Name == "group"
		if (types == "user" && isGroup) || (types == "group" && !isGroup) {
			continue
		}
		if names != nil && !slices.Contains(names, sc.Name) {
			continue
		}
		out = append(out, sc)
	}
	return engine.JSON(http.StatusOK, out)
}

// schemasOf builds a source's schemas. Caller holds s.mu.
func (s *Server) schemasOf(src *Source) []schemaJSON {
	created := formatTime(src.Created)
	modified := formatTime(src.Modified)
	account := schemaJSON{
		ID: schemaID(src.ID, "account"), Name: "account", NativeObjectType: "User",
		IdentityAttribute: nativeAttr(src), DisplayAttribute: nameAttr(src),
		Features: []string{}, Configuration: map[string]any{}, Created: created, Modified: &modified,
	}
	seen := map[string]bool{}
	add := func(a attributeJSON) {
		if !seen[a.Name] {
			seen[a.Name] = true
			account.Attributes = append(account.Attributes, a)
		}
	}
	groupRef := &refOf{Type: "CONNECTOR_SCHEMA", ID: schemaID(src.ID, "group"), Name: "group"}
	var groupAttrs []string
	for _, eid := range s.ten.entOrder {
		if e := s.ten.ents[eid]; e.SourceID == src.ID && !slices.Contains(groupAttrs, e.Attribute) {
			groupAttrs = append(groupAttrs, e.Attribute)
		}
	}
	for _, attr := range groupAttrs {
		add(attributeJSON{Name: attr, Type: "STRING", Schema: groupRef, IsMulti: true, IsEntitlement: true, IsGroup: true})
	}
	add(attributeJSON{Name: nativeAttr(src), Type: "STRING"})
	add(attributeJSON{Name: nameAttr(src), Type: "STRING"})
	for _, a := range s.ten.order {
		if a.SourceID != src.ID {
			continue
		}
		attrs := a.attributes()
		for _, k := range sortedKeys(attrs) {
			if !seen[k] {
				add(attributeOf(k, attrs[k]))
			}
		}
	}
	out := []schemaJSON{account}
	if len(groupAttrs) > 0 {
		out = append(out, schemaJSON{
			ID: groupRef.ID, Name: "group", NativeObjectType: "Group",
			IdentityAttribute: "id", DisplayAttribute: "displayName",
			Features: []string{}, Configuration: map[string]any{}, Created: created, Modified: &modified,
			Attributes: []attributeJSON{{Name: "id", Type: "STRING"}, {Name: "displayName", Type: "STRING"}},
		})
	}
	return out
}

// attributeOf describes an account attribute by its value.
func attributeOf(name string, v any) attributeJSON {
	a := attributeJSON{Name: name, Type: "STRING"}
	if list, ok := v.([]any); ok {
		a.IsMulti = true
		if len(list) == 0 {
			return a
		}
		v = list[0]
	}
	switch v := v.(type) {
	case bool:
		a.Type = "BOOLEAN"
	case float64:
		if v == float64(int32(v)) {
			a.Type = "INT"
		} else if v == float64(int64(v)) {
			a.Type = "LONG"
		}
	}
	return a
}

// sourceHasEntitlements reports whether a source has an entitlement.
func (t *tenant) sourceHasEntitlements(id string) bool {
	return slices.ContainsFunc(t.entOrder, func(eid string) bool { return t.ents[eid].SourceID == id })
}
