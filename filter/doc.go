// Package filter parses, checks and evaluates the filters and sorters of
// SailPoint Identity Security Cloud (ISC) V3 list endpoints, the
// "standard collection parameters" of SailPoint's API documentation.
//
// # Quick start
//
//	var accounts = filter.MustSchema("accounts",
//		filter.Field{Name: "name", Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn, filter.OpSw}, Sortable: true},
//		filter.Field{Name: "created", Type: filter.TypeDateTime, Ops: []filter.Op{filter.OpGt, filter.OpLt}, Sortable: true},
//	)
//
//	f, err := filter.Compile(`name sw "a" and created gt 2024-01-01T00:00:00Z`, accounts)
//	if err != nil { /* 400 Bad Request: err.Error() tells the user what and where */ }
//	ok := f.Match([]byte(`{"name":"Alice","created":"2024-05-01T10:00:00Z"}`)) // true
//
//	by, err := filter.ParseSorters("-created,name", accounts)
//	filter.Sort(items, by, func(it Item) []byte { return it.JSON })
//
// Parse checks syntax only and returns an Expr whose String is canonical
// source. Compile parses and checks a filter against a Schema once;
// Filter.Match then evaluates it against JSON documents with gjson, along
// paths built from the schema with gjson.Escape, never from user text.
//
// A store that filters and sorts the same documents many times extracts
// each one's Record once (Schema.Record: strings kept as read and
// case-folded, numbers and date-times parsed) and then uses
// Filter.MatchRecord and SortRecords (or Select, which does both in one
// pass), which give exactly the answers of Match and Sort on the
// documents without scanning JSON or folding strings again. A Record serves filters and sorters of its own Schema
// only: MatchRecord is false for a Record of another Schema, and
// SortRecords sees such values, and those of hand-written Sorters, as
// missing.
//
// # Grammar
//
// In EBNF (ISO 14977 style; white space is space, tab, CR or LF and may
// separate any two tokens):
//
//	filter     = orExpr .
//	orExpr     = andExpr { "or" andExpr } .
//	andExpr    = unary { "and" unary } .
//	unary      = "not" unary | primary .
//	primary    = "(" orExpr ")" | "pr" field | comparison .
//	comparison = field ( cmpOp value | listOp list | "isnull" | "pr" ) .
//	cmpOp      = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "co" | "sw" .
//	listOp     = "in" | "ca" .
//	list       = "(" value { "," value } ")" .
//	value      = string | number | "true" | "false" | datetime .
//	field      = ident { "." ident } .
//	ident      = letter { letter | digit } .            (* not a keyword *)
//	letter     = "A" … "Z" | "a" … "z" | "_" .
//	string     = `"` { char | `\"` | `\\` } `"` .       (* any other \ is an error *)
//	number     = [ "-" ] digits [ "." digits ] .
//	datetime   = (* RFC 3339, e.g. 2018-12-18T23:05:55Z, 2018-12-18T23:05:55.123+02:00 *) .
//
// Precedence is not > and > or, so SailPoint's example
// `not a eq 1 or b eq 2 and c eq 3` means `(not (a eq 1)) or ((b eq 2) and (c eq 3))`.
// Keywords and operators are lowercase only: `name EQ "x"` is a syntax
// error. `pr` may be written before the field (as ISC documents it) or
// after it; String prints it before. Filters longer than MaxLength bytes or
// nested deeper than MaxDepth parentheses and "not"s are refused.
//
// The canonical form printed by String puts single spaces between tokens,
// writes lists as ("a","b"), drops redundant parentheses (including those
// around an "and" inside an "and", or an "or" inside an "or"), and keeps
// number and date-time literals as written.
//
// # Semantics
//
//   - Strings compare case-insensitively (simple Unicode lowercase folding),
//     for eq, ne, in, ca, sw, co and ordering alike; ordering is by folded
//     code points. co and sw need string fields.
//   - Numbers compare numerically as float64 (1 eq 1.0). Booleans accept only
//     the literals true and false and support eq, ne, in.
//   - Date-times compare temporally (offsets are honoured). A DateTime
//     field accepts an unquoted RFC 3339 literal and also a double-quoted
//     one ("2018-12-18T23:05:55Z"); document values must be RFC 3339 strings.
//   - in is true when the value equals any listed value, by the field's type
//     (so date-times and numbers compare by value, not by spelling).
//   - A missing or null field never satisfies eq, gt, ge, lt, le, co, sw, in
//     or ca. ne is exactly "not eq": it is true on a missing or null field.
//     isnull is true for a missing or null field; pr is its opposite. A
//     document value of the wrong JSON type (a number in a string field,
//     a malformed timestamp) is treated like a value that equals nothing: it
//     fails every operator except ne, and it is not null.
//   - Array fields: eq, sw, co, in and the ordering operators are true when
//     any element satisfies them; ne is true when no element equals the
//     value; ca is true when every listed value equals some element. An
//     empty array is present (not null) and satisfies nothing but ne and pr.
//     A scalar where an array is declared is treated as a one-element array.
//
// # Sorting
//
// Sorters are comma-separated field names, "-" prefixed for descending.
// Sort is stable and multi-key. Missing, null and wrongly typed values
// sort first in ascending order and last in descending order. Strings
// sort case-insensitively by folded code points; items equal under every
// key but differing in the case of a string are finally ordered by the
// string's bytes, so the order never depends on input order except for
// exact ties, which keep it. Array fields cannot be sortable.
//
// # Deviations from ISC
//
//   - ISC does not document what a missing field does under ne or the
//     ordering operators, nor how nulls sort; the choices above are ours.
//   - There is no null literal (ISC documents none): `x eq null` is an error
//     that points to isnull and pr.
//   - Date-only values (2018-12-18) and bare years (SailPoint's own prose
//     example `startDate gt 2018`) are not date-times here: 2018 is a number
//     and is refused for a DateTime field.
//   - Number literals are integers or decimals; exponents (1e5) are refused.
//     Numbers are float64, so integers beyond 2^53 lose precision.
//   - pr and isnull are allowed only where the schema lists them; ISC's
//     per-endpoint tables list isnull for few fields and pr for none.
//   - Error texts are ours: ISC's exact 400 messages for bad filters are not
//     documented. Every error names an offset; field errors list what the
//     schema allows.
//   - Case folding is simple per-rune lowercasing, not full Unicode case
//     folding (ß does not equal SS); ISC only says "most comparisons are
//     not case sensitive".
//   - URL decoding is the caller's job: '#', '%' and '&' must arrive here
//     already decoded, and inside strings they are ordinary characters.
//   - White space around sorter names is ignored.
package filter
