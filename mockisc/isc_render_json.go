package mockisc

import (
	"slices"
	"strings"
	"time"

	"github.com/mockisc/mockisc/internal/engine"
	"github.com/mockisc/mockisc/internal/plain"
)

// The account renderings are most of what a read costs, so they are
// encoded here without reflection, to the very bytes engine.Marshal
// writes: keys in field order, null for nil pointers, omitempty where the
// struct tags say so. Any value off the plain path (a string needing
// escapes, a number, a nested object in attributes) is encoded by
// engine.Marshal alone, so nothing is encoded two ways.
// TestAccountJSONMatchesMarshal holds the two together.

// appendJSON appends the FULL rendering of a, or the SLIM one, to b:
// what engine.Marshal writes for renderFull(a) (or its SLIM subset),
// read straight from a, its source and its identity, so that rendering
// allocates nothing. TestAccountJSONMatchesMarshal holds the two
// together.
func (t *tenant) appendJSON(b []byte, a *account, slim bool) []byte {
	src := t.sources[a.SourceID]
	b = appendKeyString(b, `{"id":`, a.ID)
	b = appendKeyString(b, `,"name":`, a.Name)
	b = appendKeyTime(b, `,"created":`, a.Created)
	b = appendKeyTime(b, `,"modified":`, a.Modified)
	b = appendKeyString(b, `,"sourceId":`, a.SourceID)
	if src != nil {
		b = appendKeyString(b, `,"sourceName":`, src.Name)
	} else {
		b = append(b, `,"sourceName":null`...)
	}
	if a.IdentityID != "" {
		b = appendKeyString(b, `,"identityId":`, a.IdentityID)
	}
	var ident *Identity
	if slim {
		b = append(b, `,"attributes":null`...)
	} else {
		ident = t.identities[a.IdentityID]
		if ident != nil {
			b = appendKeyNonEmpty(b, `,"cloudLifecycleState":`, ident.LifecycleState)
			b = appendKeyNonEmpty(b, `,"identityState":`, ident.IdentityState)
		} else {
			b = append(b, `,"cloudLifecycleState":null,"identityState":null`...)
		}
		if src != nil {
			b = appendKeyNonEmpty(b, `,"connectionType":`, src.ConnectionType)
		} else {
			b = append(b, `,"connectionType":null`...)
		}
		b = appendKeyBool(b, `,"isMachine":`, a.IsMachine)
		b = append(b, `,"recommendation":`...)
		if a.Recommendation == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, engine.Marshal(a.Recommendation)...) // rare: machine accounts
		}
		b = append(b, `,"attributes":`...)
		switch {
		case a.attrs != "": // stored encoded, by appendAttributes
			b = append(b, a.attrs...)
		case a.Attributes == nil:
			b = append(b, "{}"...)
		default:
			b = appendAttributes(b, a.Attributes)
		}
	}
	b = appendKeyBool(b, `,"authoritative":`, src != nil && src.Authoritative)
	b = appendKeyStringPtr(b, `,"description":`, a.Description)
	b = appendKeyBool(b, `,"disabled":`, a.Disabled)
	b = appendKeyBool(b, `,"locked":`, a.Locked)
	b = appendKeyString(b, `,"nativeIdentity":`, a.NativeIdentity)
	b = appendKeyBool(b, `,"systemAccount":`, a.SystemAccount)
	b = appendKeyBool(b, `,"uncorrelated":`, a.IdentityID == "")
	b = appendKeyStringPtr(b, `,"uuid":`, a.UUID)
	b = appendKeyBool(b, `,"manuallyCorrelated":`, a.ManuallyCorrelated)
	b = appendKeyBool(b, `,"hasEntitlements":`, len(a.Entitlements) > 0)
	if !slim {
		if ident != nil {
			b = appendRef(b, `,"identity":`, ident.ID, ident.Name)
		}
		if src != nil && src.Owner != nil {
			b = appendRef(b, `,"sourceOwner":`, src.Owner.ID, src.Owner.Name)
		} else {
			b = append(b, `,"sourceOwner":null`...)
		}
	}
	b = append(b, `,"features":`...)
	if src != nil && len(src.Features) > 0 {
		b = appendJoined(b, src.Features, ", ")
	} else {
		b = append(b, "null"...)
	}
	if slim {
		return append(b, '}')
	}
	b = appendKeyNonEmpty(b, `,"origin":`, a.Origin)
	if a.OwnerIdentity != nil {
		b = appendRef(b, `,"ownerIdentity":`, a.OwnerIdentity.ID, a.OwnerIdentity.Name)
	} else {
		b = append(b, `,"ownerIdentity":null`...)
	}
	return append(b, '}')
}

// appendKeyTime appends key and t as a JSON string, as formatTime writes
// it (ASCII that needs no escape).
func appendKeyTime(b []byte, key string, t time.Time) []byte {
	b = append(append(b, key...), '"')
	return append(appendTime(b, t), '"')
}

// appendKeyNonEmpty appends key and s, or null when s is "".
func appendKeyNonEmpty(b []byte, key, s string) []byte {
	if s == "" {
		return append(append(b, key...), "null"...)
	}
	return appendKeyString(b, key, s)
}

// appendJoined appends strings.Join(list, sep) as a JSON string, without
// joining when every element is plain.
func appendJoined(b []byte, list []string, sep string) []byte {
	for _, s := range list {
		if !plain.JSON(s) {
			return appendString(b, strings.Join(list, sep))
		}
	}
	b = append(b, '"')
	for i, s := range list {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, s...)
	}
	return append(b, '"')
}

func appendKeyString(b []byte, key, s string) []byte {
	return appendString(append(b, key...), s)
}

func appendKeyStringPtr(b []byte, key string, s *string) []byte {
	b = append(b, key...)
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

func appendKeyBool(b []byte, key string, v bool) []byte {
	b = append(b, key...)
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendRef appends key and the {id, type, name} object of an identity.
func appendRef(b []byte, key, id, name string) []byte {
	b = appendKeyString(append(b, key...), `{"id":`, id)
	b = append(b, `,"type":"IDENTITY"`...)
	b = appendKeyString(b, `,"name":`, name)
	return append(b, '}')
}

// appendString appends s as a JSON string: as is when it is plain,
// else as engine.Marshal encodes it.
func appendString(b []byte, s string) []byte {
	if !plain.JSON(s) {
		return append(b, engine.Marshal(s)...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendAttributes appends an attributes map: keys sorted, as
// encoding/json sorts them.
func appendAttributes(b []byte, m map[string]any) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	var buf [16]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, strings.Compare)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendAny(b, m[k])
	}
	return append(b, '}')
}

// appendAny appends an attribute value: strings, booleans, null and
// lists of them here, anything else by engine.Marshal.
func appendAny(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, v)
	case bool:
		return appendKeyBool(b, "", v)
	case []any:
		return appendList(b, v, appendAny)
	case []string:
		return appendList(b, v, appendString)
	}
	return append(b, engine.Marshal(v)...)
}

// appendList appends a list as encoding/json writes a slice (null when
// nil), each element by appendElem.
func appendList[E any](b []byte, list []E, appendElem func([]byte, E) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendElem(b, e)
	}
	return append(b, ']')
}
