package mockisc

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestAggregationCorrelation aggregates a file into a source that
// correlates email to email, then employeeId to employeeNumber: an
// account matching exactly one identity is correlated (automatically),
// one matching none or two stays uncorrelated, a manually correlated
// account keeps its identity, an unchanged uncorrelated row is not
// processed; load-uncorrelated-accounts then correlates what it can of
// the rest.
func TestAggregationCorrelation(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		s := New(t, mode...)
		e := &env{client: iscClient(s.Client(), s.URL), s: s}
		p := seedPayroll(t, s)
		seedAcct := func(a Account) Account {
			t.Helper()
			a.SourceID = p.src.ID
			got, err := s.AddAccount(a)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		manual := seedAcct(Account{NativeIdentity: "6", Name: "Manual", IdentityID: p.twinA.ID, ManuallyCorrelated: true,
			Attributes: map[string]any{"id": "6", "fullName": "Manual", "email": "old@example.com"}})
		changed := seedAcct(Account{NativeIdentity: "7", Name: "Seven", Attributes: map[string]any{"id": "7", "fullName": "Seven"}})
		unchanged := seedAcct(Account{NativeIdentity: "8", Name: "Eight", Attributes: map[string]any{"id": "8", "fullName": "Eight", "email": "ada@example.com"}})
		s.Clock().Advance(time.Second)

		csv := "id,fullName,email,employeeId\n" +
			"1,Ada,ada@example.com,\n" + // email: one match
			"2,Alan,,1002\n" + // no email; employeeId matches Alan's number
			"3,Nobody,nobody@example.com,999\n" + // no match
			"4,Twin,twin@example.com,1001\n" + // email matches two: ambiguous, whatever employeeId says
			"5,Case,ADA@example.com,\n" + // matching is exact
			"6,Manual,ada@example.com,\n" + // manually correlated: keeps Twin A
			"7,Seven,alan@example.com,\n" + // changed, uncorrelated: correlated now
			"8,Eight,ada@example.com,\n" // unchanged: not processed
		id := e.loadTask(t, v2025, p.src.ID, csv)
		want := map[string]string{"1": p.ada.ID, "2": p.alan.ID, "3": "", "4": "", "5": "", "6": p.twinA.ID, "7": p.alan.ID, "8": ""}
		check := func(want map[string]string) {
			t.Helper()
			for native, identity := range want {
				a, _ := byNative(s, p.src.ID, native)
				m := e.do(t, "GET", "/v2025/accounts/"+a.ID, "").want(t, http.StatusOK).obj(t)
				got := map[string]any{"identityId": m["identityId"], "uncorrelated": m["uncorrelated"], "manuallyCorrelated": m["manuallyCorrelated"]}
				w := map[string]any{"identityId": identity, "uncorrelated": identity == "", "manuallyCorrelated": native == "6"}
				if identity == "" {
					w["identityId"] = nil
				}
				if d := cmp.Diff(w, got); d != "" {
					t.Errorf("account %s (-want +got):\n%s", native, d)
				}
			}
		}
		check(want)
		if a, _ := s.Account(changed.ID); !a.Modified.Equal(s.Clock().Now()) {
			t.Errorf("the correlated changed account's modified is %v", a.Modified)
		}
		if a, _ := s.Account(unchanged.ID); !a.Modified.Equal(unchanged.Modified) {
			t.Error("the unchanged row's account was touched")
		}
		if a, _ := s.Account(manual.ID); a.Attributes["email"] != "ada@example.com" {
			t.Errorf("the manually correlated account's attributes were not updated: %v", a.Attributes)
		}
		if attrs := e.taskStatus(t, id)["attributes"].(map[string]any); attrs["correlated"] != 3.0 {
			t.Errorf("correlated %v, want 3 (1, 2, 7)", attrs["correlated"])
		}

		// load-uncorrelated-accounts: 8 matches Ada now that it is
		// processed; 3, 4 and 5 still match nothing or two.
		s.Clock().Advance(time.Second)
		r := e.do(t, "POST", "/v2025/sources/"+p.src.ID+"/load-uncorrelated-accounts", "").want(t, http.StatusAccepted).obj(t)
		task := r["task"].(map[string]any)
		if r["success"] != true || task["name"] != "Cloud Process Uncorrelated Accounts" || task["completionStatus"] != TaskSuccess {
			t.Errorf("load-uncorrelated-accounts answered %v", r)
		}
		want["8"] = p.ada.ID
		check(want)
		ts := e.taskStatus(t, task["id"].(string))
		if attrs := ts["attributes"].(map[string]any); attrs["correlated"] != 1.0 || attrs["uncorrelated"] != 3.0 {
			t.Errorf("correlation run attributes %v", attrs)
		}
		list := e.do(t, "GET", `/v2025/task-status?filters=`+strings.ReplaceAll(`type eq "CLOUD_PROCESS_UNCORRELATED_ACCOUNTS"`, " ", "%20"), "").want(t, 200).list(t)
		if len(list) != 1 || list[0]["type"] != "QUARTZ" {
			t.Errorf("listed %v", list)
		}
	})
}

