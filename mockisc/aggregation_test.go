package mockisc

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestLoadAccountsRefused sends every bad load-accounts request through
// every version that has the operation: each is answered with its error
// naming what is wrong (for a file, the row and column), no task is made
// and the tenant does not change.
func TestLoadAccountsRefused(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		s, fx := e.s, e.fx
		before, tasks := s.Snapshot(), len(s.Tasks())
		file := func(csv string) func(string) (string, string) {
			return func(string) (string, string) { return multipartForm(t, &csv) }
		}
		tests := []struct {
			name   string
			source string
			body   func(v string) (string, string) // body and Content-Type
			status int
			code   string
			texts  []string
		}{
			{"direct source", fx.ad.ID, file("userName\nx\n"), 400, detailBadRequest, []string{`of type "Active Directory - Direct"`, "DelimitedFile sources only"}},
			{"file source of another type", fx.csv.ID, file("userName\nx\n"), 400, detailBadRequest, []string{`of type "CSV"`}},
			{"unknown source", "nope", file("userName\nx\n"), 404, detailNotFound, []string{`source "nope" not found`}},
			{"no file part", fx.hr.ID, func(string) (string, string) { return multipartForm(t, nil, "disableOptimization", "true") }, 400, detailBadRequest, []string{"no part named file"}},
			{"no body", fx.hr.ID, func(string) (string, string) { return "", "" }, 400, detailBadRequest, []string{"no part named file"}},
			{"empty file", fx.hr.ID, file(""), 400, detailBadRequest, []string{"holds no accounts: it is empty", "remove-accounts"}},
			{"header only", fx.hr.ID, file("userName,displayName\n"), 400, detailBadRequest, []string{"a header (row 1) but no rows"}},
			{"no header", fx.hr.ID, file("E001,alice\n"), 400, detailBadRequest, []string{`row 1 (the header): no column is named "userName"`}},
			{"ragged row", fx.hr.ID, file("userName,displayName\nE001,alice\nE003\n"), 400, detailBadRequest, []string{`row 3 (line 3), column 2 "displayName": missing`}},
			{"no native identity", fx.hr.ID, file("userName,displayName\n,nobody\n"), 400, detailBadRequest, []string{`row 2 (line 2), column 1 "userName": empty`}},
			{"duplicate native identity", fx.hr.ID, file("userName\nE001\nE001\n"), 400, detailBadRequest, []string{`rows 2 (line 2) and 3 (line 3), column 1 "userName"`}},
			{"bad quoting", fx.hr.ID, file("userName\n\"E001\n"), 400, detailBadRequest, []string{"row 2 (line 2)"}},
			{"bad disableOptimization", fx.hr.ID, func(string) (string, string) {
				csv := "userName\nE001\n"
				return multipartForm(t, &csv, "disableOptimization", "yes")
			}, 400, detailBadRequest, []string{`disableOptimization: "yes" is not true or false`}},
			{"JSON body", fx.hr.ID, func(string) (string, string) { return `{"file":"x"}`, "application/json" }, 415, detailMediaType, []string{"multipart/form-data"}},
			{"broken multipart", fx.hr.ID, func(string) (string, string) { return "--x\r\nnot a part", "multipart/form-data; boundary=x" }, 400, detailBadRequest, []string{"cannot be read"}},
			{"urlencoded", fx.hr.ID, func(v string) (string, string) { return "disableOptimization=true", formCT }, 0, "", nil},
		}
		for _, tt := range tests {
			for _, v := range sinceBeta {
				body, ct := tt.body(v)
				var hdr []string
				if ct != "" {
					hdr = []string{"Content-Type", ct}
				}
				r := e.do(t, "POST", versionPath(v, "/sources/"+tt.source+"/load-accounts"), body, hdr...)
				switch {
				case tt.status != 0:
					wantError(t, r, tt.status, tt.code, tt.texts...)
				case v == beta: // beta also takes a urlencoded form, which has no file
					wantError(t, r, 400, detailBadRequest, "no part named file")
				default:
					wantError(t, r, 415, detailMediaType, "send multipart/form-data")
				}
			}
		}
		if d := cmp.Diff(before, s.Snapshot()); d != "" {
			t.Errorf("refused loads changed the tenant (-before +after):\n%s", d)
		}
		if n := len(s.Tasks()); n != tasks {
			t.Errorf("refused loads made %d tasks", n-tasks)
		}
	})
}

