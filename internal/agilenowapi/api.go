package agilenowapi

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/sim"
)

// API is the AgileNow Endpoint API of one fake: its tenants, accounts and
// pictures, its route table and the direct Go API over them. It is safe
// for concurrent use.
type API struct {
	ids      *sim.Rand
	clock    *sim.Clock
	tokens   *engine.Tokens
	tenantID string // the fake's tenant id, the own tenant's ExternalId

	mu  sync.Mutex // guards st and ten
	st  store      // the accounts, with their pictures
	ten tenants    // the tenants besides the own one
}

// New returns an API with no accounts and no tenant but its own. ids
// gives generated Ids, clock the times, tokens the vendor token
// endpoint's tokens; tenantID is the own tenant's ExternalId, which an
// account's TenantId shows to its tokens.
func New(ids *sim.Rand, clock *sim.Clock, tokens *engine.Tokens, tenantID string) *API {
	return &API{ids: ids, clock: clock, tokens: tokens, tenantID: tenantID}
}

// ErrNotFound is the error of the Update and Delete calls (and of the
// picture calls) for an unknown Id.
var ErrNotFound = errors.New("not found")

// Scopes returns every scope of the Account operations, as the vendor's
// token endpoint grants them to a client it does not know.
func Scopes() []string { return slices.Clone(allScopes) }

// locked runs h holding the store's lock.
func (api *API) locked(h func(*engine.Call) *engine.Response) func(*engine.Call) *engine.Response {
	return func(c *engine.Call) *engine.Response {
		api.mu.Lock()
		defer api.mu.Unlock()
		return h(c)
	}
}

// prepare fills a's defaults (a generated Id, the clock's times) and
// checks it for adding to st, its links against ts.
func (api *API) prepare(st *store, ts *tenants, a *Account) error {
	if a.ID == "" {
		a.ID = api.ids.ID()
	}
	if err := st.check(a, nil); err != nil {
		return err
	}
	if err := checkLinks(a, ts); err != nil {
		return err
	}
	now := api.clock.Now()
	if a.CreatedOn.IsZero() {
		a.CreatedOn = now
	}
	if a.ModifiedOn.IsZero() || a.ModifiedOn.Before(a.CreatedOn) {
		a.ModifiedOn = a.CreatedOn
	}
	return nil
}

// Add stores a and returns it as stored: an empty ID gets a generated
// one and zero times are the clock's now. A bad enum value, a link to an
// unknown tenant or a unique key another account holds is a *CheckError.
func (api *API) Add(a Account) (Account, error) {
	api.mu.Lock()
	defer api.mu.Unlock()
	a = a.clone()
	if err := api.prepare(&api.st, &api.ten, &a); err != nil {
		return Account{}, err
	}
	return api.st.add(a).clone(), nil
}

// Get returns the account with the given Id, ignoring case.
func (api *API) Get(id string) (Account, bool) {
	api.mu.Lock()
	defer api.mu.Unlock()
	r := api.st.find(keyID, id)
	if r == nil {
		return Account{}, false
	}
	return r.clone(), true
}

// List returns every account, in creation order.
func (api *API) List() []Account {
	api.mu.Lock()
	defer api.mu.Unlock()
	return api.st.snapshot()
}

// Len returns how many accounts there are.
func (api *API) Len() int {
	api.mu.Lock()
	defer api.mu.Unlock()
	return len(api.st.order)
}

// Update changes an account through f, which gets a copy; the ID cannot
// change, the result is checked as Add checks it, and ModifiedOn is set to
// now unless f moved it.
func (api *API) Update(id string, f func(*Account)) (Account, error) {
	api.mu.Lock()
	defer api.mu.Unlock()
	r := api.st.find(keyID, id)
	if r == nil {
		return Account{}, fmt.Errorf("%w: AgileNow account %q", ErrNotFound, id)
	}
	next := r.clone()
	f(&next)
	next.ID = r.ID
	next = next.clone()
	if err := api.st.check(&next, r); err != nil {
		return Account{}, err
	}
	if err := checkLinks(&next, &api.ten); err != nil {
		return Account{}, err
	}
	if next.ModifiedOn.Equal(r.ModifiedOn) {
		next.ModifiedOn = api.clock.Now()
	}
	api.st.set(r, next)
	return r.clone(), nil
}

// Delete removes an account with its picture.
func (api *API) Delete(id string) error {
	api.mu.Lock()
	defer api.mu.Unlock()
	r := api.st.find(keyID, id)
	if r == nil {
		return fmt.Errorf("%w: AgileNow account %q", ErrNotFound, id)
	}
	api.st.remove(r)
	return nil
}