// TestAggregationCorrelationReprocess: with disableOptimization an
// unchanged uncorrelated row is processed, so it is correlated too.
func TestAggregationCorrelationReprocess(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	e := &env{client: iscClient(s.Client(), s.URL), s: s}
	p := seedPayroll(t, s)
	a, err := s.AddAccount(Account{SourceID: p.src.ID, NativeIdentity: "1", Name: "Ada",
		Attributes: map[string]any{"id": "1", "fullName": "Ada", "email": "ada@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	csv := "id,fullName,email\n1,Ada,ada@example.com\n"
	e.loadTask(t, v2026, p.src.ID, csv)
	if got, _ := s.Account(a.ID); got.IdentityID != "" {
		t.Fatal("an unchanged row was correlated")
	}
	e.loadTask(t, v2026, p.src.ID, csv, "disableOptimization", "true")
	if got, _ := s.Account(a.ID); got.IdentityID != p.ada.ID || got.ManuallyCorrelated {
		t.Errorf("reprocessed: identity %q manually %v", got.IdentityID, got.ManuallyCorrelated)
	}
}

// TestCorrelationMatch pins the matching rules on their own: rules in
// order, the first with a match decides, two matches are ambiguous,
// identity attributes by their ISC names, numbers as text.
func TestCorrelationMatch(t *testing.T) {
	t.Parallel()
	ten := newTenant()
	ten.addIdentity(Identity{ID: "i1", Name: "Ada", Alias: "ada", Email: "ada@x", FirstName: "Ada", LastName: "Lovelace",
		Attributes: map[string]any{"employeeNumber": float64(7), "dept": "eng"}})
	ten.addIdentity(Identity{ID: "i2", Name: "Alan", Alias: "alan", Email: "alan@x", LastName: "Lovelace",
		Attributes: map[string]any{"dept": "eng", "active": true}})
	tests := []struct {
		rules []CorrelationRule
		attrs map[string]any
		want  string
	}{
		{[]CorrelationRule{{"mail", "email"}}, map[string]any{"mail": "ada@x"}, "i1"},
		{[]CorrelationRule{{"n", "name"}}, map[string]any{"n": "Alan"}, "i2"},
		{[]CorrelationRule{{"n", "displayName"}}, map[string]any{"n": "Alan"}, "i2"},
		{[]CorrelationRule{{"u", "alias"}}, map[string]any{"u": "ada"}, "i1"},
		{[]CorrelationRule{{"u", "uid"}}, map[string]any{"u": "alan"}, "i2"},
		{[]CorrelationRule{{"f", "firstname"}}, map[string]any{"f": "Ada"}, "i1"},
		{[]CorrelationRule{{"l", "lastname"}}, map[string]any{"l": "Lovelace"}, ""}, // two
		{[]CorrelationRule{{"i", "id"}}, map[string]any{"i": "i2"}, "i2"},
		{[]CorrelationRule{{"e", "employeeNumber"}}, map[string]any{"e": "7"}, "i1"},
		{[]CorrelationRule{{"e", "employeeNumber"}}, map[string]any{"e": float64(7)}, "i1"},
		{[]CorrelationRule{{"a", "active"}}, map[string]any{"a": "true"}, "i2"},
		{[]CorrelationRule{{"mail", "email"}, {"e", "employeeNumber"}}, map[string]any{"e": "7"}, "i1"},                // empty first: next
		{[]CorrelationRule{{"mail", "email"}, {"e", "employeeNumber"}}, map[string]any{"mail": "x@x", "e": "7"}, "i1"}, // no match: next
		{[]CorrelationRule{{"d", "dept"}, {"e", "employeeNumber"}}, map[string]any{"d": "eng", "e": "7"}, ""},          // two: stop
		{[]CorrelationRule{{"mail", "email"}}, map[string]any{"mail": "ADA@X"}, ""},                                    // exact
		{[]CorrelationRule{{"mail", "email"}}, map[string]any{"mail": map[string]any{"v": "ada@x"}}, ""},               // not a scalar
		{nil, map[string]any{"mail": "ada@x"}, ""},
	}
	for _, tt := range tests {
		got := newCorrelator(ten, &Source{Correlation: tt.rules}).match(tt.attrs)
		if got != tt.want {
			t.Errorf("rules %v, attributes %v: %q, want %q", tt.rules, tt.attrs, got, tt.want)
		}
	}
}

// TestSourceAggregationSettings: a source's correlation rules and delete
// threshold are seeded through Go and state files, checked, kept by
// Snapshot, and shown by the sources API (accountCorrelationConfig,
// deleteThreshold).
func TestSourceAggregationSettings(t *testing.T) {
	t.Parallel()
	st, err := DecodeState([]byte(`{"sources":[{"id":"s1","name":"Payroll","type":"DelimitedFile","deleteThreshold":25,
		"correlation":[{"accountAttribute":"mail","identityAttribute":"email"}]},{"id":"s2","name":"Plain"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s := New(t, WithoutListener(), WithState(st))
	if d := cmp.Diff(st.Sources[0].Correlation, s.Snapshot().Sources[0].Correlation); d != "" || *s.Snapshot().Sources[0].DeleteThreshold != 25 {
		t.Errorf("snapshot lost the settings: %s", d)
	}
	k := iscClient(s.Client(), s.URL)
	for _, v := range allVersions {
		m := k.do(t, "GET", versionPath(v, "/sources/s1"), "").want(t, 200).obj(t)
		cfg, _ := m["accountCorrelationConfig"].(map[string]any)
		if m["deleteThreshold"] != 25.0 || cfg["type"] != "ACCOUNT_CORRELATION_CONFIG" || cfg["name"] != "Payroll Account Correlation" || !hex32.MatchString(cfg["id"].(string)) {
			t.Errorf("%s: deleteThreshold %v, accountCorrelationConfig %v", v, m["deleteThreshold"], m["accountCorrelationConfig"])
		}
		m = k.do(t, "GET", versionPath(v, "/sources/s2"), "").want(t, 200).obj(t)
		if m["deleteThreshold"] != 10.0 || m["accountCorrelationConfig"] != nil {
			t.Errorf("%s: a plain source shows %v, %v", v, m["deleteThreshold"], m["accountCorrelationConfig"])
		}
	}
	if _, err := s.UpdateSource("s2", func(src *Source) {
		src.Correlation = append(src.Correlation, CorrelationRule{AccountAttribute: "uid", IdentityAttribute: "alias"})
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Source("s2"); len(got.Correlation) != 1 {
		t.Errorf("UpdateSource: %+v", got)
	}
	bad := []struct {
		src  Source
		want string
	}{
		{Source{Name: "x", DeleteThreshold: ptr(101)}, "sources[0].deleteThreshold: 101 is not between 0 and 100"},
		{Source{Name: "x", DeleteThreshold: ptr(-1)}, "sources[0].deleteThreshold: -1 is not between 0 and 100"},
		{Source{Name: "x", Correlation: []CorrelationRule{{IdentityAttribute: "email"}}}, "sources[0].correlation[0].accountAttribute: is required"},
		{Source{Name: "x", Correlation: []CorrelationRule{{"a", "email"}, {AccountAttribute: "b"}}}, "sources[0].correlation[1].identityAttribute: is required"},
	}
	for _, b := range bad {
		if err := s.Restore(State{Sources: []Source{b.src}}); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("Restore(%+v) = %v, want %q", b.src, err, b.want)
		}
	}
	out, _ := json.Marshal(Source{Name: "x"})
	if strings.Contains(string(out), "correlation") || strings.Contains(string(out), "deleteThreshold") {
		t.Errorf("unset settings are written: %s", out)
	}
}
