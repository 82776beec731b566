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

// listQuery is a list request's parameters, parsed: Filters, Orders,
// Fields, CurrentPage and PageSize (names ignoring case).
type listQuery struct {
	size, page int
	filter     *agilenow.Filter
	by         agilenow.Orders
	cols       []string // nil: every column
}

// parseList reads a list request's parameters: Filters and Orders may
// name the fields of schema, Fields the columns of columns (often the
// same schema).
func parseList(c *engine.Call, schema, columns *agilenow.Schema) (*listQuery, *engine.Response) {
	q := &listQuery{}
	var resp *engine.Response
	if q.size, resp = intParam(c, "PageSize", anDefaultPageSize, anMinPageSize, anMaxPageSize); resp != nil {
		return nil, resp
	}
	if q.page, resp = intParam(c, "CurrentPage", 0, 0, -1); resp != nil {
		return nil, resp
	}
	var err error
	filters, _ := param(c, "Filters")
	if q.filter, err = agilenow.CompileFilter(filters, schema); err != nil {
		return nil, queryError(err)
	}
	orders, _ := param(c, "Orders")
	if q.by, err = agilenow.ParseOrders(orders, schema); err != nil {
		return nil, queryError(err)
	}
	fields, _ := param(c, "Fields")
	if q.cols, err = agilenow.ParseFields(fields, columns); err != nil {
		return nil, queryError(err)
	}
	return q, nil
}

// row is one item of a list: doc is the document Filters, Orders and
// Fields read; out is the item as answered without Fields (nil: doc).
type row struct{ doc, out []byte }

// answer filters, sorts and pages rows and answers {Meta, Data}, Meta's
// Type being typ. Unsorted, and among equals, rows keep their order.
func (q *listQuery) answer(rows []row, typ string) *engine.Response {
	hits := rows[:0] // filtered in place
	for _, r := range rows {
		if q.filter.Match(r.doc) {
			hits = append(hits, r)
		}
	}
	agilenow.Sort(hits, q.by, func(r row) []byte { return r.doc })
	lo := len(hits)
	if q.page <= len(hits)/q.size { // no overflow on huge page numbers
		lo = min(len(hits), q.page*q.size)
	}
	page := make([][]byte, 0, min(q.size, len(hits)-lo))
	for _, r := range hits[lo:min(len(hits), lo+q.size)] {
		switch {
		case q.cols != nil:
			page = append(page, project(r.doc, q.cols))
		case r.out != nil:
			page = append(page, r.out)
		default:
			page = append(page, r.doc)
		}
	}
	var b strings.Builder
	b.WriteString(`{"Meta":`)
	b.Write(engine.Marshal(meta{TotalItems: len(hits), CurrentPage: q.page, PageSize: q.size, Type: typ}))
	b.WriteString(`,"Data":`)
	b.Write(engine.JoinArray(page))
	b.WriteString(`}`)
	return ok([]byte(b.String()))
}

// list serves GET /Accounts: the accounts linked to the caller's tenant,
// in creation order unless Orders says otherwise.
func (api *API) list(c *engine.Call) *engine.Response {
	q, resp := parseList(c, listSchema, listSchema)
	if resp != nil {
		return resp
	}
	tenant := api.callerTenant(c)
	rows := make([]row, 0, len(api.st.order))
	for _, r := range api.st.order {
		if r.reachable(tenant, reachLinked) {
			rows = append(rows, row{doc: api.doc(r, tenant)})
		}
	}
	return q.answer(rows, "Account")
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