// TestLoadAccountsEffects aggregates a file into the fixture's HR source
// through every version: a new row creates an account (origin
// AGGREGATED), a changed row replaces its attributes, name and modified,
// an unchanged row is left alone, and the account missing from the file
// is removed. The status and the task report the counts.
func TestLoadAccountsEffects(t *testing.T) {
	t.Parallel()
	for _, v := range sinceBeta {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			forModes(t, func(t *testing.T, mode []Option) {
				e := newEnv(t, mode...)
				s, fx := e.s, e.fx
				// E001 unchanged, E002 missing (removed), E003 new, E004 new.
				first := "userName,displayName,dept\r\nE001,alice,eng\r\nE003,carol,\"ops, north\"\r\nE004,dave,ops\r\n"
				id := e.loadTask(t, v, fx.hr.ID, first)
				now := s.Clock().Now()
				alice, _ := s.Account(fx.hrAlice.ID)
				if !alice.Modified.Equal(fx.hrAlice.Modified) || alice.Name != "alice" {
					t.Errorf("the unchanged row touched its account: %+v", alice)
				}
				if _, ok := s.Account(fx.hrBob.ID); ok {
					t.Error("the account missing from the file is still there")
				}
				carol, ok := byNative(s, fx.hr.ID, "E003")
				want := Account{ID: carol.ID, Name: "carol", NativeIdentity: "E003", SourceID: fx.hr.ID, Origin: "AGGREGATED",
					Attributes: map[string]any{"userName": "E003", "displayName": "carol", "dept": "ops, north"}, Created: now, Modified: now}
				if d := cmp.Diff(want, carol); !ok || d != "" {
					t.Errorf("new account (-want +got):\n%s", d)
				}
				st := e.aggStatus(t, v, id)
				wantStatus := map[string]any{"start": formatTime(now), "status": "COMPLETED", "totalAccounts": 3.0, "processedAccounts": 3.0}
				if v != beta {
					wantStatus["totalAccountsMarkedForDeletion"], wantStatus["deletedAccounts"] = 1.0, 1.0
					wantStatus["totalIdentities"], wantStatus["processedIdentities"] = 1.0, 1.0 // bob's
				}
				if d := cmp.Diff(wantStatus, st); d != "" {
					t.Errorf("status (-want +got):\n%s", d)
				}
				ts := e.taskStatus(t, id)
				wantAttrs := map[string]any{"appId": fx.hr.ID, "sourceId": fx.hr.ID, "optimizedAggregation": "enabled",
					"total": 3.0, "optimized": 1.0, "created": 2.0, "updated": 0.0, "deleted": 1.0, "correlated": 0.0}
				if d := cmp.Diff(wantAttrs, ts["attributes"]); d != "" || ts["completionStatus"] != TaskSuccess || ts["type"] != "QUARTZ" ||
					ts["uniqueName"] != "Cloud Account Aggregation" {
					t.Errorf("task status %v; attributes (-want +got):\n%s", ts, d)
				}

				// A second file changes E003 (a new column, the name) and
				// keeps the rest.
				s.Clock().Advance(time.Minute)
				e.loadTask(t, v, fx.hr.ID, "userName,displayName,dept,title\nE001,alice,eng,\nE003,Carol C.,\"ops, north\",lead\nE004,dave,ops,\n")
				later := s.Clock().Now()
				carol2, _ := s.Account(carol.ID)
				if carol2.Name != "Carol C." || carol2.Attributes["title"] != "lead" || !carol2.Modified.Equal(later) || !carol2.Created.Equal(now) {
					t.Errorf("changed account: %+v", carol2)
				}
				if dave, _ := byNative(s, fx.hr.ID, "E004"); !dave.Modified.Equal(now) {
					t.Errorf("unchanged account's modified moved: %v", dave.Modified)
				}
				// The result reads back as a sync job reads it.
				list := e.do(t, "GET", listPath("filters", `sourceId eq "`+fx.hr.ID+`" and nativeIdentity eq "E003"`), "").want(t, 200).list(t)
				if len(list) != 1 || list[0]["name"] != "Carol C." || list[0]["origin"] != "AGGREGATED" {
					t.Errorf("listed %v", list)
				}
				checkIndexes(t, s) // the rename moved carol in the name index
			})
		})
	}
}

// TestLoadAccountsDisableOptimization: with disableOptimization every row
// is processed as changed, its modified moves, and the status counts it.
func TestLoadAccountsDisableOptimization(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newEnv(t, mode...)
		s, fx := e.s, e.fx
		csv := "userName,displayName,dept\nE001,alice,eng\nE002,bob\n"
		csv = strings.Replace(csv, "E002,bob\n", "E002,bob,\n", 1)
		id := e.loadTask(t, v2025, fx.hr.ID, csv)
		if st := e.aggStatus(t, v2025, id); st["totalAccounts"] != 0.0 {
			t.Errorf("an optimized run of an unchanged file counts %v", st["totalAccounts"])
		}
		s.Clock().Advance(time.Minute)
		id = e.loadTask(t, v2025, fx.hr.ID, csv, "disableOptimization", "true")
		if st := e.aggStatus(t, v2025, id); st["totalAccounts"] != 2.0 || st["processedAccounts"] != 2.0 {
			t.Errorf("status %v, want both rows processed", st)
		}
		for _, a := range []Account{fx.hrAlice, fx.hrBob} {
			got, _ := s.Account(a.ID)
			if !got.Modified.Equal(s.Clock().Now()) {
				t.Errorf("%s: modified %v, want now", a.NativeIdentity, got.Modified)
			}
		}
		if attrs := e.taskStatus(t, id)["attributes"].(map[string]any); attrs["optimizedAggregation"] != "disabled" || attrs["updated"] != 2.0 {
			t.Errorf("attributes %v", attrs)
		}
	})
}

