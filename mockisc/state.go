package mockisc

import (
	"time"

	"github.com/mockisc/mockisc/internal/strictjson"
)

// Source is a source (an application) of the fake tenant. Accounts live on
// a source and take their sourceName, connectionType, authoritative flag,
// features and owner from it.
type Source struct {
	// ID is the source id, 32 lowercase hex characters when generated.
	ID string `json:"id"`
	// Name is the display name, shown as an account's sourceName.
	Name string `json:"name"`
	// Description is free text.
	Description string `json:"description,omitempty"`
	// Type is the source type, e.g. "DelimitedFile" for a flat file source
	// or "Active Directory - Direct". Only DelimitedFile sources allow PUT,
	// DELETE and attribute patches of their accounts, and load-accounts.
	Type string `json:"type"`
	// ConnectionType is "file" or "direct".
	ConnectionType string `json:"connectionType"`
	// Connector is the connector id, e.g. "delimited-file".
	Connector string `json:"connector,omitempty"`
	// Authoritative reports whether the source is referenced by an
	// identity profile. An identity is correlated when it has at least one
	// account on an authoritative source.
	Authoritative bool `json:"authoritative"`
	// Features lists the source's features, e.g. "ENABLE", "UNLOCK".
	Features []string `json:"features,omitempty"`
	// Owner is the source's owner, an identity; nil when it has none.
	Owner *Ref `json:"owner,omitempty"`
	// NativeIdentityAttribute names the account attribute that gives a
	// created account its nativeIdentity. Empty means "userName".
	NativeIdentityAttribute string `json:"nativeIdentityAttribute,omitempty"`
	// NameAttribute names the account attribute that gives a created
	// account its name. Empty means "displayName"; when the attribute is
	// absent the name is the native identity.
	NameAttribute string `json:"nameAttribute,omitempty"`
	// DeleteThreshold is the largest share of the source's accounts, in
	// percent (0 to 100), that one aggregation may delete: when more of
	// them are missing from a file, the delete phase is skipped. nil
	// means 10, the value ISC shows by default.
	DeleteThreshold *int `json:"deleteThreshold,omitempty"`
	// Correlation is the source's account correlation configuration: the
	// rules, tried in order, that correlate an aggregated account to an
	// identity. Empty means aggregation correlates nothing.
	Correlation []CorrelationRule `json:"correlation,omitempty"`
	// Created and Modified are set from the server clock when zero.
	Created time.Time `json:"created"`
	// Modified is the time of the last change.
	Modified time.Time `json:"modified"`
}

// FlatFile reports whether s is a flat file source: type DelimitedFile, or
// connection type "file".
func (s Source) FlatFile() bool {
	return s.Type == SourceTypeDelimitedFile || s.ConnectionType == "file"
}

// ConnectorID returns the source's connector id as the API renders it:
// Connector, or when that is empty one derived from Type ("Active
// Directory - Direct" → "active-directory---direct").
func (s Source) ConnectorID() string {
	if s.Connector != "" {
		return s.Connector
	}
	b := []byte(s.Type)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == ' ':
			b[i] = '-'
		}
	}
	return string(b)
}

// SourceTypeDelimitedFile is the type of flat file sources.
const SourceTypeDelimitedFile = "DelimitedFile"

// Ref is a reference to another object by id, with its display name.
type Ref struct {
	// ID is the referenced object's id.
	ID string `json:"id"`
	// Name is the referenced object's display name.
	Name string `json:"name,omitempty"`
}

// Identity is an identity of the fake tenant. Correlated accounts mirror
// its name, identityState and lifecycle state.
type Identity struct {
	// ID is the identity id.
	ID string `json:"id"`
	// Name is the identity's display name.
	Name string `json:"name"`
	// Alias is the identity's user name, if any.
	Alias string `json:"alias,omitempty"`
	// Email is the identity's e-mail address, if any.
	Email string `json:"emailAddress,omitempty"`
	// IdentityState is ACTIVE, INACTIVE_SHORT_TERM, INACTIVE_LONG_TERM or
	// empty (null).
	IdentityState string `json:"identityState,omitempty"`
	// LifecycleState is the cloud lifecycle state, e.g. "active"; empty
	// means null.
	LifecycleState string `json:"lifecycleState,omitempty"`
	// FirstName and LastName are the identity's firstname and lastname
	// attributes.
	FirstName string `json:"firstName,omitempty"`
	// LastName is the identity's lastname attribute.
	LastName string `json:"lastName,omitempty"`
	// Status is ISC's identityStatus (the cloudStatus filter): one of
	// UNREGISTERED, REGISTERED, PENDING, WARNING, DISABLED, ACTIVE,
	// DEACTIVATED, TERMINATED, ERROR, LOCKED; empty means ACTIVE. Disabling
	// the identity's ISC account (/identities-accounts/{id}/disable) sets
	// it to DISABLED, enabling it back to ACTIVE.
	Status string `json:"status,omitempty"`
	// ProcessingState is empty (null), OK or ERROR.
	ProcessingState string `json:"processingState,omitempty"`
	// Protected marks an identity that lifecycle changes leave alone.
	Protected bool `json:"protected,omitempty"`
	// ManagerID is the id of the identity's manager, an identity; empty
	// means none.
	ManagerID string `json:"managerId,omitempty"`
	// Attributes are the identity's other attributes, shown with the ones
	// above in the API's attributes object.
	Attributes map[string]any `json:"attributes,omitempty"`
	// Created is set from the server clock when zero.
	Created time.Time `json:"created"`
	// Modified is the time of the last change.
	Modified time.Time `json:"modified"`
}

