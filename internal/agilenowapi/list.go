package agilenowapi

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/mockisc/mockisc/filter/agilenow"
	"github.com/mockisc/mockisc/internal/engine"
)

// List paging: PageSize ranges from 1 to 1000 and defaults to 50, as the
// vendor documents; CurrentPage is zero-based, as the vendor's tests use it.
const (
	anMinPageSize     = 1
	anMaxPageSize     = 1000
	anDefaultPageSize = 50
)

// listSchema is what Filters, Orders and Fields may name: every
// member of the extended Account, and the members of its foreign keys. A
// foreign key alone (LanguageId) compares its Id.
var listSchema = agilenow.MustSchema(
	col("Id", agilenow.TypeString),
	agilenow.Field{Name: "TenantId", Path: []string{"TenantId", "Id"}, Type: agilenow.TypeNumber},
	col("TenantId.Id", agilenow.TypeNumber),
	col("TenantId.ExternalId", agilenow.TypeString),
	col("TenantId.Name", agilenow.TypeString),
	col("TenantId.Type", agilenow.TypeString),
	col("Name", agilenow.TypeString),
	col("FirstName", agilenow.TypeString),
	col("LastName", agilenow.TypeString),
	col("Phone", agilenow.TypeString),
	col("PhoneVerified", agilenow.TypeBool),
	col("Email", agilenow.TypeString),
	col("EmailVerified", agilenow.TypeBool),
	col("Identifier", agilenow.TypeString),
	col("IdentifierVerified", agilenow.TypeBool),
	agilenow.Field{Name: "LanguageId", Path: []string{"LanguageId", "Id"}, Type: agilenow.TypeString},
	col("LanguageId.Id", agilenow.TypeString),
	col("LanguageId.ExternalId", agilenow.TypeString),
	col("LanguageId.Name", agilenow.TypeString),
	col("LanguageId.Type", agilenow.TypeString),
	agilenow.Field{Name: "TimezoneId", Path: []string{"TimezoneId", "Id"}, Type: agilenow.TypeString},
	col("TimezoneId.Id", agilenow.TypeString),
	col("TimezoneId.ExternalId", agilenow.TypeString),
	col("TimezoneId.Name", agilenow.TypeString),
	col("TimezoneId.Type", agilenow.TypeString),
	agilenow.Field{Name: "DateFormatId", Path: []string{"DateFormatId", "Id"}, Type: agilenow.TypeString},
	col("DateFormatId.Id", agilenow.TypeString),
	col("DateFormatId.ExternalId", agilenow.TypeString),
	col("DateFormatId.Name", agilenow.TypeString),
	col("DateFormatId.Type", agilenow.TypeString),
	col("Username", agilenow.TypeString),
	col("ExternalId", agilenow.TypeString),
	col("NotifyByEmail", agilenow.TypeBool),
	col("NotifyBySMS", agilenow.TypeBool),
	col("Is_Active", agilenow.TypeBool),
	col("ModifiedOn", agilenow.TypeDateTime),
	col("CreatedOn", agilenow.TypeDateTime),
)

func col(name string, t agilenow.Type) agilenow.Field {
	return agilenow.Field{Name: name, Type: t}
}

// meta is the vendor's Meta of a list response.
type meta struct {
	TotalItems  int    `json:"TotalItems"`
	CurrentPage int    `json:"CurrentPage"`
	PageSize    int    `json:"PageSize"`
	Type        string `json:"Type"`
}

// list serves GET /Accounts: Filters, Orders, Fields, CurrentPage and
// PageSize (names ignoring case), answered as {Meta, Data}. Unsorted, and
// among equals, accounts come in creation order.
func (api *API) list(c *engine.Call) *engine.Response {
	size, resp := intParam(c, "PageSize", anDefaultPageSize, anMinPageSize, anMaxPageSize)
	if resp != nil {
		return resp
	}
	pageNo, resp := intParam(c, "CurrentPage", 0, 0, -1)
	if resp != nil {
		return resp
	}
	filters, _ := param(c, "Filters")
	f, err := agilenow.CompileFilter(filters, listSchema)
	if err != nil {
		return queryError(err)
	}
	orders, _ := param(c, "Orders")
	by, err := agilenow.ParseOrders(orders, listSchema)
	if err != nil {
		return queryError(err)
	}
	fields, _ := param(c, "Fields")
	cols, err := agilenow.ParseFields(fields, listSchema)
	if err != nil {
		return queryError(err)
	}
	docs := make([][]byte, 0, len(api.st.order))
	for _, r := range api.st.order {
		if d := api.doc(r); f.Match(d) {
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
	b.Write(engine.Marshal(meta{TotalItems: len(docs), CurrentPage: pageNo, PageSize: size, Type: "Account"}))
	b.WriteString(`,"Data":`)
	b.Write(engine.JoinArray(page))
	b.WriteString(`}`)
	return ok([]byte(b.String()))
}

// project keeps the listed top-level members of a JSON object, in the
// order listed; a member the object lacks stays out.
func project(doc []byte, cols []string) []byte {
	var b strings.Builder
	b.WriteByte('{')
	n := 0
	for _, col := range cols {
		v := gjson.GetBytes(doc, gjson.Escape(col))
		if !v.Exists() { // an unset foreign key, left out as in the whole record
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		b.WriteString(strconv.Quote(col))
		b.WriteByte(':')
		b.WriteString(v.Raw)
	}
	b.WriteByte('}')
	return []byte(b.String())
}

// intParam reads an integer parameter in [lo, hi] (hi < 0: no upper
// bound); absent or blank gives def.
func intParam(c *engine.Call, name string, def, lo, hi int) (int, *engine.Response) {
	v, ok := param(c, name)
	if !ok || strings.TrimSpace(v) == "" {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < lo || (hi >= 0 && n > hi) {
		if hi < 0 {
			return 0, badInput("%s: %q is not an integer of %d or more", name, v, lo)
		}
		return 0, badInput("%s: %q is not an integer from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// queryError turns a Filters, Orders or Fields error into a 400: Invalid
// Field when the query names an unknown field or misuses a field's type,
// Bad Input for a syntax error. The message carries the parameter and the
// byte offset.
func queryError(err error) *engine.Response {
	var fe *agilenow.FieldError
	if errors.As(err, &fe) {
		return fail(http.StatusBadRequest, typeInvalidField, "%v", err)
	}
	return badInput("%v", err)
}
