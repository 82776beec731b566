package tenantsync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mockisc/mockisc/fixtures"
	"github.com/mockisc/mockisc/mockisc"
)

// Recorder is an HTTP handler that forwards every request to an upstream
// ISC tenant, answers with the upstream's answer, and records each
// exchange as a step of a scenario file (the fixtures format) that
// replays against a fake:
//
//   - credentials are redacted: Authorization headers are dropped (the
//     runner sends its own token), a token request's body becomes
//     "client_id=${clientId}&client_secret=${clientSecret}", and a token
//     answer is checked for its token_type only;
//   - ids the upstream generated (an "id" or "...Id" member not in the
//     starting tenant) are captured into variables id1, id2, ... and every
//     later occurrence, in request paths, bodies and expectations, is
//     written ${idN};
//   - volatile values (timestamps, trackingId, jti, tokens) are written
//     "${*}", which matches anything.
//
// A Recorder is safe for concurrent requests; steps are recorded in the
// order the upstream answered.
type Recorder struct {
	upstream *url.URL
	client   *http.Client
	tenant   *mockisc.State
	started  time.Time

	mu     sync.Mutex
	steps  []fixtures.Step
	known  map[string]bool   // ids of the starting tenant
	byVal  map[string]string // captured value → variable name
	nextID int
	// OnStep, when set, is called (outside the lock) after each recorded
	// exchange, e.g. to write the file as it grows.
	onStep func()
}

// RecorderOptions configure NewRecorder.
type RecorderOptions struct {
	// HTTP sends the upstream requests; nil means a client that follows
	// no redirects.
	HTTP *http.Client
	// Tenant is the upstream tenant before the first request (from
	// Import); it becomes the scenario's tenant, and its ids are not
	// captured. nil records no tenant.
	Tenant *mockisc.State
	// OnStep is called after each recorded exchange.
	OnStep func()
}

// maxRecordedBody caps the request bodies a Recorder forwards and the
// response bodies it records (a bigger answer is forwarded whole and
// recorded without its body).
const maxRecordedBody = 64 << 20

// NewRecorder returns a Recorder forwarding to upstream, a base URL such
// as "https://acme.api.identitynow.com".
func NewRecorder(upstream string, o RecorderOptions) (*Recorder, error) {
	u, err := url.Parse(strings.TrimSuffix(upstream, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("tenantsync: record: upstream %q is not an http(s) URL", upstream)
	}
	c := o.HTTP
	if c == nil {
		c = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	r := &Recorder{upstream: u, client: c, tenant: o.Tenant, started: time.Now().UTC(),
		known: stateIDs(o.Tenant), byVal: map[string]string{}, onStep: o.OnStep}
	return r, nil
}

// hopHeaders are the headers a proxy does not forward.
var hopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Accept-Encoding"}

// ServeHTTP forwards the request, answers with the upstream's answer and
// records the exchange.
func (r *Recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, maxRecordedBody+1))
	if err != nil || len(body) > maxRecordedBody {
		http.Error(w, "mockisc record: cannot read the request body", http.StatusBadRequest)
		return
	}
	out, err := http.NewRequestWithContext(req.Context(), req.Method, r.upstream.String()+req.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, "mockisc record: "+err.Error(), http.StatusBadRequest)
		return
	}
	out.Header = req.Header.Clone()
	for _, h := range hopHeaders {
		out.Header.Del(h)
	}
	resp, err := r.client.Do(out)
	if err != nil {
		http.Error(w, "mockisc record: upstream: "+unwrap(err).Error(), http.StatusBadGateway)
		return
	}
	rb, err := io.ReadAll(resp.Body) // ISC's answers are pages of at most 250 objects
	resp.Body.Close()
	if err != nil {
		http.Error(w, "mockisc record: reading the upstream answer: "+err.Error(), http.StatusBadGateway)
		return
	}
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	for _, h := range hopHeaders {
		w.Header().Del(h)
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(rb)

	if len(rb) > maxRecordedBody {
		rb = nil // too big to keep: the step checks the status and headers only
	}
	r.mu.Lock()
	r.record(req, body, resp, rb)
	r.mu.Unlock()
	if r.onStep != nil {
		r.onStep()
	}
}

func unwrap(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// Scenario returns what was recorded so far.
func (r *Recorder) Scenario() *fixtures.Scenario {
	r.mu.Lock()
	defer r.mu.Unlock()
	sc := &fixtures.Scenario{
		Name: "Recorded against " + r.upstream.Host,
		Description: fmt.Sprintf("Recorded by mockisc record from %s, starting %s: %d exchanges. Ids the upstream generated are captured (${idN}); volatile values are ${*}.",
			r.upstream.String(), r.started.Format(time.RFC3339), len(r.steps)),
		Tenant: r.tenant,
		Steps:  append([]fixtures.Step{}, r.steps...),
	}
	return sc
}

// WriteFile writes the scenario recorded so far to name (a temporary
// file renamed into place), indented.
func (r *Recorder) WriteFile(name string) error {
	b, err := json.MarshalIndent(r.Scenario(), "", "  ")
	if err != nil {
		return fmt.Errorf("tenantsync: record: %v", err)
	}
	return writeAtomic(name, append(b, '\n'))
}

// writeAtomic writes data to a temporary file beside name and renames it
// into place.
func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
