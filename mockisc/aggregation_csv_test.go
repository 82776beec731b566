package mockisc

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseAccountsCSV pins the CSV rules of load-accounts: what a file
// may hold, what every row becomes, and the row and column each refusal
// names.
func TestParseAccountsCSV(t *testing.T) {
	t.Parallel()
	src := &Source{Name: "HR", NativeIdentityAttribute: "id", NameAttribute: "name"}
	type row struct {
		Row, Line    int
		Native, Name string
		Attrs        map[string]any
	}
	tests := []struct {
		name  string
		csv   string
		want  []row
		err   []string // texts the error names; nil means it parses
		empty bool     // the error is errEmptyFile
	}{
		{name: "plain", csv: "id,name,mail\n1,Ada,ada@x\n2,Alan,alan@x\n", want: []row{
			{2, 2, "1", "Ada", map[string]any{"id": "1", "name": "Ada", "mail": "ada@x"}},
			{3, 3, "2", "Alan", map[string]any{"id": "2", "name": "Alan", "mail": "alan@x"}},
		}},
		{name: "quoted comma and quote", csv: "id,name\n1,\"Lovelace, Ada \"\"the first\"\"\"\n", want: []row{
			{2, 2, "1", `Lovelace, Ada "the first"`, map[string]any{"id": "1", "name": `Lovelace, Ada "the first"`}},
		}},
		{name: "embedded newline", csv: "id,name,note\n1,Ada,\"line one\nline two\"\n2,Alan,x\n", want: []row{
			{2, 2, "1", "Ada", map[string]any{"id": "1", "name": "Ada", "note": "line one\nline two"}},
			{3, 4, "2", "Alan", map[string]any{"id": "2", "name": "Alan", "note": "x"}},
		}},
		{name: "BOM and CRLF", csv: "\uFEFFid,name\r\n1,Ada\r\n2,\"Al\r\nan\"\r\n", want: []row{
			{2, 2, "1", "Ada", map[string]any{"id": "1", "name": "Ada"}},
			{3, 3, "2", "Al\nan", map[string]any{"id": "2", "name": "Al\nan"}},
		}},
		{name: "no final newline", csv: "id,name\n1,Ada", want: []row{{2, 2, "1", "Ada", map[string]any{"id": "1", "name": "Ada"}}}},
		{name: "empty cells and blank lines", csv: "id,name,mail\n\n1,,\n\n2,Alan,\n", want: []row{
			{2, 3, "1", "1", map[string]any{"id": "1"}},
			{3, 5, "2", "Alan", map[string]any{"id": "2", "name": "Alan"}},
		}},
		{name: "header names trimmed", csv: " id , name \n1,Ada\n", want: []row{{2, 2, "1", "Ada", map[string]any{"id": "1", "name": "Ada"}}}},

		{name: "empty file", csv: "", err: []string{"it is empty"}, empty: true},
		{name: "BOM and spaces only", csv: "\uFEFF \r\n\n", err: []string{"it is empty"}, empty: true},
		{name: "header only", csv: "id,name\r\n", err: []string{"a header (row 1) but no rows"}, empty: true},
		{name: "no header", csv: "1,Ada\n2,Alan\n", err: []string{`row 1 (the header): no column is named "id"`, `"1", "Ada"`}},
		{name: "short row", csv: "id,name,mail\n1,Ada,a@x\n2,Alan\n", err: []string{`row 3 (line 3), column 3 "mail": missing`, "2 fields", "3 columns"}},
		{name: "long row", csv: "id,name\n1,Ada\n2,Alan,extra\n", err: []string{"row 3 (line 3), column 3: no such column", "3 fields", "2 columns"}},
		{name: "no native identity", csv: "id,name\n1,Ada\n,Alan\n", err: []string{`row 3 (line 3), column 1 "id": empty`, `source "HR"`}},
		{name: "duplicate native identity", csv: "name,id\nAda,1\nAlan,2\n\nAda again,1\n",
			err: []string{`rows 2 (line 2) and 4 (line 5), column 2 "id": both have the native identity "1"`}},
		{name: "bare quote", csv: "id,name\n1,Ad\"a\n", err: []string{"row 2 (line 2), column 5", `bare "`}},
		{name: "unclosed quote", csv: "id,name\n1,\"Ada\n", err: []string{"row 2 (line 2)", "extraneous or missing"}},
		{name: "bad quote in header", csv: "id,na\"me\n1,Ada\n", err: []string{"row 1 (line 1), column 6"}},
		{name: "unnamed column", csv: "id,,mail\n1,Ada,a@x\n", err: []string{"row 1 (the header), column 2: has no name"}},
		{name: "duplicate column", csv: "id,name,id\n1,Ada,1\n", err: []string{`row 1 (the header), columns 1 and 3: both are named "id"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rows, err := parseAccountsCSV([]byte(tt.csv), src)
			if tt.err != nil {
				if err == nil {
					t.Fatalf("parsed %+v, want an error", rows)
				}
				for _, s := range tt.err {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not say %q", err, s)
					}
				}
				if got := errors.Is(err, errEmptyFile); got != tt.empty {
					t.Errorf("errors.Is(%q, errEmptyFile) = %v", err, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := make([]row, len(rows))
			for i, r := range rows {
				got[i] = row{r.row, r.line, r.native, r.name, r.attrs}
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
		})
	}
}

// TestParseAccountsCSVDefaults: a source without attribute settings takes
// the native identity from userName and the name from displayName, as
// account create does.
func TestParseAccountsCSVDefaults(t *testing.T) {
	t.Parallel()
	rows, err := parseAccountsCSV([]byte("userName,displayName\njdoe,John Doe\nasmith,\n"), &Source{Name: "S"})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].native != "jdoe" || rows[0].name != "John Doe" || rows[1].name != "asmith" {
		t.Errorf("rows = %+v", rows)
	}
	if _, err := parseAccountsCSV([]byte("id,displayName\n1,x\n"), &Source{Name: "S"}); err == nil || !strings.Contains(err.Error(), `"userName"`) {
		t.Errorf("a file without userName: %v", err)
	}
}
