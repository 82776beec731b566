package mockisc

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestUIFormsPostToAdminAPI checks that every control of the simulation
// and state pages names an admin API route that exists for its method,
// and that the page shows no form that would post to the dashboard.
func TestUIFormsPostToAdminAPI(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	if _, err := s.AddFault(Fault{Status: 500, Path: "/v3/sources"}); err != nil {
		t.Fatal(err)
	}
	form := regexp.MustCompile(`<form[^>]*data-api="([^"]+)"[^>]*data-method="([^"]+)"`)
	seen := map[string]bool{}
	for _, page := range []string{"simulation", "state"} {
		body := uiGet(t, s, "/__mockisc/ui/"+page).wantPage(t, 200).body
		for _, m := range form.FindAllStringSubmatch(body, -1) {
			path, method := m[1], m[2]
			rt := s.eng.Match(method, path)
			if rt == nil || rt.Surface.Name != "admin" {
				t.Errorf("%s: a form posts %s %s, which no admin route serves", page, method, path)
			}
			seen[method+" "+path] = true
		}
		if strings.Contains(body, `method="post"`) {
			t.Errorf("%s: a form posts without the script", page)
		}
	}
	for _, want := range []string{"POST /__mockisc/clock", "PUT /__mockisc/rate-limit", "POST /__mockisc/faults", "DELETE /__mockisc/faults/fault-1",
		"DELETE /__mockisc/faults", "POST /__mockisc/tasks/complete", "PUT /__mockisc/tasks/delay", "PUT /__mockisc/state", "POST /__mockisc/reset"} {
		if !seen[want] {
			t.Errorf("no control calls %s; have %v", want, seen)
		}
	}
}

// TestUIAddFaultForm checks that the fault form's fields are
// mockisc.Fault's JSON names: a body built from every field, as the
// script builds it, is a rule the admin API accepts.
func TestUIAddFaultForm(t *testing.T) {
	t.Parallel()
	s := demoServer(t)
	body := uiGet(t, s, "/__mockisc/ui/simulation").wantPage(t, 200).body
	start := strings.Index(body, `id="add-fault"`)
	end := strings.Index(body[start:], "</form>")
	names := regexp.MustCompile(`name="([a-zA-Z]+)"`).FindAllStringSubmatch(body[start:start+end], -1)
	sample := map[string]string{
		"method": `"GET"`, "path": `"/v3/accounts"`, "clientId": `"c"`, "status": `503`, "nth": `0`, "times": `2`, "after": `0`,
		"every": `0`, "probability": `0.5`, "expiresAfter": `"1m"`, "latency": `"1ms"`, "taskError": `""`, "body": `{"x":1}`,
		"headers": `{"Retry-After":"5"}`, "drop": `false`, "truncate": `false`,
	}
	var parts []string
	for _, m := range names {
		v, ok := sample[m[1]]
		if !ok {
			t.Fatalf("the form has a field %q this test does not know", m[1])
		}
		parts = append(parts, `"`+m[1]+`":`+v)
	}
	if len(parts) != len(sample) {
		t.Errorf("the form has %d fields; want %d", len(parts), len(sample))
	}
	r := uiDo(t, s, "127.0.0.1:1", "POST", "/__mockisc/faults", "{"+strings.Join(parts, ",")+"}", "Content-Type", "application/json", "Origin", "http://127.0.0.1:8080")
	if r.status != http.StatusCreated {
		t.Fatalf("POST /__mockisc/faults: %d %s", r.status, r.body)
	}
	uiGet(t, s, "/__mockisc/ui/simulation").wantPage(t, 200, `<td class="mono">fault-1</td>`, "/v3/accounts", "503", "2 times", "p=0.5")
}

// TestUISimulationShows checks that the simulation page shows the clock,
// the rate limit, pending tasks, and that the admin API's changes show.
func TestUISimulationShows(t *testing.T) {
	t.Parallel()
	s := demoServer(t, WithTaskDelay(time.Minute), WithRateLimit(ISCRateLimit()))
	resp, err := s.Client().Post(s.URL+"/v3/accounts/"+demoID(4, 1)+"/disable", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	uiGet(t, s, "/__mockisc/ui/simulation").wantPage(t, 200,
		`<b id="now" class="mono">2025-01-01T00:00:00.000Z</b>`,
		`<b id="rate">100 requests per 10s, kept per client&#43;api</b>`,
		"<b>1m0s</b> after they are submitted",
		`<a href="/__mockisc/ui/accounts/`+demoID(4, 1)+`">`)
	uiGet(t, s, "/__mockisc/ui/").wantPage(t, 200, "<b>1</b>pending tasks")
	admin(t, s, 200, "POST", "/__mockisc/clock", `{"advance":"90s"}`)
	uiGet(t, s, "/__mockisc/ui/simulation").wantPage(t, 200, `2025-01-01T00:01:30.000Z`, "No pending task.")
}
