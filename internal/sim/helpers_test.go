package sim

import (
	"strings"
	"testing"
	"time"
)

// t0 is the instant every test's server clock starts at.
var t0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// wantErr fails t unless err is an error whose text contains every
// fragment.
func wantErr(t *testing.T, err error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one containing %q", fragments)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not contain %q", err, f)
		}
	}
}