// TestLoadAccountsDeleteThreshold: a source of more than ten accounts
// loses accounts missing from a file only up to its delete threshold
// (10% unless set); past it the delete phase is skipped and the task
// ends WARNING.
func TestLoadAccountsDeleteThreshold(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		threshold *int
		accounts  int // on the source
		missing   int // of them, left out of the file
		deleted   bool
	}{
		{"10% of 20", nil, 20, 2, true},
		{"15% of 20", nil, 20, 3, false},
		{"15% of 20, threshold 20", ptr(20), 20, 3, true},
		{"any of 20, threshold 0", ptr(0), 20, 1, false},
		{"all of 10 (a small source)", nil, 10, 9, true},
		{"all of 11, threshold 100", ptr(100), 11, 10, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New(t, WithoutListener())
			e := &env{client: iscClient(s.Client(), s.URL), s: s}
			src, err := s.AddSource(Source{Name: "Big", DeleteThreshold: tt.threshold})
			if err != nil {
				t.Fatal(err)
			}
			var csv strings.Builder
			csv.WriteString("userName\n")
			for i := range tt.accounts {
				if _, err := s.AddAccount(Account{SourceID: src.ID, NativeIdentity: fmt.Sprint("u", i), Attributes: map[string]any{"userName": fmt.Sprint("u", i)}}); err != nil {
					t.Fatal(err)
				}
				if i >= tt.missing {
					fmt.Fprintf(&csv, "u%d\n", i)
				}
			}
			csv.WriteString("new\n")
			id := e.loadTask(t, v2026, src.ID, csv.String())
			left := 0
			for _, a := range s.Accounts() {
				if a.SourceID == src.ID {
					left++
				}
			}
			want, wantDeleted, status := tt.accounts+1, 0.0, TaskWarning
			if tt.deleted {
				want, wantDeleted, status = tt.accounts+1-tt.missing, float64(tt.missing), TaskSuccess
			}
			if left != want {
				t.Errorf("%d accounts left, want %d", left, want)
			}
			st := e.aggStatus(t, v2026, id)
			if st["status"] != "COMPLETED" || st["totalAccountsMarkedForDeletion"] != float64(tt.missing) || st["deletedAccounts"] != wantDeleted {
				t.Errorf("status %v", st)
			}
			ts := e.taskStatus(t, id)
			if ts["completionStatus"] != status {
				t.Errorf("completionStatus %v, want %s: %v", ts["completionStatus"], status, ts["messages"])
			}
			if !tt.deleted {
				msgs := fmt.Sprint(ts["messages"])
				if !strings.Contains(msgs, "aggregation_delete_threshold") || !strings.Contains(msgs, "none was deleted") {
					t.Errorf("messages %s", msgs)
				}
			}
		})
	}
}

// TestLoadAccountsBetaURLEncoded: beta's load-accounts also takes an
// application/x-www-form-urlencoded form (its spec lists it), whose file
// field carries the CSV text; the other versions take multipart only.
func TestLoadAccountsBetaURLEncoded(t *testing.T) {
	t.Parallel()
	e := newEnv(t, WithoutListener())
	form := "file=" + strings.ReplaceAll("userName,displayName\nE001,alice\nE002,bob\nE005,eve\n", "\n", "%0A") + "&disableOptimization=false"
	r := e.do(t, "POST", "/beta/sources/"+e.fx.hr.ID+"/load-accounts", form, "Content-Type", formCT).want(t, 202)
	if task := r.obj(t)["task"].(map[string]any); task["completionStatus"] != TaskSuccess {
		t.Errorf("answer %s", r.body)
	}
	if _, ok := byNative(e.s, e.fx.hr.ID, "E005"); !ok {
		t.Error("the urlencoded file was not aggregated")
	}
	wantError(t, e.do(t, "POST", "/beta/sources/"+e.fx.hr.ID+"/load-accounts", form+"&file=x", "Content-Type", formCT),
		400, detailBadRequest, `2 fields named "file"`)
}
