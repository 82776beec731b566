package mockisc

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/jsonpatch"
)

// patchDoc is the document a patch applies to: the FULL rendering, with
// identityId and identity present (null) on an uncorrelated account, so
// that ISC's documented "replace /identityId" correlates it.
type patchDoc struct {
	accountFull
	IdentityID *string  `json:"identityId"`
	Identity   *refJSON `json:"identity"`
}

// patchAccount serves PATCH /v3/accounts/{id}: an RFC 6902 patch under
// ISC's account rules (jsonpatch.ApplyAccount), then the correlation it
// implies. It answers 202 with {"id": <task id>}.
func (s *Server) patchAccount(c *engine.Call) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	if resp := engine.RequireContentType(c, "application/json-patch+json"); resp != nil {
		return resp
	}
	p, err := jsonpatch.Decode(c.Body)
	if err != nil {
		return badRequest("%v", err)
	}
	src := s.ten.sources[a.SourceID]
	target := jsonpatch.AccountTarget{
		FlatFile:      src.FlatFile(),
		Authoritative: src.Authoritative,
		Now:           s.now(),
		LookupIdentity: func(id string) (jsonpatch.Identity, bool) {
			ident := s.ten.identities[id]
			if ident == nil {
				return jsonpatch.Identity{}, false
			}
			return jsonpatch.Identity{ID: ident.ID, Name: ident.Name,
				IdentityState: ident.IdentityState, CloudLifecycleState: ident.LifecycleState}, true
		},
	}
	ch, err := jsonpatch.ApplyAccount(s.patchDoc(a), p, target)
	if err != nil {
		return iscError(http.StatusBadRequest, jsonpatch.DetailCode(err), err.Error())
	}
	var after struct {
		IdentityID         *string        `json:"identityId"`
		ManuallyCorrelated *bool          `json:"manuallyCorrelated"`
		Attributes         map[string]any `json:"attributes"`
	}
	if err := json.Unmarshal(ch.Doc, &after); err != nil {
		return badRequest("the patched account is not valid: %s", engine.DescribeJSONError(err))
	}
	return s.submit(c, "Update Account", fmt.Sprintf("Patch account %s on source %s", a.NativeIdentity, src.Name), a, func(now time.Time) error {
		if ch.Recorrelated {
			s.ten.setIdentity(a, ch.IdentityID)
		}
		if after.ManuallyCorrelated != nil {
			a.ManuallyCorrelated = *after.ManuallyCorrelated
		}
		if src.FlatFile() {
			s.setAttributes(a, src, after.Attributes, now)
			return nil
		}
		a.Modified = now
		s.ten.changed(a)
		return nil
	})
}

func (s *Server) patchDoc(a *account) []byte {
	full := s.ten.renderFull(a)
	return engine.Marshal(patchDoc{accountFull: full, IdentityID: nullable(full.IdentityID), Identity: full.Identity})
}
