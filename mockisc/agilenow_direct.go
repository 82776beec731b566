package mockisc

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mockisc/mockisc/internal/agilenowapi"
)

// AgileNowAccount is an account of the AgileNow (eSystems) Endpoint API, as
// stored: the foreign keys LanguageID, TimezoneID and DateFormatID hold
// the vendor's enum values ("fi-FI", "FLE Standard Time", "DD.MM.YYYY"),
// and the API renders them, with the caller's tenant, as AbstractText and
// AbstractLong objects. Tenants lists its tenant links (nil: the fake's
// own tenant, 1). The JSON names are the vendor's, so a state file reads
// like a request body.
type AgileNowAccount = agilenowapi.Account

// AgileNowTenant is a tenant of the AgileNow Endpoint API besides the
// fake's own (AgileNowOwnTenant): the accounts linked to it are visible
// to the tokens of the OAuth clients it lists in Clients.
type AgileNowTenant = agilenowapi.Tenant

// AgileNowPicture is an AgileNow account's picture: one per account at
// most, 1 to AgileNowMaxPictureBytes bytes, kept as base64 in a state
// file.
type AgileNowPicture = agilenowapi.Picture

// AgileNowOwnTenant is the id of the fake's own AgileNow tenant. It
// always exists and cannot change; the tokens of clients that no
// AgileNowTenant lists act in it, and an account whose Tenants is nil is
// linked to it alone.
const AgileNowOwnTenant = agilenowapi.OwnTenantID

// AgileNowMaxPictureBytes is the size cap of an AgileNow account's
// picture; a larger upload is a 400 Bad Input.
const AgileNowMaxPictureBytes = agilenowapi.MaxPictureBytes

// AddAgileNowAccount adds an AgileNow account and returns it as stored: an
// empty ID gets a generated one and zero times are the server clock's now.
// LanguageID, TimezoneID and DateFormatID must be empty or one of the
// vendor's enum values, and Tenants must name existing tenants once each
// (ErrInvalid); the unique keys (ID, Username, ExternalID, Email, Phone,
// Identifier), where set, must be new ignoring case (ErrExists).
func (s *Server) AddAgileNowAccount(a AgileNowAccount) (AgileNowAccount, error) {
	got, err := s.an.Add(a)
	if err != nil {
		return AgileNowAccount{}, agileNowError("agileNowAccount", a.ID, err)
	}
	return got, nil
}

// AgileNowAccount returns the AgileNow account with the given Id
// (ignoring case, as the API matches it).
func (s *Server) AgileNowAccount(id string) (AgileNowAccount, bool) { return s.an.Get(id) }

// AgileNowAccounts returns every AgileNow account, in creation order,
// whatever tenants they are linked to.
func (s *Server) AgileNowAccounts() []AgileNowAccount { return s.an.List() }

// UpdateAgileNowAccount changes an AgileNow account through f, which gets
// a copy; the ID cannot change, the result is checked as
// AddAgileNowAccount checks, and ModifiedOn is set to now unless f moved
// it. Changing Tenants links and unlinks the account.
func (s *Server) UpdateAgileNowAccount(id string, f func(*AgileNowAccount)) (AgileNowAccount, error) {
	got, err := s.an.Update(id, f)
	if err != nil {
		return AgileNowAccount{}, agileNowError("", id, err)
	}
	return got, nil
}

// DeleteAgileNowAccount removes an AgileNow account with its tenant links
// and its picture, whatever tenants it is linked to.
func (s *Server) DeleteAgileNowAccount(id string) error {
	return agileNowError("", id, s.an.Delete(id))
}

// AddAgileNowTenant adds an AgileNow tenant and returns it as stored: an
// ID of 0 gets the next free one. The ID must be from 2 to 2147483647 and
// new, Name is required, and ExternalID (ignoring case) and each of
// Clients must belong to no other tenant (ErrExists for a taken value,
// ErrInvalid for a bad one).
func (s *Server) AddAgileNowTenant(t AgileNowTenant) (AgileNowTenant, error) {
	got, err := s.an.AddTenant(t)
	if err != nil {
		return AgileNowTenant{}, agileNowError("agileNowTenant", "", err)
	}
	return got, nil
}

// AgileNowTenant returns the AgileNow tenant with the given id, the
// fake's own (AgileNowOwnTenant) included.
func (s *Server) AgileNowTenant(id int64) (AgileNowTenant, bool) { return s.an.Tenant(id) }

