package agilenowapi

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// MaxPictureBytes is the largest picture an account may have: 512 KiB of
// decoded bytes (about 683 KiB of base64, under the default body cap of
// 1 MiB). A larger upload is a 400 Bad Input saying so.
const MaxPictureBytes = 512 << 10

// Picture is an account's picture. An account has one at most: the
// vendor keys Picture by its AccountId, and an upload replaces it. The
// JSON names are the vendor's; Picture is base64 in JSON, so a state file
// keeps the bytes as base64.
type Picture struct {
	// AccountID is the Id of the account the picture belongs to.
	AccountID string `json:"AccountId"`
	// Filename is the picture's file name; empty gets "picture" and an
	// extension from the bytes' content type (.png, .jpg, .gif, .webp,
	// .bmp, .ico, else .bin).
	Filename string `json:"Filename"`
	// Picture holds the bytes: 1 to MaxPictureBytes of them.
	Picture []byte `json:"Picture"`
	// CreatedOn is set from the server clock when zero.
	CreatedOn time.Time `json:"CreatedOn"`
}

// clone returns a copy of p that shares no memory with it.
func (p Picture) clone() Picture {
	p.Picture = slices.Clone(p.Picture)
	return p
}

// extensions maps the content types http.DetectContentType finds in
// pictures to a file extension.
var extensions = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
	"image/webp": ".webp", "image/bmp": ".bmp", "image/x-icon": ".ico",
}

// defaultFilename names a picture after its content type.
func defaultFilename(b []byte) string {
	ext, ok := extensions[http.DetectContentType(b)]
	if !ok {
		ext = ".bin"
	}
	return "picture" + ext
}

// checkPictureSize says what is wrong with a picture's size, if anything.
func checkPictureSize(n int) error {
	switch {
	case n == 0:
		return &CheckError{Field: "Picture", Msg: "is empty"}
	case n > MaxPictureBytes:
		return &CheckError{Field: "Picture", Msg: fmt.Sprintf("%d bytes is more than the %d bytes (%d KiB) an account picture may have",
			n, MaxPictureBytes, MaxPictureBytes>>10)}
	}
	return nil
}

// preparePicture fills p's defaults (the account's exact Id, a filename,
// the clock's now) and checks it for storing in st: the account exists,
// the size is within the cap, and, unless replace, the account has no
// picture yet.
func (api *API) preparePicture(st *store, p *Picture, replace bool) error {
	r := st.find(keyID, p.AccountID)
	if r == nil {
		return &CheckError{Field: "AccountId", Msg: fmt.Sprintf("account %q not found", p.AccountID)}
	}
	p.AccountID = r.ID
	if err := checkPictureSize(len(p.Picture)); err != nil {
		return err
	}
	if r.picture != nil && !replace {
		return &CheckError{Field: "AccountId", Unique: true, Msg: fmt.Sprintf("account %q already has a picture", r.ID)}
	}
	if p.Filename == "" {
		p.Filename = defaultFilename(p.Picture)
	}
	if p.CreatedOn.IsZero() {
		p.CreatedOn = api.clock.Now()
	}
	return nil
}

// AddPicture stores p as its account's picture and returns it as stored.
// An unknown account, a size outside 1 to MaxPictureBytes, or an account
// that already has a picture (Unique) is a *CheckError.
func (api *API) AddPicture(p Picture) (Picture, error) {
	api.mu.Lock()
	defer api.mu.Unlock()
	p = p.clone()
	if err := api.preparePicture(&api.st, &p, false); err != nil {
		return Picture{}, err
	}
	api.st.find(keyID, p.AccountID).picture = &p
	return p.clone(), nil
}

// Picture returns the picture of the account with the given Id (ignoring
// case).
func (api *API) Picture(accountID string) (Picture, bool) {
	api.mu.Lock()
	defer api.mu.Unlock()
	r := api.st.find(keyID, accountID)
	if r == nil || r.picture == nil {
		return Picture{}, false
	}
	return r.picture.clone(), true
}

// Pictures returns every picture, in the order of the accounts.
func (api *API) Pictures() []Picture {
	return api.Data().Pictures
}

// UpdatePicture changes an account's picture through f, which gets a
// copy; AccountID cannot change and the result is checked as AddPicture
// checks it.
func (api *API) UpdatePicture(accountID string, f func(*Picture)) (Picture, error) {
	api.mu.Lock()
	defer api.mu.Unlock()
	r := api.st.find(keyID, accountID)
	if r == nil || r.picture == nil {
		return Picture{}, fmt.Errorf("%w: picture of AgileNow account %q", ErrNotFound, accountID)
	}
	next := r.picture.clone()
	f(&next)
	next.AccountID = r.ID
	next = next.clone()
	if err := api.preparePicture(&api.st, &next, true); err != nil {
		return Picture{}, err
	}
	r.picture = &next
	return next.clone(), nil
}

// DeletePicture removes an account's picture.
func (api *API) DeletePicture(accountID string) error {
	api.mu.Lock()
	defer api.mu.Unlock()
	r := api.st.find(keyID, accountID)
	if r == nil || r.picture == nil {
		return fmt.Errorf("%w: picture of AgileNow account %q", ErrNotFound, accountID)
	}
	r.picture = nil
	return nil
}
