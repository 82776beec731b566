package mockisc

import (
	"encoding/json"
	"fmt"
	"time"
)

// Duration is a time.Duration that is written in JSON as a string such as
// "1.5s" or "250ms", and read from one (or from a number of nanoseconds).
type Duration time.Duration

// MarshalJSON writes d as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// UnmarshalJSON reads a Go duration string ("10s") or nanoseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n int64
		if err2 := json.Unmarshal(b, &n); err2 != nil {
			return fmt.Errorf("duration: %s is not a string like \"1.5s\" or a number of nanoseconds", b)
		}
		*d = Duration(n)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration: %q is not a duration like \"1.5s\"", s)
	}
	*d = Duration(v)
	return nil
}

// String returns d as a Go duration string.
func (d Duration) String() string { return time.Duration(d).String() }
