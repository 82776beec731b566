package mockisc

import (
	"net/url"
	"testing"
)

// FuzzAgileNowRequests sends arbitrary bodies, ids and list queries to
// every AgileNow operation, each input on a fresh in-process server (so a
// saved input replays alone), and expects what the AgileNow check asks of
// every answer: no 5xx, a JSON body valid against Accounts.json, and for
// every error the vendor's envelope.
func FuzzAgileNowRequests(f *testing.F) {
	f.Add(`{"Username":"a","ExternalId":"b"}`, "a", "Username", "Username Like a%", "Id DESC", "Id,Username", "1")
	f.Add(`{"Id":"x","LanguageId":"fi-FI"}`, "base64|eA==", "Id,ExternalId", "(Id = 1) OR (Is_Active = true)", "", "*", "1000")
	f.Add(`[`, "", "", "((", ",", ",,", "-1")
	f.Add(`{"Is_Active":null,"TimezoneId":"UTC"}`, "%zz", "Email", "CreatedOn > 2022-01-01", "Name ASC, CreatedOn DESC", "TenantId", "x")
	f.Fuzz(func(t *testing.T, body, id, name, filters, orders, fields, size string) {
		s := New(t, WithoutListener())
		k := anClient(noTokenClient(s), s.URL, anToken(t, s, "f", ""))
		k.hdr = append(k.hdr, "Content-Type", "application/json") // on every request, bodies empty or not
		k.do(t, "PATCH", anBase+"/Account", body)
		k.do(t, "POST", anBase+"/Account", body)
		path := anBase + "/Account/" + url.PathEscape(id) + "?" + url.Values{"Name": {name}}.Encode()
		k.do(t, "PUT", path, body)
		k.do(t, "GET", path, "")
		q := url.Values{"Filters": {filters}, "Orders": {orders}, "Fields": {fields}, "PageSize": {size}, "CurrentPage": {size}}
		k.do(t, "GET", anBase+"/Accounts?"+q.Encode(), "")
		k.do(t, "DELETE", path, "")
	})
}
