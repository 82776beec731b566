package mockisc

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// anListSeed adds five accounts, one minute apart.
func anListSeed(t testing.TB, s *Server) {
	t.Helper()
	for _, a := range []AgileNowAccount{
		{ID: "1", Username: "anna", LastName: "Berg", LanguageID: "fi-FI", IsActive: true, Email: "anna@x.io"},
		{ID: "2", Username: "Bertil", LastName: "Berg", LanguageID: "sv-se", IsActive: false, DateFormatID: "YYYY-MM-DD"},
		{ID: "3", Username: "cecilia", LastName: "Aho", LanguageID: "sv-se", IsActive: true, TimezoneID: "UTC"},
		{ID: "4", Username: "david", LastName: "Ceder", IsActive: true, ExternalID: "DE001"},
		{ID: "5", Username: "Alma", LastName: "Aho", LanguageID: "en-US", ExternalID: "DE002"},
	} {
		if _, err := s.AddAgileNowAccount(a); err != nil {
			t.Fatal(err)
		}
		s.Clock().Advance(time.Minute)
	}
}

type anListBody struct {
	Meta struct {
		TotalItems, CurrentPage, PageSize int
		Type                              string
	}
	Data []map[string]any
}

func TestAgileNowList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		query           url.Values
		ids             []string
		total, page, sz int
	}{
		{"default", nil, []string{"1", "2", "3", "4", "5"}, 5, 0, 50},
		{"first page", url.Values{"PageSize": {"2"}}, []string{"1", "2"}, 5, 0, 2},
		{"second page", url.Values{"PageSize": {"2"}, "CurrentPage": {"1"}}, []string{"3", "4"}, 5, 1, 2},
		{"last page", url.Values{"PageSize": {"2"}, "CurrentPage": {"2"}}, []string{"5"}, 5, 2, 2},
		{"past the end", url.Values{"PageSize": {"2"}, "CurrentPage": {"9"}}, nil, 5, 9, 2},
		{"huge page number", url.Values{"CurrentPage": {"2147483647"}}, nil, 5, 2147483647, 50},
		{"max page size", url.Values{"PageSize": {"1000"}}, []string{"1", "2", "3", "4", "5"}, 5, 0, 1000},
		{"names ignore case", url.Values{"pagesize": {"1"}, "CURRENTPAGE": {"1"}, "orders": {"Username"}}, []string{"1"}, 5, 1, 1},
		{"equals ignores case", url.Values{"Filters": {"Username = BERTIL"}}, []string{"2"}, 1, 0, 50},
		{"Like", url.Values{"Filters": {"Username Like a%"}}, []string{"1", "5"}, 2, 0, 50},
		{"In on a foreign key", url.Values{"Filters": {"LanguageId In fi-FI;sv-se"}}, []string{"1", "2", "3"}, 3, 0, 50},
		{"AND", url.Values{"Filters": {"(LanguageId.Id = sv-se) AND (Is_Active = true)"}}, []string{"3"}, 1, 0, 50},
		{"OR", url.Values{"Filters": {"(ExternalId In DE001;DE002) OR (LastName = Aho)"}}, []string{"3", "4", "5"}, 3, 0, 50},
		{"foreign key name", url.Values{"Filters": {"LanguageId.Name = Swedish"}}, []string{"2", "3"}, 2, 0, 50},
		{"date", url.Values{"Filters": {"CreatedOn >= 2025-01-01T00:02:00Z"}}, []string{"3", "4", "5"}, 3, 0, 50},
		{"unset is NULL", url.Values{"Filters": {"LanguageId <> fi-FI"}}, []string{"2", "3", "5"}, 3, 0, 50},
		{"tenant", url.Values{"Filters": {"TenantId = 1"}}, []string{"1", "2", "3", "4", "5"}, 5, 0, 50},
		{"order desc ignores case", url.Values{"Orders": {"Username DESC"}}, []string{"4", "3", "2", "1", "5"}, 5, 0, 50},
		{"two keys", url.Values{"Orders": {"LastName ASC, CreatedOn DESC"}}, []string{"5", "3", "2", "1", "4"}, 5, 0, 50},
		{"ties keep creation order", url.Values{"Orders": {"LastName"}}, []string{"3", "5", "1", "2", "4"}, 5, 0, 50},
		{"filter, order and page", url.Values{"Filters": {"Is_Active = true"}, "Orders": {"Id DESC"}, "PageSize": {"2"}},
			[]string{"4", "3"}, 3, 0, 2},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anListSeed(t, e.s)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, "GET", anBase+"/Accounts?"+tc.query.Encode(), "").want(t, 200)
				var body anListBody
				if err := json.Unmarshal(r.body, &body); err != nil {
					t.Fatalf("%v: %s", err, r.body)
				}
				var ids []string
				for _, d := range body.Data {
					ids = append(ids, anStr(d, "Id"))
				}
				if d := cmp.Diff(tc.ids, ids); d != "" {
					t.Errorf("ids (-want +got):\n%s", d)
				}
				meta := [4]any{body.Meta.TotalItems, body.Meta.CurrentPage, body.Meta.PageSize, body.Meta.Type}
				if d := cmp.Diff([4]any{tc.total, tc.page, tc.sz, "Account"}, meta); d != "" {
					t.Errorf("Meta (-want +got):\n%s", d)
				}
			})
		}
	})
}

func TestAgileNowListFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fields string
		want   string // the first record
	}{
		{"Username, Id", `{"Username":"anna","Id":"1"}`},
		{"languageid,IS_ACTIVE,Id,Id", `{"LanguageId":{"Id":"fi-FI","ExternalId":"fi-FI","Name":"Finnish","Type":"Language"},"Is_Active":true,"Id":"1"}`},
		{"TenantId", `{"TenantId":{"Id":1,"ExternalId":"mockisc-tenant-1","Name":"mockisc","Type":"Tenant"}}`},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anListSeed(t, e.s)
		for _, tc := range tests {
			t.Run(tc.fields, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, "GET", anBase+"/Accounts?PageSize=1&Fields="+url.QueryEscape(tc.fields), "").want(t, 200)
				var body struct{ Data []json.RawMessage }
				if err := json.Unmarshal(r.body, &body); err != nil || len(body.Data) != 1 {
					t.Fatalf("%v: %s", err, r.body)
				}
				if got := string(body.Data[0]); got != tc.want {
					t.Errorf("Fields=%s: %s, want %s", tc.fields, got, tc.want)
				}
			})
		}
		for _, star := range []string{"", "*"} {
			t.Run("all "+star, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, "GET", anBase+"/Accounts?PageSize=1&Fields="+star, "").want(t, 200)
				var body anListBody
				// 21 members, less the two unset foreign keys (TimezoneId,
				// DateFormatId), which are left out.
				if err := json.Unmarshal(r.body, &body); err != nil || len(body.Data) != 1 || len(body.Data[0]) != 19 {
					t.Errorf("Fields=%q: %v, want one record with the 19 members set: %s", star, err, r.body)
				}
			})
		}
	})
}

func TestAgileNowListErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		query     url.Values
		typ, text string
	}{
		{"page size 0", url.Values{"PageSize": {"0"}}, typeBadInput, `PageSize: "0" is not an integer from 1 to 1000`},
		{"page size 1001", url.Values{"PageSize": {"1001"}}, typeBadInput, "PageSize"},
		{"page size text", url.Values{"pageSize": {"ten"}}, typeBadInput, `"ten"`},
		{"negative page", url.Values{"CurrentPage": {"-1"}}, typeBadInput, "CurrentPage"},
		{"filter syntax", url.Values{"Filters": {"Username == x"}}, typeBadInput, "Filters: offset 9"},
		{"filter field", url.Values{"Filters": {"Foo = 1"}}, typeInvalidField, `Filters: offset 0: unknown field "Foo"`},
		{"filter type", url.Values{"Filters": {"CreatedOn > yesterday"}}, typeInvalidField, "Filters:"},
		{"order field", url.Values{"Orders": {"Bar DESC"}}, typeInvalidField, "Orders:"},
		{"order direction", url.Values{"Orders": {"Id DOWN"}}, typeBadInput, "Orders: offset 3"},
		{"fields column", url.Values{"Fields": {"Id,Password"}}, typeInvalidField, `Fields: offset 3: unknown column "Password"`},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, "GET", anBase+"/Accounts?"+tc.query.Encode(), "")
				wantError(t, r, 400, tc.typ, tc.text)
			})
		}
	})
}
