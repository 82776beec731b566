package mockisc

import (
	"fmt"
	"net/http"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
)

// toggleBody is AccountToggleRequest and AccountUnlockRequest. Unknown
// members are ignored, as ISC does; known members must have their types.
type toggleBody struct {
	ExternalVerificationID *string `json:"externalVerificationId"`
	ForceProvisioning      *bool   `json:"forceProvisioning"`
	UnlockIDNAccount       *bool   `json:"unlockIDNAccount"`
}

func decodeToggle(c *engine.Call) (toggleBody, *engine.Response) {
	var body toggleBody
	if resp := engine.RequireContentType(c, "application/json"); resp != nil {
		return body, resp
	}
	if resp := decodeBody(c, &body); resp != nil {
		return body, resp
	}
	return body, nil
}

// reloadAccount serves POST /v3/accounts/{id}/reload. The fake has no
// connector to read from, so the reload changes nothing.
func (s *Server) reloadAccount(c *engine.Call) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	return s.submit(c, "Reload Account", fmt.Sprintf("Reload account %s", a.NativeIdentity), a, func(time.Time) error {
		return nil
	})
}

// setFlag serves enable, disable and unlock.
func (s *Server) setFlag(c *engine.Call, name string, unlock bool, set func(*account)) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	body, resp := decodeToggle(c)
	if resp != nil {
		return resp
	}
	if unlock && body.ForceProvisioning != nil && *body.ForceProvisioning && !c.HasScope("idn:accounts-provisioning:manage") {
		return forbidden("unlocking with forceProvisioning true needs the scope idn:accounts-provisioning:manage")
	}
	return s.submit(c, name+" Account", fmt.Sprintf("%s account %s", name, a.NativeIdentity), a, func(now time.Time) error {
		set(a)
		a.Modified = now
		s.ten.changed(a)
		return nil
	})
}

// enableAccount serves POST /v3/accounts/{id}/enable.
func (s *Server) enableAccount(c *engine.Call) *engine.Response {
	return s.setFlag(c, "Enable", false, func(a *account) { a.Disabled = false })
}

// disableAccount serves POST /v3/accounts/{id}/disable.
func (s *Server) disableAccount(c *engine.Call) *engine.Response {
	return s.setFlag(c, "Disable", false, func(a *account) { a.Disabled = true })
}

// unlockAccount serves POST /v3/accounts/{id}/unlock.
func (s *Server) unlockAccount(c *engine.Call) *engine.Response {
	return s.setFlag(c, "Unlock", true, func(a *account) { a.Locked = false })
}

// taskResult is ISC's TaskResultDto, the answer of remove.
type taskResult struct {
	Type string  `json:"type"`
	ID   string  `json:"id"`
	Name *string `json:"name"`
}

// removeAccount serves POST /accounts/{id}/remove (every version but v3):
// it takes the account out of the tenant without touching its source, on
// any source type, as a task, and answers 202 TaskResultDto.
func (s *Server) removeAccount(c *engine.Call) *engine.Response {
	a, resp := s.lookup(c)
	if resp != nil {
		return resp
	}
	src := s.ten.sources[a.SourceID]
	t := s.schedule(c, "Remove Account", fmt.Sprintf("Remove account %s from source %s", a.NativeIdentity, src.Name), a, func(time.Time) error {
		s.ten.deleteAccount(a)
		return nil
	})
	return engine.JSON(http.StatusAccepted, taskResult{Type: "TASK_RESULT", ID: t.id})
}
