package mockisc

import (
	"testing"

	"github.com/mockisc/mockisc/internal/engine"
)

// TestRecordMatchesFilterDoc: the Record built from an account's fields
// equals the Record of its rendered filter document, for every account of
// the fixture (every kind of value and null) and of a generated tenant.
func TestRecordMatchesFilterDoc(t *testing.T) {
	t.Parallel()
	for _, s := range []*Server{newEnv(t, WithoutListener()).s, New(t, WithoutListener(), WithGenerated(600, 3))} {
		s.mu.Lock()
		for _, a := range s.ten.order {
			want := accountsRecordSchema.Record(engine.Marshal(s.ten.filterDoc(a)))
			if got := accountsRecordSchema.RecordOf(s.ten.recordValues(a)); !got.Equal(want) {
				t.Errorf("account %s (%s): the Record of its fields differs from its filter document's: %s",
					a.ID, a.Name, engine.Marshal(s.ten.filterDoc(a)))
			}
		}
		s.mu.Unlock()
	}
}
