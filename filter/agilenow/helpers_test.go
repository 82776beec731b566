package agilenow

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/tidwall/gjson"
)

// testSchema is the Account schema used by the internal tests.
var testSchema = MustSchema(
	Field{Name: "Id", Type: TypeString},
	Field{Name: "TenantId.Id", Type: TypeNumber},
	Field{Name: "TenantId.Name", Type: TypeString},
	Field{Name: "Name", Type: TypeString},
	Field{Name: "FirstName", Type: TypeString},
	Field{Name: "Phone", Type: TypeString},
	Field{Name: "Email", Type: TypeString},
	Field{Name: "EmailVerified", Type: TypeBool},
	Field{Name: "LanguageId", Path: []string{"LanguageId", "Id"}, Type: TypeString},
	Field{Name: "LanguageId.Name", Type: TypeString},
	Field{Name: "Username", Type: TypeString},
	Field{Name: "ExternalId", Type: TypeString},
	Field{Name: "DepartmentId.ExternalId", Type: TypeString},
	Field{Name: "DepartmentId.Name", Type: TypeString},
	Field{Name: "Is_Active", Type: TypeBool},
	Field{Name: "ModifiedOn", Type: TypeDateTime},
	Field{Name: "CreatedOn", Type: TypeDateTime},
)

// loadAccounts reads testdata/accounts.json as one raw document per account.
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

// ids returns the Id of each document.
func ids(docs [][]byte) []string {
	out := []string{}
	for _, d := range docs {
		out = append(out, gjson.GetBytes(d, "Id").String())
	}
	return out
}
