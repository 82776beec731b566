package mockisc

import (
	"fmt"
	"time"

	"github.com/mockisc/mockisc/filter"
)

// Filters and sorters read an account's fields in place, through one
// getter per field of accountsRecordSchema (filter.MatchValues and
// filter.CompareValues take them), never a rendering: the values are
// those of the account's filter document, which
// TestRecordMatchesFilterDoc checks for every kind of value.

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
			if id := r.identity(); id != nil {
				return filter.StringValue(id.Name)
			}
			return filter.NullValue()
		},
		"identity.correlated": func(r *recordOf) filter.FieldValue {
			if id := r.identity(); id != nil {
				return filter.BoolValue(r.t.correlated(id.ID))
			}
			return filter.NullValue()
		},
		"identity.identityState": func(r *recordOf) filter.FieldValue {
			if id := r.identity(); id != nil {
				return optString(id.IdentityState)
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
			if src := r.source(); src != nil && src.Owner != nil {
				return filter.StringValue(src.Owner.Name)
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
	src := r.source()
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

// recordOf is an account with its identity and source, each looked up
// once, when a getter first needs it.
type recordOf struct {
	t       *tenant
	a       *account
	id      *Identity // nil when uncorrelated
	src     *Source
	haveID  bool
	haveSrc bool
}

// reset points r at another account.
func (r *recordOf) reset(a *account) {
	*r = recordOf{t: r.t, a: a}
}

func (r *recordOf) identity() *Identity {
	if !r.haveID {
		r.id, r.haveID = r.t.identities[r.a.IdentityID], true
	}
	return r.id
}

func (r *recordOf) source() *Source {
	if !r.haveSrc {
		r.src, r.haveSrc = r.t.sources[r.a.SourceID], true
	}
	return r.src
}

// accountValues reads the fields of accounts of one tenant for
// filter.MatchValues and filter.CompareValues, without allocating per
// account: it keeps the lookups of the last two accounts read (a
// comparison reads two). Not safe for concurrent use: one per query.
type accountValues struct {
	rs   [2]recordOf
	next int
	get  filter.Values // reads rs[0], for match
}

func newAccountValues(t *tenant) *accountValues {
	v := &accountValues{rs: [2]recordOf{{t: t}, {t: t}}}
	v.get = func(i int) filter.FieldValue { return recordGetters[i](&v.rs[0]) }
	return v
}

// match reports whether a matches f.
func (v *accountValues) match(f *filter.Filter, a *account) bool {
	if f == nil {
		return true
	}
	v.rs[0].reset(a)
	return f.MatchValues(v.get)
}

// field returns field i of a.
func (v *accountValues) field(a *account, i int) filter.FieldValue {
	for k := range v.rs {
		if v.rs[k].a == a {
			return recordGetters[i](&v.rs[k])
		}
	}
	k := v.next
	v.next ^= 1
	v.rs[k].reset(a)
	return recordGetters[i](&v.rs[k])
}
