package agilenow

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/tidwall/gjson"
)

// Type is the value type of a schema field. It decides how filter values are
// parsed and how stored values compare and sort.
type Type uint8

// The field types. The zero Type is invalid in a schema.
const (
	TypeString   Type = iota + 1 // text, compared case-insensitively
	TypeNumber                   // JSON number (or a string holding one), compared numerically
	TypeBool                     // JSON true/false
	TypeDateTime                 // RFC 3339 text, compared as an instant
)

// String returns the lower-case name of t, as used in error messages.
func (t Type) String() string {
	switch t {
	case TypeString:
		return "text"
	case TypeNumber:
		return "number"
	case TypeBool:
		return "boolean"
	case TypeDateTime:
		return "date-time"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Field describes one field that Filters, Orders and Fields may name.
type Field struct {
	// Name is the field as clients write it, e.g. "Username", "LanguageId.Id"
	// or "ModifiedOn". Segments are separated by dots.
	Name string
	// Path is the list of JSON keys leading to the value in a stored document.
	// Nil means strings.Split(Name, "."). It lets a column such as
	// "LanguageId" compare the foreign key's "Id" member.
	Path []string
	// Type is the value type of the field.
	Type Type
}

// Schema is an immutable set of fields, looked up case-insensitively. It is
// safe for concurrent use.
type Schema struct {
	fields []Field
	paths  []string       // gjson path of fields[i]
	index  map[string]int // lower-case name → position in fields
	names  string         // "Id, Username, ..." for error messages
	cols   columnSet      // top-level columns, for Fields
}

// NewSchema returns a schema holding fields, in that order. It fails when a
// name is empty or malformed, when two names differ only in case, when a
// path has an empty key, or when a type is not one of the Type constants.
func NewSchema(fields ...Field) (*Schema, error) {
	s := &Schema{
		fields: make([]Field, len(fields)),
		paths:  make([]string, len(fields)),
		index:  make(map[string]int, len(fields)),
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		if !validFieldName(f.Name) {
			return nil, fmt.Errorf("agilenow: field %d: malformed name %q", i, f.Name)
		}
		if f.Type < TypeString || f.Type > TypeDateTime {
			return nil, fmt.Errorf("agilenow: field %s: invalid type %d", f.Name, f.Type)
		}
		key := strings.ToLower(f.Name)
		if j, dup := s.index[key]; dup {
			return nil, fmt.Errorf("agilenow: field %s: duplicate of %s", f.Name, fields[j].Name)
		}
		path := f.Path
		if path == nil {
			path = strings.Split(f.Name, ".")
		}
		if len(path) == 0 {
			return nil, fmt.Errorf("agilenow: field %s: empty path", f.Name)
		}
		esc := make([]string, len(path))
		for k, p := range path {
			if p == "" {
				return nil, fmt.Errorf("agilenow: field %s: empty key in path", f.Name)
			}
			esc[k] = gjson.Escape(p)
		}
		f.Path = append([]string(nil), path...)
		s.fields[i] = f
		s.paths[i] = strings.Join(esc, ".")
		s.index[key] = i
		names[i] = f.Name
	}
	s.names = strings.Join(names, ", ")
	s.cols = newColumnSet(s.fields)
	return s, nil
}

// MustSchema is like NewSchema but panics on error. It is meant for
// package-level tables whose contents are fixed at compile time.
func MustSchema(fields ...Field) *Schema {
	s, err := NewSchema(fields...)
	if err != nil {
		panic(err)
	}
	return s
}

// Lookup returns the field whose name equals name, ignoring case, and
// whether there is one. The returned Field has its Path filled in.
func (s *Schema) Lookup(name string) (Field, bool) {
	i, ok := s.lookup(name)
	if !ok {
		return Field{}, false
	}
	f := s.fields[i]
	f.Path = append([]string(nil), f.Path...)
	return f, true
}

// Fields returns a copy of the schema's fields, in schema order.
func (s *Schema) Fields() []Field {
	out := make([]Field, len(s.fields))
	for i, f := range s.fields {
		f.Path = append([]string(nil), f.Path...)
		out[i] = f
	}
	return out
}

func (s *Schema) lookup(name string) (int, bool) {
	i, ok := s.index[strings.ToLower(name)]
	return i, ok
}

// validFieldName reports whether name is one or more dot-separated
// segments of letters, digits and underscores.
func validFieldName(name string) bool {
	if name == "" {
		return false
	}
	for seg := range strings.SplitSeq(name, ".") {
		if seg == "" {
			return false
		}
		for _, r := range seg {
			if !isFieldRune(r) {
				return false
			}
		}
	}
	return true
}

// isFieldRune reports whether r may appear in a field name segment.
func isFieldRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
