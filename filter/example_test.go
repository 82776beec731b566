package filter_test

import (
	"fmt"

	"github.com/mockisc/mockisc/filter"
)

var accounts = filter.MustSchema("accounts",
	filter.Field{Name: "name", Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn, filter.OpSw}, Sortable: true},
	filter.Field{Name: "disabled", Type: filter.TypeBool, Ops: []filter.Op{filter.OpEq}},
	filter.Field{Name: "created", Type: filter.TypeDateTime, Ops: []filter.Op{filter.OpGt, filter.OpLt}, Sortable: true},
	filter.Field{Name: "source.displayableName", Path: []string{"sourceName"}, Type: filter.TypeString, Ops: []filter.Op{filter.OpEq}},
)

func ExampleParse() {
	e, err := filter.Parse(`not a eq 1 or (b eq 2 and (c eq "x"))`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e)
	_, err = filter.Parse(`name eq "x" or or`)
	fmt.Println(err)
	// Output:
	// not a eq 1 or b eq 2 and c eq "x"
	// filter: offset 15: unexpected "or" after "or"; want a field name
}

func ExampleCompile() {
	_, err := filter.Compile(`name co "Andrew"`, accounts)
	fmt.Println(err)
	_, err = filter.Compile(`disabled eq "yes"`, accounts)
	fmt.Println(err)
	// Output:
	// filter: offset 5: field "name" does not support operator "co"; allowed operators: eq, in, sw
	// filter: offset 12: value "yes" is not a boolean for field "disabled"; use true or false
}

func ExampleFilter_Match() {
	f, err := filter.Compile(`name sw "AL" and created gt 2024-01-01T00:00:00Z and source.displayableName eq "ldap"`, accounts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Match([]byte(`{"name":"alice","created":"2024-05-01T10:00:00Z","sourceName":"LDAP"}`)))
	fmt.Println(f.Match([]byte(`{"name":"alice","created":"2023-05-01T10:00:00Z","sourceName":"LDAP"}`)))
	// Output:
	// true
	// false
}

func ExampleSort() {
	by, err := filter.ParseSorters("-created,name", accounts)
	if err != nil {
		fmt.Println(err)
		return
	}
	docs := []string{
		`{"name":"bob","created":"2024-01-01T00:00:00Z"}`,
		`{"name":"Carol","created":"2024-02-01T00:00:00Z"}`,
		`{"name":"alice","created":"2024-01-01T00:00:00Z"}`,
	}
	filter.Sort(docs, by, func(d string) []byte { return []byte(d) })
	for _, d := range docs {
		fmt.Println(d)
	}
	// Output:
	// {"name":"Carol","created":"2024-02-01T00:00:00Z"}
	// {"name":"alice","created":"2024-01-01T00:00:00Z"}
	// {"name":"bob","created":"2024-01-01T00:00:00Z"}
}

func ExampleParseSorters() {
	by, _ := filter.ParseSorters("-created,name", accounts)
	fmt.Println(by)
	_, err := filter.ParseSorters("name,disabled", accounts)
	fmt.Println(err)
	// Output:
	// -created,name
	// sorters: offset 5: unknown or unsortable field "disabled"; sortable fields: name, created
}