// Recommendation is an account's human or machine recommendation.
type Recommendation struct {
	// Type is HUMAN or MACHINE.
	Type string `json:"type"`
	// Method is DISCOVERY, SOURCE or CRITERIA.
	Method string `json:"method"`
}

// Account is an account of the fake tenant, as stored. The fields that ISC
// derives from the source, the identity and the entitlements (sourceName,
// identity, hasEntitlements, ...) are not stored: the server computes them
// whenever it renders an account.
type Account struct {
	// ID is the account id.
	ID string `json:"id"`
	// Name is the account's display name.
	Name string `json:"name"`
	// NativeIdentity is the account's id on its source.
	NativeIdentity string `json:"nativeIdentity"`
	// SourceID is the id of the account's source; it must exist.
	SourceID string `json:"sourceId"`
	// IdentityID is the id of the correlated identity; empty means the
	// account is uncorrelated.
	IdentityID string `json:"identityId,omitempty"`
	// Attributes are the account's attributes.
	Attributes map[string]any `json:"attributes"`
	// Disabled reports whether the account is disabled.
	Disabled bool `json:"disabled"`
	// Locked reports whether the account is locked.
	Locked bool `json:"locked"`
	// SystemAccount reports whether this is a user account within ISC.
	SystemAccount bool `json:"systemAccount"`
	// ManuallyCorrelated reports whether the correlation was set by hand.
	ManuallyCorrelated bool `json:"manuallyCorrelated"`
	// IsMachine reports whether the account is a machine account.
	IsMachine bool `json:"isMachine"`
	// Description is the account description; nil is null.
	Description *string `json:"description,omitempty"`
	// UUID is the account's uuid attribute; nil is null.
	UUID *string `json:"uuid,omitempty"`
	// Origin is AGGREGATED, PROVISIONED or empty (null).
	Origin string `json:"origin,omitempty"`
	// Recommendation is nil (null) or the recommendation.
	Recommendation *Recommendation `json:"recommendation,omitempty"`
	// OwnerIdentity is the owner of a machine account, or nil.
	OwnerIdentity *Ref `json:"ownerIdentity,omitempty"`
	// Entitlements lists the ids of the entitlements the account holds;
	// each must exist.
	Entitlements []string `json:"entitlements,omitempty"`
	// Created is set from the server clock when zero.
	Created time.Time `json:"created"`
	// Modified is the time of the last change.
	Modified time.Time `json:"modified"`
}

// Entitlement is an entitlement of a source, which accounts may hold.
type Entitlement struct {
	// ID is the entitlement id.
	ID string `json:"id"`
	// Name is the entitlement's display name.
	Name string `json:"name"`
	// Attribute is the account attribute that holds it, e.g. "memberOf".
	Attribute string `json:"attribute"`
	// Value is the entitlement's value on the source.
	Value string `json:"value"`
	// SourceSchemaObjectType is e.g. "group".
	SourceSchemaObjectType string `json:"sourceSchemaObjectType,omitempty"`
	// Description is nil (null) or the description.
	Description *string `json:"description,omitempty"`
	// Privileged reports whether the entitlement is privileged.
	Privileged bool `json:"privileged"`
	// CloudGoverned reports whether the entitlement is cloud governed.
	CloudGoverned bool `json:"cloudGoverned"`
	// Requestable reports whether the entitlement can be requested.
	Requestable bool `json:"requestable"`
	// SourceID is the id of the entitlement's source; it must exist.
	SourceID string `json:"sourceId"`
	// Attributes are the entitlement's attributes.
	Attributes map[string]any `json:"attributes,omitempty"`
	// Created is set from the server clock when zero.
	Created time.Time `json:"created"`
	// Modified is the time of the last change.
	Modified time.Time `json:"modified"`
}

// State is the whole tenant state of a fake: the format of Snapshot and
// Restore, of the binary's -tenant and -state files, of the admin API's
// state export, of a scenario file's tenant, and of what "mockisc import"
// (tenantsync.Import) reads from a real tenant. Each list is in creation
// order.
type State struct {
	// Sources are the tenant's sources.
	Sources []Source `json:"sources"`
	// Identities are the tenant's identities.
	Identities []Identity `json:"identities"`
	// Entitlements are the tenant's entitlements.
	Entitlements []Entitlement `json:"entitlements"`
	// Accounts are the tenant's accounts.
	Accounts []Account `json:"accounts"`
	// AgileNowTenants are the AgileNow Endpoint API's tenants besides the
	// fake's own (tenant 1, which is always there).
	AgileNowTenants []AgileNowTenant `json:"agileNowTenants,omitempty"`
	// AgileNowAccounts are the accounts of the AgileNow Endpoint API,
	// with their tenant links (Tenants).
	AgileNowAccounts []AgileNowAccount `json:"agileNowAccounts,omitempty"`
	// AgileNowPictures are the AgileNow accounts' pictures, one per
	// account at most, the bytes in base64.
	AgileNowPictures []AgileNowPicture `json:"agileNowPictures,omitempty"`
}

// DecodeState reads a tenant state document (the format of Snapshot, of
// the binary's -tenant and -state files and of the admin API) strictly:
// unknown members and values of the wrong type are errors that name their
// JSON path, as "accounts[3].disabled: want a boolean, got a string". It
// does not check references; Restore (or WithState) does, and names the
// path too.
func DecodeState(data []byte) (State, error) {
	var st State
	if err := strictjson.Decode(data, &st); err != nil {
		return State{}, err
	}
	return st, nil
}
