package mockisc

import (
	"fmt"
	"time"

	"github.com/mockisc/mockisc/filter"
)

// The filter Record of an account is built from its fields directly
// (filter.Schema.RecordOf), not by rendering the filter document and
// reading it back: the same values (TestRecordMatchesFilterDoc checks it),
// several times faster, which is most of what a first list over a large
// tenant costs.

// recordGetters holds, per field of accountsRecordSchema, in its order,
// how to read the field's value from an account.
var recordGetters = func() []func(r *recordOf) filter.FieldValue {
	byName := map[string]func(r *recordOf) filter.FieldValue{
		"id":              func(r *recordOf) filter.FieldValue { return filter.StringValue(r.a.ID) },
		"identityId":      func(r *recordOf) filter.FieldValue { return optString(r.a.IdentityID) },
		"name":            func(r *recordOf) filter.FieldValue { return filter.StringValue(r.a.Name) },
		"nativeIdentity":  func(r *recordOf) filter.FieldValue { return filter.StringValue(r.a.NativeIdentity) },
		"hasEntitlements": func(r *recordOf) filter.FieldValue { return filter.BoolValue(len(r.a.Entitlements) > 0) },
		"sourceId":        func(r *recordOf) filter.FieldValue { return filter.StringValue(r.a.SourceID) },
		"uncorrelated":    func(r *recordOf) filter.FieldValue { return filter.BoolValue(r.a.IdentityID == "") },
		"entitlements":    func(r *recordOf) filter.FieldValue { return filter.BoolValue(len(r.a.Entitlements) > 0) },
		"origin":          func(r *recordOf) filter.FieldValue { return optString(r.a.Origin) },
		"manuallyCorrelated": func(r *recordOf) filter.FieldValue {
			return filter.BoolValue(r.a.ManuallyCorrelated)
		},
		"identity.name": func(r *recordOf) filter.FieldValue {
			if r.id != nil {
				return filter.StringValue(r.id.Name)
			}
			return filter.NullValue()
		},
		"identity.correlated": func(r *recordOf) filter.FieldValue {
			if r.id != nil {
				return filter.BoolValue(r.t.correlated(r.id.ID))
			}
			return filter.NullValue()
		},
		"identity.identityState": func(r *recordOf) filter.FieldValue {
			if r.id != nil {
				return optString(r.id.IdentityState)
			}
			return filter.NullValue()
		},
		"source.displayableName": func(r *recordOf) filter.FieldValue { return sourceValue(r, "name") },
		"source.authoritative":   func(r *recordOf) filter.FieldValue { return sourceValue(r, "authoritative") },
		"source.connectionType":  func(r *recordOf) filter.FieldValue { return sourceValue(r, "connectionType") },
		"recommendation.method": func(r *recordOf) filter.FieldValue {
			if r.a.Recommendation != nil {
				return filter.StringValue(r.a.Recommendation.Method)
			}
			return filter.NullValue()
		},
		"recommendation.type": func(r *recordOf) filter.FieldValue {
			if r.a.Recommendation != nil {
				return filter.StringValue(r.a.Recommendation.Type)
			}
			return filter.NullValue()
		},
		"created": func(r *recordOf) filter.FieldValue {
			return filter.TimeValue(r.a.Created.Truncate(time.Millisecond))
		},
		"modified": func(r *recordOf) filter.FieldValue {
			return filter.TimeValue(r.a.Modified.Truncate(time.Millisecond))
		},
		"uuid": func(r *recordOf) filter.FieldValue {
			if r.a.UUID != nil {
				return filter.StringValue(*r.a.UUID)
			}
			return filter.NullValue()
		},
		"sourceOwner.name": func(r *recordOf) filter.FieldValue {
			if r.src != nil && r.src.Owner != nil {
				return filter.StringValue(r.src.Owner.Name)
			}
			return filter.NullValue()
		},
	}
	fields := accountsRecordSchema.Fields()
	out := make([]func(r *recordOf) filter.FieldValue, len(fields))
	for i, f := range fields {
		if out[i] = byName[f.Name]; out[i] == nil {
			panic(fmt.Sprintf("mockisc: no record getter for accounts field %q", f.Name))
		}
	}
	return out
}()

// optString is s, or null when s is empty.
func optString(s string) filter.FieldValue {
	if s == "" {
		return filter.NullValue()
	}
	return filter.StringValue(s)
}

// sourceValue reads a field of the account's source; a source field is
// never null in the filter document (its object is always there).
func sourceValue(r *recordOf, field string) filter.FieldValue {
	src := r.src
	switch {
	case field == "authoritative":
		return filter.BoolValue(src != nil && src.Authoritative)
	case src == nil:
		return filter.StringValue("")
	case field == "name":
		return filter.StringValue(src.Name)
	}
	return filter.StringValue(src.ConnectionType)
}

// recordOf is an account with its identity and source, looked up once for
// all the getters.
type recordOf struct {
	t   *tenant
	a   *account
	id  *Identity // nil when uncorrelated
	src *Source
}

// recordValues returns a's values in accountsRecordSchema's field order.
func (t *tenant) recordValues(a *account) []filter.FieldValue {
	r := &recordOf{t: t, a: a, id: t.identities[a.IdentityID], src: t.sources[a.SourceID]}
	vals := make([]filter.FieldValue, len(recordGetters))
	for i, get := range recordGetters {
		vals[i] = get(r)
	}
	return vals
}
