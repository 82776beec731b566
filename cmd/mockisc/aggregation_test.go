package main

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// TestRunAggregation drives the README's aggregation flow against the
// binary: with -task-delay and a fixed clock, an uploaded CSV stays
// STARTED until the admin API moves the clock, then completes; the admin
// API reads and changes the task delay, and tasks/complete fast-forwards
// a pending aggregation.
func TestRunAggregation(t *testing.T) {
	t.Parallel()
	base, _, _ := start(t, "-task-delay", "1m", "-clock", "fixed:2025-01-01T00:00:00Z", "-log-level", "error")
	tok := token(t, base, "sync-job")
	call := func(method, path, ct string, body []byte, want int) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		if !strings.HasPrefix(path, "/__mockisc/") {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, b, want)
		}
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		return m
	}
	upload := func(csv string) string {
		t.Helper()
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		fw, _ := w.CreateFormFile("file", "accounts.csv")
		fw.Write([]byte(csv))
		w.Close()
		m := call("POST", "/v2025/sources/2c918081000000000000000000000003/load-accounts", w.FormDataContentType(), body.Bytes(), 202)
		return m["task"].(map[string]any)["id"].(string)
	}
	status := func(id string) string {
		return call("GET", "/v2025/account-aggregations/"+id+"/status", "", nil, 200)["status"].(string)
	}
	id := upload("userName,displayName,costCenter\nada.lovelace,Ada Lovelace,CC-100\nnew.hire,New Hire,CC-200\n")
	if got := status(id); got != "STARTED" {
		t.Errorf("at once: %s", got)
	}
	call("POST", "/__mockisc/clock", "application/json", []byte(`{"advance":"30s"}`), 200)
	if got := status(id); got != "ACCOUNTS_COLLECTED" {
		t.Errorf("after 30 s: %s", got)
	}
	call("POST", "/__mockisc/clock", "application/json", []byte(`{"advance":"30s"}`), 200)
	if got := status(id); got != "COMPLETED" {
		t.Errorf("after 60 s: %s", got)
	}
	if got := call("GET", "/__mockisc/tasks/delay", "", nil, 200); got["delay"] != "1m0s" {
		t.Errorf("tasks/delay: %v", got)
	}
	id = upload("userName\nada.lovelace\nnew.hire\n")
	if got := call("POST", "/__mockisc/tasks/complete", "", nil, 200); got["completed"] != 1.0 {
		t.Errorf("tasks/complete: %v", got)
	}
	if got := status(id); got != "COMPLETED" {
		t.Errorf("after tasks/complete: %s", got)
	}
	call("PUT", "/__mockisc/tasks/delay", "application/json", []byte(`{"delay":"0s"}`), 200)
	id = upload("userName\nada.lovelace\n")
	if got := status(id); got != "COMPLETED" {
		t.Errorf("without a delay: %s", got)
	}
}
