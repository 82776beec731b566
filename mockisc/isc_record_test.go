package mockisc

import (
	"testing"

	"github.com/mockisc/mockisc/filter"
	"github.com/mockisc/mockisc/internal/engine"
)

// TestRecordMatchesFilterDoc: the Record built from an account's fields
// equals the Record of its rendered filter document, for every account of
// the fixture (every kind of value and null) and of a generated tenant.
func TestRecordMatchesFilterDoc(t *testing.T) {
	t.Parallel()
	for _, s := range []*Server{newEnv(t, WithoutListener()).s, New(t, WithoutListener(), WithGenerated(600, 3))} {
		s.mu.Lock()
		for _, a := range s.ten.order {
			want := accountsRecordSchema.Record(engine.Marshal(s.ten.filterDoc(a)))
			if got := accountsRecordSchema.RecordOf(s.ten.recordValues(a)); !got.Equal(want) {
				t.Errorf("account %s (%s): the Record of its fields differs from its filter document's: %s",
					a.ID, a.Name, engine.Marshal(s.ten.filterDoc(a)))
			}
		}
		s.mu.Unlock()
	}
}

// filterDoc is the document filters and sorters would read if accounts
// were rendered for them (they are not: see isc_record.go): the account's
// filterable fields plus the derived ones (identity.correlated,
// source.displayableName, ...). Frequent fields come first, since gjson
// scans from the start.
type filterDoc struct {
	SourceID           string  `json:"sourceId"`
	ID                 string  `json:"id"`
	Name               string  `json:"name"`
	NativeIdentity     string  `json:"nativeIdentity"`
	IdentityID         *string `json:"identityId"`
	Disabled           bool    `json:"disabled"`
	Uncorrelated       bool    `json:"uncorrelated"`
	ManuallyCorrelated bool    `json:"manuallyCorrelated"`
	HasEntitlements    bool    `json:"hasEntitlements"`
	Entitlements       bool    `json:"entitlements"`
	Origin             *string `json:"origin"`
	UUID               *string `json:"uuid"`
	Created            string  `json:"created"`
	Modified           string  `json:"modified"`
	Identity           *struct {
		Name          string  `json:"name"`
		Correlated    bool    `json:"correlated"`
		IdentityState *string `json:"identityState"`
	} `json:"identity"`
	Source struct {
		DisplayableName string `json:"displayableName"`
		Authoritative   bool   `json:"authoritative"`
		ConnectionType  string `json:"connectionType"`
	} `json:"source"`
	Recommendation *struct {
		Method string `json:"method"`
		Type   string `json:"type"`
	} `json:"recommendation"`
	SourceOwner *struct {
		Name string `json:"name"`
	} `json:"sourceOwner"`
}

// filterDoc is the document a's filters and sorters read.
func (t *tenant) filterDoc(a *account) filterDoc {
	fd := filterDoc{
		SourceID: a.SourceID, ID: a.ID, Name: a.Name, NativeIdentity: a.NativeIdentity,
		IdentityID: nullable(a.IdentityID), Disabled: a.Disabled, Uncorrelated: a.IdentityID == "",
		ManuallyCorrelated: a.ManuallyCorrelated, HasEntitlements: len(a.Entitlements) > 0,
		Entitlements: len(a.Entitlements) > 0, Origin: nullable(a.Origin), UUID: a.UUID,
		Created: formatTime(a.Created), Modified: formatTime(a.Modified),
	}
	if id := t.identities[a.IdentityID]; id != nil {
		fd.Identity = &struct {
			Name          string  `json:"name"`
			Correlated    bool    `json:"correlated"`
			IdentityState *string `json:"identityState"`
		}{id.Name, t.correlated(id.ID), nullable(id.IdentityState)}
	}
	if src := t.sources[a.SourceID]; src != nil {
		fd.Source.DisplayableName = src.Name
		fd.Source.Authoritative = src.Authoritative
		fd.Source.ConnectionType = src.ConnectionType
		if src.Owner != nil {
			fd.SourceOwner = &struct {
				Name string `json:"name"`
			}{src.Owner.Name}
		}
	}
	if a.Recommendation != nil {
		fd.Recommendation = &struct {
			Method string `json:"method"`
			Type   string `json:"type"`
		}{a.Recommendation.Method, a.Recommendation.Type}
	}
	return fd
}

// recordValues returns a's values in accountsRecordSchema's field order.
func (t *tenant) recordValues(a *account) []filter.FieldValue {
	r := &recordOf{t: t, a: a}
	vals := make([]filter.FieldValue, len(recordGetters))
	for i, get := range recordGetters {
		vals[i] = get(r)
	}
	return vals
}
