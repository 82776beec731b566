package uitest

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/mockisc/mockisc/mockisc"
)

// traffic makes requests for the timeline: good ones, a 401 and a 503
// from a fault rule.
func traffic(t *testing.T, s *mockisc.Server) {
	t.Helper()
	c := s.Client()
	for _, p := range []string{"/v3/accounts?limit=5", "/v3/sources", "/v2025/identities?limit=3", "/v3/accounts/2c918084000000000000000000000001"} {
		resp, err := c.Get(s.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		s.Clock().Advance(700 * time.Millisecond)
	}
	req, _ := http.NewRequest("GET", s.URL+"/v3/accounts", nil)
	req.Header.Set("Authorization", "Bearer expired-or-wrong")
	if resp, err := c.Do(req); err == nil {
		resp.Body.Close()
	}
	if _, err := s.FailNext(1, "GET", "/v3/sources", 503); err != nil {
		t.Fatal(err)
	}
	if resp, err := c.Get(s.URL + "/v3/sources"); err == nil {
		resp.Body.Close()
	}
}

// TestDashboardInChromium drives every view in a headless Chromium: it
// loads each, applies filters, adds a fault rule and advances the clock
// through the forms, and checks the DOM and the server after each step.
func TestDashboardInChromium(t *testing.T) {
	b := newBrowser(t, 1100, 720)
	s := mockisc.New(t, mockisc.WithState(mockisc.DemoState()), mockisc.WithTaskDelay(time.Minute))
	if _, err := s.AddAgileNowAccount(mockisc.AgileNowAccount{Username: "ada.lovelace", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"}); err != nil {
		t.Fatal(err)
	}
	traffic(t, s)
	ui := s.URL + "/__mockisc/ui/"

	t.Run("overview", func(t *testing.T) {
		b.t = t
		b.open(ui)
		if got := eval[string](b, text("#n-accounts")); got != "33" {
			t.Errorf("accounts card %q; want 33", got)
		}
		b.waitFor(`document.querySelector("#chart").complete && document.querySelector("#chart").naturalWidth > 0`, `"chart not loaded"`)
		b.screenshot("overview")
	})

	t.Run("requests", func(t *testing.T) {
		b.t = t
		b.open(ui + "requests")
		if n := eval[int](b, count("#rows tr.row")); n != 6 {
			t.Errorf("%d rows; want 6", n)
		}
		if got := eval[string](b, text("#rows tr.row td.status")); got != "503" {
			t.Errorf("newest row's status %q; want 503 (newest first)", got)
		}
		if n := eval[int](b, count("#rows tr.row.s5")); n != 1 {
			t.Errorf("%d rows coloured 5xx; want 1", n)
		}
		b.screenshot("requests")
		// Live: a new request shows without a reload.
		resp, err := s.Client().Get(s.URL + "/v3/accounts?limit=1&live=yes")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		b.waitFor(count("#rows tr.row")+` === 7 && `+contains("#rows tr.row", "live=yes"), count("#rows tr.row")+` + ""`)
		// Filter by status class through the form.
		b.do("filter 4xx", chromedp.SetValue(chromedp.CSS(`input[name="status"]`), "4xx"), chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
		b.waitFor(`location.search.includes("status=4xx") && `+count("#rows tr.row")+` === 1`, count("#rows tr.row")+` + ""`)
		if got := eval[string](b, text("#rows tr.row td.status")); got != "401" {
			t.Errorf("4xx filter shows status %q; want 401", got)
		}
		// The faulted request's page names the rule.
		b.open(ui + "requests?fault=any")
		b.do("open the faulted request by its row", chromedp.Click(chromedp.CSS("#rows tr.row td.status")))
		b.waitFor(contains("#fault", "fault-1"), text("#fault"))
		if got := eval[string](b, text("#headers")); !strings.Contains(got, "REDACTED") {
			t.Errorf("headers %q; want the token redacted", got)
		}
		b.screenshot("request")
	})

	t.Run("accounts", func(t *testing.T) {
		b.t = t
		b.open(ui + "accounts")
		if got := eval[string](b, text("#total")); got != "33" {
			t.Errorf("total %q; want 33", got)
		}
		b.do("filter", chromedp.SetValue(chromedp.CSS(`input[name="filters"]`), `nativeIdentity eq "E01001"`), chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
		b.waitFor(`location.search.includes("filters=") && `+text("#total")+` === "1"`, text("#total"))
		if got := eval[string](b, text("#items tbody tr")); !strings.Contains(got, "Ada Lovelace") {
			t.Errorf("filtered row %q; want Ada Lovelace", got)
		}
		b.open(ui + "accounts?limit=10")
		b.screenshot("accounts")
		// A bad filter shows the API's error with its offset.
		b.do("bad filter", chromedp.SetValue(chromedp.CSS(`input[name="filters"]`), `name xx "a"`), chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
		b.waitFor(contains(".error", "offset 5"), text(".error"))
		// An account's page.
		b.open(ui + "accounts/2c918084000000000000000000000001")
		if got := eval[string](b, text("#json")); !strings.Contains(got, `"nativeIdentity": "E01001"`) {
			t.Errorf("account JSON %q", got)
		}
		b.screenshot("account")
	})

	t.Run("sources, identities, AgileNow", func(t *testing.T) {
		b.t = t
		for _, c := range []struct{ page, want string }{
			{"sources", "Workday"}, {"identities", "Ada Lovelace"}, {"agilenow", "ada.lovelace"},
		} {
			b.open(ui + c.page)
			if got := eval[string](b, text("#items tbody")); !strings.Contains(got, c.want) {
				t.Errorf("%s: table %q lacks %q", c.page, got, c.want)
			}
			b.screenshot(c.page)
		}
		b.open(ui + "agilenow")
		b.do("AgileNow filter", chromedp.SetValue(chromedp.CSS(`input[name="filters"]`), "Username Like zz%"), chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
		b.waitFor(text("#total")+` === "0"`, text("#total"))
	})

	t.Run("simulation", func(t *testing.T) {
		b.t = t
		b.open(ui + "simulation")
		// Add a fault rule through the form.
		b.do("fill the fault form",
			chromedp.SetValue(chromedp.CSS(`#add-fault select[name="method"]`), "GET"),
			chromedp.SetValue(chromedp.CSS(`#add-fault input[name="path"]`), "/v3/accounts/{id}"),
			chromedp.SetValue(chromedp.CSS(`#add-fault input[name="status"]`), "429"),
			chromedp.SetValue(chromedp.CSS(`#add-fault input[name="times"]`), "2"),
			chromedp.SetValue(chromedp.CSS(`#add-fault input[name="headers"]`), `{"Retry-After":"7"}`),
			chromedp.Click(chromedp.CSS(`#add-fault button[type="submit"]`)),
		)
		b.waitFor(contains("#fault-rules", "fault-2"), text("#fault-rules"))
		fs := s.Faults()
		if len(fs) != 2 || fs[1].Path != "/v3/accounts/{id}" || fs[1].Status != 429 || fs[1].Times != 2 || fs[1].Headers["Retry-After"] != "7" {
			t.Errorf("server's rules after the form: %+v", fs)
		}
		// A bad rule shows the admin API's error and adds nothing.
		b.do("a bad rule", chromedp.SetValue(chromedp.CSS(`#add-fault input[name="status"]`), "42"),
			chromedp.Click(chromedp.CSS(`#add-fault button[type="submit"]`)))
		b.waitFor(`document.querySelector("#add-fault .result").classList.contains("error")`, text("#add-fault .result"))
		if n := len(s.Faults()); n != 2 {
			t.Errorf("%d rules after a bad one; want 2", n)
		}
		// Advance the clock through the form.
		before := s.Clock().Now()
		b.open(ui + "simulation")
		b.do("advance", chromedp.SetValue(chromedp.CSS(`#advance input[name="advance"]`), "1h"),
			chromedp.Click(chromedp.CSS(`#advance button[type="submit"]`)))
		want := before.Add(time.Hour).UTC().Format("2006-01-02T15:04:05.000Z07:00")
		b.waitFor(text("#now")+` === `+js(want), text("#now"))
		if got := s.Clock().Now(); !got.Equal(before.Add(time.Hour)) {
			t.Errorf("server clock %v; want %v", got, before.Add(time.Hour))
		}
		// Remove the first rule.
		b.do("remove fault-1", chromedp.Click(chromedp.CSS(`form[data-api="/__mockisc/faults/fault-1"] button`)))
		b.waitFor(`!`+contains("#fault-rules", "fault-1"), text("#fault-rules"))
		b.screenshot("simulation")
	})

	t.Run("tasks and state", func(t *testing.T) {
		b.t = t
		resp, err := s.Client().Post(s.URL+"/v3/accounts/2c918084000000000000000000000002/disable", "application/json", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		b.open(ui + "requests") // leave the page: simulation#tasks alone would not load it again
		b.open(ui + "simulation#tasks")
		if n := eval[int](b, count("#pending tbody tr td.mono")); n == 0 {
			t.Fatalf("no pending task listed: %s", eval[string](b, text("#pending")))
		}
		b.do("complete tasks", chromedp.Click(chromedp.CSS(`#complete button`)))
		b.waitFor(contains("#pending", "No pending task."), text("#pending"))
		if a, _ := s.Account("2c918084000000000000000000000002"); !a.Disabled {
			t.Error("completing the tasks did not disable the account")
		}
		b.open(ui + "state")
		if got := eval[string](b, `document.querySelector("#download").getAttribute("href")`); got != "/__mockisc/state" {
			t.Errorf("download link %q", got)
		}
		b.screenshot("state")
		// Upload a state of one source and no accounts, then reset.
		st := s.Snapshot()
		st.Sources, st.Identities, st.Entitlements, st.Accounts = st.Sources[:1], nil, nil, nil
		file := filepath.Join(t.TempDir(), "state.json")
		if err := os.WriteFile(file, mustJSON(t, st), 0o644); err != nil {
			t.Fatal(err)
		}
		acceptDialogs(b)
		b.do("upload", chromedp.SetUploadFiles(chromedp.CSS(`#upload input[name="state"]`), []string{file}),
			chromedp.Click(chromedp.CSS(`#upload button`)))
		b.waitFor(contains("main", "1 sources, 0 identities and 0 accounts"), text("main p"))
		if n := s.Counts(); n.Accounts != 0 || n.Sources != 1 {
			t.Errorf("after the upload the server holds %+v", n)
		}
		b.do("reset", chromedp.Click(chromedp.CSS(`#reset button`)))
		b.waitFor(contains("main", "3 sources, 12 identities and 33 accounts"), text("main p"))
	})

	t.Run("without JavaScript", func(t *testing.T) {
		b.t = t
		ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
		defer cancel()
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		defer func() {
			ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
			defer cancel()
			_, _ = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		}()
		b.open(ui + "accounts")
		b.do("filter without JavaScript", chromedp.SetValue(chromedp.CSS(`input[name="filters"]`), `nativeIdentity eq "E01003"`),
			chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
		b.waitFor(`location.search.includes("E01003") && `+text("#total")+` === "1"`, text("#total"))
		b.open(ui + "simulation")
		if got := eval[string](b, `getComputedStyle(document.querySelector(".no-js")).display`); got == "none" {
			t.Error("without JavaScript the simulation page hides its note that the controls need it")
		}
	})
}

// TestDashboardSignInChromium signs in under an admin token: the login
// page refuses a wrong token, takes the right one, and the controls then
// reach the admin API with the session cookie.
func TestDashboardSignInChromium(t *testing.T) {
	b := newBrowser(t, 1000, 600)
	s := mockisc.New(t, mockisc.WithState(mockisc.DemoState()), mockisc.WithAdminToken("s3cret"))
	ui := s.URL + "/__mockisc/ui/"
	b.open(ui)
	if got := eval[int](b, count("#login")); got != 1 {
		t.Fatalf("no login form: %s", eval[string](b, text("main")))
	}
	b.do("a wrong token", chromedp.SetValue(chromedp.CSS(`#login input[name="token"]`), "nope"),
		chromedp.Click(chromedp.CSS(`#login button`)))
	b.waitFor(`document.querySelector("#login .result").classList.contains("error")`, text("#login .result"))
	b.screenshot("login")
	b.do("the token", chromedp.SetValue(chromedp.CSS(`#login input[name="token"]`), "s3cret"),
		chromedp.Click(chromedp.CSS(`#login button`)))
	b.waitFor(text("#n-accounts")+` === "33"`, text("main h1"))
	before := s.Clock().Now()
	b.open(ui + "simulation")
	b.do("advance", chromedp.SetValue(chromedp.CSS(`#advance input[name="advance"]`), "10m"),
		chromedp.Click(chromedp.CSS(`#advance button[type="submit"]`)))
	b.waitFor(text("#now")+` === `+js(before.Add(10*time.Minute).UTC().Format("2006-01-02T15:04:05.000Z07:00")), text("#now"))
	if got := eval[bool](b, `document.cookie.includes("mockisc_admin")`); got {
		t.Error("the session cookie is readable from JavaScript")
	}
}

// mustJSON marshals v.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// acceptDialogs accepts every confirm() the page opens from now on (the
// upload's and the reset's), as a person clicking OK.
func acceptDialogs(b *browser) {
	events := chromedp.Events(b.ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range events {
			if err != nil {
				return
			}
			ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			cancel()
		}
	}()
}

// TestDashboardLargeTenantChromium opens every view of a 100,000-account
// tenant: each table shows one page, and paging goes on from there.
func TestDashboardLargeTenantChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("a 100,000-account tenant; -short skips it")
	}
	b := newBrowser(t, 1000, 600)
	s := mockisc.New(t, mockisc.WithGenerated(100_000, 3))
	ui := s.URL + "/__mockisc/ui/"
	b.open(ui)
	if got := eval[string](b, text("#n-accounts")); got != "100000" {
		t.Errorf("accounts card %q; want 100000", got)
	}
	for _, page := range []string{"accounts", "identities", "sources", "agilenow", "requests", "simulation", "state"} {
		b.open(ui + page)
		if n := eval[int](b, count("tbody tr")); n > 260 {
			t.Errorf("%s: %d rows; a page holds at most 250", page, n)
		}
	}
	b.open(ui + "accounts?limit=100")
	if got := eval[string](b, text("#total")); got != "100000" {
		t.Errorf("total %q; want 100000", got)
	}
	first := eval[string](b, text("#items tbody tr td"))
	b.do("next page", chromedp.Click(chromedp.ID("next")))
	// The next page has loaded whole when the document is complete.
	b.waitFor(`document.readyState === "complete" && location.search.includes("offset=100") && `+
		text("#items tbody tr td")+` !== `+js(first), text("#items tbody tr td"))
	if n := eval[int](b, count("#items tbody tr.row")); n != 100 {
		t.Errorf("second page: %d rows; want 100", n)
	}
}
