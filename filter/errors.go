package filter

import "fmt"

// SyntaxError reports a filter that does not follow the grammar. Offset is
// the byte offset into Input where the problem was found.
type SyntaxError struct {
	Input  string
	Offset int
	Msg    string
}

// Error returns "filter: offset N: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("filter: offset %d: %s", e.Offset, e.Msg)
}

// FieldError reports a filter that is well-formed but not allowed by the
// schema: an unknown or unfilterable field, an operator the field does not
// support, or a value of the wrong type. Offset is the byte offset into
// Input of the offending field, operator or value.
type FieldError struct {
	Input  string
	Offset int
	Field  string
	Op     Op // the operator involved, or 0 when the field itself is refused
	Msg    string
}

// Error returns "filter: offset N: msg".
func (e *FieldError) Error() string {
	return fmt.Sprintf("filter: offset %d: %s", e.Offset, e.Msg)
}

// SorterError reports a sorters parameter that cannot be used: an empty
// segment, an unknown or unsortable field, or a repeated field. Offset is
// the byte offset into Input of the offending segment.
type SorterError struct {
	Input  string
	Offset int
	Field  string // the offending field as written, "" for an empty segment
	Msg    string
}

// Error returns "sorters: offset N: msg".
func (e *SorterError) Error() string {
	return fmt.Sprintf("sorters: offset %d: %s", e.Offset, e.Msg)
}
