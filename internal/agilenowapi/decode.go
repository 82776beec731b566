package agilenowapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// The request schemas of the Account operations: AccountData (PATCH) and
// AccountInsertData (POST) have the same members; AccountUpdateData (PUT)
// lacks Id and PhoneVerified.
const (
	schemaData = iota
	schemaInsert
	schemaUpdate
)

var schemaNames = [...]string{"AccountData", "AccountInsertData", "AccountUpdateData"}

// field is one member of the request schemas.
type field struct {
	name     string
	notInPut bool                   // absent from AccountUpdateData
	text     func(*Account) *string // a text or enum member
	flag     func(*Account) *bool   // a boolean member
	enum     *enum                  // the enum of an enum member
}

// fields lists the request members in the vendor's order. Id is read
// separately: it selects the account and is never written.
var fields = []field{
	{name: "Name", text: func(a *Account) *string { return &a.Name }},
	{name: "FirstName", text: func(a *Account) *string { return &a.FirstName }},
	{name: "LastName", text: func(a *Account) *string { return &a.LastName }},
	{name: "Phone", text: func(a *Account) *string { return &a.Phone }},
	{name: "PhoneVerified", notInPut: true, flag: func(a *Account) *bool { return &a.PhoneVerified }},
	{name: "Email", text: func(a *Account) *string { return &a.Email }},
	{name: "Identifier", text: func(a *Account) *string { return &a.Identifier }},
	{name: "IdentifierVerified", flag: func(a *Account) *bool { return &a.IdentifierVerified }},
	{name: "LanguageId", enum: languages, text: func(a *Account) *string { return &a.LanguageID }},
	{name: "TimezoneId", enum: timezones, text: func(a *Account) *string { return &a.TimezoneID }},
	{name: "DateFormatId", enum: dateFormats, text: func(a *Account) *string { return &a.DateFormatID }},
	{name: "Username", text: func(a *Account) *string { return &a.Username }},
	{name: "ExternalId", text: func(a *Account) *string { return &a.ExternalID }},
	{name: "NotifyByEmail", flag: func(a *Account) *bool { return &a.NotifyByEmail }},
	{name: "NotifyBySMS", flag: func(a *Account) *bool { return &a.NotifyBySMS }},
	{name: "Is_Active", flag: func(a *Account) *bool { return &a.IsActive }},
}

// body is a decoded request body: the Id, and the members present with
// their values, applied to an account by apply.
type body struct {
	id  string
	set []value // the members present, in name order
}

type value struct {
	f    *field
	text string
	flag bool
}

// text returns the value of a text member, "" when absent.
func (b *body) text(name string) string {
	for _, v := range b.set {
		if v.f.name == name {
			return v.text
		}
	}
	return ""
}

// apply writes the body's members into a; members absent keep their
// value.
func (b *body) apply(a *Account) {
	for _, v := range b.set {
		if v.f.flag != nil {
			*v.f.flag(a) = v.flag
		} else {
			*v.f.text(a) = v.text
		}
	}
}

// decode reads a JSON object of the given request schema. Member
// names ignore case (as ASP.NET's binder does); a member the schema lacks,
// a value of the wrong JSON type, or an enum value the vendor does not
// list is a 400 naming the member. null clears a member (false for a
// boolean).
func decode(c *engine.Call, schema int) (*body, *engine.Response) {
	if resp := engine.RequireContentType(c, "application/json"); resp != nil {
		return nil, resp
	}
	if len(bytes.TrimSpace(c.Body)) == 0 {
		return nil, badInput("the request body (%s) is required", schemaNames[schema])
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(c.Body, &raw); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && typ.Field == "" {
			return nil, badInput("the request body must be a JSON object (%s), not %s", schemaNames[schema], typ.Value)
		}
		return nil, badInput("%s", engine.DescribeJSONError(err))
	}
	if raw == nil { // the body is null, which decodes into no map at all
		return nil, badInput("the request body must be a JSON object (%s), not null", schemaNames[schema])
	}
	b := &body{}
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		val := raw[name]
		isNull := bytes.Equal(bytes.TrimSpace(val), []byte("null"))
		if strings.EqualFold(name, "Id") && schema != schemaUpdate {
			if !isNull && json.Unmarshal(val, &b.id) != nil {
				return nil, badInput("Id: expected a string, got %s", val)
			}
			continue
		}
		i := slices.IndexFunc(fields, func(f field) bool { return strings.EqualFold(f.name, name) })
		if i < 0 || (schema == schemaUpdate && fields[i].notInPut) {
			return nil, badInput("%s: unknown member; %s has %s", name, schemaNames[schema], memberList(schema))
		}
		f := &fields[i]
		v := value{f: f}
		switch {
		case isNull:
		case f.flag != nil:
			if json.Unmarshal(val, &v.flag) != nil {
				return nil, badInput("%s: expected true, false or null, got %s", f.name, val)
			}
		default:
			if json.Unmarshal(val, &v.text) != nil {
				return nil, badInput("%s: expected a string or null, got %s", f.name, val)
			}
		}
		if f.enum != nil {
			if err := f.enum.check(f.name, v.text); err != nil {
				return nil, badInput("%v", err)
			}
		}
		b.set = append(b.set, v)
	}
	return b, nil
}

// memberList lists the members of a request schema.
func memberList(schema int) string {
	var names []string
	if schema != schemaUpdate {
		names = append(names, "Id")
	}
	for _, f := range fields {
		if schema != schemaUpdate || !f.notInPut {
			names = append(names, f.name)
		}
	}
	return strings.Join(names, ", ")
}
