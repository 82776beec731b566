package agilenow_test

import (
	"fmt"

	"github.com/mockisc/mockisc/filter/agilenow"
	"github.com/tidwall/gjson"
)

// accounts is the schema a server would declare once, at package level.
var accounts = agilenow.MustSchema(
	agilenow.Field{Name: "Id", Type: agilenow.TypeString},
	agilenow.Field{Name: "Username", Type: agilenow.TypeString},
	agilenow.Field{Name: "DepartmentId.ExternalId", Type: agilenow.TypeString},
	agilenow.Field{Name: "Is_Active", Type: agilenow.TypeBool},
	agilenow.Field{Name: "ModifiedOn", Type: agilenow.TypeDateTime},
	agilenow.Field{Name: "CreatedOn", Type: agilenow.TypeDateTime},
)

func ExampleCompileFilter() {
	docs := [][]byte{
		[]byte(`{"Id":"1","Username":"ann","DepartmentId":{"ExternalId":"DE001"},"ModifiedOn":"2022-02-01T00:00:00Z","CreatedOn":"2021-01-01T00:00:00Z"}`),
		[]byte(`{"Id":"2","Username":"Ben","DepartmentId":{"ExternalId":"DE002"},"ModifiedOn":"2022-03-01T00:00:00Z","CreatedOn":"2021-02-01T00:00:00Z"}`),
		[]byte(`{"Id":"3","Username":"cat","DepartmentId":{"ExternalId":"DE003"},"ModifiedOn":"2022-04-01T00:00:00Z","CreatedOn":"2021-03-01T00:00:00Z"}`),
		[]byte(`{"Id":"4","Username":"dan","DepartmentId":{"ExternalId":"DE001"},"ModifiedOn":"2021-12-01T00:00:00Z","CreatedOn":"2021-04-01T00:00:00Z"}`),
	}
	f, err := agilenow.CompileFilter("(departmentid.externalid in DE001;DE002) and (ModifiedOn > 2022-01-01)", accounts)
	if err != nil {
		fmt.Println(err)
		return
	}
	var hits [][]byte
	for _, d := range docs {
		if f.Match(d) {
			hits = append(hits, d)
		}
	}
	by, err := agilenow.ParseOrders("username desc, id", accounts)
	if err != nil {
		fmt.Println(err)
		return
	}
	agilenow.Sort(hits, by, func(d []byte) []byte { return d })

	fmt.Println(f)
	fmt.Println(by)
	for _, d := range hits {
		fmt.Println(gjson.GetBytes(d, "Id"), gjson.GetBytes(d, "Username"))
	}
	// Output:
	// (DepartmentId.ExternalId In DE001;DE002) AND (ModifiedOn > 2022-01-01)
	// Username DESC, Id ASC
	// 2 Ben
	// 1 ann
}

func ExampleParseFilter() {
	e, err := agilenow.ParseFilter("(A = 1) OR (B In x; y) AND (C Like %z)")
	fmt.Println(e, err)
	_, err = agilenow.ParseFilter("(ModifiedOn > 1) AND (Id == 2)")
	fmt.Println(err)
	// Output:
	// (A = 1) OR (B In x;y) AND (C Like %z) <nil>
	// Filters: offset 25: unknown operator "=="; operators are =, <>, >, >=, <, <=, In, NotIn, Like
}

func ExampleParseFields() {
	cols, err := agilenow.ParseFields("username, ID", accounts)
	fmt.Println(cols, err)
	_, err = agilenow.ParseFields("Id, Foo", accounts)
	fmt.Println(err)
	// Output:
	// [Username Id] <nil>
	// Fields: offset 4: unknown column "Foo"; columns are Id, Username, DepartmentId, Is_Active, ModifiedOn, CreatedOn
}
