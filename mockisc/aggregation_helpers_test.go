package mockisc

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"
	"time"
)

// The aggregation tests share: a multipart body builder, the calls of the
// flow (load, status, task status) and a tenant with a flat file source
// that correlates.

// multipartForm builds a multipart/form-data body: the CSV text as the
// file part "file" (none when csv is nil), then fields (name/value
// pairs). It returns the body and its Content-Type.
func multipartForm(t testing.TB, csv *string, fields ...string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if csv != nil {
		fw, err := w.CreateFormFile("file", "accounts.csv")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(*csv))
	}
	for i := 0; i+1 < len(fields); i += 2 {
		if err := w.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), w.FormDataContentType()
}

// load posts csv to version v's load-accounts of source id, with fields.
func (e *env) load(t testing.TB, v, id, csv string, fields ...string) result {
	t.Helper()
	body, ct := multipartForm(t, &csv, fields...)
	return e.do(t, "POST", versionPath(v, "/sources/"+id+"/load-accounts"), body, "Content-Type", ct)
}

// loadTask posts csv as load does, wants 202 and returns the task id.
func (e *env) loadTask(t testing.TB, v, id, csv string, fields ...string) string {
	t.Helper()
	m := e.load(t, v, id, csv, fields...).want(t, http.StatusAccepted).obj(t)
	task, _ := m["task"].(map[string]any)
	tid, _ := task["id"].(string)
	if !hex32.MatchString(tid) {
		t.Fatalf("task id %q in %v", tid, m)
	}
	return tid
}

// aggStatus is version v's aggregation status of id (200 wanted).
func (e *env) aggStatus(t testing.TB, v, id string) map[string]any {
	t.Helper()
	return e.do(t, "GET", versionPath(v, "/account-aggregations/"+id+"/status"), "").want(t, http.StatusOK).obj(t)
}

// taskStatus is the v2025 TaskStatus of id.
func (e *env) taskStatus(t testing.TB, id string) map[string]any {
	t.Helper()
	return e.do(t, "GET", "/v2025/task-status/"+id, "").want(t, http.StatusOK).obj(t)
}

// byNative returns the account of source src with native identity n.
func byNative(s *Server, src, n string) (Account, bool) {
	for _, a := range s.Accounts() {
		if a.SourceID == src && a.NativeIdentity == n {
			return a, true
		}
	}
	return Account{}, false
}

// payroll names the objects of the correlation tenant.
type payroll struct {
	src                     Source // DelimitedFile, native "id", name "fullName", correlating
	ada, alan, twinA, twinB Identity
}

// seedPayroll adds to s a flat file source "Payroll" whose accounts take
// their native identity from "id" and name from "fullName", and which
// correlates email to email, then employeeId to employeeNumber; and
// identities: Ada (ada@example.com, employeeNumber 1001), Alan
// (alan@example.com, employeeNumber 1002 as a number) and two twins
// sharing twin@example.com.
func seedPayroll(t testing.TB, s *Server) *payroll {
	t.Helper()
	var p payroll
	var err error
	add := func(id Identity) Identity {
		t.Helper()
		got, err := s.AddIdentity(id)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	p.ada = add(Identity{Name: "Ada Lovelace", Alias: "ada", Email: "ada@example.com", Attributes: map[string]any{"employeeNumber": "1001"}})
	p.alan = add(Identity{Name: "Alan Turing", Alias: "alan", Email: "alan@example.com", Attributes: map[string]any{"employeeNumber": float64(1002)}})
	p.twinA = add(Identity{Name: "Twin A", Email: "twin@example.com"})
	p.twinB = add(Identity{Name: "Twin B", Email: "twin@example.com"})
	p.src, err = s.AddSource(Source{Name: "Payroll", NativeIdentityAttribute: "id", NameAttribute: "fullName",
		Correlation: []CorrelationRule{{AccountAttribute: "email", IdentityAttribute: "email"}, {AccountAttribute: "employeeId", IdentityAttribute: "employeeNumber"}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Clock().Advance(time.Second)
	return &p
}
