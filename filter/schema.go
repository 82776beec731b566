package filter

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// Type is the value type of a field.
type Type uint8

// The value types of fields.
const (
	TypeString   Type = iota + 1 // JSON string, compared case-insensitively
	TypeBool                     // JSON true or false
	TypeNumber                   // JSON number, compared numerically
	TypeDateTime                 // JSON string holding an RFC 3339 timestamp, compared temporally
)

// String returns the type's name, such as "string" or "date-time".
func (t Type) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeBool:
		return "boolean"
	case TypeNumber:
		return "number"
	case TypeDateTime:
		return "date-time"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Field describes one filterable and/or sortable field of a collection.
type Field struct {
	Name     string   // as written in filters and sorters, e.g. "identity.name"
	Path     []string // JSON keys from the document root; nil means strings.Split(Name, ".")
	Type     Type
	Array    bool // the JSON value is an array of Type values (ca; eq/in/sw/co match if any element matches)
	Ops      []Op // operators allowed in filters; empty means the field cannot be filtered
	Sortable bool
}

// Schema says, for one collection, which fields may be filtered with which
// operators, which may be sorted, what type each holds and where each lives
// in the JSON document. A Schema is immutable and safe for concurrent use.
type Schema struct {
	name   string
	fields []field
	byName map[string]*field
}

// field is a Field with its precomputed gjson path.
type field struct {
	Field
	path string // gjson path, each key escaped with gjson.Escape
}

// NewSchema returns a schema named name (used in error messages) holding
// fields. It reports an error for an empty or malformed field name (names
// must be dotted identifiers the filter grammar can spell), a duplicate
// name, an unknown Type or Op, a repeated Op, an operator that does not fit
// the type (co and sw need strings, ordering needs a non-boolean type, ca
// needs an array), an empty path key, or an array field marked sortable.
func NewSchema(name string, fields ...Field) (*Schema, error) {
	s := &Schema{name: name, fields: make([]field, len(fields)), byName: make(map[string]*field, len(fields))}
	for i, f := range fields {
		if err := validateField(f); err != nil {
			return nil, fmt.Errorf("filter: schema %q: field %d (%q): %v", name, i, f.Name, err)
		}
		if _, dup := s.byName[f.Name]; dup {
			return nil, fmt.Errorf("filter: schema %q: field %d: duplicate field name %q", name, i, f.Name)
		}
		f.Path = slices.Clone(f.Path)
		if f.Path == nil {
			f.Path = strings.Split(f.Name, ".")
		}
		f.Ops = slices.Clone(f.Ops)
		keys := make([]string, len(f.Path))
		for j, k := range f.Path {
			keys[j] = gjson.Escape(k)
		}
		s.fields[i] = field{Field: f, path: strings.Join(keys, ".")}
		s.byName[f.Name] = &s.fields[i]
	}
	return s, nil
}

// MustSchema is like NewSchema but panics on error. It is meant for
// package-level schema tables, whose errors are programming mistakes.
func MustSchema(name string, fields ...Field) *Schema {
	s, err := NewSchema(name, fields...)
	if err != nil {
		panic(err)
	}
	return s
}

func validateField(f Field) error {
	if !isFieldName(f.Name) {
		return fmt.Errorf("name must be a dotted identifier such as \"identity.name\"")
	}
	if f.Type < TypeString || f.Type > TypeDateTime {
		return fmt.Errorf("unknown type %v", f.Type)
	}
	if f.Path != nil && len(f.Path) == 0 {
		return fmt.Errorf("path is empty; use nil to derive it from the name")
	}
	for _, k := range f.Path {
		if k == "" {
			return fmt.Errorf("path %q has an empty key", f.Path)
		}
	}
	if f.Array && f.Sortable {
		return fmt.Errorf("an array field cannot be sortable")
	}
	for j, op := range f.Ops {
		if !op.valid() {
			return fmt.Errorf("unknown operator %v", op)
		}
		if slices.Contains(f.Ops[:j], op) {
			return fmt.Errorf("operator %q listed twice", op)
		}
		switch {
		case (op == OpCo || op == OpSw) && f.Type != TypeString:
			return fmt.Errorf("operator %q needs a string field, not %v", op, f.Type)
		case isOrdering(op) && f.Type == TypeBool:
			return fmt.Errorf("operator %q cannot order booleans", op)
		case op == OpCa && !f.Array:
			return fmt.Errorf("operator \"ca\" needs an array field")
		}
	}
	return nil
}

// isFieldName reports whether name lexes as one field path, not a keyword.
func isFieldName(name string) bool {
	l := lexer{input: name}
	t := l.nextToken()
	return t.kind == tokIdent && t.val == name
}

// isOrdering reports whether op orders values.
func isOrdering(op Op) bool { return op >= OpGt && op <= OpLe }

// Name returns the name the schema was created with.
func (s *Schema) Name() string { return s.name }

// Field returns the field called name, with Path filled in, and whether it
// exists.
func (s *Schema) Field(name string) (Field, bool) {
	f, ok := s.byName[name]
	if !ok {
		return Field{}, false
	}
	out := f.Field
	out.Path = slices.Clone(f.Path)
	out.Ops = slices.Clone(f.Ops)
	return out, true
}

// Fields returns every field, in the order given to NewSchema.
func (s *Schema) Fields() []Field {
	out := make([]Field, len(s.fields))
	for i := range s.fields {
		out[i], _ = s.Field(s.fields[i].Name)
	}
	return out
}

// filterable lists the names of fields that have operators.
func (s *Schema) filterable() string {
	var names []string
	for _, f := range s.fields {
		if len(f.Ops) > 0 {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// sortable lists the names of sortable fields.
func (s *Schema) sortable() string {
	var names []string
	for _, f := range s.fields {
		if f.Sortable {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// allows reports whether field f may be filtered with op.
func (f *field) allows(op Op) bool { return slices.Contains(f.Ops, op) }

// opList returns the field's operators, sorted by keyword.
func (f *field) opList() string {
	names := make([]string, len(f.Ops))
	for i, op := range f.Ops {
		names[i] = op.String()
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
