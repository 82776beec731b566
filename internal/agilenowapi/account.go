package agilenowapi

import (
	"slices"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// Account is an account of the AgileNow (eSystems) Endpoint API, as
// stored: the foreign keys LanguageID, TimezoneID and DateFormatID hold
// the vendor's enum values ("fi-FI", "FLE Standard Time", "DD.MM.YYYY"),
// and the API renders them, with the tenant, as AbstractText and
// AbstractLong objects. The JSON names are the vendor's, so a state file
// reads like a request body.
type Account struct {
	// ID is the primary key, a string; generated (32 lowercase hex
	// characters) when empty. It never changes.
	ID string `json:"Id"`
	// Name is the account's name.
	Name string `json:"Name,omitempty"`
	// FirstName is the person's first name.
	FirstName string `json:"FirstName"`
	// LastName is the person's last name.
	LastName string `json:"LastName"`
	// Phone is the phone number, unique when set.
	Phone string `json:"Phone,omitempty"`
	// PhoneVerified reports whether the phone number was verified.
	PhoneVerified bool `json:"PhoneVerified,omitempty"`
	// Email is the e-mail address, unique when set.
	Email string `json:"Email"`
	// EmailVerified reports whether the e-mail address was verified; no
	// request can set it, only the direct API and state files.
	EmailVerified bool `json:"EmailVerified,omitempty"`
	// Identifier is e.g. a social security number, unique when set.
	Identifier string `json:"Identifier,omitempty"`
	// IdentifierVerified reports whether the identifier was verified.
	IdentifierVerified bool `json:"IdentifierVerified,omitempty"`
	// LanguageID is a value of the vendor's EnumLanguage, or empty.
	LanguageID string `json:"LanguageId,omitempty"`
	// TimezoneID is a value of the vendor's EnumTimezone, or empty.
	TimezoneID string `json:"TimezoneId,omitempty"`
	// DateFormatID is a value of the vendor's EnumDateFormat, or empty.
	DateFormatID string `json:"DateFormatId,omitempty"`
	// Username is the login name, unique when set.
	Username string `json:"Username"`
	// ExternalID is the external authentication id (e.g. an Azure AD
	// object id), unique when set.
	ExternalID string `json:"ExternalId,omitempty"`
	// NotifyByEmail says whether the person gets e-mail notifications.
	NotifyByEmail bool `json:"NotifyByEmail,omitempty"`
	// NotifyBySMS says whether the person gets SMS notifications.
	NotifyBySMS bool `json:"NotifyBySMS,omitempty"`
	// IsActive says whether the account is active (the vendor's Is_Active).
	IsActive bool `json:"Is_Active,omitempty"`
	// Tenants are the ids of the tenants the account is linked to, in the
	// order they were linked: an account is visible to the tokens of
	// those tenants only. Nil means the fake's own tenant (1) alone, as
	// for every account before tenants existed; an empty, non-nil list
	// means no tenant at all (what is left after the last link is
	// deleted), and is kept as [] in a state file. Each id must be a
	// tenant of the fake, listed once.
	Tenants []int64 `json:"Tenants,omitzero"`
	// CreatedOn is set from the server clock when zero.
	CreatedOn time.Time `json:"CreatedOn"`
	// ModifiedOn is the time of the last change.
	ModifiedOn time.Time `json:"ModifiedOn"`
}

// links returns the tenants a is linked to (nil Tenants: the fake's own).
// The result is the account's own slice: callers must not change it.
func (a *Account) links() []int64 {
	if a.Tenants == nil {
		return []int64{OwnTenantID}
	}
	return a.Tenants
}

// clone returns a copy of a that shares no memory with it.
func (a Account) clone() Account {
	a.Tenants = slices.Clone(a.Tenants)
	return a
}

// abstractLong is the vendor's AbstractLong.
type abstractLong struct {
	ID         int64  `json:"Id"`
	ExternalID string `json:"ExternalId"`
	Name       string `json:"Name"`
	Type       string `json:"Type"`
}

// abstractText is the vendor's AbstractText.
type abstractText struct {
	ID         string `json:"Id"`
	ExternalID string `json:"ExternalId"`
	Name       string `json:"Name"`
	Type       string `json:"Type"`
}

// accountJSON is the vendor's extended Account, the response of every
// Account operation, with its members in the vendor's order.
type accountJSON struct {
	ID                 string        `json:"Id"`
	TenantID           abstractLong  `json:"TenantId"`
	Name               string        `json:"Name"`
	FirstName          string        `json:"FirstName"`
	LastName           string        `json:"LastName"`
	Phone              string        `json:"Phone"`
	PhoneVerified      bool          `json:"PhoneVerified"`
	Email              string        `json:"Email"`
	EmailVerified      bool          `json:"EmailVerified"`
	Identifier         string        `json:"Identifier"`
	IdentifierVerified bool          `json:"IdentifierVerified"`
	LanguageID         *abstractText `json:"LanguageId,omitempty"`
	TimezoneID         *abstractText `json:"TimezoneId,omitempty"`
	DateFormatID       *abstractText `json:"DateFormatId,omitempty"`
	Username           string        `json:"Username"`
	ExternalID         string        `json:"ExternalId"`
	NotifyByEmail      bool          `json:"NotifyByEmail"`
	NotifyBySMS        bool          `json:"NotifyBySMS"`
	IsActive           bool          `json:"Is_Active"`
	ModifiedOn         string        `json:"ModifiedOn"`
	CreatedOn          string        `json:"CreatedOn"`
}

// render builds the extended Account of a, as a caller of tenant sees it:
// TenantId is the caller's tenant.
func (api *API) render(a *Account, tenant int64) []byte {
	return engine.Marshal(accountJSON{
		ID: a.ID, TenantID: api.tenantRef(tenant),
		Name: a.Name, FirstName: a.FirstName, LastName: a.LastName,
		Phone: a.Phone, PhoneVerified: a.PhoneVerified, Email: a.Email, EmailVerified: a.EmailVerified,
		Identifier: a.Identifier, IdentifierVerified: a.IdentifierVerified,
		LanguageID: languages.abstract(a.LanguageID), TimezoneID: timezones.abstract(a.TimezoneID),
		DateFormatID: dateFormats.abstract(a.DateFormatID),
		Username:     a.Username, ExternalID: a.ExternalID,
		NotifyByEmail: a.NotifyByEmail, NotifyBySMS: a.NotifyBySMS, IsActive: a.IsActive,
		ModifiedOn: formatTime(a.ModifiedOn), CreatedOn: formatTime(a.CreatedOn),
	})
}

// formatTime renders t as RFC 3339 in UTC, with a fraction only
// when t has one, like the vendor's example "1900-01-01T00:00:00Z".
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