// AgileNowTenants returns every AgileNow tenant: the fake's own first,
// then the others in creation order. (A state's AgileNowTenants leaves
// the own one out.)
func (s *Server) AgileNowTenants() []AgileNowTenant { return s.an.Tenants() }

// UpdateAgileNowTenant changes an AgileNow tenant through f, which gets a
// copy; the ID cannot change and the result is checked as
// AddAgileNowTenant checks. The fake's own tenant cannot change
// (ErrInvalid).
func (s *Server) UpdateAgileNowTenant(id int64, f func(*AgileNowTenant)) (AgileNowTenant, error) {
	got, err := s.an.UpdateTenant(id, f)
	if err != nil {
		return AgileNowTenant{}, agileNowError("", "", err)
	}
	return got, nil
}

// DeleteAgileNowTenant removes an AgileNow tenant and every account's
// link to it (an account left with no link stays, visible to no token);
// its clients then act in the fake's own tenant. The own tenant cannot be
// deleted (ErrInvalid).
func (s *Server) DeleteAgileNowTenant(id int64) error {
	return agileNowError("", "", s.an.DeleteTenant(id))
}

// AddAgileNowPicture adds an AgileNow account's picture and returns it as
// stored: an empty Filename is "picture" with the extension of the bytes'
// content type, and a zero CreatedOn the server clock's now. The account
// must exist and have no picture yet (ErrInvalid, ErrExists), and the
// bytes must number 1 to AgileNowMaxPictureBytes (ErrInvalid).
func (s *Server) AddAgileNowPicture(p AgileNowPicture) (AgileNowPicture, error) {
	got, err := s.an.AddPicture(p)
	if err != nil {
		return AgileNowPicture{}, agileNowError("agileNowPicture", "", err)
	}
	return got, nil
}

// AgileNowPicture returns the picture of the AgileNow account with the
// given Id (ignoring case).
func (s *Server) AgileNowPicture(accountID string) (AgileNowPicture, bool) {
	return s.an.Picture(accountID)
}

// AgileNowPictures returns every AgileNow account's picture, in the order
// of the accounts.
func (s *Server) AgileNowPictures() []AgileNowPicture { return s.an.Pictures() }

// UpdateAgileNowPicture changes an AgileNow account's picture through f,
// which gets a copy; AccountID cannot change and the result is checked as
// AddAgileNowPicture checks.
func (s *Server) UpdateAgileNowPicture(accountID string, f func(*AgileNowPicture)) (AgileNowPicture, error) {
	got, err := s.an.UpdatePicture(accountID, f)
	if err != nil {
		return AgileNowPicture{}, agileNowError("", "", err)
	}
	return got, nil
}

// DeleteAgileNowPicture removes an AgileNow account's picture.
func (s *Server) DeleteAgileNowPicture(accountID string) error {
	return agileNowError("", "", s.an.DeletePicture(accountID))
}

// AgileNowScopes returns every scope of the AgileNow Endpoint API's
// Account operations, as the vendor's token endpoint grants them to a
// client not registered with WithClient. Register a client with a subset
// (WithClient) to test 403 answers.
func AgileNowScopes() []string { return agilenowapi.Scopes() }

// agileNowLists are the State members of an agilenowapi.Data's lists.
var agileNowLists = map[string]string{
	agilenowapi.ListTenants:  "agileNowTenants",
	agilenowapi.ListAccounts: "agileNowAccounts",
	agilenowapi.ListPictures: "agileNowPictures",
}

// agileNowError turns an error of the AgileNow store into the direct
// API's: ErrNotFound (of id, or as the store words it), ErrExists for a
// value another object holds, ErrInvalid for a value the vendor (or the
// fake) does not allow. With a path, the error names the member at
// path.Field.
func agileNowError(path, id string, err error) error {
	var ce *agilenowapi.CheckError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, agilenowapi.ErrNotFound) && id != "":
		return fmt.Errorf("%w: AgileNow account %q", ErrNotFound, id)
	case errors.Is(err, agilenowapi.ErrNotFound):
		return fmt.Errorf("%w: %s", ErrNotFound, strings.TrimPrefix(err.Error(), agilenowapi.ErrNotFound.Error()+": "))
	case !errors.As(err, &ce):
		return err
	case path == "" && ce.Unique:
		return fmt.Errorf("%w: %v", ErrExists, ce)
	case path == "":
		return fmt.Errorf("%w: %v", ErrInvalid, ce)
	case ce.Unique:
		return exists(path+"."+ce.Field, "%s", ce.Error())
	}
	return invalid(path+"."+ce.Field, "%s", ce.Msg)
}
