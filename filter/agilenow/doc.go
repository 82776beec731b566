// Package agilenow parses and evaluates the list-query language of the
// AgileNow (eSystems) Endpoint REST API: the Filters, Orders and Fields
// query parameters of GET /Endpoint/rest/api/v1/Accounts and its siblings.
//
// It depends only on the standard library and gjson, and knows nothing of
// HTTP: a server feeds it the raw parameter values and a Schema, and puts
// any error's Error() text verbatim into the vendor's Errors[] list.
//
// # Quick start
//
//	var accounts = agilenow.MustSchema(
//		agilenow.Field{Name: "Id", Type: agilenow.TypeString},
//		agilenow.Field{Name: "Username", Type: agilenow.TypeString},
//		agilenow.Field{Name: "LanguageId", Path: []string{"LanguageId", "Id"}, Type: agilenow.TypeString},
//		agilenow.Field{Name: "TenantId.Id", Type: agilenow.TypeNumber},
//		agilenow.Field{Name: "Is_Active", Type: agilenow.TypeBool},
//		agilenow.Field{Name: "ModifiedOn", Type: agilenow.TypeDateTime},
//	)
//
//	f, err := agilenow.CompileFilter(q.Get("Filters"), accounts) // "" matches all
//	by, err := agilenow.ParseOrders(q.Get("Orders"), accounts)   // "" → nil
//	cols, err := agilenow.ParseFields(q.Get("Fields"), accounts) // nil → all
//	var hits [][]byte
//	for _, doc := range docs {
//		if f.Match(doc) {
//			hits = append(hits, doc)
//		}
//	}
//	agilenow.Sort(hits, by, func(d []byte) []byte { return d })
//
// # Filters grammar
//
// The vendor publishes examples, not a grammar. This package accepts the
// following (EBNF; white space may separate any two tokens):
//
//	filter    = [ condition | orExpr ] .               (* empty: match all *)
//	orExpr    = andExpr { "OR" andExpr } .
//	andExpr   = group { "AND" group } .
//	group     = "(" ( condition | orExpr ) ")" .        (* depth ≤ 32 *)
//	condition = field operator value .
//	field     = segment { "." segment } .
//	segment   = ( letter | digit | "_" ) { letter | digit | "_" } .
//	operator  = "=" | "<>" | ">" | ">=" | "<" | "<=" | "In" | "NotIn" | "Like" .
//	value     = raw text up to the next ")" or the end of input, trimmed, not empty .
//	list      = item { ";" item } | item { "," item } . (* the value of In, NotIn *)
//
// AND binds tighter than OR: (A) AND (B) OR (C) means ((A) AND (B)) OR (C).
// A condition stands without parentheses only when it is the whole filter;
// conditions joined by AND or OR are each in parentheses, and groups may
// nest. AND, OR, In, NotIn and Like ignore case; a word operator is followed
// by white space. Examples from the vendor's documentation:
//
//	(DepartmentId.ExternalId In DE001;DE002) AND (ModifiedOn > 2022-01-01)
//	(DepartmentId.Name = My Department 1) OR (DepartmentId.ExternalId In DE001;DE002)
//	ExternalId In S100;S101;S120;100
//	Id = 100
//
// Filter.String and Expr.String print canonical source: operators as
// =, <>, >, >=, <, <=, In, NotIn, Like; AND and OR in upper case; list items
// joined by ";"; each condition of a group in parentheses, an OR group inside
// an AND in parentheses, a lone condition bare; after CompileFilter, field
// names as the schema spells them. Canonical source parses back to itself.
//
// # Comparison rules
//
//   - Text compares case-insensitively (lower-cased code points), like SQL
//     Server's default CI collation; so do =, <>, In, NotIn, the ordering
//     operators and Orders.
//   - Numbers use JSON syntax and compare numerically; integers exactly.
//   - Booleans are true, false, 1 or 0 (any case); only =, <>, In and NotIn
//     apply.
//   - Date-times are YYYY-MM-DD, RFC 3339 (2022-01-01T10:00:00+02:00), or
//     YYYY-MM-DDThh:mm:ss without a zone, taken as UTC. A date alone means
//     00:00:00 UTC of that day and is compared with the full stored instant,
//     as SQL Server converts a date literal for a datetime column: so
//     ModifiedOn > 2022-01-01 includes 2022-01-01T00:00:01Z, and
//     ModifiedOn = 2022-01-01 matches only midnight.
//   - Like applies to text only: "%" matches any run of characters, "_"
//     exactly one, everything else itself, ignoring case; the whole value
//     must match (no implicit "contains").
//   - A stored value that is missing, null, an object or array, or not
//     parsable as the field's type is SQL NULL: it satisfies no condition,
//     not even <> or NotIn, and sorts first ascending, last descending.
//
// # Orders and Fields
//
// Orders is a comma-separated list of field [ASC|DESC]; names and
// directions ignore case, the direction defaults to ASC, and a field may
// appear once (SQL Server rejects repeats too). Fields is a comma-separated
// list of top-level columns (a field without a dot, or the first segment of
// a dotted field); "" or "*" means all, repeats are dropped.
//
// # Errors
//
// Every error is a *SyntaxError (grammar) or a *FieldError (schema, types),
// and reads "<Param>: offset <n>: <message>", where n is the 0-based byte
// offset in the parameter value, e.g.
//
//	Filters: offset 17: unknown operator "=="; operators are =, <>, >, >=, <, <=, In, NotIn, Like
//	Filters: offset 1: unknown field "Foo"; fields are Id, Username, ...
//	Orders: offset 5: unknown direction "DOWN"; use ASC or DESC
//
// # Deviations and choices
//
// The vendor leaves these open (reference "gap" items); this is what the
// fake does:
//
//   - No escaping exists: a value cannot contain ")" anywhere (not even in
//     a bare condition), an In/NotIn item cannot contain its separator, and
//     values cannot start or end with white space.
//   - In/NotIn separator: if the value contains ";", only ";" separates
//     (so text items may hold commas); otherwise "," separates. Empty items
//     and empty lists are errors.
//   - An empty value (Name = ) is an error; there is no way to test for an
//     empty string or for NULL.
//   - Parentheses may nest up to 32 deep; the vendor shows one level only.
//   - AND binds tighter than OR, as in SQL; the vendor does not say.
//   - There is no NOT operator, no quoting, and no IS NULL.
//   - Keywords, operators, field names and ASC/DESC ignore case; the
//     vendor's examples use one spelling only.
//   - A bare condition followed by AND or OR is an error, but the value of
//     a bare condition runs to the end of input, so "Id = 1 AND Name = x"
//     compares Id with the text "1 AND Name = x".
//   - Like knows only % and _; SQL Server's [abc] classes and ESCAPE are
//     not supported ("[" is an ordinary character). Like on a number,
//     boolean or date field is an error, though SQL Server would convert.
//   - The ordering operators on booleans are errors; SQL Server would
//     compare bits.
//   - SQL Server ignores trailing spaces when comparing text; this package
//     does not (values are trimmed, stored text is not).
//   - Text collation is lower-cased code-point order, not SQL Server's
//     linguistic collation: "a" < "B" < "c" holds, accents are not ignored.
//   - Orders gives no default order; the caller decides the order of an
//     unsorted list. Ties keep the caller's order (Sort is stable).
//   - Fields names top-level columns only; a dotted name is unknown.
package agilenow
