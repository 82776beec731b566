package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestSDKFlagsParse checks -token-ttl, -fault-retry-after and
// -task-delay: defaults, values, and one-line errors naming the flag.
func TestSDKFlagsParse(t *testing.T) {
	t.Parallel()
	o, err := parseFlags(nil, io.Discard, noEnv)
	if err != nil || o.tokenTTL != 749*time.Second || o.faultRetryAfterSet {
		t.Errorf("defaults: ttl %v, fault Retry-After set %v, %v", o.tokenTTL, o.faultRetryAfterSet, err)
	}
	if o.taskDelay != 0 {
		t.Errorf("default -task-delay %v", o.taskDelay)
	}
	if o, err = parseFlags([]string{"-task-delay", "90s"}, io.Discard, noEnv); err != nil || o.taskDelay != 90*time.Second {
		t.Errorf("-task-delay 90s: %v, %v", o.taskDelay, err)
	}
	o, err = parseFlags([]string{"-token-ttl", "24h", "-fault-retry-after", "0s"}, io.Discard, noEnv)
	if err != nil || o.tokenTTL != 24*time.Hour || !o.faultRetryAfterSet || o.faultRetryAfter != 0 {
		t.Errorf("-token-ttl 24h -fault-retry-after 0s: %+v, %v", o, err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-token-ttl", "500ms"}, "-token-ttl: 500ms is shorter than a second"},
		{[]string{"-token-ttl", "long"}, `invalid value "long" for flag -token-ttl`},
		{[]string{"-fault-retry-after", "soon"}, `-fault-retry-after: "soon" is not a duration`},
		{[]string{"-fault-retry-after", "-1s"}, `-fault-retry-after: "-1s" is not a duration`},
		{[]string{"-task-delay", "-1s"}, "-task-delay: -1s is negative"},
		{[]string{"-task-delay", "soon"}, `invalid value "soon" for flag -task-delay`},
	} {
		if _, err := parseFlags(tt.args, io.Discard, noEnv); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want an error with %q", tt.args, err, tt.want)
		}
	}
}

// TestRunSDKFlags starts the binary with -token-ttl and
// -fault-retry-after and checks what an SDK sees: expires_in, and an
// injected 503 (added through the admin API) with Retry-After.
func TestRunSDKFlags(t *testing.T) {
	t.Parallel()
	base, _, _ := start(t, "-token-ttl", "24h", "-fault-retry-after", "1s", "-log-level", "error")
	resp, err := http.PostForm(base+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"sdk"}, "client_secret": {"s"}})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || tok.ExpiresIn != 86400 {
		t.Fatalf("token under -token-ttl 24h: expires_in %d, %v", tok.ExpiresIn, err)
	}

	fault := `{"method":"GET","path":"/v3/accounts","status":503,"times":1}`
	resp, err = http.Post(base+"/__mockisc/faults", "application/json", strings.NewReader(fault))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("adding the fault: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", base+"/v3/accounts?limit=1", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("injected 503: %d with Retry-After %q, want 503 with \"1\"", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
