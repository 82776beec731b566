package mockisc

import (
	"slices"

	"github.com/mockisc/mockisc/filter"
)

// The accounts list's filter and sorter allowlists differ per version
// (testdata/openapi/versions/README.md has the table): v3, v2024, v2026
// and v1 share one; beta's created filter lacks lt and its sorters add
// hasEntitlements and sourceOwner.name; v2025 adds recommendation.type.
// A list checks filters and sorters against its version's schema, then
// runs them against accountsRecordSchema, the union of all, whose fields
// the store reads in place (isc_record.go, store_query.go).

var (
	strOps  = ops(filter.OpEq, filter.OpIn, filter.OpSw)
	eqOnly  = ops(filter.OpEq)
	eqIn    = ops(filter.OpEq, filter.OpIn)
	timeOps = ops(filter.OpEq, filter.OpGe, filter.OpGt, filter.OpLe, filter.OpLt)
)

// accountFields are the v3 accounts fields. Each account's values for them
// come from recordGetters (isc_record.go); their paths are those of the
// filter document TestRecordMatchesFilterDoc renders to check the values.
var accountFields = []filter.Field{
	{Name: "id", Type: filter.TypeString, Ops: strOps, Sortable: true},
	{Name: "identityId", Type: filter.TypeString, Ops: strOps, Sortable: true},
	{Name: "name", Type: filter.TypeString, Ops: strOps, Sortable: true},
	{Name: "nativeIdentity", Type: filter.TypeString, Ops: strOps, Sortable: true},
	{Name: "hasEntitlements", Type: filter.TypeBool, Ops: eqOnly},
	{Name: "sourceId", Type: filter.TypeString, Ops: strOps, Sortable: true},
	{Name: "uncorrelated", Type: filter.TypeBool, Ops: eqOnly},
	{Name: "entitlements", Type: filter.TypeBool, Ops: eqOnly, Sortable: true},
	{Name: "origin", Type: filter.TypeString, Ops: eqIn, Sortable: true},
	{Name: "manuallyCorrelated", Type: filter.TypeBool, Ops: eqOnly, Sortable: true},
	{Name: "identity.name", Type: filter.TypeString, Ops: strOps, Sortable: true},
	{Name: "identity.correlated", Type: filter.TypeBool, Ops: eqOnly, Sortable: true},
	{Name: "identity.identityState", Type: filter.TypeString, Ops: eqIn, Sortable: true},
	{Name: "source.displayableName", Type: filter.TypeString, Ops: eqIn, Sortable: true},
	{Name: "source.authoritative", Type: filter.TypeBool, Ops: eqOnly, Sortable: true},
	{Name: "source.connectionType", Type: filter.TypeString, Ops: eqIn, Sortable: true},
	{Name: "recommendation.method", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpIsNull)},
	{Name: "created", Type: filter.TypeDateTime, Ops: timeOps, Sortable: true},
	{Name: "modified", Type: filter.TypeDateTime, Ops: timeOps, Sortable: true},
	{Name: "uuid", Type: filter.TypeString, Sortable: true},
}

// accountSchemaOf returns the accounts fields with edit applied to the
// named ones and extra appended.
func accountSchemaOf(name string, edit map[string]func(*filter.Field), extra ...filter.Field) *filter.Schema {
	fields := slices.Clone(accountFields)
	for i := range fields {
		if f := edit[fields[i].Name]; f != nil {
			f(&fields[i])
		}
	}
	return filter.MustSchema(name, append(fields, extra...)...)
}

var (
	sourceOwnerName    = filter.Field{Name: "sourceOwner.name", Type: filter.TypeString, Sortable: true}
	recommendationType = filter.Field{Name: "recommendation.type", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpIsNull)}

	// accountsSchema is the v3 allowlist, also v2024's, v2026's and v1's.
	accountsSchema = accountSchemaOf("accounts", nil)
	// accountsSchemaBeta: created has no lt; hasEntitlements and
	// sourceOwner.name sort.
	accountsSchemaBeta = accountSchemaOf("accounts", map[string]func(*filter.Field){
		"created":         func(f *filter.Field) { f.Ops = ops(filter.OpEq, filter.OpGe, filter.OpGt, filter.OpLe) },
		"hasEntitlements": func(f *filter.Field) { f.Sortable = true },
	}, sourceOwnerName)
	// accountsSchemaV2025 adds recommendation.type.
	accountsSchemaV2025 = accountSchemaOf("accounts", nil, recommendationType)
	// accountsRecordSchema is the union, what filters and sorters run on.
	accountsRecordSchema = accountSchemaOf("accounts", map[string]func(*filter.Field){
		"hasEntitlements": func(f *filter.Field) { f.Sortable = true },
	}, sourceOwnerName, recommendationType)
)

// accountsSchemaFor returns the accounts allowlist of an API version.
func accountsSchemaFor(version string) *filter.Schema {
	switch version {
	case beta:
		return accountsSchemaBeta
	case v2025:
		return accountsSchemaV2025
	}
	return accountsSchema
}

func ops(o ...filter.Op) []filter.Op { return o }
