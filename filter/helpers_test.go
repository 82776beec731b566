package filter

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/tidwall/gjson"
)

var (
	strOps   = []Op{OpEq, OpIn, OpSw}
	allStr   = []Op{OpEq, OpNe, OpGt, OpGe, OpLt, OpLe, OpCo, OpSw, OpIn}
	allNum   = []Op{OpEq, OpNe, OpGt, OpGe, OpLt, OpLe, OpIn}
	timeOps  = []Op{OpEq, OpGe, OpGt, OpLe, OpLt, OpIn}
	boolOnly = []Op{OpEq}
)

// testSchema holds the ISC v3 accounts fields (reference section 1a) plus
// test-only fields that exercise arrays, numbers, custom paths and every
// operator.
var testSchema = MustSchema("accounts",
	Field{Name: "id", Type: TypeString, Ops: strOps, Sortable: true},
	Field{Name: "identityId", Type: TypeString, Ops: strOps, Sortable: true},
	Field{Name: "name", Type: TypeString, Ops: strOps, Sortable: true},
	Field{Name: "nativeIdentity", Type: TypeString, Ops: strOps, Sortable: true},
	Field{Name: "hasEntitlements", Type: TypeBool, Ops: boolOnly},
	Field{Name: "sourceId", Type: TypeString, Ops: strOps, Sortable: true},
	Field{Name: "uncorrelated", Type: TypeBool, Ops: boolOnly},
	Field{Name: "origin", Type: TypeString, Ops: []Op{OpEq, OpIn}, Sortable: true},
	Field{Name: "identity.name", Type: TypeString, Ops: strOps, Sortable: true},
	Field{Name: "source.displayableName", Path: []string{"sourceName"}, Type: TypeString, Ops: []Op{OpEq, OpIn}, Sortable: true},
	Field{Name: "recommendation.method", Type: TypeString, Ops: []Op{OpEq, OpIn, OpIsNull}},
	Field{Name: "created", Type: TypeDateTime, Ops: timeOps, Sortable: true},
	Field{Name: "modified", Type: TypeDateTime, Ops: timeOps, Sortable: true},
	Field{Name: "disabled", Type: TypeBool, Ops: []Op{OpEq, OpNe, OpIn}, Sortable: true},
	Field{Name: "uuid", Type: TypeString, Sortable: true},
	Field{Name: "sourceName", Type: TypeString, Ops: allStr, Sortable: true},
	Field{Name: "groups", Type: TypeString, Array: true, Ops: []Op{OpEq, OpNe, OpCo, OpSw, OpIn, OpCa, OpGt}},
	Field{Name: "daysUntilEscalation", Type: TypeNumber, Ops: allNum, Sortable: true},
	Field{Name: "lastUsed", Type: TypeDateTime, Ops: []Op{OpIsNull, OpPr, OpGt}},
	Field{Name: "odd", Path: []string{"attributes", "odd.key*"}, Type: TypeString, Ops: []Op{OpEq}},
)

// loadAccounts returns the documents of testdata/accounts.json.
func loadAccounts(t testing.TB) [][]byte {
	t.Helper()
	b, err := os.ReadFile("testdata/accounts.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	docs := make([][]byte, len(raw))
	for i, r := range raw {
		docs[i] = r
	}
	return docs
}

// docID returns the "id" of a document.
func docID(doc []byte) string { return gjson.GetBytes(doc, "id").String() }
