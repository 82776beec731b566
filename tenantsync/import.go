package tenantsync

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/tidwall/gjson"

	"github.com/mockisc/mockisc/internal/iscclient"
	"github.com/mockisc/mockisc/mockisc"
)

// ImportOptions say which tenant Import reads and how.
type ImportOptions struct {
	// URL is the tenant's API URL, e.g. "https://acme.api.identitynow.com".
	URL string
	// ClientID and ClientSecret are an OAuth client's (a personal access
	// token or an API client with a user); they need the read scopes of
	// sources, identities, entitlements and accounts.
	ClientID string
	// ClientSecret is the client's secret; it is never logged or written.
	ClientSecret string
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
	// Filter limits the accounts, in ISC's filter syntax, e.g.
	// `sourceId in ("2c91...")`; "" imports every account.
	Filter string
	// Limit caps the number of accounts; 0 means no cap.
	Limit int
	// PageSize is the limit of each list call; 0 means 250, ISC's
	// maximum.
	PageSize int
	// Checkpoint, when set, is a file where Import notes every page it
	// read, so that a rerun after a failure goes on from there instead of
	// starting over. A checkpoint written for another URL, filter or limit
	// is ignored. It holds the tenant's data as read (before any
	// Pseudonymize): remove it once the result is saved.
	Checkpoint string
	// Progress, when set, receives a progress line every ProgressEvery
	// and at the end: counts per resource and the rate.
	Progress io.Writer
	// ProgressEvery is the interval of progress lines; 0 means 2s.
	ProgressEvery time.Duration
	// Sleep waits out a Retry-After; nil waits in real time.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Import reads a tenant through ISC's public API and returns it as a
// mockisc.State, which the binary's -tenant, mockisc.WithState and
// scenario files accept. It pages through the sources (/v3/sources), the
// identities (/v2025/identities, else /beta/identities; every identity,
// defaultFilter=NONE), the entitlements (/v2025/entitlements, else
// /beta/entitlements, else only the ones accounts hold) and the accounts
// (/v3/accounts with Filter and Limit), then reads the entitlements of
// every account that has some (/v3/accounts/{id}/entitlements). It waits
// out 429 answers as their Retry-After says.
//
// References the API shows but the state cannot hold (an account of an
// identity that is not listed, a manager outside the tenant) are dropped,
// so that the result always loads.
func Import(ctx context.Context, o ImportOptions) (mockisc.State, error) {
	if o.URL == "" {
		return mockisc.State{}, fmt.Errorf("tenantsync: import: the tenant URL is required")
	}
	if _, err := url.ParseRequestURI(o.URL); err != nil {
		return mockisc.State{}, fmt.Errorf("tenantsync: import: URL %q: %v", o.URL, err)
	}
	im := &importer{
		o: o,
		c: &iscclient.Client{BaseURL: o.URL, ClientID: o.ClientID, ClientSecret: o.ClientSecret, HTTP: o.HTTP, Sleep: o.Sleep},
		p: newProgress(o.Progress, o.ProgressEvery),
	}
	if im.o.PageSize <= 0 || im.o.PageSize > 250 {
		im.o.PageSize = 250
	}
	st, err := im.run(ctx)
	if err != nil {
		return mockisc.State{}, fmt.Errorf("tenantsync: import from %s: %w", o.URL, err)
	}
	return st, nil
}

type importer struct {
	o  ImportOptions
	c  *iscclient.Client
	p  *progress
	cp *checkpoint
	st mockisc.State
	// held maps account ids to the entitlements they hold, once read.
	held map[string][]mockisc.Entitlement
}

func (im *importer) run(ctx context.Context) (mockisc.State, error) {
	cp, err := openCheckpoint(im.o.Checkpoint, checkpointHeader{Version: 1, URL: im.o.URL, Filter: im.o.Filter, Limit: im.o.Limit}, &im.st)
	if err != nil {
		return mockisc.State{}, err
	}
	im.cp = cp
	defer cp.close()
	im.held = cp.held
	im.p.counts = im.counts
	if err := im.list(ctx, kindSources, []string{"/v3/sources"}, nil, 0, func(j gjson.Result) any {
		s := sourceOf(j)
		im.st.Sources = append(im.st.Sources, s)
		return s
	}); err != nil {
		return mockisc.State{}, err
	}
	if err := im.list(ctx, kindIdentities, []string{"/v2025/identities", "/beta/identities"}, url.Values{"defaultFilter": {"NONE"}}, 0, func(j gjson.Result) any {
		id := identityOf(j)
		im.st.Identities = append(im.st.Identities, id)
		return id
	}); err != nil {
		return mockisc.State{}, err
	}
	if im.o.Filter == "" && im.o.Limit == 0 {
		// The whole catalogue, where the tenant lists it; else (and when
		// only some accounts are wanted) the entitlements accounts hold.
		if err := im.list(ctx, kindEntitlements, []string{"/v2025/entitlements", "/beta/entitlements"}, nil, 0, func(j gjson.Result) any {
			e := entitlementOf(j)
			im.st.Entitlements = append(im.st.Entitlements, e)
			return e
		}); err != nil && !isUnserved(err) {
			return mockisc.State{}, err
		}
	}
	var q url.Values
	if im.o.Filter != "" {
		q = url.Values{"filters": {im.o.Filter}}
	}
	hasEnts := map[string]bool{}
	if err := im.list(ctx, kindAccounts, []string{"/v3/accounts"}, q, im.o.Limit, func(j gjson.Result) any {
		a := accountOf(j)
		im.st.Accounts = append(im.st.Accounts, a)
		if j.Get("hasEntitlements").Bool() {
			hasEnts[a.ID] = true
		}
		return accountRecord{Account: a, HasEntitlements: j.Get("hasEntitlements").Bool()}
	}); err != nil {
		return mockisc.State{}, err
	}
	for id, ok := range cp.hasEnts {
		hasEnts[id] = ok
	}
	for _, a := range im.st.Accounts {
		if !hasEnts[a.ID] {
			continue
		}
		if _, done := im.held[a.ID]; done {
			continue
		}
		ents, err := im.accountEntitlements(ctx, a.ID)
		if err != nil {
			return mockisc.State{}, err
		}
		im.held[a.ID] = ents
		if err := im.cp.add(record{Kind: kindHeld, Account: a.ID, Items: mustRaw(ents)}); err != nil {
			return mockisc.State{}, err
		}
		im.p.tick(false)
	}
	im.p.tick(true)
	return im.assemble(), nil
}

// counts is what the progress line shows.
func (im *importer) counts() []count {
	return []count{{"sources", len(im.st.Sources)}, {"identities", len(im.st.Identities)},
		{"entitlements", len(im.st.Entitlements)}, {"accounts", len(im.st.Accounts)}, {"account entitlements", len(im.held)}}
}

// accountRecord is an account as the checkpoint keeps it.
type accountRecord struct {
	mockisc.Account
	HasEntitlements bool `json:"hasEntitlements,omitempty"`
}

// unservedError says that no version of a list serves it (404 or 405
// everywhere).
type unservedError struct{ paths []string }

func (e *unservedError) Error() string {
	return fmt.Sprintf("no API version serves %v here", e.paths)
}

func isUnserved(err error) bool {
	_, ok := err.(*unservedError)
	return ok
}

// list pages through the first of paths that the tenant serves, from the
// checkpoint's offset on, giving each item to add and noting each page in
// the checkpoint. limit > 0 stops after that many items.
func (im *importer) list(ctx context.Context, kind string, paths []string, q url.Values, limit int, add func(gjson.Result) any) error {
	ph := im.cp.phase(kind)
	if ph.Done {
		return nil
	}
	path := ph.Path
	if path == "" {
		var err error
		if path, err = im.pick(ctx, paths, q); err != nil {
			return err
		}
	}
	for {
		size := im.o.PageSize
		if limit > 0 {
			size = min(size, limit-ph.Next)
		}
		if size <= 0 {
			break
		}
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("limit", strconv.Itoa(size))
		v.Set("offset", strconv.Itoa(ph.Next))
		resp, err := im.c.Do(ctx, http.MethodGet, path+"?"+v.Encode(), experimental, nil)
		if err != nil {
			return err
		}
		if resp.Status != http.StatusOK {
			return fmt.Errorf("GET %s?%s: status %d: %s", path, v.Encode(), resp.Status, iscclient.Abbreviate(resp.Body))
		}
		page := gjson.ParseBytes(resp.Body)
		if !page.IsArray() {
			return fmt.Errorf("GET %s: the answer is not a JSON array: %s", path, iscclient.Abbreviate(resp.Body))
		}
		items := page.Array()
		var kept []any
		for _, it := range items {
			if it.Get("id").String() == "" {
				continue
			}
			kept = append(kept, add(it))
		}
		ph.Next += len(items)
		ph.Path = path
		done := len(items) < size || (limit > 0 && ph.Next >= limit)
		if err := im.cp.add(record{Kind: kind, Path: path, Next: ph.Next, Done: done, Items: mustRaw(kept)}); err != nil {
			return err
		}
		im.p.tick(false)
		if done {
			break
		}
	}
	ph.Done = true
	return nil
}

// experimental is sent with every list call: ISC needs it for the
// experimental versions of an endpoint and ignores it elsewhere.
var experimental = http.Header{"X-SailPoint-Experimental": {"true"}, "Accept": {"application/json"}}

// pick returns the first path the tenant serves (not 404, 405 or 410).
func (im *importer) pick(ctx context.Context, paths []string, q url.Values) (string, error) {
	for _, p := range paths {
		v := url.Values{"limit": {"1"}}
		for k, vs := range q {
			v[k] = vs
		}
		resp, err := im.c.Do(ctx, http.MethodGet, p+"?"+v.Encode(), experimental, nil)
		if err != nil {
			return "", err
		}
		switch resp.Status {
		case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusGone:
			continue
		}
		return p, nil
	}
	return "", &unservedError{paths}
}

// accountEntitlements reads every entitlement an account holds.
func (im *importer) accountEntitlements(ctx context.Context, id string) ([]mockisc.Entitlement, error) {
	var out []mockisc.Entitlement
	for offset := 0; ; offset += im.o.PageSize {
		p := fmt.Sprintf("/v3/accounts/%s/entitlements?limit=%d&offset=%d", url.PathEscape(id), im.o.PageSize, offset)
		resp, err := im.c.Do(ctx, http.MethodGet, p, experimental, nil)
		if err != nil {
			return nil, err
		}
		if resp.Status == http.StatusNotFound {
			return out, nil // gone meanwhile
		}
		if resp.Status != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d: %s", p, resp.Status, iscclient.Abbreviate(resp.Body))
		}
		items := gjson.ParseBytes(resp.Body).Array()
		for _, it := range items {
			if it.Get("id").String() != "" {
				out = append(out, entitlementOf(it))
			}
		}
		if len(items) < im.o.PageSize {
			return out, nil
		}
	}
}

