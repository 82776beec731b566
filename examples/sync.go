package examples

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"time"
)

// AggregationStatus is one reading of an aggregation's status
// (AccountAggregationStatus).
type AggregationStatus struct {
	// Status is STARTED, ACCOUNTS_COLLECTED, COMPLETED, CANCELLED,
	// RETRIED or TERMINATED.
	Status string `json:"status"`
	// TotalAccounts counts the NEW, CHANGED and DELETED accounts, once
	// collected.
	TotalAccounts int `json:"totalAccounts"`
	// ProcessedAccounts counts those processed so far.
	ProcessedAccounts int `json:"processedAccounts"`
}

// SyncResult is how a flat file sync went.
type SyncResult struct {
	// AggregationID is the aggregation's id, its task's id.
	AggregationID string
	// Statuses are the statuses read, one per poll; the last is COMPLETED
	// or TERMINATED.
	Statuses []AggregationStatus
	// Accounts are the source's accounts after the aggregation.
	Accounts []Account
}

// SyncFlatFile does what a sync job does with a flat file source: it
// uploads csv (POST /v2025/sources/{id}/load-accounts, the multipart part
// "file"), waits PollInterval and reads the aggregation's status, again
// until it is COMPLETED or TERMINATED (at most MaxPolls times), then
// lists the source's accounts. A TERMINATED aggregation is an error, as
// is one still running after MaxPolls.
func (c *Client) SyncFlatFile(ctx context.Context, sourceID string, csv []byte) (SyncResult, error) {
	var res SyncResult
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", "accounts.csv")
	if err == nil {
		_, err = part.Write(csv)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return res, fmt.Errorf("examples: building the upload: %w", err)
	}
	var started struct {
		Task struct {
			ID string `json:"id"`
		} `json:"task"`
	}
	path := "/v2025/sources/" + url.PathEscape(sourceID) + "/load-accounts"
	if err := c.do(ctx, http.MethodPost, path, w.FormDataContentType(), body.Bytes(), http.StatusAccepted, &started); err != nil {
		return res, err
	}
	res.AggregationID = started.Task.ID
	interval, polls := c.PollInterval, c.MaxPolls
	if interval <= 0 {
		interval = 5 * time.Second // the VS Code extension's interval
	}
	if polls <= 0 {
		polls = 20
	}
	for range polls {
		if err := c.sleep(ctx, interval); err != nil {
			return res, err
		}
		var st AggregationStatus
		if err := c.do(ctx, http.MethodGet, "/v2025/account-aggregations/"+url.PathEscape(res.AggregationID)+"/status", "", nil, http.StatusOK, &st); err != nil {
			return res, err
		}
		res.Statuses = append(res.Statuses, st)
		switch st.Status {
		case "COMPLETED":
			res.Accounts, err = c.ListAccounts(ctx, fmt.Sprintf("sourceId eq %q", sourceID))
			return res, err
		case "TERMINATED", "CANCELLED":
			return res, fmt.Errorf("examples: aggregation %s ended %s", res.AggregationID, st.Status)
		}
	}
	return res, fmt.Errorf("examples: aggregation %s still %s after %d polls", res.AggregationID, res.Statuses[len(res.Statuses)-1].Status, polls)
}
