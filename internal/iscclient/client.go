// Package iscclient is the small ISC API client that mockisc's tools
// (import, record, verify) share: it gets a token with the client
// credentials grant, renews it, and retries answers that say to (429 with
// Retry-After, and 502, 503, 504) a bounded number of times.
//
// # Quick start
//
//	c := &iscclient.Client{BaseURL: "https://acme.api.identitynow.com", ClientID: id, ClientSecret: secret}
//	resp, err := c.Do(ctx, "GET", "/v3/sources?limit=250", nil, nil)
package iscclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Client calls an ISC tenant (or a fake of one).
type Client struct {
	// BaseURL is the API's URL, e.g. "https://acme.api.identitynow.com".
	BaseURL string
	// ClientID and ClientSecret are the OAuth client's; an empty ClientID
	// sends no token at all.
	ClientID string
	// ClientSecret is the client's secret. It is never logged.
	ClientSecret string
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
	// Sleep waits before a retry; nil waits in real time (or until ctx
	// ends).
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxRetries caps the retries of one call; 0 means 8.
	MaxRetries int
	// RetryStatuses are the statuses Do waits out and retries; nil means
	// 429, 502, 503 and 504. Verify retries 429 only, to see every other
	// status the tenant answers.
	RetryStatuses []int
	// Now is the clock that decides when a token expired; nil is time.Now.
	Now func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
	// Retries counts the retries so far, for progress lines.
	retries int
}

// Response is an answer, read whole.
type Response struct {
	// Status is the HTTP status code.
	Status int
	// Header holds the response headers.
	Header http.Header
	// Body is the response body.
	Body []byte
}

// Retries returns how many calls were retried so far.
func (c *Client) Retries() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.retries
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Do sends one call with the client's token, retrying 429 (after
// Retry-After) and 502, 503 and 504 answers, and returns the last answer.
// A 401 renews the token once. header may be nil.
func (c *Client) Do(ctx context.Context, method, path string, header http.Header, body []byte) (*Response, error) {
	retries := c.MaxRetries
	if retries <= 0 {
		retries = 8
	}
	renewed := false
	for attempt := 0; ; attempt++ {
		resp, err := c.once(ctx, method, path, header, body, true)
		if err != nil {
			return nil, err
		}
		switch {
		case resp.Status == http.StatusUnauthorized && !renewed && c.ClientID != "":
			renewed = true
			c.mu.Lock()
			c.token = ""
			c.mu.Unlock()
			continue
		case attempt < retries && c.retryable(resp.Status):
			c.mu.Lock()
			c.retries++
			c.mu.Unlock()
			if err := c.sleep(ctx, RetryAfter(resp.Header.Get("Retry-After"), c.now(), attempt)); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
}

// Raw sends one call as is: no token, no retry.
func (c *Client) Raw(ctx context.Context, method, path string, header http.Header, body []byte) (*Response, error) {
	return c.once(ctx, method, path, header, body, false)
}

func (c *Client) retryable(status int) bool {
	if c.RetryStatuses != nil {
		return slices.Contains(c.RetryStatuses, status)
	}
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

func (c *Client) once(ctx context.Context, method, path string, header http.Header, body []byte, auth bool) (*Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.BaseURL, "/")+path, rd)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", method, path, err)
	}
	for k, vs := range header {
		req.Header[k] = append([]string(nil), vs...)
	}
	if auth && c.ClientID != "" && req.Header.Get("Authorization") == "" {
		tok, err := c.Token(ctx)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if v, ok := req.Header["Authorization"]; ok && len(v) == 1 && v[0] == "" {
		req.Header.Del("Authorization")
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", method, path, unwrapURL(err))
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the answer: %v", method, path, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// unwrapURL drops the *url.Error wrapper, whose text repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Token returns a valid access token, getting a new one (client
// credentials grant, POST /oauth/token) when there is none or it expires
// within a minute.
func (c *Client) Token(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && c.now().Before(c.expires) {
		return c.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	var resp *Response
	var err error
	for attempt := 0; attempt <= 8; attempt++ {
		resp, err = c.once(ctx, http.MethodPost, "/oauth/token", h, []byte(form.Encode()), false)
		if err != nil {
			return "", fmt.Errorf("token: %v", err)
		}
		if !c.retryable(resp.Status) {
			break
		}
		c.retries++
		if err := c.sleep(ctx, RetryAfter(resp.Header.Get("Retry-After"), c.now(), attempt)); err != nil {
			return "", err
		}
	}
	if resp.Status != http.StatusOK {
		return "", fmt.Errorf("token: POST /oauth/token for client %q: status %d: %s", c.ClientID, resp.Status, Abbreviate(resp.Body))
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := json.Unmarshal(resp.Body, &tok); err != nil || tok.AccessToken == "" {
		return "", fmt.Errorf("token: POST /oauth/token: no access_token in the answer")
	}
	ttl := time.Duration(tok.ExpiresIn) * time.Second
	if ttl <= 0 {
		ttl = 5 * time.Minute
	}
	c.token = tok.AccessToken
	c.expires = c.now().Add(max(ttl-time.Minute, ttl/2))
	return c.token, nil
}

// RetryAfter reads a Retry-After header: seconds or an HTTP date. Absent
// or unreadable means a backoff of 1s, 2s, 4s... (at most 30s) by
// attempt. It never returns more than 10 minutes.
func RetryAfter(v string, now time.Time, attempt int) time.Duration {
	const most = 10 * time.Minute
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		return min(time.Duration(n)*time.Second, most)
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), most)
	}
	return min(time.Second<<min(attempt, 5), 30*time.Second)
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
		return fmt.Errorf("waiting %v to retry: %w", d, ctx.Err())
	}
}

// Abbreviate shortens a body for a one-line message.
func Abbreviate(b []byte) string {
	const most = 300
	if len(b) > most {
		return string(b[:most]) + "..."
	}
	return string(b)
}
