package mockisc

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/mockisc/mockisc/internal/engine"
)

// TestAccountJSONMatchesMarshal: the hand-written encodings of the
// account renderings write exactly what engine.Marshal writes, for
// random renderings built from strings that need escaping and attributes
// of every JSON type.
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
	ref := func() *refJSON {
		if r.IntN(2) == 0 {
			return nil
		}
		return &refJSON{ID: str(), Type: str(), Name: str()}
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
	for i := range 3000 {
		full := accountFull{
			ID: str(), Name: ptr(), Created: str(), Modified: str(), SourceID: str(), SourceName: ptr(),
			CloudLifecycleState: ptr(), IdentityState: ptr(), ConnectionType: ptr(), IsMachine: r.IntN(2) == 0,
			Authoritative: r.IntN(2) == 0, Description: ptr(), Disabled: r.IntN(2) == 0, Locked: r.IntN(2) == 0,
			NativeIdentity: str(), SystemAccount: r.IntN(2) == 0, Uncorrelated: r.IntN(2) == 0, UUID: ptr(),
			ManuallyCorrelated: r.IntN(2) == 0, HasEntitlements: r.IntN(2) == 0, Identity: ref(), SourceOwner: ref(),
			Features: ptr(), Origin: ptr(), OwnerIdentity: ref(),
		}
		if r.IntN(2) == 0 {
			full.IdentityID = str()
		}
		if r.IntN(3) == 0 {
			full.Recommendation = &Recommendation{Type: str(), Method: str()}
		}
		if r.IntN(5) > 0 {
			full.Attributes = attrs(r, str, value, 0)
		}
		if got, want := full.appendJSON(nil), engine.Marshal(full); !bytes.Equal(got, want) {
			t.Fatalf("case %d, FULL:\n got %s\nwant %s", i, got, want)
		}
		slim := accountSlim{
			ID: full.ID, Name: full.Name, Created: full.Created, Modified: full.Modified, SourceID: full.SourceID,
			SourceName: full.SourceName, IdentityID: full.IdentityID, Authoritative: full.Authoritative,
			Description: full.Description, Disabled: full.Disabled, Locked: full.Locked, NativeIdentity: full.NativeIdentity,
			SystemAccount: full.SystemAccount, Uncorrelated: full.Uncorrelated, UUID: full.UUID,
			ManuallyCorrelated: full.ManuallyCorrelated, HasEntitlements: full.HasEntitlements, Features: full.Features,
		}
		if r.IntN(4) == 0 {
			slim.Attributes = value(0)
		}
		if got, want := slim.appendJSON(nil), engine.Marshal(slim); !bytes.Equal(got, want) {
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
