package agilenowapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// decodeObject reads a JSON object whose members are among names
// (matched ignoring case, as decode does) and returns the members present
// by their canonical name, null ones left out. schema names the object
// in messages.
func decodeObject(raw []byte, schema string, names ...string) (map[string]json.RawMessage, *engine.Response) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, badInput("the request body (%s) is required", schema)
	}
	var in map[string]json.RawMessage
	if err := json.Unmarshal(raw, &in); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && typ.Field == "" {
			return nil, badInput("%s must be a JSON object, not %s", schema, typ.Value)
		}
		return nil, badInput("%s", engine.DescribeJSONError(err))
	}
	if in == nil {
		return nil, badInput("%s must be a JSON object, not null", schema)
	}
	out := map[string]json.RawMessage{}
	for _, name := range slices.Sorted(maps.Keys(in)) {
		i := slices.IndexFunc(names, func(n string) bool { return strings.EqualFold(n, name) })
		if i < 0 {
			return nil, badInput("%s: unknown member; %s has %s", name, schema, strings.Join(names, ", "))
		}
		if v := in[name]; !bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			out[names[i]] = v
		}
	}
	return out, nil
}

// fieldType is the vendor's FieldType: a related record named by the
// value of one of its fields.
type fieldType struct {
	Field string // "" means the related record's Id
	Value string
}

// decodeFieldType reads the FieldType member name: {"Field", "Value"},
// Value required.
func decodeFieldType(name string, raw json.RawMessage) (fieldType, *engine.Response) {
	m, resp := decodeObject(raw, name+" (FieldType)", "Field", "Value")
	if resp != nil {
		return fieldType{}, resp
	}
	var ft fieldType
	for _, f := range []struct {
		member string
		dst    *string
	}{{"Field", &ft.Field}, {"Value", &ft.Value}} {
		if v, ok := m[f.member]; ok && json.Unmarshal(v, f.dst) != nil {
			return fieldType{}, badInput("%s.%s: expected a string, got %s", name, f.member, v)
		}
	}
	if _, ok := m["Value"]; !ok {
		return fieldType{}, badInput(`%s.Value is required, as in {"Field": "Id", "Value": "15"}`, name)
	}
	ft.Field = strings.TrimSpace(ft.Field)
	return ft, nil
}

// tenantData is a decoded TenantData body.
type tenantData struct {
	user   *fieldType // the account (UserId); nil when absent
	tenant fieldType  // the tenant (TenantId), required
}

// decodeTenantData reads the body of POST /Account/{Id}/Tenant.
func decodeTenantData(c *engine.Call) (*tenantData, *engine.Response) {
	if resp := engine.RequireContentType(c, "application/json"); resp != nil {
		return nil, resp
	}
	m, resp := decodeObject(c.Body, "TenantData", "UserId", "TenantId")
	if resp != nil {
		return nil, resp
	}
	var td tenantData
	raw, ok := m["TenantId"]
	if !ok {
		return nil, badInput(`TenantId is required: the tenant to link, as {"TenantId": {"Field": "Id", "Value": "15"}}`)
	}
	if td.tenant, resp = decodeFieldType("TenantId", raw); resp != nil {
		return nil, resp
	}
	if raw, ok := m["UserId"]; ok {
		ft, resp := decodeFieldType("UserId", raw)
		if resp != nil {
			return nil, resp
		}
		td.user = &ft
	}
	return &td, nil
}

// decodePictureData reads the body of POST /Account/{Id}/Picture: the
// picture's bytes in base64 (standard or URL alphabet, padding optional),
// 1 to MaxPictureBytes of them.
func decodePictureData(c *engine.Call) ([]byte, *engine.Response) {
	if resp := engine.RequireContentType(c, "application/json"); resp != nil {
		return nil, resp
	}
	m, resp := decodeObject(c.Body, "PictureData", "Picture")
	if resp != nil {
		return nil, resp
	}
	raw, ok := m["Picture"]
	if !ok {
		return nil, badInput(`Picture is required: the picture's bytes in base64, as {"Picture": "iVBORw0KGgo..."}`)
	}
	var text string
	if json.Unmarshal(raw, &text) != nil {
		return nil, badInput("Picture: expected a base64 string, got %s", raw)
	}
	b, ok := decodeBase64(strings.TrimSpace(text))
	if !ok {
		return nil, badInput("Picture: not valid base64 (standard or URL alphabet)")
	}
	if err := checkPictureSize(len(b)); err != nil {
		return nil, badInput("%v", err)
	}
	return b, nil
}

// decodeBase64 decodes s in the standard or URL alphabet, padded or not.
func decodeBase64(s string) ([]byte, bool) {
	for _, e := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := e.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}
