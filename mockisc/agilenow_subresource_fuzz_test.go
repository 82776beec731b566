package mockisc

import (
	"net/url"
	"testing"
)

// FuzzAgileNowSubResources sends arbitrary bodies, ids, sub-ids and list
// queries to the six sub-resource operations (tenant links and pictures)
// of an account linked to two tenants, each input on a fresh in-process
// server, and expects what the AgileNow check asks of every answer: no
// 5xx, a JSON body valid against Accounts.json, and for every error the
// vendor's envelope. The account itself is deleted last.
func FuzzAgileNowSubResources(f *testing.F) {
	f.Add(`{"TenantId":{"Field":"Id","Value":"7182"}}`, "a1", "", "7182", "TenantId", "TenantId In 1,7182", "TenantId DESC", "Id,Name", "1")
	f.Add(`{"Picture":"iVBORw0KGgo="}`, "alice", "Username", "a1", "", "Filename Like %.png", "CreatedOn", "Picture", "2")
	f.Add(`{"UserId":{"Field":"Email","Value":null},"TenantId":{}}`, "base64|YTE=", "Id,ExternalId", "base64|***", "AccountId", "((", ",", ",,", "-1")
	f.Add(`{"picture":"AA","TenantId":[1]}`, "%zz", "Email", "x", "Filename", "Espace_Id.Name = mockisc", "Is_Active DESC", "*", "x")
	f.Fuzz(func(t *testing.T, body, id, name, subID, subName, filters, orders, fields, size string) {
		s := New(t, WithoutListener())
		anSubSeed(t, s)
		k := anClient(noTokenClient(s), s.URL, anToken(t, s, "f", ""))
		k.hdr = append(k.hdr, "Content-Type", "application/json") // on every request, bodies empty or not
		base := anBase + "/Account/" + url.PathEscape(id)
		q := url.Values{"Name": {name}, "Filters": {filters}, "Orders": {orders}, "Fields": {fields}, "PageSize": {size}, "CurrentPage": {size}}
		named := "?" + url.Values{"Name": {name}, "SubName": {subName}}.Encode()
		for _, sub := range []string{"Tenant", "Picture"} {
			k.do(t, "POST", base+"/"+sub+named, body)
			k.do(t, "GET", base+"/"+sub+"s?"+q.Encode(), "")
			k.do(t, "DELETE", base+"/"+sub+"/"+url.PathEscape(subID)+named, "")
		}
		k.do(t, "DELETE", base+named, "")
	})
}
