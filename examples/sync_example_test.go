package examples_test

import (
	"context"
	"fmt"
	"time"

	"github.com/mockisc/mockisc/examples"
	"github.com/mockisc/mockisc/mockisc"
)

// A sync job uploads a CSV to the demo tenant's flat file source, polls
// the aggregation and reads the result. WithTaskDelay makes the
// aggregation take a minute of server time (STARTED, then
// ACCOUNTS_COLLECTED from 30 s, then COMPLETED); the client's Sleep moves
// the fake's clock instead of waiting, so the example runs at once.
func ExampleClient_SyncFlatFile() {
	s, _ := mockisc.NewServer(mockisc.WithState(mockisc.DemoState()), mockisc.WithoutListener(),
		mockisc.WithTaskDelay(time.Minute))
	defer s.Close()
	c := &examples.Client{
		BaseURL: s.URL, HTTP: s.Client(), PollInterval: 20 * time.Second,
		Sleep: func(_ context.Context, d time.Duration) error { s.Clock().Advance(d); return nil },
	}
	// ada.lovelace is unchanged, jsmith gets a name, new.hire is new; the
	// source's other seven accounts are missing, so they are removed.
	csv := "userName,displayName,costCenter\n" +
		"ada.lovelace,Ada Lovelace,CC-100\n" +
		"jsmith,John Smith,CC-999\n" +
		"new.hire,New Hire,CC-200\n"
	res, err := c.SyncFlatFile(context.Background(), "2c918081000000000000000000000003", []byte(csv))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range res.Statuses {
		fmt.Println(st.Status, st.ProcessedAccounts, "of", st.TotalAccounts)
	}
	for _, a := range res.Accounts {
		fmt.Println(a.NativeIdentity, "-", a.Name)
	}
	// Output:
	// STARTED 0 of 0
	// ACCOUNTS_COLLECTED 3 of 9
	// COMPLETED 9 of 9
	// ada.lovelace - Ada Lovelace
	// jsmith - John Smith
	// new.hire - New Hire
}
