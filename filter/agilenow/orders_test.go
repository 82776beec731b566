package agilenow

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseOrders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"  ", ""},
		{"Name DESC, CreatedOn ASC", "Name DESC, CreatedOn ASC"},
		{"Name ASC", "Name ASC"},
		{"Id", "Id ASC"},
		{"id desc", "Id DESC"},
		{" tenantid.id  Desc ,  modifiedon ", "TenantId.Id DESC, ModifiedOn ASC"},
		{"Name\tDESC,Id", "Name DESC, Id ASC"},
	}
	for _, tt := range tests {
		got, err := ParseOrders(tt.in, testSchema)
		if err != nil {
			t.Errorf("ParseOrders(%q): %v", tt.in, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("ParseOrders(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.in == "" && got != nil {
			t.Errorf("ParseOrders(%q) = %#v, want nil", tt.in, got)
		}
	}
}

func TestParseOrdersFields(t *testing.T) {
	t.Parallel()
	got, err := ParseOrders("languageid DESC, TenantId.Id", testSchema)
	if err != nil {
		t.Fatal(err)
	}
	want := Orders{
		{Field: "LanguageId", Desc: true, Type: TypeString, Path: []string{"LanguageId", "Id"}},
		{Field: "TenantId.Id", Type: TypeNumber, Path: []string{"TenantId", "Id"}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ParseOrders mismatch (-want +got):\n%s", d)
	}
}

func TestParseOrdersErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		offset int
		msg    string
		field  bool
	}{
		{"Foo", 0, `unknown field "Foo"; fields are ` + testSchema.names, true},
		{"Name DESC, Foo ASC", 11, `unknown field "Foo"; fields are ` + testSchema.names, true},
		{"Name DOWN", 5, `unknown direction "DOWN"; use ASC or DESC`, false},
		{"Name DESC x", 10, `unexpected "x"; an item is a field name optionally followed by ASC or DESC`, false},
		{"Name,,Id", 5, `empty item (items are separated by ",")`, false},
		{"Name, ", 6, `empty item (items are separated by ",")`, false},
		{",Name", 0, `empty item (items are separated by ",")`, false},
		{"Name-1", 0, `malformed field name "Name-1"`, false},
		{"Name ASC, name DESC", 10, `field Name appears more than once`, true},
		{"Id, Name ASC, name DESC", 14, `field Name appears more than once`, true},
	}
	for _, tt := range tests {
		_, err := ParseOrders(tt.in, testSchema)
		var se *SyntaxError
		var fe *FieldError
		switch {
		case tt.field && errors.As(err, &fe):
			if fe.Param != "Orders" || fe.Offset != tt.offset || fe.Msg != tt.msg || fe.Input != tt.in {
				t.Errorf("ParseOrders(%q) = %#v, want offset %d msg %q", tt.in, fe, tt.offset, tt.msg)
			}
		case !tt.field && errors.As(err, &se):
			want := &SyntaxError{Param: "Orders", Input: tt.in, Offset: tt.offset, Msg: tt.msg}
			if d := cmp.Diff(want, se); d != "" {
				t.Errorf("ParseOrders(%q) mismatch (-want +got):\n%s", tt.in, d)
			}
		default:
			t.Errorf("ParseOrders(%q) error = %#v, want field error %v", tt.in, err, tt.field)
		}
	}
}

func TestOrdersErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := ParseOrders("Name DOWN", testSchema)
	if want := `Orders: offset 5: unknown direction "DOWN"; use ASC or DESC`; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestSort(t *testing.T) {
	t.Parallel()
	docs := loadAccounts(t)
	tests := []struct {
		orders string
		want   []string
	}{
		{"", []string{"100", "101", "120", "7", "8"}},
		{"Id ASC", []string{"100", "101", "120", "7", "8"}},
		{"Id DESC", []string{"8", "7", "120", "101", "100"}},
		{"Name", []string{"100", "101", "120", "7", "8"}}, // alice bob Carol Dave Émile: case-insensitive
		{"Name DESC", []string{"8", "7", "120", "101", "100"}},
		{"TenantId.Id", []string{"120", "100", "101", "8", "7"}}, // 7, 15, 15, 2^53, 2^53+1: stable ties
		{"TenantId.Id DESC, Name DESC", []string{"7", "8", "101", "100", "120"}},
		{"Is_Active DESC, Id", []string{"100", "120", "7", "101", "8"}},
		{"EmailVerified", []string{"8", "101", "120", "100", "7"}},          // missing first
		{"EmailVerified DESC", []string{"100", "7", "101", "120", "8"}},     // missing last
		{"ModifiedOn", []string{"8", "120", "101", "7", "100"}},             // unparsable first
		{"CreatedOn DESC", []string{"8", "101", "100", "120", "7"}},         // zone-aware
		{"Phone", []string{"101", "120", "7", "8", "100"}},                  // null and missing tie: stable
		{"DepartmentId.Name DESC", []string{"120", "101", "100", "7", "8"}}, // Sales > My Department 2 > 1
		{"LanguageId", []string{"8", "7", "101", "100", "120"}},             // de-DE en-US fi-FI sv-se
	}
	for _, tt := range tests {
		by, err := ParseOrders(tt.orders, testSchema)
		if err != nil {
			t.Fatalf("ParseOrders(%q): %v", tt.orders, err)
		}
		got := append([][]byte(nil), docs...)
		Sort(got, by, func(d []byte) []byte { return d })
		if d := cmp.Diff(tt.want, ids(got)); d != "" {
			t.Errorf("Sort(%q) mismatch (-want +got):\n%s", tt.orders, d)
		}
	}
}

func TestSortHandBuiltOrder(t *testing.T) {
	t.Parallel()
	type item struct {
		n   int
		doc string
	}
	items := []item{{1, `{"a":{"b":"y"}}`}, {2, `{"a":{"b":"X"}}`}, {3, `{}`}}
	Sort(items, Orders{{Field: "a.b"}}, func(it item) []byte { return []byte(it.doc) })
	var got []int
	for _, it := range items {
		got = append(got, it.n)
	}
	if d := cmp.Diff([]int{3, 2, 1}, got); d != "" {
		t.Errorf("Sort mismatch (-want +got):\n%s", d)
	}
}

func TestSortReadsEachDocumentOnce(t *testing.T) {
	t.Parallel()
	docs := loadAccounts(t)
	by, err := ParseOrders("Name, Id DESC", testSchema)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	Sort(docs, by, func(d []byte) []byte { calls++; return d })
	if calls != len(docs) {
		t.Errorf("doc called %d times, want %d", calls, len(docs))
	}
}
