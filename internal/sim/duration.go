package sim

import (
	"encoding/json"
	"fmt"
	"time"
)

// JSONDuration is a time.Duration as mockisc's JSON formats write it: a
// string such as "1.5s" or "250ms". It reads such a string or a number of
// nanoseconds.
type JSONDuration time.Duration

// MarshalJSON writes d as a Go duration string.
func (d JSONDuration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// UnmarshalJSON reads a Go duration string ("10s") or nanoseconds; null
// leaves d as it is, as encoding/json does for other types.
func (d *JSONDuration) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n int64
		if err2 := json.Unmarshal(b, &n); err2 != nil {
			return fmt.Errorf("duration: %s is not a string like \"1.5s\" or a number of nanoseconds", b)
		}
		*d = JSONDuration(n)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration: %q is not a duration like \"1.5s\"", s)
	}
	*d = JSONDuration(v)
	return nil
}
