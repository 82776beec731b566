package mockisc

import (
	"encoding/json"
	"math"
	"unsafe"

	"github.com/tidwall/gjson"
)

// An account keeps its attributes encoded, as the JSON object its
// rendering embeds (about a quarter of the memory of a map of three
// strings), whenever they are plain JSON values (strings, float64
// numbers, booleans, nulls, and []any and map[string]any of those):
// decoding gives back values of the same types. Attributes holding other
// Go values (an int, a []string, a json.Number put in through the direct
// API) stay a map, so the direct API returns what it was given.

// attributes returns a's attributes: decoded (a new map) when encoded,
// else the stored map itself, which the caller must not change.
func (a *account) attributes() map[string]any {
	if a.attrs == "" {
		return a.Attributes
	}
	var m map[string]any
	if err := json.Unmarshal(a.attrsBytes(), &m); err != nil {
		panic("mockisc: stored attributes do not decode: " + err.Error()) // encoded by setAttrs
	}
	return m
}

// attributesJSON returns a's attributes as they render: the encoded
// object, or the map.
func (a *account) attributesJSON() any {
	if a.attrs != "" {
		return json.RawMessage(a.attrsBytes())
	}
	if a.Attributes == nil {
		return map[string]any{}
	}
	return a.Attributes
}

// setAttrs stores m as a's attributes, taking it over.
func (a *account) setAttrs(m map[string]any) {
	if m != nil && plainJSON(m) {
		// appendAttributes writes what engine.Marshal would, without
		// reflection for strings (TestAccountJSONMatchesMarshal).
		a.attrs, a.Attributes = string(appendAttributes(make([]byte, 0, 128), m)), nil
		return
	}
	a.attrs, a.Attributes = "", m
}

// attrsBytes is the encoded attributes as bytes, without a copy: for
// readers only (json.Unmarshal and the encoder of a RawMessage read and
// do not keep them).
func (a *account) attrsBytes() []byte { return unsafe.Slice(unsafe.StringData(a.attrs), len(a.attrs)) }

// hasStringAttributes reports whether a's attributes are exactly want's
// keys, each holding the same string, without decoding them.
func (a *account) hasStringAttributes(want map[string]any) bool {
	if a.attrs == "" {
		if len(a.Attributes) != len(want) {
			return false
		}
		for k, v := range want {
			if cur, ok := a.Attributes[k].(string); !ok || cur != v {
				return false
			}
		}
		return true
	}
	n, same := 0, true
	gjson.Parse(a.attrs).ForEach(func(k, v gjson.Result) bool {
		n++
		w, ok := want[k.Str].(string)
		same = ok && v.Type == gjson.String && v.Str == w
		return same
	})
	return same && n == len(want)
}

// export returns a copy of the account as the direct API gives it.
func (a *account) export() Account {
	out := copyAccount(a.Account)
	if a.attrs != "" {
		out.Attributes = a.attributes()
	}
	return out
}

// plainJSON reports whether v is made only of the values encoding/json
// decodes into an any, so that encoding and decoding give it back.
func plainJSON(v any) bool {
	switch v := v.(type) {
	case nil, string, bool:
		return true
	case float64:
		return !math.IsNaN(v) && !math.IsInf(v, 0)
	case []any:
		for _, e := range v {
			if !plainJSON(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range v {
			if !plainJSON(e) {
				return false
			}
		}
		return true
	}
	return false
}
