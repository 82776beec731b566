package mockisc

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sourceAccounts counts the accounts of source src.
func sourceAccounts(s *Server, src string) int {
	n := 0
	for _, a := range s.Accounts() {
		if a.SourceID == src {
			n++
		}
	}
	return n
}

// TestRemoveAccounts removes every account of a source, in every version
// that has the operation, on any source type: 202 TaskResultDto, the
// task's attributes count them, the other sources keep theirs.
func TestRemoveAccounts(t *testing.T) {
	t.Parallel()
	for _, v := range sinceBeta {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			forModes(t, func(t *testing.T, mode []Option) {
				e := newEnv(t, mode...)
				s, fx := e.s, e.fx
				m := e.do(t, "POST", versionPath(v, "/sources/"+fx.ad.ID+"/remove-accounts"), "").want(t, http.StatusAccepted).obj(t)
				id, _ := m["id"].(string)
				if m["type"] != "TASK_RESULT" || m["name"] != nil || !hex32.MatchString(id) || len(m) != 3 {
					t.Errorf("answer %v", m)
				}
				if n := sourceAccounts(s, fx.ad.ID); n != 0 {
					t.Errorf("%d accounts left on the source", n)
				}
				if n := sourceAccounts(s, fx.hr.ID); n != 2 {
					t.Errorf("HR lost accounts: %d left", n)
				}
				ts := e.do(t, "GET", versionPath(v, "/task-status/"+id), "").want(t, 200).obj(t)
				attrs, _ := ts["attributes"].(map[string]any)
				if ts["completionStatus"] != TaskSuccess || ts["uniqueName"] != "Remove Accounts" || ts["type"] != "QUEUED_TASK" || attrs["deleted"] != 3.0 {
					t.Errorf("task status %v", ts)
				}
				if ents := e.do(t, "GET", versionPath(v, "/sources/"+fx.ad.ID), "").status; ents != 200 {
					t.Errorf("the source itself is gone: %d", ents)
				}
			})
		})
	}
}

// TestRemoveAccountsDeferred: a deferred removal takes the accounts the
// source holds when it completes; a taskError fails it with nothing
// removed; a source deleted meanwhile fails it; an unknown source is 404.
func TestRemoveAccountsDeferred(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, with(mode, WithTaskDelay(time.Minute))...)
		s, fx := e.s, e.fx
		id := taskID(t, e.do(t, "POST", "/v2025/sources/"+fx.ad.ID+"/remove-accounts", ""))
		if _, err := s.AddAccount(Account{SourceID: fx.ad.ID, NativeIdentity: "CN=late"}); err != nil {
			t.Fatal(err)
		}
		if n := sourceAccounts(s, fx.ad.ID); n != 4 {
			t.Errorf("pending removal: %d accounts, want 4", n)
		}
		pending := ids(e.do(t, "GET", `/v2025/task-status?filters=type%20eq%20%22ACCOUNT_DELETION%22%20and%20completionStatus%20isnull`, "").want(t, 200).list(t))
		if !cmp.Equal(pending, []string{id}) {
			t.Errorf("pending ACCOUNT_DELETION tasks %v", pending)
		}
		s.Clock().Advance(time.Minute)
		if n := sourceAccounts(s, fx.ad.ID); n != 0 {
			t.Errorf("completed removal left %d accounts", n)
		}

		// A taskError fails it, with nothing removed.
		if _, err := s.AddFault(Fault{Path: "/v2025/sources/{id}/remove-accounts", Times: 1, TaskError: "busy"}); err != nil {
			t.Fatal(err)
		}
		id = taskID(t, e.do(t, "POST", "/v2025/sources/"+fx.hr.ID+"/remove-accounts", ""))
		s.Clock().Advance(time.Minute)
		if info, _ := s.Task(id); info.Status != TaskError || info.Message != "busy" || sourceAccounts(s, fx.hr.ID) != 2 {
			t.Errorf("task %+v, %d HR accounts", info, sourceAccounts(s, fx.hr.ID))
		}

		// The source deleted meanwhile fails it.
		id = taskID(t, e.do(t, "POST", "/v2025/sources/"+fx.csv.ID+"/remove-accounts", ""))
		if err := s.DeleteSource(fx.csv.ID); err != nil {
			t.Fatal(err)
		}
		s.CompleteTasks()
		if info, _ := s.Task(id); info.Status != TaskError || !strings.Contains(info.Message, "no longer exists") {
			t.Errorf("task on a deleted source: %+v", info)
		}
		wantError(t, e.do(t, "POST", "/v2025/sources/nope/remove-accounts", ""), 404, detailNotFound, `source "nope" not found`)
	})
}

