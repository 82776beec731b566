package examples

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Account is the part of an ISC account this client reads.
type Account struct {
	// ID is the account id.
	ID string `json:"id"`
	// Name is the account's display name.
	Name string `json:"name"`
	// NativeIdentity is the account's id on its source.
	NativeIdentity string `json:"nativeIdentity"`
	// SourceName is the name of the account's source.
	SourceName string `json:"sourceName"`
	// IdentityID is the correlated identity; empty when uncorrelated.
	IdentityID string `json:"identityId"`
	// Disabled reports whether the account is disabled.
	Disabled bool `json:"disabled"`
}

// Client calls ISC's accounts API, in the version its AccountsPath names.
type Client struct {
	// BaseURL is the tenant's API URL, e.g. "https://acme.api.identitynow.com".
	BaseURL string
	// AccountsPath is the accounts collection of the API version to call:
	// "/v3/accounts" (the default when empty), "/v2025/accounts", or the
	// per-service "/accounts/v1" that the current SDK majors call.
	AccountsPath string
	// HTTP sends the requests; it must add the bearer token.
	HTTP *http.Client
	// PageSize is the limit of each list call; 0 means 250, ISC's maximum.
	PageSize int
	// MaxRetries caps how often one call is retried after a 429; 0 means 5.
	MaxRetries int
	// PollInterval is how long SyncFlatFile waits before each reading of
	// an aggregation's status; 0 means 5 s.
	PollInterval time.Duration
	// MaxPolls caps how often SyncFlatFile reads the status; 0 means 20.
	MaxPolls int
	// Sleep waits out a Retry-After or a poll interval; nil waits in real
	// time (or until ctx ends).
	Sleep func(ctx context.Context, d time.Duration) error
}

// APIError is an answer with an unexpected status.
type APIError struct {
	// Method and Path name the call.
	Method, Path string
	// Status is the HTTP status.
	Status int
	// Body is the response body.
	Body string
}

// Error says which call failed with which status and body.
func (e *APIError) Error() string {
	return fmt.Sprintf("examples: %s %s: status %d: %s", e.Method, e.Path, e.Status, e.Body)
}

// ListAccounts returns every account matching filters (ISC filter syntax;
// "" for all), in the server's order, page by page.
func (c *Client) ListAccounts(ctx context.Context, filters string) ([]Account, error) {
	size := c.PageSize
	if size <= 0 {
		size = 250
	}
	var all []Account
	for offset := 0; ; offset += size {
		q := url.Values{"limit": {strconv.Itoa(size)}, "offset": {strconv.Itoa(offset)}}
		if filters != "" {
			q.Set("filters", filters)
		}
		var page []Account
		if err := c.do(ctx, http.MethodGet, c.accounts()+"?"+q.Encode(), "", nil, http.StatusOK, &page); err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < size {
			return all, nil
		}
	}
}

// DisableAccount disables an account and returns the id of ISC's task.
func (c *Client) DisableAccount(ctx context.Context, id string) (string, error) {
	var task struct {
		ID string `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, c.accounts()+"/"+url.PathEscape(id)+"/disable", "application/json", []byte(`{}`), http.StatusAccepted, &task)
	return task.ID, err
}

// MoveAccount correlates an account to another identity, as ISC's
// "move account" does: a JSON Patch replacing /identityId.
func (c *Client) MoveAccount(ctx context.Context, accountID, identityID string) error {
	patch, _ := json.Marshal([]map[string]string{{"op": "replace", "path": "/identityId", "value": identityID}})
	return c.do(ctx, http.MethodPatch, c.accounts()+"/"+url.PathEscape(accountID), "application/json-patch+json", patch, http.StatusAccepted, nil)
}

// do sends one call, retrying after 429 as Retry-After says, and decodes
// the answer into out.
func (c *Client) do(ctx context.Context, method, path, contentType string, body []byte, want int, out any) error {
	retries := c.MaxRetries
	if retries <= 0 {
		retries = 5
	}
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("examples: %w", err)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("Accept", "application/json")
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return fmt.Errorf("examples: %s %s: %w", method, path, err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("examples: %s %s: reading the answer: %w", method, path, err)
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt < retries {
			if err := c.sleep(ctx, retryAfter(resp.Header.Get("Retry-After"))); err != nil {
				return err
			}
			continue
		}
		if resp.StatusCode != want {
			return &APIError{Method: method, Path: path, Status: resp.StatusCode, Body: string(b)}
		}
		if out == nil {
			return nil
		}
		if err := json.Unmarshal(b, out); err != nil {
			return fmt.Errorf("examples: %s %s: decoding the answer: %w", method, path, err)
		}
		return nil
	}
}

// retryAfter reads a Retry-After header in seconds; absent or unreadable
// means one second.
func retryAfter(v string) time.Duration {
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	return time.Second
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return errors.Join(fmt.Errorf("examples: waiting %v to retry", d), ctx.Err())
	}
}

// accounts is the accounts collection's path.
func (c *Client) accounts() string {
	if c.AccountsPath == "" {
		return "/v3/accounts"
	}
	return c.AccountsPath
}
