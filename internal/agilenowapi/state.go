package agilenowapi

import "errors"

// Data is the whole state of the AgileNow API: what Snapshot exports and
// Restore loads. Each list is in creation order; Tenants leaves out the
// own tenant, and Pictures follows the accounts' order.
type Data struct {
	// Tenants are the tenants besides the own one.
	Tenants []Tenant
	// Accounts are the accounts, with their tenant links.
	Accounts []Account
	// Pictures are the accounts' pictures, one per account at most.
	Pictures []Picture
}

// The lists of a Data, as an IndexError names them.
const (
	ListTenants  = "Tenants"
	ListAccounts = "Accounts"
	ListPictures = "Pictures"
)

// IndexError is a *CheckError of the Index-th element of a Data's list
// (ListTenants, ListAccounts or ListPictures) in Replace.
type IndexError struct {
	// List is ListTenants, ListAccounts or ListPictures.
	List string
	// Index is the element's position in the list.
	Index int
	*CheckError
}

// Data returns a deep copy of the whole state, taken at one instant.
func (api *API) Data() Data {
	api.mu.Lock()
	defer api.mu.Unlock()
	var d Data
	d.Tenants = api.ten.list()
	d.Accounts = api.st.snapshot()
	for _, r := range api.st.order {
		if r.picture != nil {
			d.Pictures = append(d.Pictures, r.picture.clone())
		}
	}
	return d
}

// Replace checks d as the Add calls would, in order (tenants, then
// accounts, then pictures), and only if all pass replaces the whole state
// with it; otherwise it returns an *IndexError and changes nothing.
func (api *API) Replace(d Data) error {
	indexErr := func(list string, i int, err error) error {
		var ce *CheckError
		if !errors.As(err, &ce) {
			return err
		}
		return &IndexError{List: list, Index: i, CheckError: ce}
	}
	var ts tenants
	for i, t := range d.Tenants {
		t = t.clone()
		if err := ts.check(&t, nil); err != nil {
			return indexErr(ListTenants, i, err)
		}
		ts.add(t)
	}
	var st store
	for i := range d.Accounts {
		a := d.Accounts[i].clone()
		if err := api.prepare(&st, &ts, &a); err != nil {
			return indexErr(ListAccounts, i, err)
		}
		st.add(a)
	}
	for i, p := range d.Pictures {
		p = p.clone()
		if err := api.preparePicture(&st, &p, false); err != nil {
			return indexErr(ListPictures, i, err)
		}
		st.find(keyID, p.AccountID).picture = &p
	}
	api.mu.Lock()
	defer api.mu.Unlock()
	api.st, api.ten = st, ts
	return nil
}
