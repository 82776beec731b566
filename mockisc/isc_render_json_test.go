package mockisc

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/tidwall/gjson"
)

// TestAccountJSONMatchesMarshal: the hand-written encodings of the
// account renderings (tenant.appendJSON) write exactly what
// engine.Marshal writes for renderFull and its SLIM subset, for random
// accounts, sources and identities built from strings that need
// escaping, odd times, and attributes of every JSON type.
func TestAccountJSONMatchesMarshal(t *testing.T) {
	t.Parallel()
	strs := []string{"", "plain", "2024-06-01T09:00:00.000Z", `quo"te`, `back\slash`, "tab\there", "nul\x00", "bell\x07",
		"<b>&amp;</b>", "héllo", "line\u2028sep", "bad \xff utf8", "emoji 😀", "del\x7f", "slash/ok", "\n\r\b\f"}
	r := rand.New(rand.NewPCG(1, 2))
	str := func() string { return strs[r.IntN(len(strs))] }
	ptr := func() *string {
		if r.IntN(3) == 0 {
			return nil
		}
		s := str()
		return &s
	}
	var value func(depth int) any
	value = func(depth int) any {
		switch r.IntN(12) {
		case 0:
			return nil
		case 1:
			return r.IntN(2) == 0
		case 2:
			return []float64{0, 1, -1.5, 1e21, 1e-7, 123456789}[r.IntN(6)]
		case 3:
			return r.IntN(1000) - 500
		case 4:
			if depth > 2 {
				return str()
			}
			l := make([]any, r.IntN(4))
			for i := range l {
				l[i] = value(depth + 1)
			}
			return l
		case 5:
			return []any(nil)
		case 6:
			return []string{str(), str()}
		case 7:
			if depth > 2 {
				return str()
			}
			return attrs(r, str, value, depth+1)
		default:
			return str()
		}
	}
	times := []time.Time{
		time.Date(2024, 6, 1, 9, 0, 0, 123456789, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("x", 3600)),
		{}, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	ten := newTenant()
	for i := range 8 {
		src := &Source{ID: fmt.Sprint("src", i), Name: str(), ConnectionType: str(), Authoritative: r.IntN(2) == 0}
		for range r.IntN(3) {
			src.Features = append(src.Features, str())
		}
		if r.IntN(2) == 0 {
			src.Owner = &Ref{ID: str(), Name: str()}
		}
		ten.sources[src.ID] = src
		id := &Identity{ID: fmt.Sprint("id", i), Name: str(), IdentityState: str(), LifecycleState: str()}
		ten.identities[id.ID] = id
	}
	// An id that names no source or identity renders as one that is gone.
	pick := func(prefix string) string { return fmt.Sprint(prefix, r.IntN(10)) }
	for i := range 3000 {
		a := &account{Account: Account{
			ID: str(), Name: str(), NativeIdentity: str(), SourceID: pick("src"),
			Disabled: r.IntN(2) == 0, Locked: r.IntN(2) == 0, SystemAccount: r.IntN(2) == 0,
			ManuallyCorrelated: r.IntN(2) == 0, IsMachine: r.IntN(2) == 0, Description: ptr(), UUID: ptr(), Origin: str(),
			Created: times[r.IntN(len(times))], Modified: times[r.IntN(len(times))].Add(time.Duration(r.IntN(1e9))),
		}}
		if r.IntN(2) == 0 {
			a.IdentityID = pick("id")
		}
		if r.IntN(3) == 0 {
			a.Recommendation = &Recommendation{Type: str(), Method: str()}
		}
		if r.IntN(3) == 0 {
			a.OwnerIdentity = &Ref{ID: str(), Name: str()}
		}
		if r.IntN(2) == 0 {
			a.Entitlements = []string{str()}
		}
		if r.IntN(5) > 0 {
			m := attrs(r, str, value, 0)
			a.setAttrs(m) // encoded when plain, else kept as a map
			if a.attrs != "" && a.attrs != string(engine.Marshal(m)) {
				t.Fatalf("case %d: attributes stored as\n%s\nwant\n%s", i, a.attrs, engine.Marshal(m))
			}
		}
		full := ten.renderFull(a)
		if got, want := ten.appendJSON(nil, a, false), engine.Marshal(full); !bytes.Equal(got, want) {
			t.Fatalf("case %d, FULL:\n got %s\nwant %s", i, got, want)
		}
		if got, want := ten.appendJSON(nil, a, true), slimOf(engine.Marshal(full)); !bytes.Equal(got, want) {
			t.Fatalf("case %d, SLIM:\n got %s\nwant %s", i, got, want)
		}
	}
}

// attrs makes a random attributes map, of up to 20 keys.
func attrs(r *rand.Rand, str func() string, value func(int) any, depth int) map[string]any {
	m := map[string]any{}
	for range r.IntN(20) {
		m[str()+str()] = value(depth)
	}
	return m
}

// slimKeys are the keys of the SLIM rendering: those of ISC's SLIM
// example and every key the schema requires.
var slimKeys = map[string]bool{
	"id": true, "name": true, "created": true, "modified": true, "sourceId": true, "sourceName": true,
	"identityId": true, "attributes": true, "authoritative": true, "description": true, "disabled": true,
	"locked": true, "nativeIdentity": true, "systemAccount": true, "uncorrelated": true, "uuid": true,
	"manuallyCorrelated": true, "hasEntitlements": true, "features": true,
}

// slimOf is the oracle of the SLIM rendering: the FULL one (full, as
// engine.Marshal encodes it) cut to slimKeys, in the same order, with
// attributes null.
func slimOf(full []byte) []byte {
	b := []byte{'{'}
	gjson.ParseBytes(full).ForEach(func(k, v gjson.Result) bool {
		if !slimKeys[k.Str] {
			return true
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(append(b, k.Raw...), ':')
		if k.Str == "attributes" {
			b = append(b, "null"...)
		} else {
			b = append(b, v.Raw...)
		}
		return true
	})
	return append(b, '}')
}
