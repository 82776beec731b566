package filter

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// Generators of adversarial documents and filters for the differential
// tests of Record against Match and Sort.

// rawStrings are JSON string tokens: mixed case, Unicode whose folding
// changes the byte length (İ, Ⱥ), escapes, invalid UTF-8, and the empty
// string.
var rawStrings = []string{
	`""`, `"a"`, `"A"`, `"alice"`, `"ALICE"`, `"Al"`, `"álvaro"`, `"ÁLVARO"`, `"Ze\u0064"`,
	`"src1"`, `"SRC1"`, `"roma"`, `"Venezia"`, `"FIRENZE"`, `"İstanbul"`, `"Ⱥb"`, "\"\xff\xfeA\"",
	`"a\"b\\c"`, `"\ud800"`, `"ldap"`, `"Active Directory"`, `"v1"`, `"V1"`, `"7"`, `"yes"`,
	`"2024-01-10T08:00:00Z"`, `"2024-01-10T10:00:00+02:00"`, `"2024-01-10T08:00:00.000000001Z"`,
	`"2023-12-31T23:59:59.999Z"`, `"2024-02-30T00:00:00Z"`, `"2024-01-10"`, `"0001-01-01T00:00:00Z"`,
	`"9999-12-31T23:59:59.999999999-23:59"`, `"a\u0000"`, `"a\u0000b"`, `"Active Directory"`,
	`"ACTIVE DIRECTORY 2"`, `"active director"`, `"Alice and Bob"`, `"alice and"`, `"ALICEANDBOB"`, `"Active DirectorX"`, `"Alice and Rob"`,
	`"abcdefg"`, `"ABCDEFH"`, `"abcdef"`, `"abcdef\u0000"`, `"Identity 00042"`, `"identity 00043"`, `"IDENTITY 000421"`,
}

// rawOthers are JSON tokens that are not strings.
var rawOthers = []string{
	`null`, `true`, `false`, `0`, `7`, `7.0`, `-1.5`, `30`, `1e400`, `-0`, `1E2`, `{}`, `{"a":1}`,
}

// randJSONValue returns a random JSON value token, sometimes an array.
func randJSONValue(r *rand.Rand, depth int) string {
	switch n := r.IntN(10); {
	case n < 5:
		return rawStrings[r.IntN(len(rawStrings))]
	case n < 8 || depth > 1:
		return rawOthers[r.IntN(len(rawOthers))]
	default:
		elems := make([]string, r.IntN(4))
		for i := range elems {
			elems[i] = randJSONValue(r, depth+1)
		}
		return "[" + strings.Join(elems, ",") + "]"
	}
}

// jsonTree is a JSON object under construction: leaves are raw tokens.
type jsonTree struct {
	keys []string
	vals map[string]any // string (raw token) or *jsonTree
}

func (t *jsonTree) set(path []string, raw string) {
	if t.vals == nil {
		t.vals = map[string]any{}
	}
	k := path[0]
	if _, ok := t.vals[k]; !ok {
		t.keys = append(t.keys, k)
	}
	if len(path) == 1 {
		t.vals[k] = raw
		return
	}
	sub, ok := t.vals[k].(*jsonTree)
	if !ok {
		sub = &jsonTree{}
		t.vals[k] = sub
	}
	sub.set(path[1:], raw)
}

func (t *jsonTree) write(b *strings.Builder) {
	b.WriteByte('{')
	for i, k := range t.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(quote(k)) // keys hold no '"' or '\' here
		b.WriteByte(':')
		switch v := t.vals[k].(type) {
		case string:
			b.WriteString(v)
		case *jsonTree:
			v.write(b)
		}
	}
	b.WriteByte('}')
}

// randDoc returns a document holding, for each field of schema, a random
// value or nothing; nested paths become nested objects.
func randDoc(r *rand.Rand, schema *Schema) []byte {
	var t jsonTree
	t.set([]string{"id"}, `"g"`)
	for _, f := range schema.fields {
		if r.IntN(6) == 0 {
			continue // missing
		}
		t.set(f.Path, randJSONValue(r, 0))
	}
	var b strings.Builder
	t.write(&b)
	return []byte(b.String())
}

// literals are filter literals by field type.
var literals = map[Type][]string{
	TypeString: {`""`, `"a"`, `"AL"`, `"álvaro"`, `"ze"`, `"src1"`, `"ROMA"`, `"venezia"`,
		`"i̇stanbul"`, `"istanbul"`, `"ⱥ"`, "\"\xff\"", `"a\"b\\c"`, `"ldap"`, `"l"`, `"v1"`, `"7"`,
		"\"a\x00\"", `"active directory"`, `"active directory 2"`, `"active dir"`, `"alice and bob"`, `"aliceand"`},
	TypeNumber:   {`7`, `7.00`, `-1.5`, `0`, `30`, `100`},
	TypeBool:     {`true`, `false`},
	TypeDateTime: {`2024-01-10T08:00:00Z`, `2024-01-10T10:00:00+02:00`, `"2024-01-10T07:00:00Z"`, `2024-01-10T08:00:00.000000001Z`, `0001-01-01T00:00:00Z`},
}

// comparisons returns every single comparison the schema allows, with
// every literal of the field's type.
func comparisons(schema *Schema) []string {
	var out []string
	for _, f := range schema.fields {
		for _, op := range f.Ops {
			switch {
			case op.isUnary():
				out = append(out, f.Name+" "+op.String())
			case op.isList():
				lits := literals[f.Type]
				for i := range lits {
					out = append(out, f.Name+" "+op.String()+" ("+lits[i]+","+lits[(i+1)%len(lits)]+")")
					out = append(out, f.Name+" "+op.String()+" ("+lits[i]+")")
				}
			default:
				for _, l := range literals[f.Type] {
					out = append(out, f.Name+" "+op.String()+" "+l)
				}
			}
		}
	}
	return out
}

// randFilter combines random comparisons with and, or and not.
func randFilter(r *rand.Rand, cmps []string, depth int) string {
	if depth > 2 || r.IntN(3) == 0 {
		return cmps[r.IntN(len(cmps))]
	}
	a, b := randFilter(r, cmps, depth+1), randFilter(r, cmps, depth+1)
	switch r.IntN(3) {
	case 0:
		return "(" + a + ") and (" + b + ")"
	case 1:
		return "(" + a + ") or (" + b + ")"
	}
	return "not (" + a + ")"
}

// sortableNames lists the schema's sortable fields.
func sortableNames(schema *Schema) []string {
	var out []string
	for _, f := range schema.fields {
		if f.Sortable {
			out = append(out, f.Name)
		}
	}
	return out
}

// randSorters returns one to three distinct random sorters.
func randSorters(r *rand.Rand, names []string) string {
	names = slices.Clone(names)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	parts := names[:1+r.IntN(3)]
	for i := range parts {
		if r.IntN(2) == 0 {
			parts[i] = "-" + parts[i]
		}
	}
	return strings.Join(parts, ",")
}
