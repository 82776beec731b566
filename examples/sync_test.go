package examples_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mockisc/mockisc/mockisc"
)

const expenseApp = "2c918081000000000000000000000003"

// TestSyncFlatFileErrors: the sync reports an aggregation a fault
// terminates, one that outlasts its polls, and a file the fake refuses.
func TestSyncFlatFileErrors(t *testing.T) {
	t.Parallel()
	csv := []byte("userName,displayName\nada.lovelace,Ada Lovelace\n")

	c, s := newClient(t, mockisc.WithTaskDelay(time.Minute))
	if _, err := s.AddFault(mockisc.Fault{Path: "/v2025/sources/{id}/load-accounts", Times: 1, TaskError: "VA unreachable"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SyncFlatFile(context.Background(), expenseApp, csv); err == nil || !strings.Contains(err.Error(), "ended TERMINATED") {
		t.Errorf("terminated aggregation: %v", err)
	}

	c, _ = newClient(t, mockisc.WithTaskDelay(time.Hour))
	c.MaxPolls = 3
	res, err := c.SyncFlatFile(context.Background(), expenseApp, csv)
	if err == nil || !strings.Contains(err.Error(), "still STARTED after 3 polls") || len(res.Statuses) != 3 {
		t.Errorf("slow aggregation: %v, %d polls", err, len(res.Statuses))
	}

	c, _ = newClient(t)
	if _, err := c.SyncFlatFile(context.Background(), expenseApp, []byte("displayName\nx\n")); err == nil || !strings.Contains(err.Error(), "status 400") {
		t.Errorf("refused file: %v", err)
	}
}
