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
var recordGetters = func() []func(t *tenant, a *account) filter.FieldValue {
	byName := map[string]func(t *tenant, a *account) filter.FieldValue{
		"id":              func(_ *tenant, a *account) filter.FieldValue { return filter.StringValue(a.ID) },
		"identityId":      func(_ *tenant, a *account) filter.FieldValue { return optString(a.IdentityID) },
		"name":            func(_ *tenant, a *account) filter.FieldValue { return filter.StringValue(a.Name) },
		"nativeIdentity":  func(_ *tenant, a *account) filter.FieldValue { return filter.StringValue(a.NativeIdentity) },
		"hasEntitlements": func(_ *tenant, a *account) filter.FieldValue { return filter.BoolValue(len(a.Entitlements) > 0) },
		"sourceId":        func(_ *tenant, a *account) filter.FieldValue { return filter.StringValue(a.SourceID) },
		"uncorrelated":    func(_ *tenant, a *account) filter.FieldValue { return filter.BoolValue(a.IdentityID == "") },
		"entitlements":    func(_ *tenant, a *account) filter.FieldValue { return filter.BoolValue(len(a.Entitlements) > 0) },
		"origin":          func(_ *tenant, a *account) filter.FieldValue { return optString(a.Origin) },
		"manuallyCorrelated": func(_ *tenant, a *account) filter.FieldValue {
			return filter.BoolValue(a.ManuallyCorrelated)
		},
		"identity.name": func(t *tenant, a *account) filter.FieldValue {
			if id := t.identities[a.IdentityID]; id != nil {
				return filter.StringValue(id.Name)
			}
			return filter.NullValue()
		},
		"identity.correlated": func(t *tenant, a *account) filter.FieldValue {
			if id := t.identities[a.IdentityID]; id != nil {
				return filter.BoolValue(t.correlated(id.ID))
			}
			return filter.NullValue()
		},
		"identity.identityState": func(t *tenant, a *account) filter.FieldValue {
			if id := t.identities[a.IdentityID]; id != nil {
				return optString(id.IdentityState)
			}
			return filter.NullValue()
		},
		"source.displayableName": func(t *tenant, a *account) filter.FieldValue { return sourceValue(t, a, "name") },
		"source.authoritative":   func(t *tenant, a *account) filter.FieldValue { return sourceValue(t, a, "authoritative") },
		"source.connectionType":  func(t *tenant, a *account) filter.FieldValue { return sourceValue(t, a, "connectionType") },
		"recommendation.method": func(_ *tenant, a *account) filter.FieldValue {
			if a.Recommendation != nil {
				return filter.StringValue(a.Recommendation.Method)
			}
			return filter.NullValue()
		},
		"recommendation.type": func(_ *tenant, a *account) filter.FieldValue {
			if a.Recommendation != nil {
				return filter.StringValue(a.Recommendation.Type)
			}
			return filter.NullValue()
		},
		"created": func(_ *tenant, a *account) filter.FieldValue {
			return filter.TimeValue(a.Created.Truncate(time.Millisecond))
		},
		"modified": func(_ *tenant, a *account) filter.FieldValue {
			return filter.TimeValue(a.Modified.Truncate(time.Millisecond))
		},
		"uuid": func(_ *tenant, a *account) filter.FieldValue {
			if a.UUID != nil {
				return filter.StringValue(*a.UUID)
			}
			return filter.NullValue()
		},
		"sourceOwner.name": func(t *tenant, a *account) filter.FieldValue {
			if src := t.sources[a.SourceID]; src != nil && src.Owner != nil {
				return filter.StringValue(src.Owner.Name)
			}
			return filter.NullValue()
		},
	}
	fields := accountsRecordSchema.Fields()
	out := make([]func(t *tenant, a *account) filter.FieldValue, len(fields))
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

// sourceValue reads a field of a's source; a source field is never null
// in the filter document (its object is always there).
func sourceValue(t *tenant, a *account, field string) filter.FieldValue {
	src := t.sources[a.SourceID]
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

// recordValues returns a's values in accountsRecordSchema's field order.
func (t *tenant) recordValues(a *account) []filter.FieldValue {
	vals := make([]filter.FieldValue, len(recordGetters))
	for i, get := range recordGetters {
		vals[i] = get(t, a)
	}
	return vals
}
