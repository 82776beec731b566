package filter

import (
	"math"
	"time"
)

// FieldValue is one field's value for Schema.RecordOf: what a document holds at
// the field's path, already typed. The zero FieldValue is null (or missing).
type FieldValue struct {
	kind valueKind
	s    string
	f    float64
	t    time.Time
	ss   []string
}

type valueKind uint8

const (
	valNull valueKind = iota
	valString
	valNumber
	valBool
	valTime
	valStrings
)

// NullValue is a missing or null value.
func NullValue() FieldValue { return FieldValue{} }

// StringValue is a string value.
func StringValue(s string) FieldValue { return FieldValue{kind: valString, s: s} }

// NumberValue is a number value.
func NumberValue(f float64) FieldValue { return FieldValue{kind: valNumber, f: f} }

// BoolValue is a boolean value.
func BoolValue(b bool) FieldValue {
	if b {
		return FieldValue{kind: valBool, f: 1}
	}
	return FieldValue{kind: valBool}
}

// TimeValue is a date-time value. A document renders times at some precision
// (ISC: milliseconds); give t at that precision, for RecordOf to agree
// with Record of the rendered document.
func TimeValue(t time.Time) FieldValue { return FieldValue{kind: valTime, t: t} }

// StringsValue is an array of strings.
func StringsValue(ss []string) FieldValue { return FieldValue{kind: valStrings, ss: ss} }

// RecordOf builds the Record that Record would extract from a document
// holding vals, one per field of the schema in schema order (Fields'
// order): the same answers from MatchRecord and SortRecords, without
// writing and reading the document. A value not of its field's type is
// what a document holding a value of another JSON type gives. RecordOf
// panics if len(vals) is not the number of fields.
func (s *Schema) RecordOf(vals []FieldValue) *Record {
	if len(vals) != len(s.fields) {
		panic("filter: RecordOf: one value per schema field")
	}
	size := 0
	for _, v := range vals {
		size += len(v.s)
		for _, e := range v.ss {
			size += len(e)
		}
	}
	r := &Record{schema: s, vals: make([]recValue, len(s.fields))}
	a := arena{buf: make([]byte, 0, size)}
	for i := range s.fields {
		f := &s.fields[i]
		v := vals[i]
		switch {
		case v.kind == valNull:
			r.vals[i] = recValue{kind: recNull}
		case f.Array && v.kind == valStrings:
			start := len(r.elems)
			for _, e := range v.ss {
				if f.Type == TypeString {
					r.elems = append(r.elems, r.str(e, &a))
				}
			}
			r.vals[i] = recValue{kind: recArray, x: int64(start), n: int32(len(r.elems) - start)}
		default:
			r.vals[i] = r.typed(f.Type, v, &a)
		}
	}
	return r
}

// str is the recValue of string s, as convert makes it.
func (r *Record) str(s string, a *arena) recValue {
	raw := a.add(s)
	folded := foldString(raw)
	r.raws = append(r.raws, raw)
	return recValue{kind: recOK, plain: raw == folded, n: int32(len(r.raws) - 1), x: int64(prefix8(folded)), s: folded}
}

// typed converts v to a field of type typ, as convert does for a JSON
// value of v's kind.
func (r *Record) typed(typ Type, v FieldValue, a *arena) recValue {
	switch {
	case typ == TypeString && v.kind == valString:
		return r.str(v.s, a)
	case typ == TypeNumber && v.kind == valNumber:
		return recValue{kind: recOK, x: int64(math.Float64bits(v.f))}
	case typ == TypeBool && v.kind == valBool:
		return recValue{kind: recOK, x: int64(v.f)}
	case typ == TypeDateTime && v.kind == valTime:
		return recValue{kind: recOK, x: v.t.Unix(), n: int32(v.t.Nanosecond())}
	case typ == TypeDateTime && v.kind == valString:
		if t, err := time.Parse(time.RFC3339Nano, v.s); err == nil {
			return recValue{kind: recOK, x: t.Unix(), n: int32(t.Nanosecond())}
		}
	}
	return recValue{kind: recBad}
}

// Equal reports whether r and o hold the same values of the same schema,
// strings as read included: MatchRecord and SortRecords treat them alike.
func (r *Record) Equal(o *Record) bool {
	if r == nil || o == nil {
		return r == o
	}
	if r.schema != o.schema || len(r.vals) != len(o.vals) {
		return false
	}
	for i := range r.vals {
		if !r.valueEqual(r.schema.fields[i].Type, r.vals[i], o, o.vals[i]) {
			return false
		}
	}
	return true
}

func (r *Record) valueEqual(typ Type, a recValue, o *Record, b recValue) bool {
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case recArray:
		if a.n != b.n {
			return false
		}
		for j := range int(a.n) {
			if !r.valueEqual(typ, r.elems[int(a.x)+j], o, o.elems[int(b.x)+j]) {
				return false
			}
		}
	case recOK:
		if a.x != b.x || a.s != b.s || a.plain != b.plain {
			return false
		}
		if typ == TypeString {
			return r.raws[a.n] == o.raws[b.n]
		}
		return a.n == b.n
	}
	return true
}
