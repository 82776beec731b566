package agilenow

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"*", nil},
		{" * ", nil},
		{"Id, Username", []string{"Id", "Username"}},
		{"username,ID", []string{"Username", "Id"}},
		{"TenantId, languageid, DepartmentId", []string{"TenantId", "LanguageId", "DepartmentId"}},
		{"Id, id, ID", []string{"Id"}},
		{" Is_Active ,ModifiedOn", []string{"Is_Active", "ModifiedOn"}},
	}
	for _, tt := range tests {
		got, err := ParseFields(tt.in, testSchema)
		if err != nil {
			t.Errorf("ParseFields(%q): %v", tt.in, err)
			continue
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("ParseFields(%q) mismatch (-want +got):\n%s", tt.in, d)
		}
	}
}

func TestParseFieldsErrors(t *testing.T) {
	t.Parallel()
	cols := "Id, TenantId, Name, FirstName, Phone, Email, EmailVerified, LanguageId, Username, ExternalId, DepartmentId, Is_Active, ModifiedOn, CreatedOn"
	tests := []struct {
		in     string
		offset int
		msg    string
		field  string // set for a *FieldError
	}{
		{"Id, Foo", 4, `unknown column "Foo"; columns are ` + cols, "Foo"},
		{"TenantId.Id", 0, `unknown column "TenantId.Id"; columns are ` + cols, "TenantId.Id"},
		{"Id,,Name", 3, `empty item (items are separated by ",")`, ""},
		{"Id, ", 4, `empty item (items are separated by ",")`, ""},
		{"Id, *", 4, `"*" must stand alone`, ""},
		{"Id, User name", 4, `malformed column name "User name"`, ""},
	}
	for _, tt := range tests {
		_, err := ParseFields(tt.in, testSchema)
		var got error
		if tt.field != "" {
			var fe *FieldError
			if errors.As(err, &fe) {
				got = fe
			}
			want := &FieldError{Param: "Fields", Input: tt.in, Offset: tt.offset, Field: tt.field, Msg: tt.msg}
			if d := cmp.Diff(error(want), got); d != "" {
				t.Errorf("ParseFields(%q) mismatch (-want +got):\n%s", tt.in, d)
			}
			continue
		}
		var se *SyntaxError
		if errors.As(err, &se) {
			got = se
		}
		want := &SyntaxError{Param: "Fields", Input: tt.in, Offset: tt.offset, Msg: tt.msg}
		if d := cmp.Diff(error(want), got); d != "" {
			t.Errorf("ParseFields(%q) mismatch (-want +got):\n%s", tt.in, d)
		}
	}
}
