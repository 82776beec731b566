package mockisc

import (
	"errors"
	"fmt"

	"github.com/mockisc/mockisc/internal/agilenowapi"
)

// AgileNowAccount is an account of the AgileNow (eSystems) Endpoint API, as
// stored: the foreign keys LanguageID, TimezoneID and DateFormatID hold
// the vendor's enum values ("fi-FI", "FLE Standard Time", "DD.MM.YYYY"),
// and the API renders them, with the tenant, as AbstractText and
// AbstractLong objects. The JSON names are the vendor's, so a state file
// reads like a request body.
type AgileNowAccount = agilenowapi.Account

// AddAgileNowAccount adds an AgileNow account and returns it as stored: an
// empty ID gets a generated one and zero times are the server clock's now.
// LanguageID, TimezoneID and DateFormatID must be empty or one of the
// vendor's enum values (ErrInvalid), and the unique keys (ID, Username,
// ExternalID, Email, Phone, Identifier), where set, must be new ignoring
// case (ErrExists).
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

// AgileNowAccounts returns every AgileNow account, in creation order.
func (s *Server) AgileNowAccounts() []AgileNowAccount { return s.an.List() }

// UpdateAgileNowAccount changes an AgileNow account through f, which gets
// a copy; the ID cannot change, the result is checked as
// AddAgileNowAccount checks, and ModifiedOn is set to now unless f moved
// it.
func (s *Server) UpdateAgileNowAccount(id string, f func(*AgileNowAccount)) (AgileNowAccount, error) {
	got, err := s.an.Update(id, f)
	if err != nil {
		return AgileNowAccount{}, agileNowError("", id, err)
	}
	return got, nil
}

// DeleteAgileNowAccount removes an AgileNow account.
func (s *Server) DeleteAgileNowAccount(id string) error {
	return agileNowError("", id, s.an.Delete(id))
}

// AgileNowScopes returns every scope of the AgileNow Endpoint API's
// Account operations, as the vendor's token endpoint grants them to a
// client not registered with WithClient. Register a client with a subset
// (WithClient) to test 403 answers.
func AgileNowScopes() []string { return agilenowapi.Scopes() }

// agileNowError turns an error of the AgileNow store into the direct
// API's: ErrNotFound (of id), ErrExists for a unique value another account holds,
// ErrInvalid for a value the vendor does not allow. With a path, the
// error names the member at path.Field.
func agileNowError(path, id string, err error) error {
	var ce *agilenowapi.CheckError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, agilenowapi.ErrNotFound):
		return fmt.Errorf("%w: AgileNow account %q", ErrNotFound, id)
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
