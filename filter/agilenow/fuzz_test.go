package agilenow

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzDoc is matched against every filter the fuzzer compiles.
const fuzzDoc = `{"Id":"100","TenantId":{"Id":15},"Name":"Alice","Username":"alice","Is_Active":true,
"ModifiedOn":"2022-03-01T10:00:00Z","LanguageId":{"Id":"fi-FI"},"DepartmentId":{"Name":"My Department 1"}}`

// checkOffset fails unless err is one of the package's positioned errors
// with an offset inside input.
func checkOffset(t *testing.T, input string, err error) {
	t.Helper()
	var se *SyntaxError
	var fe *FieldError
	off := -1
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &fe):
		off = fe.Offset
	default:
		t.Fatalf("%q: error %T %v is not positioned", input, err, err)
	}
	if off < 0 || off > len(input) {
		t.Fatalf("%q: offset %d outside the input (len %d): %v", input, off, len(input), err)
	}
}

func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"",
		"Id = 100",
		"ExternalId In S100;S101;S120;100",
		"DepartmentId.Name = My Department 1",
		"(DepartmentId.ExternalId In DE001;DE002) AND (ModifiedOn > 2022-01-01)",
		"(DepartmentId.Name = My Department 1) OR (DepartmentId.ExternalId In DE001;DE002)",
		"(a=1) and ((b<>2) or (c Like %x_)) OR (d NotIn 1, 2)",
		"((((Is_Active = true))))",
		"(TenantId.Id >= 1.5e3) AND (ModifiedOn <= 2022-01-01T10:00:00+02:00)",
		"Id == 1",
		"(Id = 1",
		"Name In a;;b",
		"\xff(",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseFilter(s)
		if err != nil {
			checkOffset(t, s, err)
			return
		}
		if e == nil {
			if strings.TrimFunc(s, isSpace) != "" {
				t.Fatalf("%q: nil Expr for non-blank input", s)
			}
			return
		}
		canon := e.String()
		again, err := ParseFilter(canon)
		if err != nil {
			t.Fatalf("%q: canonical %q does not parse: %v", s, canon, err)
		}
		if again.String() != canon {
			t.Fatalf("%q: canonical %q reprints as %q", s, canon, again.String())
		}
		flt, err := CompileFilter(s, testSchema)
		if err != nil {
			checkOffset(t, s, err)
			return
		}
		flt.Match([]byte(fuzzDoc))
		if g, err := CompileFilter(flt.String(), testSchema); err != nil || g.String() != flt.String() {
			t.Fatalf("%q: compiled canonical %q does not round-trip: %v", s, flt.String(), err)
		}
	})
}

func FuzzParseOrders(f *testing.F) {
	for _, s := range []string{"", "Name DESC, CreatedOn ASC", "id", "Id desc,Name", "Name DOWN", "Id,,Name", "Name ASC, name"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		by, err := ParseOrders(s, testSchema)
		if err != nil {
			checkOffset(t, s, err)
			return
		}
		again, err := ParseOrders(by.String(), testSchema)
		if err != nil || again.String() != by.String() {
			t.Fatalf("%q: canonical %q does not round-trip: %v, %v", s, by.String(), again, err)
		}
		docs := [][]byte{[]byte(fuzzDoc), []byte(`{}`), []byte(`{"Name":"bob","Is_Active":"x"}`)}
		Sort(docs, by, func(d []byte) []byte { return d })
	})
}

func FuzzParseFields(f *testing.F) {
	for _, s := range []string{"", "*", "Id, Username", "id,ID", "Id,,", "TenantId.Id", "Id, *"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cols, err := ParseFields(s, testSchema)
		if err != nil {
			checkOffset(t, s, err)
			return
		}
		again, err := ParseFields(strings.Join(cols, ","), testSchema)
		if err != nil || strings.Join(again, ",") != strings.Join(cols, ",") {
			t.Fatalf("%q: %v does not round-trip: %v, %v", s, cols, again, err)
		}
	})
}

// FuzzLike checks the Like matcher against a regular expression built from
// the same pattern, for ASCII input (where case folding agrees).
func FuzzLike(f *testing.F) {
	f.Add("a%b_c", "AxxbYc")
	f.Add("%%_", "")
	f.Add("%ab%ab%", "xaabxab")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if !isASCII(pattern) || !isASCII(s) {
			return
		}
		var re strings.Builder
		re.WriteString(`(?is)^`)
		for _, r := range pattern {
			switch r {
			case '%':
				re.WriteString(`.*`)
			case '_':
				re.WriteString(`.`)
			default:
				re.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		re.WriteString(`$`)
		want := regexp.MustCompile(re.String()).MatchString(s)
		if got := compileLike(pattern).match(s); got != want {
			t.Fatalf("%q Like %q = %v, regexp says %v", s, pattern, got, want)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
