package mockisc

import (
	"net/http"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

func TestEnableDisableUnlockReload(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		e.s.Clock().Advance(9e9)
		now := formatTime(e.s.Clock().Now())
		tests := []struct {
			action, id, body, task string
			disabled, locked       bool
		}{
			{"disable", fx.adAlice.ID, `{}`, "Disable Account", true, false},
			{"disable", fx.adAlice.ID, `{"externalVerificationId":"v1","forceProvisioning":false}`, "Disable Account", true, false},
			{"enable", fx.adBob.ID, `{"externalVerificationId":"v2","forceProvisioning":true,"extra":[1]}`, "Enable Account", false, true},
			{"unlock", fx.adBob.ID, `{"unlockIDNAccount":true,"forceProvisioning":true}`, "Unlock Account", false, false},
			{"unlock", fx.adAlice.ID, `{}`, "Unlock Account", true, false},
		}
		for _, tt := range tests {
			id := taskID(t, e.do(t, "POST", "/v3/accounts/"+tt.id+"/"+tt.action, tt.body))
			e.wantTask(t, id, tt.task, tt.id)
			got := e.get(t, tt.id)
			if got["disabled"] != tt.disabled || got["locked"] != tt.locked || got["modified"] != now {
				t.Errorf("after %s %s: disabled %v locked %v modified %v; want %v %v %s", tt.action, tt.body,
					got["disabled"], got["locked"], got["modified"], tt.disabled, tt.locked, now)
			}
		}
		// Reload takes no body and changes nothing.
		before := e.s.Snapshot()
		id := taskID(t, e.do(t, "POST", "/v3/accounts/"+fx.hrAlice.ID+"/reload", ""))
		e.wantTask(t, id, "Reload Account", fx.hrAlice.ID)
		if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
			t.Errorf("reload changed the tenant (-before +after):\n%s", d)
		}
	})
}

func TestActionErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	id := e.fx.adAlice.ID
	tests := []struct {
		name, path, body, ct string
		status               int
		detail               string
		want                 []string
	}{
		{"malformed", "/enable", `{"forceProvisioning":`, "", 400, detailBadRequest, []string{"malformed JSON at offset 21"}},
		{"wrong type bool", "/disable", `{"forceProvisioning":"yes"}`, "", 400, detailBadRequest, []string{"forceProvisioning", "bool", "string"}},
		{"wrong type string", "/enable", `{"externalVerificationId":5}`, "", 400, detailBadRequest, []string{"externalVerificationId", "number"}},
		{"wrong type unlock", "/unlock", `{"unlockIDNAccount":[]}`, "", 400, detailBadRequest, []string{"unlockIDNAccount", "array"}},
		{"body not object", "/unlock", `"x"`, "", 400, detailBadRequest, []string{"the body"}},
		{"no body", "/disable", ``, "application/json", 400, detailBadRequest, []string{"body is required"}},
		{"trailing garbage", "/disable", `{} x`, "", 400, detailBadRequest, []string{"offset"}},
		{"content type", "/enable", `{}`, "text/plain", 415, detailMediaType, []string{"text/plain"}},
		{"unknown account", "", `{}`, "", 404, detailNotFound, []string{`"nope"`}},
	}
	before := e.s.Snapshot()
	// The cases run in parallel; they are all refused, so none changes
	// the tenant, which the check below confirms.
	t.Run("cases", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				p := "/v3/accounts/" + id + tt.path
				if tt.path == "" {
					p = "/v3/accounts/nope/reload"
				}
				var hdr []string
				if tt.ct != "" {
					hdr = []string{"Content-Type", tt.ct}
				}
				wantError(t, e.do(t, "POST", p, tt.body, hdr...), tt.status, tt.detail, tt.want...)
			})
		}
	})
	if d := gocmp.Diff(before, e.s.Snapshot()); d != "" {
		t.Errorf("failed actions changed the tenant (-before +after):\n%s", d)
	}
}

// TestUnlockForceProvisioningScope checks that unlocking with
// forceProvisioning needs idn:accounts-provisioning:manage beside the
// route's own scope.
func TestUnlockForceProvisioningScope(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		opts := with(mode,
			WithClient(OAuthClient{ID: "helpdesk", Secret: "s", Scopes: []string{"idn:accounts-state:manage"}, Authorities: []string{"HELPDESK"}}),
			WithClient(OAuthClient{ID: "prov", Secret: "s", Scopes: []string{"idn:accounts-state:manage", "idn:accounts-provisioning:manage"}, Authorities: []string{"HELPDESK"}}))
		e := newEnv(t, opts...)
		p := "/v3/accounts/" + e.fx.adBob.ID + "/unlock"
		helpdesk := iscClient(e.s.ClientAs("helpdesk", "s"), e.s.URL)
		r := helpdesk.do(t, "POST", p, `{"forceProvisioning":true}`)
		wantError(t, r, http.StatusForbidden, detailForbidden, "idn:accounts-provisioning:manage")
		if a, _ := e.s.Account(e.fx.adBob.ID); !a.Locked {
			t.Error("a refused unlock unlocked the account")
		}
		taskID(t, helpdesk.do(t, "POST", p, `{"forceProvisioning":false}`))
		taskID(t, iscClient(e.s.ClientAs("prov", "s"), e.s.URL).do(t, "POST", p, `{"forceProvisioning":true}`))
		// The helpdesk client may not create accounts (wrong scope).
		r = helpdesk.do(t, "POST", "/v3/accounts", specExample(e.fx.hr.ID))
		wantError(t, r, http.StatusForbidden, detailForbidden, "idn:accounts:manage")
	})
}
