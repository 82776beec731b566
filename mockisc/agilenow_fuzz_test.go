package mockisc_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mockisc/mockisc/mockisc"
)

// FuzzAgileNowRequests sends arbitrary bodies, ids and list queries and
// expects no 500 and, for errors, the vendor envelope.
func FuzzAgileNowRequests(f *testing.F) {
	f.Add(`{"Username":"a","ExternalId":"b"}`, "a", "Username", "Username Like a%", "Id DESC", "Id,Username", "1")
	f.Add(`{"Id":"x","LanguageId":"fi-FI"}`, "base64|eA==", "Id,ExternalId", "(Id = 1) OR (Is_Active = true)", "", "*", "1000")
	f.Add(`[`, "", "", "((", ",", ",,", "-1")
	f.Add(`{"Is_Active":null,"TimezoneId":"UTC"}`, "%zz", "Email", "CreatedOn > 2022-01-01", "Name ASC, CreatedOn DESC", "TenantId", "x")
	s := mockisc.New(f, mockisc.WithoutListener())
	c := &http.Client{Transport: s.Transport()}
	tok := ""
	{
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"f"}}
		resp, err := c.Post(s.URL+"/oAuth/rest/v2/Token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			f.Fatal(err)
		}
		var body struct {
			AccessToken string `json:"access_token"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		tok = body.AccessToken
	}
	send := func(t *testing.T, method, path, body string) {
		req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
		if err != nil {
			return // not a valid URL: the client refuses before the server
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s %q: %d %s", method, path, body, resp.StatusCode, b)
		}
		if resp.StatusCode >= 400 {
			var e struct {
				Errors     []string
				Type       string
				StatusCode int
			}
			if json.Unmarshal(b, &e) != nil || len(e.Errors) == 0 || !strings.HasPrefix(e.Type, "/Errors/") || e.StatusCode != resp.StatusCode {
				t.Fatalf("%s %s: not the vendor envelope: %s", method, path, b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, body, id, name, filters, orders, fields, size string) {
		base := "/Endpoint/rest/api/v1"
		send(t, "PATCH", base+"/Account", body)
		send(t, "POST", base+"/Account", body)
		path := base + "/Account/" + url.PathEscape(id) + "?" + url.Values{"Name": {name}}.Encode()
		send(t, "PUT", path, body)
		send(t, "GET", path, "")
		q := url.Values{"Filters": {filters}, "Orders": {orders}, "Fields": {fields}, "PageSize": {size}, "CurrentPage": {size}}
		send(t, "GET", base+"/Accounts?"+q.Encode(), "")
		send(t, "DELETE", path, "")
	})
}
