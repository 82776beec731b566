package mockisc

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/mockisc/mockisc/filter/agilenow"
	"github.com/tidwall/gjson"
)

// List paging: PageSize ranges from 1 to 1000 and defaults to 50, as the
// vendor documents; CurrentPage is zero-based, as the vendor's tests use it.
const (
	anMinPageSize     = 1
	anMaxPageSize     = 1000
	anDefaultPageSize = 50
)

// anAccountSchema is what Filters, Orders and Fields may name: every
// member of the extended Account, and the members of its foreign keys. A
// foreign key alone (LanguageId) compares its Id.
var anAccountSchema = agilenow.MustSchema(
	anCol("Id", agilenow.TypeString),
	agilenow.Field{Name: "TenantId", Path: []string{"TenantId", "Id"}, Type: agilenow.TypeNumber},
	anCol("TenantId.Id", agilenow.TypeNumber),
	anCol("TenantId.ExternalId", agilenow.TypeString),
	anCol("TenantId.Name", agilenow.TypeString),
	anCol("TenantId.Type", agilenow.TypeString),
	anCol("Name", agilenow.TypeString),
	anCol("FirstName", agilenow.TypeString),
	anCol("LastName", agilenow.TypeString),
	anCol("Phone", agilenow.TypeString),
	anCol("PhoneVerified", agilenow.TypeBool),
	anCol("Email", agilenow.TypeString),
	anCol("EmailVerified", agilenow.TypeBool),
	anCol("Identifier", agilenow.TypeString),
	anCol("IdentifierVerified", agilenow.TypeBool),
	agilenow.Field{Name: "LanguageId", Path: []string{"LanguageId", "Id"}, Type: agilenow.TypeString},
	anCol("LanguageId.Id", agilenow.TypeString),
	anCol("LanguageId.ExternalId", agilenow.TypeString),
	anCol("LanguageId.Name", agilenow.TypeString),
	anCol("LanguageId.Type", agilenow.TypeString),
	agilenow.Field{Name: "TimezoneId", Path: []string{"TimezoneId", "Id"}, Type: agilenow.TypeString},
	anCol("TimezoneId.Id", agilenow.TypeString),
	anCol("TimezoneId.ExternalId", agilenow.TypeString),
	anCol("TimezoneId.Name", agilenow.TypeString),
	anCol("TimezoneId.Type", agilenow.TypeString),
	agilenow.Field{Name: "DateFormatId", Path: []string{"DateFormatId", "Id"}, Type: agilenow.TypeString},
	anCol("DateFormatId.Id", agilenow.TypeString),
	anCol("DateFormatId.ExternalId", agilenow.TypeString),
	anCol("DateFormatId.Name", agilenow.TypeString),
	anCol("DateFormatId.Type", agilenow.TypeString),
	anCol("Username", agilenow.TypeString),
	anCol("ExternalId", agilenow.TypeString),
	anCol("NotifyByEmail", agilenow.TypeBool),
	anCol("NotifyBySMS", agilenow.TypeBool),
	anCol("Is_Active", agilenow.TypeBool),
	anCol("ModifiedOn", agilenow.TypeDateTime),
	anCol("CreatedOn", agilenow.TypeDateTime),
)

func anCol(name string, t agilenow.Type) agilenow.Field {
	return agilenow.Field{Name: name, Type: t}
}

// anMeta is the vendor's Meta of a list response.
type anMeta struct {
	TotalItems  int    `json:"TotalItems"`
	CurrentPage int    `json:"CurrentPage"`
	PageSize    int    `json:"PageSize"`
	Type        string `json:"Type"`
}

// anList serves GET /Accounts: Filters, Orders, Fields, CurrentPage and
// PageSize (names ignoring case), answered as {Meta, Data}. Unsorted, and
// among equals, accounts come in creation order.
func (s *Server) anList(c *call) *response {
	size, resp := anIntParam(c, "PageSize", anDefaultPageSize, anMinPageSize, anMaxPageSize)
	if resp != nil {
		return resp
	}
	pageNo, resp := anIntParam(c, "CurrentPage", 0, 0, -1)
	if resp != nil {
		return resp
	}
	filters, _ := anParam(c, "Filters")
	f, err := agilenow.CompileFilter(filters, anAccountSchema)
	if err != nil {
		return anQueryError(err)
	}
	orders, _ := anParam(c, "Orders")
	by, err := agilenow.ParseOrders(orders, anAccountSchema)
	if err != nil {
		return anQueryError(err)
	}
	fields, _ := anParam(c, "Fields")
	cols, err := agilenow.ParseFields(fields, anAccountSchema)
	if err != nil {
		return anQueryError(err)
	}
	docs := make([][]byte, 0, len(s.ten.an.order))
	for _, r := range s.ten.an.order {
		if d := s.anDoc(r); f.Match(d) {
			docs = append(docs, d)
		}
	}
	agilenow.Sort(docs, by, func(d []byte) []byte { return d })
	lo := len(docs)
	if pageNo <= len(docs)/size { // no overflow on huge page numbers
		lo = min(len(docs), pageNo*size)
	}
	page := docs[lo:min(len(docs), lo+size)]
	if cols != nil {
		for i, d := range page {
			page[i] = project(d, cols)
		}
	}
	var b strings.Builder
	b.WriteString(`{"Meta":`)
	b.Write(marshal(anMeta{TotalItems: len(docs), CurrentPage: pageNo, PageSize: size, Type: "Account"}))
	b.WriteString(`,"Data":`)
	b.Write(joinArray(page))
	b.WriteString(`}`)
	return &response{status: http.StatusOK, body: []byte(b.String())}
}

// project keeps the listed top-level members of a JSON object, in the
// order listed.
func project(doc []byte, cols []string) []byte {
	var b strings.Builder
	b.WriteByte('{')
	for i, col := range cols {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(col))
		b.WriteByte(':')
		b.WriteString(gjson.GetBytes(doc, gjson.Escape(col)).Raw)
	}
	b.WriteByte('}')
	return []byte(b.String())
}

// anIntParam reads an integer parameter in [lo, hi] (hi < 0: no upper
// bound); absent or blank gives def.
func anIntParam(c *call, name string, def, lo, hi int) (int, *response) {
	v, ok := anParam(c, name)
	if !ok || strings.TrimSpace(v) == "" {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < lo || (hi >= 0 && n > hi) {
		if hi < 0 {
			return 0, anBadInput("%s: %q is not an integer of %d or more", name, v, lo)
		}
		return 0, anBadInput("%s: %q is not an integer from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// anQueryError turns a Filters, Orders or Fields error into a 400: Invalid
// Field when the query names an unknown field or misuses a field's type,
// Bad Input for a syntax error. The message carries the parameter and the
// byte offset.
func anQueryError(err error) *response {
	var fe *agilenow.FieldError
	if errors.As(err, &fe) {
		return anError(http.StatusBadRequest, anTypeInvalidField, "%v", err)
	}
	return anBadInput("%v", err)
}
