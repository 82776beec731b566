package agilenow

import "fmt"

// The query parameter names that prefix every error message, so that a
// server can put Error() verbatim into the vendor's Errors[] list.
const (
	paramFilters = "Filters"
	paramOrders  = "Orders"
	paramFields  = "Fields"
)

// SyntaxError reports input that does not follow the grammar of a query
// parameter. Its message reads
//
//	Filters: offset 17: unknown operator "=="; operators are =, <>, >, >=, <, <=, In, NotIn, Like
type SyntaxError struct {
	Param  string // the query parameter: "Filters", "Orders" or "Fields"
	Input  string // the whole parameter value
	Offset int    // 0-based byte offset of the problem in Input
	Msg    string // what is wrong, without the prefix
}

// Error returns the message prefixed with the parameter name and offset.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s: offset %d: %s", e.Param, e.Offset, e.Msg)
}

// FieldError reports a well-formed query that does not fit the schema: an
// unknown field, an operator the field's type does not support, or a value
// that is not of the field's type. Its message reads
//
//	Filters: offset 1: unknown field "Foo"; fields are Id, Username, ...
type FieldError struct {
	Param  string // the query parameter: "Filters", "Orders" or "Fields"
	Input  string // the whole parameter value
	Offset int    // 0-based byte offset of the offending name or value in Input
	Field  string // the field as the client wrote it
	Msg    string // what is wrong, without the prefix
}

// Error returns the message prefixed with the parameter name and offset.
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s: offset %d: %s", e.Param, e.Offset, e.Msg)
}

// unknownField builds the error for a name the schema does not hold.
func (s *Schema) unknownField(param, input string, off int, name string) *FieldError {
	return &FieldError{
		Param: param, Input: input, Offset: off, Field: name,
		Msg: fmt.Sprintf("unknown field %q; fields are %s", name, s.names),
	}
}
