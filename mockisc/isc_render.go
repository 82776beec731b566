package mockisc

import (
	"strings"
	"time"
)

// refJSON is the {id, type, name} object of identity and sourceOwner.
type refJSON struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// accountFull is the FULL rendering of an Account, keys in the order of
// the v3 schema. Nullable keys are pointers without omitempty so that they
// are always present; identityId and identity are not nullable in the
// schema, so an uncorrelated account omits them.
type accountFull struct {
	ID                  string          `json:"id"`
	Name                *string         `json:"name"`
	Created             string          `json:"created"`
	Modified            string          `json:"modified"`
	SourceID            string          `json:"sourceId"`
	SourceName          *string         `json:"sourceName"`
	IdentityID          string          `json:"identityId,omitempty"`
	CloudLifecycleState *string         `json:"cloudLifecycleState"`
	IdentityState       *string         `json:"identityState"`
	ConnectionType      *string         `json:"connectionType"`
	IsMachine           bool            `json:"isMachine"`
	Recommendation      *Recommendation `json:"recommendation"`
	Attributes          any             `json:"attributes"` // a map or the encoded object
	Authoritative       bool            `json:"authoritative"`
	Description         *string         `json:"description"`
	Disabled            bool            `json:"disabled"`
	Locked              bool            `json:"locked"`
	NativeIdentity      string          `json:"nativeIdentity"`
	SystemAccount       bool            `json:"systemAccount"`
	Uncorrelated        bool            `json:"uncorrelated"`
	UUID                *string         `json:"uuid"`
	ManuallyCorrelated  bool            `json:"manuallyCorrelated"`
	HasEntitlements     bool            `json:"hasEntitlements"`
	Identity            *refJSON        `json:"identity,omitempty"`
	SourceOwner         *refJSON        `json:"sourceOwner"`
	Features            *string         `json:"features"`
	Origin              *string         `json:"origin"`
	OwnerIdentity       *refJSON        `json:"ownerIdentity"`
}

func strPtr(s string) *string { return &s }

// nonEmpty returns s, or nil (null) when *s is "".
func nonEmpty(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}

// nullable returns nil (null) for "".
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// renderFull computes the FULL view of a, with every derived field. Its
// pointers point into the tenant's objects (no copies are made): encode
// it at once, under the lock that read it.
func (t *tenant) renderFull(a *account) accountFull {
	v := accountFull{
		ID:                 a.ID,
		Name:               &a.Name,
		Created:            formatTime(a.Created),
		Modified:           formatTime(a.Modified),
		SourceID:           a.SourceID,
		IdentityID:         a.IdentityID,
		IsMachine:          a.IsMachine,
		Recommendation:     a.Recommendation,
		Attributes:         a.attributesJSON(),
		Description:        a.Description,
		Disabled:           a.Disabled,
		Locked:             a.Locked,
		NativeIdentity:     a.NativeIdentity,
		SystemAccount:      a.SystemAccount,
		Uncorrelated:       a.IdentityID == "",
		UUID:               a.UUID,
		ManuallyCorrelated: a.ManuallyCorrelated,
		HasEntitlements:    len(a.Entitlements) > 0,
		Origin:             nonEmpty(&a.Origin),
	}
	if src := t.sources[a.SourceID]; src != nil {
		v.SourceName = &src.Name
		v.ConnectionType = nonEmpty(&src.ConnectionType)
		v.Authoritative = src.Authoritative
		if len(src.Features) > 0 {
			v.Features = strPtr(strings.Join(src.Features, ", "))
		}
		if src.Owner != nil {
			v.SourceOwner = &refJSON{ID: src.Owner.ID, Type: "IDENTITY", Name: src.Owner.Name}
		}
	}
	if id := t.identities[a.IdentityID]; id != nil {
		v.Identity = &refJSON{ID: id.ID, Type: "IDENTITY", Name: id.Name}
		v.IdentityState = nonEmpty(&id.IdentityState)
		v.CloudLifecycleState = nonEmpty(&id.LifecycleState)
	}
	if a.OwnerIdentity != nil {
		v.OwnerIdentity = &refJSON{ID: a.OwnerIdentity.ID, Type: "IDENTITY", Name: a.OwnerIdentity.Name}
	}
	return v
}

// entitlementJSON is the v3 Entitlement rendering.
type entitlementJSON struct {
	ID                     string         `json:"id"`
	Name                   string         `json:"name"`
	Attribute              string         `json:"attribute"`
	Value                  string         `json:"value"`
	SourceSchemaObjectType string         `json:"sourceSchemaObjectType"`
	Description            *string        `json:"description"`
	Privileged             bool           `json:"privileged"`
	CloudGoverned          bool           `json:"cloudGoverned"`
	Requestable            bool           `json:"requestable"`
	Owner                  *refJSON       `json:"owner"`
	Created                string         `json:"created"`
	Modified               string         `json:"modified"`
	Source                 refJSON        `json:"source"`
	Attributes             map[string]any `json:"attributes"`
	Segments               []string       `json:"segments"`
	DirectPermissions      []any          `json:"directPermissions"`
}

func (t *tenant) renderEntitlement(e *Entitlement) entitlementJSON {
	v := entitlementJSON{
		ID: e.ID, Name: e.Name, Attribute: e.Attribute, Value: e.Value,
		SourceSchemaObjectType: e.SourceSchemaObjectType, Description: e.Description,
		Privileged: e.Privileged, CloudGoverned: e.CloudGoverned, Requestable: e.Requestable,
		Created: formatTime(e.Created), Modified: formatTime(e.Modified),
		Source:            refJSON{ID: e.SourceID, Type: "SOURCE"},
		Attributes:        e.Attributes,
		DirectPermissions: []any{},
	}
	if v.Attributes == nil {
		v.Attributes = map[string]any{}
	}
	if src := t.sources[e.SourceID]; src != nil {
		v.Source.Name = src.Name
	}
	return v
}

// formatTime renders t as ISC does: RFC 3339, UTC, milliseconds.
func formatTime(t time.Time) string {
	var buf [32]byte
	return string(appendTime(buf[:0], t))
}
