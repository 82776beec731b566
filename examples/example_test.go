package examples_test

import (
	"context"
	"fmt"

	"github.com/mockisc/mockisc/examples"
	"github.com/mockisc/mockisc/mockisc"
)

func ExampleClient_ListAccounts() {
	s, _ := mockisc.NewServer(mockisc.WithState(mockisc.DemoState()))
	defer s.Close()
	c := &examples.Client{BaseURL: s.URL, HTTP: s.Client()}
	accounts, err := c.ListAccounts(context.Background(), `sourceId eq "2c918081000000000000000000000003"`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range accounts {
		fmt.Println(a.NativeIdentity, a.Disabled)
	}
	// Output:
	// ada.lovelace false
	// katherine.johnson false
	// edsger.dijkstra false
	// barbara.liskov false
	// margaret.hamilton true
	// john.backus false
	// jsmith false
	// mwilliams false
	// temp.visitor true
}

func ExampleClient_DisableAccount() {
	s, _ := mockisc.NewServer(mockisc.WithState(mockisc.DemoState()), mockisc.WithoutListener())
	defer s.Close()
	c := &examples.Client{BaseURL: s.URL, HTTP: s.Client()}
	id := s.Accounts()[0].ID
	if _, err := c.DisableAccount(context.Background(), id); err != nil {
		fmt.Println(err)
		return
	}
	a, _ := s.Account(id)
	fmt.Println(a.Name, "disabled:", a.Disabled)
	// Output: Ada Lovelace disabled: true
}

func ExampleClient_MoveAccount() {
	s, _ := mockisc.NewServer(mockisc.WithState(mockisc.DemoState()), mockisc.WithoutListener())
	defer s.Close()
	c := &examples.Client{BaseURL: s.URL, HTTP: s.Client()}
	grace := s.Identities()[2]
	var svc mockisc.Account
	for _, a := range s.Accounts() {
		if a.Name == "svc-reporting" {
			svc = a
		}
	}
	if err := c.MoveAccount(context.Background(), svc.ID, grace.ID); err != nil {
		fmt.Println(err)
		return
	}
	a, _ := s.Account(svc.ID)
	fmt.Println(a.Name, "now belongs to", grace.Name, a.IdentityID == grace.ID)
	// Output: svc-reporting now belongs to Grace Hopper true
}

// The same client code talks to the v3 API and to the per-service API of
// the current SDK majors: only the accounts path differs, and both see
// the same tenant.
func ExampleClient_versions() {
	s, _ := mockisc.NewServer(mockisc.WithState(mockisc.DemoState()), mockisc.WithoutListener())
	defer s.Close()
	for _, path := range []string{"/v3/accounts", "/accounts/v1"} {
		c := &examples.Client{BaseURL: s.URL, HTTP: s.Client(), AccountsPath: path}
		accounts, err := c.ListAccounts(context.Background(), `nativeIdentity eq "ada.lovelace"`)
		if err != nil {
			fmt.Println(err)
			return
		}
		if _, err := c.DisableAccount(context.Background(), accounts[0].ID); err != nil {
			fmt.Println(err)
			return
		}
		a, _ := s.Account(accounts[0].ID)
		fmt.Println(path, accounts[0].Name, "disabled:", a.Disabled)
		s.Reset()
	}
	// Output:
	// /v3/accounts Ada Lovelace disabled: true
	// /accounts/v1 Ada Lovelace disabled: true
}
