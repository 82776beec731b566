package agilenowapi

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strings"

	"github.com/mockisc/mockisc/filter/agilenow"
	"github.com/mockisc/mockisc/internal/engine"
)

// The Pictures sub-resource of an account: its one picture at most,
// answered as the vendor's Picture record. The bytes are answered only by
// a list whose Fields names Picture.

// pictureJSON is the vendor's Picture record as the fake answers it
// without Fields: the bytes left out.
type pictureJSON struct {
	Filename  string `json:"Filename"`
	CreatedOn string `json:"CreatedOn"`
}

// pictureRow is a picture as Filters, Orders and Fields read it: its
// columns as the spec lists them (AccountId, Filename, Picture,
// CreatedOn); Picture is there only when Fields asks for it.
type pictureRow struct {
	AccountID string `json:"AccountId"`
	Filename  string `json:"Filename"`
	Picture   string `json:"Picture,omitempty"`
	CreatedOn string `json:"CreatedOn"`
}

// pictureSchema is what the Filters and Orders of a picture list may
// name: the picture's columns but the bytes. pictureColumns is what its
// Fields may name: the members of the vendor's Picture record, the bytes
// among them.
var (
	pictureSchema = agilenow.MustSchema(
		col("AccountId", agilenow.TypeString),
		col("Filename", agilenow.TypeString),
		col("CreatedOn", agilenow.TypeDateTime),
	)
	pictureColumns = agilenow.MustSchema(
		col("Filename", agilenow.TypeString),
		col("Picture", agilenow.TypeString),
		col("CreatedOn", agilenow.TypeDateTime),
	)
)

// renderPicture builds the Picture answer of p, without the bytes.
func renderPicture(p *Picture) []byte {
	return engine.Marshal(pictureJSON{Filename: p.Filename, CreatedOn: formatTime(p.CreatedOn)})
}

// listPictures serves GET /Account/{Id}/Pictures: the account's picture,
// if it has one, without its bytes unless Fields names Picture.
func (api *API) listPictures(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c, api.callerTenant(c), reachOwnable)
	if resp != nil {
		return resp
	}
	q, resp := parseList(c, pictureSchema, pictureColumns)
	if resp != nil {
		return resp
	}
	var rows []row
	if p := r.picture; p != nil {
		pr := pictureRow{AccountID: p.AccountID, Filename: p.Filename, CreatedOn: formatTime(p.CreatedOn)}
		if slices.Contains(q.cols, "Picture") {
			pr.Picture = base64.StdEncoding.EncodeToString(p.Picture)
		}
		rows = append(rows, row{doc: engine.Marshal(pr), out: renderPicture(p)})
	}
	return q.answer(rows, "Picture")
}

// upsertPicture serves POST /Account/{Id}/Picture (PictureData): the
// bytes, base64 in JSON, become the account's picture, replacing the one
// it had (CreatedOn is now). It answers the Picture without the bytes.
func (api *API) upsertPicture(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c, api.callerTenant(c), reachOwnable)
	if resp != nil {
		return resp
	}
	b, resp := decodePictureData(c)
	if resp != nil {
		return resp
	}
	p := Picture{AccountID: r.ID, Picture: b}
	if err := api.preparePicture(&api.st, &p, true); err != nil {
		return badInput("%v", err) // preparePicture's checks passed in decodePictureData
	}
	r.picture = &p
	return ok(renderPicture(&p))
}

// deletePicture serves DELETE /Account/{Id}/Picture/{SubId}: SubName
// names the field SubId matches, AccountId (the default, as the spec
// says) or Filename. It answers the deleted Picture without the bytes.
func (api *API) deletePicture(c *engine.Call) *engine.Response {
	r, resp := api.lookup(c, api.callerTenant(c), reachOwnable)
	if resp != nil {
		return resp
	}
	sub, resp := pathValue("SubId", c.PathValue("SubId"))
	if resp != nil {
		return resp
	}
	name, _ := param(c, "SubName")
	name = strings.TrimSpace(name)
	p := r.picture
	var v string
	switch {
	case name == "" || strings.EqualFold(name, "AccountId"):
		name = "AccountId"
		if p != nil {
			v = p.AccountID
		}
	case strings.EqualFold(name, "Filename"):
		name = "Filename"
		if p != nil {
			v = p.Filename
		}
	default:
		return fail(http.StatusBadRequest, typeInvalidField,
			"SubName: %q is not a field a picture can be matched on; use AccountId (the default) or Filename", name)
	}
	if p == nil || !strings.EqualFold(v, sub) {
		return notFound("account %q has no picture with %s %q", r.ID, name, sub)
	}
	r.picture = nil
	return ok(renderPicture(p))
}
