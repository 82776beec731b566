package mockisc

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// The request schemas of the Account operations: AccountData (PATCH) and
// AccountInsertData (POST) have the same members; AccountUpdateData (PUT)
// lacks Id and PhoneVerified.
const (
	anSchemaData = iota
	anSchemaInsert
	anSchemaUpdate
)

var anSchemaNames = [...]string{"AccountData", "AccountInsertData", "AccountUpdateData"}

// anField is one member of the request schemas.
type anField struct {
	name     string
	notInPut bool                           // absent from AccountUpdateData
	text     func(*AgileNowAccount) *string // a text or enum member
	flag     func(*AgileNowAccount) *bool   // a boolean member
	enum     *anEnum                        // the enum of an enum member
}

// anFields lists the request members in the vendor's order. Id is read
// separately: it selects the account and is never written.
var anFields = []anField{
	{name: "Name", text: func(a *AgileNowAccount) *string { return &a.Name }},
	{name: "FirstName", text: func(a *AgileNowAccount) *string { return &a.FirstName }},
	{name: "LastName", text: func(a *AgileNowAccount) *string { return &a.LastName }},
	{name: "Phone", text: func(a *AgileNowAccount) *string { return &a.Phone }},
	{name: "PhoneVerified", notInPut: true, flag: func(a *AgileNowAccount) *bool { return &a.PhoneVerified }},
	{name: "Email", text: func(a *AgileNowAccount) *string { return &a.Email }},
	{name: "Identifier", text: func(a *AgileNowAccount) *string { return &a.Identifier }},
	{name: "IdentifierVerified", flag: func(a *AgileNowAccount) *bool { return &a.IdentifierVerified }},
	{name: "LanguageId", enum: anLanguages, text: func(a *AgileNowAccount) *string { return &a.LanguageID }},
	{name: "TimezoneId", enum: anTimezones, text: func(a *AgileNowAccount) *string { return &a.TimezoneID }},
	{name: "DateFormatId", enum: anDateFormats, text: func(a *AgileNowAccount) *string { return &a.DateFormatID }},
	{name: "Username", text: func(a *AgileNowAccount) *string { return &a.Username }},
	{name: "ExternalId", text: func(a *AgileNowAccount) *string { return &a.ExternalID }},
	{name: "NotifyByEmail", flag: func(a *AgileNowAccount) *bool { return &a.NotifyByEmail }},
	{name: "NotifyBySMS", flag: func(a *AgileNowAccount) *bool { return &a.NotifyBySMS }},
	{name: "Is_Active", flag: func(a *AgileNowAccount) *bool { return &a.IsActive }},
}

// anBody is a decoded request body: the Id, and the members present with
// their values, applied to an account by apply.
type anBody struct {
	id  string
	set []anValue // the members present, in name order
}

type anValue struct {
	f    *anField
	text string
	flag bool
}

// text returns the value of a text member, "" when absent.
func (b *anBody) text(name string) string {
	for _, v := range b.set {
		if v.f.name == name {
			return v.text
		}
	}
	return ""
}

// apply writes the body's members into a; members absent keep their
// value.
func (b *anBody) apply(a *AgileNowAccount) {
	for _, v := range b.set {
		if v.f.flag != nil {
			*v.f.flag(a) = v.flag
		} else {
			*v.f.text(a) = v.text
		}
	}
}

// decodeAgileNow reads a JSON object of the given request schema. Member
// names ignore case (as ASP.NET's binder does); a member the schema lacks,
// a value of the wrong JSON type, or an enum value the vendor does not
// list is a 400 naming the member. null clears a member (false for a
// boolean).
func decodeAgileNow(c *call, schema int) (*anBody, *response) {
	if resp := requireContentType(c, "application/json"); resp != nil {
		return nil, resp
	}
	if len(bytes.TrimSpace(c.body)) == 0 {
		return nil, anBadInput("the request body (%s) is required", anSchemaNames[schema])
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(c.body, &raw); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && typ.Field == "" {
			return nil, anBadInput("the request body must be a JSON object (%s), not %s", anSchemaNames[schema], typ.Value)
		}
		return nil, anBadInput("%s", describeJSONError(err))
	}
	b := &anBody{}
	for _, name := range sortedKeys(raw) {
		val := raw[name]
		isNull := bytes.Equal(bytes.TrimSpace(val), []byte("null"))
		if strings.EqualFold(name, "Id") && schema != anSchemaUpdate {
			if !isNull && json.Unmarshal(val, &b.id) != nil {
				return nil, anBadInput("Id: expected a string, got %s", val)
			}
			continue
		}
		i := slices.IndexFunc(anFields, func(f anField) bool { return strings.EqualFold(f.name, name) })
		if i < 0 || (schema == anSchemaUpdate && anFields[i].notInPut) {
			return nil, anBadInput("%s: unknown member; %s has %s", name, anSchemaNames[schema], anMemberList(schema))
		}
		f := &anFields[i]
		v := anValue{f: f}
		switch {
		case isNull:
		case f.flag != nil:
			if json.Unmarshal(val, &v.flag) != nil {
				return nil, anBadInput("%s: expected true, false or null, got %s", f.name, val)
			}
		default:
			if json.Unmarshal(val, &v.text) != nil {
				return nil, anBadInput("%s: expected a string or null, got %s", f.name, val)
			}
		}
		if f.enum != nil {
			if err := f.enum.check(f.name, v.text); err != nil {
				return nil, anBadInput("%v", err)
			}
		}
		b.set = append(b.set, v)
	}
	return b, nil
}

// anMemberList lists the members of a request schema.
func anMemberList(schema int) string {
	var names []string
	if schema != anSchemaUpdate {
		names = append(names, "Id")
	}
	for _, f := range anFields {
		if schema != anSchemaUpdate || !f.notInPut {
			names = append(names, f.name)
		}
	}
	return strings.Join(names, ", ")
}
