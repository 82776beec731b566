package strictjson

import (
	"encoding/json"
	"testing"
)

// FuzzDecode checks that Decode never panics, that what it accepts
// encoding/json accepts too (with the same result), and that what it
// refuses it explains.
func FuzzDecode(f *testing.F) {
	f.Add(`{"items":[{"name":"a","tags":["x"],"ready":true}],"count":3}`)
	f.Add(`{"items":[{"colour":1}]}`)
	f.Add(`{"Count": 1, "named": {"x": {"ready": "no"}}}`)
	f.Add(`{"attrs":{"k":[1,{"deep":null}]},"ptr":null}`)
	f.Add(`[`)
	f.Add(`{"count":1e400}`)
	f.Fuzz(func(t *testing.T, in string) {
		var got doc
		err := Decode([]byte(in), &got)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("Decode(%q): an error without a message", in)
			}
			return
		}
		var want doc
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("Decode accepted %q, encoding/json refuses it: %v", in, err)
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(want)
		if string(a) != string(b) {
			t.Fatalf("Decode(%q) = %s, encoding/json gives %s", in, a, b)
		}
	})
}
