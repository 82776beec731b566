package mockisc

import "github.com/mockisc/mockisc/filter"

// accountsSchema is the field and operator table of GET /v3/accounts
// filters and sorters, exactly as the v3 spec lists them. Paths point into
// the filter document the server renders for each account (filterDoc).
var accountsSchema = filter.MustSchema("accounts",
	filter.Field{Name: "id", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpSw), Sortable: true},
	filter.Field{Name: "identityId", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpSw), Sortable: true},
	filter.Field{Name: "name", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpSw), Sortable: true},
	filter.Field{Name: "nativeIdentity", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpSw), Sortable: true},
	filter.Field{Name: "hasEntitlements", Type: filter.TypeBool, Ops: ops(filter.OpEq)},
	filter.Field{Name: "sourceId", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpSw), Sortable: true},
	filter.Field{Name: "uncorrelated", Type: filter.TypeBool, Ops: ops(filter.OpEq)},
	filter.Field{Name: "entitlements", Type: filter.TypeBool, Ops: ops(filter.OpEq), Sortable: true},
	filter.Field{Name: "origin", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn), Sortable: true},
	filter.Field{Name: "manuallyCorrelated", Type: filter.TypeBool, Ops: ops(filter.OpEq), Sortable: true},
	filter.Field{Name: "identity.name", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpSw), Sortable: true},
	filter.Field{Name: "identity.correlated", Type: filter.TypeBool, Ops: ops(filter.OpEq), Sortable: true},
	filter.Field{Name: "identity.identityState", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn), Sortable: true},
	filter.Field{Name: "source.displayableName", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn), Sortable: true},
	filter.Field{Name: "source.authoritative", Type: filter.TypeBool, Ops: ops(filter.OpEq), Sortable: true},
	filter.Field{Name: "source.connectionType", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn), Sortable: true},
	filter.Field{Name: "recommendation.method", Type: filter.TypeString, Ops: ops(filter.OpEq, filter.OpIn, filter.OpIsNull)},
	filter.Field{Name: "created", Type: filter.TypeDateTime, Ops: ops(filter.OpEq, filter.OpGe, filter.OpGt, filter.OpLe, filter.OpLt), Sortable: true},
	filter.Field{Name: "modified", Type: filter.TypeDateTime, Ops: ops(filter.OpEq, filter.OpGe, filter.OpGt, filter.OpLe, filter.OpLt), Sortable: true},
	filter.Field{Name: "uuid", Type: filter.TypeString, Sortable: true},
)

func ops(o ...filter.Op) []filter.Op { return o }
