package mockisc_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/mockisc/mockisc/mockisc"
)

// The AgileNow Endpoint API is served beside ISC's: get a vendor token,
// upsert an account by Username (the first call inserts, the second
// updates), then list.
func Example_agileNow() {
	s, err := mockisc.NewServer()
	if err != nil {
		panic(err)
	}
	defer s.Close()

	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"app"}, "client_secret": {"x"}}
	resp, err := http.Post(s.URL+"/oAuth/rest/v2/Token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		panic(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		panic(err)
	}
	resp.Body.Close()

	call := func(method, path, body string) string {
		req, _ := http.NewRequest(method, s.URL+"/Endpoint/rest/api/v1"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return fmt.Sprintf("%d %s", resp.StatusCode, b)
	}
	call("PATCH", "/Account", `{"Username":"jdoe","FirstName":"Jane","LanguageId":"fi-FI"}`)
	call("PATCH", "/Account", `{"Username":"JDOE","Is_Active":true}`)
	fmt.Println(call("GET", "/Accounts?Fields=Username,Is_Active,LanguageId&Filters=LanguageId%20=%20fi-FI", ""))
	fmt.Println(call("GET", "/Account/nobody?Name=Username", ""))
	// Output:
	// 200 {"Meta":{"TotalItems":1,"CurrentPage":0,"PageSize":50,"Type":"Account"},"Data":[{"Username":"JDOE","Is_Active":true,"LanguageId":{"Id":"fi-FI","ExternalId":"fi-FI","Name":"Finnish","Type":"Language"}}]}
	// 404 {"Errors":["no account has Username \"nobody\""],"Type":"/Errors/Not Found","Title":"Not Found","StatusCode":404,"Instance":"/Endpoint/rest/api/v1/Account/nobody","RequestKey":"6f2918f7-eba5-664f-fcc9-92e6c76c464f"}
}
