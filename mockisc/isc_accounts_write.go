package mockisc

import (
	"fmt"
	"maps"
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// attributesBody is the body of POST and PUT /v3/accounts.
type attributesBody struct {
	ID         *string        `json:"id"`
	Attributes map[string]any `json:"attributes"`
}

func decodeAttributes(c *engine.Call) (attributesBody, *engine.Response) {
	var body attributesBody
	if resp := engine.RequireContentType(c, "application/json"); resp != nil {
		return body, resp
	}
	if resp := decodeBody(c, &body); resp != nil {
		return body, resp
	}
	if body.Attributes == nil {
		return body, badRequest("attributes is required and must be an object")
	}
	return body, nil
}

func nativeAttr(src *Source) string {
	if src.NativeIdentityAttribute != "" {
		return src.NativeIdentityAttribute
	}
	return "userName"
}

func nameAttr(src *Source) string {
	if src.NameAttribute != "" {
		return src.NameAttribute
	}
	return "displayName"
}

// accountName is the name a source gives an account with attrs: the
// source's name attribute, or fallback when attrs lack it.
func accountName(src *Source, attrs map[string]any, fallback string) string {
	if v, ok := attrs[nameAttr(src)].(string); ok && v != "" {
		return v
	}
	return fallback
}

// createAccount serves POST /v3/accounts. The body's top-level "id", when
// present, names an existing account whose attributes the body updates;
// otherwise an account whose source and native identity match the body's
// is updated; otherwise a new account is created.
func (s *Server) createAccount(c *engine.Call) *engine.Response {
	body, resp := decodeAttributes(c)
	if resp != nil {
		return resp
	}
	sourceID, hasSource := body.Attributes["sourceId"]
	sid, isString := sourceID.(string)
	if hasSource && !isString {
		return badRequest("attributes.sourceId must be a string")
	}
	attrs := maps.Clone(body.Attributes)
	delete(attrs, "sourceId")
	if body.ID != nil {
		a := s.ten.accounts[*body.ID]
		if a == nil {
			return iscError(http.StatusBadRequest, detailRefNotFound, fmt.Sprintf("id: account %q not found", *body.ID))
		}
		if hasSource && sid != a.SourceID {
			return badRequest("attributes.sourceId %q does not match the source %q of account %q", sid, a.SourceID, a.ID)
		}
		return s.updateAttributes(c, a, attrs)
	}
	if !hasSource || sid == "" {
		return badRequest("attributes.sourceId is required: it names the source of the new account")
	}
	src := s.ten.sources[sid]
	if src == nil {
		return iscError(http.StatusBadRequest, detailRefNotFound, fmt.Sprintf("attributes.sourceId: source %q not found", sid))
	}
	native, _ := attrs[nativeAttr(src)].(string)
	if native == "" {
		return badRequest("attributes.%s is required: source %q takes an account's nativeIdentity from it", nativeAttr(src), src.Name)
	}
	if a := s.ten.native(sid, native); a != nil {
		return s.updateAttributes(c, a, attrs)
	}
	now := s.now()
	acct := Account{
		ID: s.ids.ID(), Name: accountName(src, attrs, native), NativeIdentity: native, SourceID: sid,
		Attributes: attrs, Origin: "PROVISIONED", Created: now, Modified: now,
	}
	return s.submit(c, "Create Account", fmt.Sprintf("Create account %s on source %s", native, src.Name), &account{Account: acct}, func(now time.Time) error {
		if other := s.ten.native(sid, native); other != nil {
			return fmt.Errorf("account %q already has native identity %q on source %q", other.ID, native, src.Name)
		}
		acct.Created, acct.Modified = now, now
		s.ten.addAccount(acct)
		return nil
	})
}

// updateAttributes merges attrs into a's attributes (the upsert branch of
// POST), which only flat file accounts allow.
func (s *Server) updateAttributes(c *engine.Call, a *account, attrs map[string]any) *engine.Response {
	src := s.ten.sources[a.SourceID]
	if !src.FlatFile() {
		return badRequest("account %q is on source %q of type %q: only accounts of flat file (DelimitedFile) sources can have their attributes changed", a.ID, src.Name, src.Type)
	}
	return s.submit(c, "Update Account", fmt.Sprintf("Update account %s on source %s", a.NativeIdentity, src.Name), a, func(now time.Time) error {
		merged := copyMap(a.attributes())
		if merged == nil {
			merged = map[string]any{}
		}
		maps.Copy(merged, attrs)
		s.setAttributes(a, src, merged, now)
		return nil
	})
}

// setAttributes gives a flat file account new attributes, and the name
// they imply. Caller holds s.mu.
func (s *Server) setAttributes(a *account, src *Source, attrs map[string]any, now time.Time) {
	if attrs == nil {
		attrs = map[string]any{}
	}
	a.setAttrs(attrs)
	s.ten.rename(a, accountName(src, attrs, a.Name))
	a.Modified = now
	s.ten.changed(a)
}

// putAccount serves PUT /v3/accounts/{id}: it replaces the attributes of a
// flat file account; attributes left out are removed.
func (s *Server) putAccount(c *engine.Call) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	body, resp := decodeAttributes(c)
	if resp != nil {
		return resp
	}
	src := s.ten.sources[a.SourceID]
	if !src.FlatFile() {
		return badRequest("account %q is on source %q of type %q: PUT only updates accounts of flat file (DelimitedFile) sources", a.ID, src.Name, src.Type)
	}
	attrs := body.Attributes
	delete(attrs, "sourceId")
	return s.submit(c, "Update Account", fmt.Sprintf("Update account %s on source %s", a.NativeIdentity, src.Name), a, func(now time.Time) error {
		s.setAttributes(a, src, attrs, now)
		return nil
	})
}

// deleteAccount serves DELETE /v3/accounts/{id}, for accounts of
// DelimitedFile sources only.
func (s *Server) deleteAccount(c *engine.Call) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	src := s.ten.sources[a.SourceID]
	if src.Type != SourceTypeDelimitedFile {
		return badRequest("account %q is on source %q of type %q: only accounts of DelimitedFile sources can be deleted", a.ID, src.Name, src.Type)
	}
	return s.submit(c, "Delete Account", fmt.Sprintf("Delete account %s from source %s", a.NativeIdentity, src.Name), a, func(time.Time) error {
		s.ten.deleteAccount(a)
		return nil
	})
}
