package examples_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/mockisc/mockisc/mockisc"
)

// The configuration a golang-sdk user writes to test against the fake
// (docs/sdks.md has the other SDKs). The SDK module is not imported here,
// so the example compiles everywhere: the SDK calls are in comments, and
// a plain http.Client makes the requests they make: the token (a form
// POST to TokenURL, as the SDK's getAccessToken does) and the list.
func Example_golangSDK() {
	s, err := mockisc.NewServer(mockisc.WithState(mockisc.DemoState()),
		mockisc.WithFaultRetryAfter(0)) // injected 429/503 say "Retry-After: 0": retried at once
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	// sailpoint.ClientConfiguration, golang-sdk v2 and v3 alike:
	baseURL := s.URL                   // no version suffix: v2 adds "/v3", v3 paths start "/accounts/v1"
	tokenURL := s.URL + "/oauth/token" // NewConfiguration does not derive it from BaseURL
	clientID, clientSecret := "sdk-test", "any"
	httpClient := s.Client() // for retryablehttp.Client.HTTPClient: the socket (and, with NewTLS, the CA)

	//	cfg := sailpoint.NewConfiguration(sailpoint.ClientConfiguration{
	//		BaseURL: baseURL, TokenURL: tokenURL, ClientId: clientID, ClientSecret: clientSecret,
	//	})
	//	rc := retryablehttp.NewClient()
	//	rc.HTTPClient = httpClient
	//	rc.RetryMax = 0                                      // see every injected fault...
	//	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler // ...as a response, not "giving up after 1 attempt(s)"
	//	cfg.HTTPClient = rc
	//	api := sailpoint.NewAPIClient(cfg)
	//	v2: accounts, resp, err := api.V3.AccountsAPI.ListAccounts(ctx).Filters(filter).Execute()  // GET /v3/accounts
	//	v3: accounts, resp, err := api.AccountsAPI.ListAccountsV1(ctx).Filters(filter).Execute()   // GET /accounts/v1

	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {clientSecret}}
	resp, err := httpClient.Post(tokenURL, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("token expires_in:", tok.ExpiresIn) // the SDK never renews it: see WithTokenTTL

	list := func(path string) (int, string, int) {
		q := url.Values{"filters": {`sourceId eq "2c918081000000000000000000000003"`}}
		req, _ := http.NewRequest("GET", baseURL+path+"?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken) // the SDK always sets it
		resp, err := httpClient.Do(req)
		if err != nil {
			return 0, err.Error(), 0
		}
		defer resp.Body.Close()
		var accounts []struct {
			Name string `json:"name"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&accounts)
		return resp.StatusCode, resp.Header.Get("Retry-After"), len(accounts)
	}
	for _, path := range []string{"/v3/accounts", "/accounts/v1"} {
		status, _, n := list(path)
		fmt.Println(path, status, n, "accounts")
	}

	// A test injects a 503: with rc.RetryMax = 0 the SDK returns it; with
	// the defaults retryablehttp retries at once (Retry-After: 0) instead
	// of waiting 1 s, and the caller sees the 200 that follows.
	if _, err := s.FailNext(1, "GET", "/v3/accounts", http.StatusServiceUnavailable); err != nil {
		fmt.Println(err)
		return
	}
	status, retryAfter, _ := list("/v3/accounts")
	fmt.Printf("injected: %d, Retry-After %q\n", status, retryAfter)
	status, _, n := list("/v3/accounts")
	fmt.Println("retried:", status, n, "accounts")
	// Output:
	// token expires_in: 749
	// /v3/accounts 200 9 accounts
	// /accounts/v1 200 9 accounts
	// injected: 503, Retry-After "0"
	// retried: 200 9 accounts
}
