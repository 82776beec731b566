package mockisc_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/mockisc/mockisc/mockisc"
)

// Example seeds a tenant through Go, disables an account over HTTP and
// inspects the result and the journal.
func Example() {
	s, err := mockisc.NewServer(mockisc.WithoutListener())
	if err != nil {
		panic(err)
	}
	defer s.Close()
	src, _ := s.AddSource(mockisc.Source{Name: "HR flat file"})
	acct, _ := s.AddAccount(mockisc.Account{SourceID: src.ID, NativeIdentity: "jdoe"})

	resp, err := s.Client().Post(s.URL+"/v3/accounts/"+acct.ID+"/disable", "application/json", strings.NewReader(`{}`))
	if err != nil {
		panic(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()

	got, _ := s.Account(acct.ID)
	fmt.Println(resp.StatusCode, got.Disabled, s.Journal().Count("POST", "/v3/accounts/{id}/disable"))
	// Output: 202 true 1
}

// ExampleServer_Snapshot copies one tenant into another with Restore.
func ExampleServer_Snapshot() {
	a, _ := mockisc.NewServer(mockisc.WithoutListener())
	defer a.Close()
	src, _ := a.AddSource(mockisc.Source{Name: "HR"})
	_, _ = a.AddAccount(mockisc.Account{SourceID: src.ID, NativeIdentity: "E001", Name: "Ann"})

	b, _ := mockisc.NewServer(mockisc.WithoutListener())
	defer b.Close()
	if err := b.Restore(a.Snapshot()); err != nil {
		panic(err)
	}
	st := a.Snapshot()
	st.Accounts[0].SourceID = "missing"
	fmt.Println(len(b.Accounts()), b.Accounts()[0].Name)
	fmt.Println(b.Restore(st))
	// Output:
	// 1 Ann
	// mockisc: invalid: accounts[0].sourceId: source "missing" not found
}