// assemble builds the state: the held entitlements join the catalogue,
// and references the state cannot hold are dropped.
func (im *importer) assemble() mockisc.State {
	st := im.st
	sources := map[string]bool{}
	for _, s := range st.Sources {
		sources[s.ID] = true
	}
	idents := map[string]bool{}
	for _, id := range st.Identities {
		idents[id.ID] = true
	}
	ents := map[string]bool{}
	var entList []mockisc.Entitlement
	addEnt := func(e mockisc.Entitlement) {
		if !ents[e.ID] && sources[e.SourceID] {
			ents[e.ID] = true
			entList = append(entList, e)
		}
	}
	for _, e := range st.Entitlements {
		addEnt(e)
	}
	var accounts []mockisc.Account
	seen := map[string]bool{}
	for _, a := range st.Accounts {
		if seen[a.ID] || !sources[a.SourceID] {
			continue
		}
		seen[a.ID] = true
		if !idents[a.IdentityID] {
			a.IdentityID = ""
		}
		a.Entitlements = nil
		for _, e := range im.held[a.ID] {
			addEnt(e)
			if ents[e.ID] && !slices.Contains(a.Entitlements, e.ID) {
				a.Entitlements = append(a.Entitlements, e.ID)
			}
		}
		accounts = append(accounts, a)
	}
	var identities []mockisc.Identity
	seenID := map[string]bool{}
	for _, id := range st.Identities {
		if seenID[id.ID] {
			continue
		}
		seenID[id.ID] = true
		if !idents[id.ManagerID] {
			id.ManagerID = ""
		}
		identities = append(identities, id)
	}
	var srcs []mockisc.Source
	seenSrc := map[string]bool{}
	for _, s := range st.Sources {
		if !seenSrc[s.ID] {
			seenSrc[s.ID] = true
			srcs = append(srcs, s)
		}
	}
	return mockisc.State{Sources: nonNil(srcs), Identities: nonNil(identities), Entitlements: nonNil(entList), Accounts: nonNil(accounts)}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func mustRaw(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // state objects always marshal
	}
	return b
}
