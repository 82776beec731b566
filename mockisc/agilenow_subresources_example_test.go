package mockisc_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/mockisc/mockisc/mockisc"
)

// The Account resource's sub-resources: an account's tenant links and its
// picture. A partner tenant is seeded through Go with its OAuth client;
// the own tenant's client creates an account, links it to the partner,
// uploads a picture, and gives the account up to the partner by deleting
// its own link.
func Example_agileNowSubResources() {
	s, err := mockisc.NewServer(mockisc.WithoutListener())
	if err != nil {
		panic(err)
	}
	defer s.Close()
	if _, err := s.AddAgileNowTenant(mockisc.AgileNowTenant{
		ID: 7182, Name: "Partner", IsActive: true, Clients: []string{"partner-app"},
	}); err != nil {
		panic(err)
	}

	client := &http.Client{Transport: s.Transport()}
	token := func(clientID string) string {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {"x"}}
		resp, err := client.Post(s.URL+"/oAuth/rest/v2/Token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		var tok struct {
			AccessToken string `json:"access_token"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
			panic(err)
		}
		return tok.AccessToken
	}
	call := func(tok, method, path, body string) {
		req, _ := http.NewRequest(method, s.URL+"/Endpoint/rest/api/v1"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		fmt.Printf("%s %s: %d %s\n", method, path, resp.StatusCode, b)
	}
	own, partner := token("sync-job"), token("partner-app")

	call(own, "POST", "/Account", `{"Username":"jdoe","FirstName":"Jane"}`)
	call(own, "POST", "/Account/jdoe/Tenant?Name=Username", `{"TenantId":{"Field":"Id","Value":"7182"}}`)
	call(own, "GET", "/Account/jdoe/Tenants?Name=Username&Fields=Id,Name&Orders=Id%20DESC", "")
	pic := base64.StdEncoding.EncodeToString([]byte("GIF89a\x01\x00\x01\x00"))
	call(own, "POST", "/Account/jdoe/Picture?Name=Username", `{"Picture":"`+pic+`"}`)
	call(own, "GET", "/Account/jdoe/Pictures?Name=Username&Fields=Filename,Picture", "")
	// Linked to the partner too, the account cannot be deleted.
	call(own, "DELETE", "/Account/jdoe?Name=Username", "")
	// Without its own link, the own tenant no longer sees it; the partner does.
	call(own, "DELETE", "/Account/jdoe/Tenant/1?Name=Username&SubName=TenantId", "")
	call(own, "GET", "/Accounts?Fields=Username", "")
	call(partner, "GET", "/Accounts?Fields=Username,TenantId", "")
	// Output:
	// POST /Account: 200 {"Id":"d76e41efb7d648808702225fc4027b85","TenantId":{"Id":1,"ExternalId":"mockisc-tenant-1","Name":"mockisc","Type":"Tenant"},"Name":"","FirstName":"Jane","LastName":"","Phone":"","PhoneVerified":false,"Email":"","EmailVerified":false,"Identifier":"","IdentifierVerified":false,"Username":"jdoe","ExternalId":"","NotifyByEmail":false,"NotifyBySMS":false,"Is_Active":false,"ModifiedOn":"2025-01-01T00:00:00Z","CreatedOn":"2025-01-01T00:00:00Z"}
	// POST /Account/jdoe/Tenant?Name=Username: 200 {"Id":7182,"Name":"Partner","Espace_Id":{"Id":0,"ExternalId":"","Name":"","Type":"Espace"},"Is_Active":true}
	// GET /Account/jdoe/Tenants?Name=Username&Fields=Id,Name&Orders=Id%20DESC: 200 {"Meta":{"TotalItems":2,"CurrentPage":0,"PageSize":50,"Type":"Tenant"},"Data":[{"Id":7182,"Name":"Partner"},{"Id":1,"Name":"mockisc"}]}
	// POST /Account/jdoe/Picture?Name=Username: 200 {"Filename":"picture.gif","CreatedOn":"2025-01-01T00:00:00Z"}
	// GET /Account/jdoe/Pictures?Name=Username&Fields=Filename,Picture: 200 {"Meta":{"TotalItems":1,"CurrentPage":0,"PageSize":50,"Type":"Picture"},"Data":[{"Filename":"picture.gif","Picture":"R0lGODlhAQABAA=="}]}
	// DELETE /Account/jdoe?Name=Username: 403 {"Errors":["The user does not have access to execute operation","account \"d76e41efb7d648808702225fc4027b85\" is also linked to tenant 7182; it can be deleted once no other tenant's link is left (DELETE /Account/{Id}/Tenant/{SubId}?SubName=TenantId)"],"Type":"/Errors/Permission","Title":"Bad Request","StatusCode":403,"Instance":"/Endpoint/rest/api/v1/Account/jdoe","RequestKey":"6f2918f7-eba5-664f-fcc9-92e6c76c464f"}
	// DELETE /Account/jdoe/Tenant/1?Name=Username&SubName=TenantId: 200 {"Id":1,"Name":"mockisc","Espace_Id":{"Id":1,"ExternalId":"","Name":"mockisc","Type":"Espace"},"Is_Active":true}
	// GET /Accounts?Fields=Username: 200 {"Meta":{"TotalItems":0,"CurrentPage":0,"PageSize":50,"Type":"Account"},"Data":[]}
	// GET /Accounts?Fields=Username,TenantId: 200 {"Meta":{"TotalItems":1,"CurrentPage":0,"PageSize":50,"Type":"Account"},"Data":[{"Username":"jdoe","TenantId":{"Id":7182,"ExternalId":"","Name":"Partner","Type":"Tenant"}}]}
}
