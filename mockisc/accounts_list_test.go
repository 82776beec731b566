package mockisc

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

func listPath(params ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Set(params[i], params[i+1])
	}
	if len(q) == 0 {
		return "/v3/accounts"
	}
	return "/v3/accounts?" + q.Encode()
}

func TestListDefaultsAndPaging(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		all := accountIDs(e.fx.accounts()...)

		r := e.do(t, "GET", "/v3/accounts", "")
		r.want(t, http.StatusOK)
		if d := gocmp.Diff(all, ids(r.list(t))); d != "" {
			t.Errorf("default list is not creation order (-want +got):\n%s", d)
		}
		if h := r.header.Get("X-Total-Count"); h != "" {
			t.Errorf("X-Total-Count %q without count=true", h)
		}

		tests := []struct {
			limit, offset string
			want          []string
		}{
			{"0", "", []string{}},
			{"1", "", all[:1]},
			{"2", "2", all[2:4]},
			{"250", "4", all[4:]},
			{"", "5", all[5:]},
			{"3", "6", []string{}},
			{"3", "1000", []string{}},
		}
		for _, tt := range tests {
			t.Run("limit="+tt.limit+",offset="+tt.offset, func(t *testing.T) {
				t.Parallel()
				var p []string
				if tt.limit != "" {
					p = append(p, "limit", tt.limit)
				}
				if tt.offset != "" {
					p = append(p, "offset", tt.offset)
				}
				r := e.do(t, "GET", listPath(append(p, "count", "true")...), "").want(t, http.StatusOK)
				if string(r.body) == "null" {
					t.Errorf("limit=%s offset=%s: body null, want an array", tt.limit, tt.offset)
				}
				if d := gocmp.Diff(tt.want, ids(r.list(t))); d != "" {
					t.Errorf("limit=%s offset=%s (-want +got):\n%s", tt.limit, tt.offset, d)
				}
				if got := r.header.Get("X-Total-Count"); got != "6" {
					t.Errorf("limit=%s offset=%s: X-Total-Count %q, want 6 (paging ignored)", tt.limit, tt.offset, got)
				}
			})
		}
	})
}

// TestListDefaultLimit checks that without limit a page holds 250
// accounts, the maximum.
func TestListDefaultLimit(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	src, _ := s.AddSource(Source{Name: "flat"})
	st := s.Snapshot()
	for i := range 260 {
		st.Accounts = append(st.Accounts, Account{SourceID: src.ID, NativeIdentity: "u" + strconv.Itoa(i)})
	}
	if err := s.Restore(st); err != nil {
		t.Fatal(err)
	}
	k := iscClient(s.Client(), s.URL)
	r := k.do(t, "GET", "/v3/accounts?count=true", "")
	if n := len(r.list(t)); n != 250 {
		t.Errorf("default page has %d accounts, want 250", n)
	}
	if got := r.header.Get("X-Total-Count"); got != "260" {
		t.Errorf("X-Total-Count %q, want 260", got)
	}
	r = k.do(t, "GET", "/v3/accounts?offset=250", "")
	if n := len(r.list(t)); n != 10 {
		t.Errorf("second page has %d accounts, want 10", n)
	}
}