// TestLoadUncorrelatedAccountsRequests: every version answers 202
// LoadUncorrelatedAccountsTask to no body or a multipart form (whose file
// it does not read), 415 to another body, 404 to an unknown source; the
// run is deferred like any task.
func TestLoadUncorrelatedAccountsRequests(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		csv := "account,userName\nx,y\n"
		form, ct := multipartForm(t, &csv)
		for _, v := range sinceBeta {
			path := versionPath(v, "/sources/"+fx.ad.ID+"/load-uncorrelated-accounts")
			for _, r := range []result{e.do(t, "POST", path, ""), e.do(t, "POST", path, form, "Content-Type", ct)} {
				m := r.want(t, http.StatusAccepted).obj(t)
				task := m["task"].(map[string]any)
				if m["success"] != true || task["type"] != "QUARTZ" || task["completionStatus"] != TaskSuccess {
					t.Errorf("%s: %v", path, m)
				}
			}
			wantError(t, e.do(t, "POST", path, `{}`), 415, detailMediaType, "multipart/form-data")
			wantError(t, e.do(t, "POST", versionPath(v, "/sources/nope/load-uncorrelated-accounts"), ""), 404, detailNotFound, "nope")
		}
	})
	s := New(t, WithoutListener(), WithTaskDelay(time.Second))
	e := &env{client: iscClient(s.Client(), s.URL), s: s}
	p := seedPayroll(t, s)
	a, _ := s.AddAccount(Account{SourceID: p.src.ID, NativeIdentity: "1", Attributes: map[string]any{"email": "ada@example.com"}})
	m := e.do(t, "POST", "/v2025/sources/"+p.src.ID+"/load-uncorrelated-accounts", "").want(t, http.StatusAccepted).obj(t)
	if task := m["task"].(map[string]any); task["completionStatus"] != nil {
		t.Errorf("deferred run answered %v", m)
	}
	if got, _ := s.Account(a.ID); got.IdentityID != "" {
		t.Error("correlated before the run was due")
	}
	s.Clock().Advance(time.Second)
	if got, _ := s.Account(a.ID); got.IdentityID != p.ada.ID {
		t.Errorf("after the run: identity %q", got.IdentityID)
	}
}

// TestSourceTaskScopes: the source operations keep their specs' scopes
// and user levels: a client without idn:sources:manage may not load, one
// without ORG_ADMIN may not remove, an API client may not read beta's
// aggregation status (user tokens only), and any user token reads the
// status from v2024 on.
func TestSourceTaskScopes(t *testing.T) {
	t.Parallel()
	reader := OAuthClient{ID: "reader", Secret: "s", Scopes: []string{"idn:accounts:read"}, Authorities: []string{"SOURCE_ADMIN"}}
	sourceAdmin := OAuthClient{ID: "sa", Secret: "s", Scopes: []string{"idn:sources:manage", "idn:accounts:manage"}, Authorities: []string{"SOURCE_ADMIN"}}
	api := OAuthClient{ID: "api", Secret: "s", Scopes: []string{"sp:scopes:all"}, Kind: APIClient}
	e := newEnv(t, WithoutListener(), WithClient(reader), WithClient(sourceAdmin), WithClient(api))
	fx := e.fx
	as := func(c OAuthClient) client { return iscClient(e.s.ClientAs(c.ID, c.Secret), e.s.URL) }
	csv := "userName\nE001\nE002\n"
	body, ct := multipartForm(t, &csv)
	load := "/v2025/sources/" + fx.hr.ID + "/load-accounts"
	wantError(t, as(reader).do(t, "POST", load, body, "Content-Type", ct), 403, detailForbidden, "idn:sources:manage")
	r := as(sourceAdmin).do(t, "POST", load, body, "Content-Type", ct).want(t, http.StatusAccepted)
	id := r.obj(t)["task"].(map[string]any)["id"].(string)
	wantError(t, as(sourceAdmin).do(t, "POST", "/v2025/sources/"+fx.hr.ID+"/remove-accounts", ""), 403, detailForbidden, "ORG_ADMIN")
	as(reader).do(t, "GET", "/v2025/account-aggregations/"+id+"/status", "").want(t, http.StatusOK)
	wantError(t, as(reader).do(t, "GET", "/beta/account-aggregations/"+id+"/status", ""), 403, detailForbidden, "sp:scopes:all")
	wantError(t, as(api).do(t, "GET", "/beta/account-aggregations/"+id+"/status", ""), 403, detailForbidden, "user context")
	wantError(t, as(api).do(t, "POST", "/beta/sources/"+fx.hr.ID+"/load-accounts", body, "Content-Type", ct), 403, detailForbidden, "user context")
	as(api).do(t, "POST", "/v2025/sources/"+fx.hr.ID+"/load-uncorrelated-accounts", "").want(t, http.StatusForbidden)
	if n := e.s.Journal().Count("POST", "/beta/sources/{sourceId}/load-accounts"); n != 1 {
		t.Errorf("the beta route is journaled as /beta/sources/{sourceId}/load-accounts %d times", n)
	}
}
