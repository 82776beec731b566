package agilenow

import (
	"fmt"
	"slices"
	"strings"
)

// ParseFields parses a Fields value: a comma-separated list of top-level
// columns to return. A column is a schema field without a dot, or the
// first segment of a dotted schema field ("LanguageId" for
// "LanguageId.Id"), looked up ignoring case. ParseFields returns the
// canonical names in the order given, without repeats, or nil when s is
// empty, blank or "*", meaning every column. Errors are *SyntaxError or
// *FieldError with offsets into s.
func ParseFields(s string, schema *Schema) ([]string, error) {
	if len(s) > MaxFieldsLength {
		return nil, &SyntaxError{Param: paramFields, Input: s, Offset: MaxFieldsLength,
			Msg: fmt.Sprintf("the value is %d bytes long; the limit is %d", len(s), MaxFieldsLength)}
	}
	if t := strings.TrimFunc(s, isSpace); t == "" || t == "*" {
		return nil, nil
	}
	cols := schema.cols
	var out []string
	off := 0
	for item := range strings.SplitSeq(s, ",") {
		lead := len(item) - len(strings.TrimLeftFunc(item, isSpace))
		name := strings.TrimFunc(item, isSpace)
		at := off + lead
		off += len(item) + 1
		synErr := func(format string, args ...any) error {
			return &SyntaxError{Param: paramFields, Input: s, Offset: at, Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case name == "":
			return nil, synErr("empty item (items are separated by \",\")")
		case name == "*":
			return nil, synErr("\"*\" must stand alone")
		case !validFieldName(name):
			return nil, synErr("malformed column name %q", name)
		}
		canon, ok := cols.index[strings.ToLower(name)]
		if !ok {
			return nil, &FieldError{Param: paramFields, Input: s, Offset: at, Field: name,
				Msg: fmt.Sprintf("unknown column %q; columns are %s", name, strings.Join(cols.names, ", "))}
		}
		if !slices.Contains(out, canon) {
			out = append(out, canon)
		}
	}
	return out, nil
}

// columnSet holds the top-level columns of a schema.
type columnSet struct {
	names []string          // canonical, in schema order
	index map[string]string // lower case → canonical
}

// newColumnSet derives the column set from the schema's fields.
func newColumnSet(fields []Field) columnSet {
	cs := columnSet{index: make(map[string]string)}
	for _, f := range fields {
		col, _, _ := strings.Cut(f.Name, ".")
		key := strings.ToLower(col)
		if _, dup := cs.index[key]; !dup {
			cs.index[key] = col
			cs.names = append(cs.names, col)
		}
	}
	return cs
}