func TestListBadParameters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	tests := []struct{ param, value string }{
		{"limit", "-1"},
		{"limit", "251"},
		{"limit", "ten"},
		{"limit", ""},
		{"limit", "1.5"},
		{"offset", "-1"},
		{"offset", "x"},
		{"count", "yes"},
		{"count", "1"},
		{"detailLevel", "MEDIUM"},
		{"detailLevel", "slim"},
	}
	for _, tt := range tests {
		t.Run(tt.param+"="+tt.value, func(t *testing.T) {
			t.Parallel()
			r := e.do(t, "GET", listPath(tt.param, tt.value), "")
			wantError(t, r, http.StatusBadRequest, detailIllegalValue, "query parameter "+tt.param)
		})
	}
	// Entitlements share the paging parameters.
	r := e.do(t, "GET", "/v3/accounts/"+e.fx.adAlice.ID+"/entitlements?limit=300", "")
	wantError(t, r, http.StatusBadRequest, detailIllegalValue, "query parameter limit")
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		adAliceCreated := formatTime(fx.adAlice.Created)
		tests := []struct {
			filter string
			want   []Account
		}{
			{`id eq "` + fx.adBob.ID + `"`, []Account{fx.adBob}},
			{`id in ("` + fx.adBob.ID + `","` + fx.hrAlice.ID + `")`, []Account{fx.hrAlice, fx.adBob}},
			{`id sw "` + fx.adSvc.ID[:20] + `"`, []Account{fx.adSvc}},
			{`identityId eq "` + fx.alice.ID + `"`, []Account{fx.hrAlice, fx.adAlice}},
			{`identityId in ("` + fx.bob.ID + `","` + fx.carol.ID + `")`, []Account{fx.hrBob, fx.adBob, fx.csvCarol}},
			{`identityId sw "` + fx.carol.ID[:10] + `"`, []Account{fx.csvCarol}},
			{`name eq "ALICE"`, []Account{fx.hrAlice, fx.adAlice}},
			{`name in ("svc","carol")`, []Account{fx.adSvc, fx.csvCarol}},
			{`name sw "bob"`, []Account{fx.hrBob, fx.adBob}},
			{`nativeIdentity eq "E001"`, []Account{fx.hrAlice}},
			{`nativeIdentity in ("E002","carol")`, []Account{fx.hrBob, fx.csvCarol}},
			{`nativeIdentity sw "CN="`, []Account{fx.adAlice, fx.adBob, fx.adSvc}},
			{`hasEntitlements eq true`, []Account{fx.adAlice, fx.adBob}},
			{`hasEntitlements eq false`, []Account{fx.hrAlice, fx.hrBob, fx.adSvc, fx.csvCarol}},
			{`sourceId eq "` + fx.hr.ID + `"`, []Account{fx.hrAlice, fx.hrBob}},
			{`sourceId in ("` + fx.csv.ID + `")`, []Account{fx.csvCarol}},
			{`sourceId sw "` + fx.ad.ID[:8] + `"`, []Account{fx.adAlice, fx.adBob, fx.adSvc}},
			{`uncorrelated eq true`, []Account{fx.adSvc}},
			{`uncorrelated eq false`, []Account{fx.hrAlice, fx.hrBob, fx.adAlice, fx.adBob, fx.csvCarol}},
			{`entitlements eq true`, []Account{fx.adAlice, fx.adBob}},
			{`origin eq "AGGREGATED"`, []Account{fx.hrAlice, fx.hrBob}},
			{`origin in ("PROVISIONED","AGGREGATED")`, []Account{fx.hrAlice, fx.hrBob, fx.adSvc}},
			{`manuallyCorrelated eq true`, []Account{fx.adBob}},
			{`identity.name eq "alice anders"`, []Account{fx.hrAlice, fx.adAlice}},
			{`identity.name in ("Carol Chen")`, []Account{fx.csvCarol}},
			{`identity.name sw "Bob"`, []Account{fx.hrBob, fx.adBob}},
			{`identity.correlated eq true`, []Account{fx.hrAlice, fx.hrBob, fx.adAlice, fx.adBob}},
			{`identity.identityState eq "ACTIVE"`, []Account{fx.hrAlice, fx.adAlice}},
			{`identity.identityState in ("INACTIVE_LONG_TERM")`, []Account{fx.hrBob, fx.adBob}},
			{`source.displayableName eq "Active Directory"`, []Account{fx.adAlice, fx.adBob, fx.adSvc}},
			{`source.displayableName in ("HR","CSV")`, []Account{fx.hrAlice, fx.hrBob, fx.csvCarol}},
			{`source.authoritative eq true`, []Account{fx.hrAlice, fx.hrBob}},
			{`source.connectionType eq "file"`, []Account{fx.hrAlice, fx.hrBob, fx.csvCarol}},
			{`source.connectionType in ("direct")`, []Account{fx.adAlice, fx.adBob, fx.adSvc}},
			{`recommendation.method eq "SOURCE"`, []Account{fx.adAlice}},
			{`recommendation.method in ("DISCOVERY","CRITERIA")`, []Account{fx.adSvc}},
			{`recommendation.method isnull`, []Account{fx.hrAlice, fx.hrBob, fx.adBob, fx.csvCarol}},
			{`created eq ` + adAliceCreated, []Account{fx.adAlice}},
			{`created gt ` + adAliceCreated, []Account{fx.adBob, fx.adSvc, fx.csvCarol}},
			{`created ge ` + adAliceCreated, []Account{fx.adAlice, fx.adBob, fx.adSvc, fx.csvCarol}},
			{`created lt ` + adAliceCreated, []Account{fx.hrAlice, fx.hrBob}},
			{`created le ` + adAliceCreated, []Account{fx.hrAlice, fx.hrBob, fx.adAlice}},
			{`modified gt ` + formatTime(fx.adSvc.Modified), []Account{fx.csvCarol}},
			{`modified lt 2020-01-01T00:00:00Z`, nil},
			{`source.authoritative eq true or uncorrelated eq true`, []Account{fx.hrAlice, fx.hrBob, fx.adSvc}},
			{`not hasEntitlements eq true and sourceId eq "` + fx.ad.ID + `"`, []Account{fx.adSvc}},
		}
		for _, tt := range tests {
			t.Run(tt.filter, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, "GET", listPath("filters", tt.filter, "count", "true", "limit", "1"), "").want(t, http.StatusOK)
				if got := r.header.Get("X-Total-Count"); got != strconv.Itoa(len(tt.want)) {
					t.Errorf("%s: X-Total-Count %s, want %d", tt.filter, got, len(tt.want))
				}
				r = e.do(t, "GET", listPath("filters", tt.filter), "").want(t, http.StatusOK)
				if d := gocmp.Diff(accountIDs(tt.want...), ids(r.list(t))); d != "" {
					t.Errorf("%s (-want +got):\n%s", tt.filter, d)
				}
			})
		}
	})
}

func TestListFilterErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	tests := []struct{ filter, want string }{
		{`name co "x"`, `does not support operator "co"`},
		{`disabled eq true`, `field "disabled" is not filterable`},
		{`uuid eq "x"`, `"uuid"`},
		{`hasEntitlements eq "yes"`, `hasEntitlements`},
		{`created gt "yesterday"`, `created`},
		{`name eq "x" and`, ``},
		{`name eq "unterminated`, ``},
		{`(name eq "x"`, ``},
		{`origin sw "A"`, `does not support operator "sw"`},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			t.Parallel()
			r := e.do(t, "GET", listPath("filters", tt.filter), "")
			wantError(t, r, http.StatusBadRequest, detailBadRequest, "query parameter filters", tt.want)
		})
	}
}

func TestListSorters(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		fx := e.fx
		srcName := map[string]string{fx.hr.ID: fx.hr.Name, fx.ad.ID: fx.ad.Name, fx.csv.ID: fx.csv.Name}
		// sortBy is an independent model of the documented order: strings
		// compare case-insensitively, then (when they differ only in case)
		// by bytes; exact ties keep creation order. No test below has a
		// case-only tie before its last key.
		sortBy := func(keys ...func(a, b Account) int) []string {
			as := slices.Clone(fx.accounts())
			slices.SortStableFunc(as, func(a, b Account) int {
				for _, k := range keys {
					if c := k(a, b); c != 0 {
						return c
					}
				}
				return 0
			})
			return accountIDs(as...)
		}
		byName := func(a, b Account) int {
			return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Name, b.Name))
		}
		bySource := func(a, b Account) int {
			return cmp.Compare(strings.ToLower(srcName[a.SourceID]), strings.ToLower(srcName[b.SourceID]))
		}
		byCreated := func(a, b Account) int { return a.Created.Compare(b.Created) }
		desc := func(f func(a, b Account) int) func(a, b Account) int {
			return func(a, b Account) int { return -f(a, b) }
		}
		tests := []struct {
			sorters string
			want    []string
		}{
			{"name", sortBy(byName)},
			{"-name", sortBy(desc(byName))},
			{"source.displayableName,-created", sortBy(bySource, desc(byCreated))},
			{"-source.displayableName,name", sortBy(desc(bySource), byName)},
			{"created", accountIDs(fx.accounts()...)},
			{"-created", sortBy(desc(byCreated))},
			{"nativeIdentity", sortBy(func(a, b Account) int {
				return cmp.Compare(strings.ToLower(a.NativeIdentity), strings.ToLower(b.NativeIdentity))
			})},
		}
		for _, tt := range tests {
			t.Run(tt.sorters, func(t *testing.T) {
				t.Parallel()
				r := e.do(t, "GET", listPath("sorters", tt.sorters), "").want(t, http.StatusOK)
				if d := gocmp.Diff(tt.want, ids(r.list(t))); d != "" {
					t.Errorf("sorters=%s (-want +got):\n%s", tt.sorters, d)
				}
			})
		}
		// Filters, sorters and paging together.
		r := e.do(t, "GET", listPath("filters", `sourceId eq "`+fx.ad.ID+`"`, "sorters", "-name", "limit", "2", "offset", "1", "count", "true"), "")
		if d := gocmp.Diff(accountIDs(fx.adBob, fx.adAlice), ids(r.list(t))); d != "" {
			t.Errorf("filtered, sorted page (-want +got):\n%s", d)
		}
		if got := r.header.Get("X-Total-Count"); got != "3" {
			t.Errorf("X-Total-Count %q, want 3", got)
		}
	})
}

func TestListSorterErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	for _, s := range []string{"foo", "hasEntitlements", "name,", "--name", "name,,created", "-"} {
		t.Run(s, func(t *testing.T) {
			t.Parallel()
			r := e.do(t, "GET", listPath("sorters", s), "")
			wantError(t, r, http.StatusBadRequest, detailBadRequest, "query parameter sorters")
		})
	}
}

func TestListDetailLevel(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		full := e.do(t, "GET", listPath("detailLevel", "FULL"), "").list(t)
		dflt := e.do(t, "GET", "/v3/accounts", "").list(t)
		if d := gocmp.Diff(full, dflt); d != "" {
			t.Errorf("FULL differs from the default (-FULL +default):\n%s", d)
		}
		slim := e.do(t, "GET", listPath("detailLevel", "SLIM"), "").list(t)
		if len(slim) != len(full) {
			t.Fatalf("SLIM has %d accounts, FULL %d", len(slim), len(full))
		}
		for i, a := range slim {
			if v, ok := a["attributes"]; !ok || v != nil {
				t.Errorf("SLIM account %d: attributes %v (present %v), want null", i, v, ok)
			}
			for _, k := range []string{"identity", "connectionType", "recommendation", "sourceOwner", "isMachine"} {
				if _, ok := a[k]; ok {
					t.Errorf("SLIM account %d has FULL-only key %q", i, k)
				}
			}
			for k, v := range a {
				if k != "attributes" && !gocmp.Equal(v, full[i][k]) {
					t.Errorf("SLIM account %d: %s = %v, FULL has %v", i, k, v, full[i][k])
				}
			}
		}
		if full[0]["attributes"] == nil {
			t.Error("FULL account has null attributes")
		}
	})
}

// TestListSeesChanges checks that a list answers from the current tenant
// after every kind of change, though results are cached between changes.
func TestListSeesChanges(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	fx := e.fx
	q := listPath("filters", `identity.name sw "Carol"`, "sorters", "name")
	count := func() []string { return ids(e.do(t, "GET", q, "").list(t)) }
	if d := gocmp.Diff(accountIDs(fx.csvCarol), count()); d != "" {
		t.Fatalf("before (-want +got):\n%s", d)
	}
	// An identity rename shows in every correlated account.
	if _, err := e.s.UpdateIdentity(fx.alice.ID, func(id *Identity) { id.Name = "Carol Alice" }); err != nil {
		t.Fatal(err)
	}
	if d := gocmp.Diff(accountIDs(fx.adAlice, fx.hrAlice, fx.csvCarol), count()); d != "" {
		t.Errorf("after identity rename (-want +got):\n%s", d)
	}
	// A patch that correlates an account.
	r := e.do(t, "PATCH", "/v3/accounts/"+fx.adSvc.ID, `[{"op":"replace","path":"/identityId","value":"`+fx.carol.ID+`"}]`,
		"Content-Type", "application/json-patch+json")
	r.want(t, http.StatusAccepted)
	if d := gocmp.Diff(accountIDs(fx.adAlice, fx.hrAlice, fx.csvCarol, fx.adSvc), count()); d != "" {
		t.Errorf("after correlation (-want +got):\n%s", d)
	}
	// A delete.
	e.do(t, "DELETE", "/v3/accounts/"+fx.hrAlice.ID, "").want(t, http.StatusAccepted)
	if d := gocmp.Diff(accountIDs(fx.adAlice, fx.csvCarol, fx.adSvc), count()); d != "" {
		t.Errorf("after delete (-want +got):\n%s", d)
	}
}
