package mockisc

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// The account renderings are most of what a read costs, so they are
// encoded here without reflection, to the very bytes engine.Marshal
// writes: keys in field order, null for nil pointers, omitempty where the
// struct tags say so. Any value off the plain path (a string needing
// escapes, a number, a nested object in attributes) is encoded by
// engine.Marshal alone, so nothing is encoded two ways.
// TestAccountJSONMatchesMarshal holds the two together.

// appendJSON appends v's JSON, as engine.Marshal(v) encodes it.
func (v *accountFull) appendJSON(b []byte) []byte {
	b = appendKeyString(b, `{"id":`, v.ID)
	b = appendKeyStringPtr(b, `,"name":`, v.Name)
	b = appendKeyString(b, `,"created":`, v.Created)
	b = appendKeyString(b, `,"modified":`, v.Modified)
	b = appendKeyString(b, `,"sourceId":`, v.SourceID)
	b = appendKeyStringPtr(b, `,"sourceName":`, v.SourceName)
	if v.IdentityID != "" {
		b = appendKeyString(b, `,"identityId":`, v.IdentityID)
	}
	b = appendKeyStringPtr(b, `,"cloudLifecycleState":`, v.CloudLifecycleState)
	b = appendKeyStringPtr(b, `,"identityState":`, v.IdentityState)
	b = appendKeyStringPtr(b, `,"connectionType":`, v.ConnectionType)
	b = appendKeyBool(b, `,"isMachine":`, v.IsMachine)
	b = append(b, `,"recommendation":`...)
	if v.Recommendation == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, engine.Marshal(v.Recommendation)...) // rare: machine accounts
	}
	b = append(b, `,"attributes":`...)
	switch attrs := v.Attributes.(type) {
	case json.RawMessage: // stored encoded, by engine.Marshal
		b = append(b, attrs...)
	case map[string]any:
		b = appendAttributes(b, attrs)
	default:
		b = append(b, engine.Marshal(attrs)...)
	}
	b = appendKeyBool(b, `,"authoritative":`, v.Authoritative)
	b = appendKeyStringPtr(b, `,"description":`, v.Description)
	b = appendKeyBool(b, `,"disabled":`, v.Disabled)
	b = appendKeyBool(b, `,"locked":`, v.Locked)
	b = appendKeyString(b, `,"nativeIdentity":`, v.NativeIdentity)
	b = appendKeyBool(b, `,"systemAccount":`, v.SystemAccount)
	b = appendKeyBool(b, `,"uncorrelated":`, v.Uncorrelated)
	b = appendKeyStringPtr(b, `,"uuid":`, v.UUID)
	b = appendKeyBool(b, `,"manuallyCorrelated":`, v.ManuallyCorrelated)
	b = appendKeyBool(b, `,"hasEntitlements":`, v.HasEntitlements)
	if v.Identity != nil {
		b = appendRef(b, `,"identity":`, v.Identity)
	}
	b = appendRef(b, `,"sourceOwner":`, v.SourceOwner)
	b = appendKeyStringPtr(b, `,"features":`, v.Features)
	b = appendKeyStringPtr(b, `,"origin":`, v.Origin)
	b = appendRef(b, `,"ownerIdentity":`, v.OwnerIdentity)
	return append(b, '}')
}

// appendJSON appends v's JSON, as engine.Marshal(v) encodes it.
func (v *accountSlim) appendJSON(b []byte) []byte {
	b = appendKeyString(b, `{"id":`, v.ID)
	b = appendKeyStringPtr(b, `,"name":`, v.Name)
	b = appendKeyString(b, `,"created":`, v.Created)
	b = appendKeyString(b, `,"modified":`, v.Modified)
	b = appendKeyString(b, `,"sourceId":`, v.SourceID)
	b = appendKeyStringPtr(b, `,"sourceName":`, v.SourceName)
	if v.IdentityID != "" {
		b = appendKeyString(b, `,"identityId":`, v.IdentityID)
	}
	b = append(b, `,"attributes":`...)
	b = appendAny(b, v.Attributes)
	b = appendKeyBool(b, `,"authoritative":`, v.Authoritative)
	b = appendKeyStringPtr(b, `,"description":`, v.Description)
	b = appendKeyBool(b, `,"disabled":`, v.Disabled)
	b = appendKeyBool(b, `,"locked":`, v.Locked)
	b = appendKeyString(b, `,"nativeIdentity":`, v.NativeIdentity)
	b = appendKeyBool(b, `,"systemAccount":`, v.SystemAccount)
	b = appendKeyBool(b, `,"uncorrelated":`, v.Uncorrelated)
	b = appendKeyStringPtr(b, `,"uuid":`, v.UUID)
	b = appendKeyBool(b, `,"manuallyCorrelated":`, v.ManuallyCorrelated)
	b = appendKeyBool(b, `,"hasEntitlements":`, v.HasEntitlements)
	b = appendKeyStringPtr(b, `,"features":`, v.Features)
	return append(b, '}')
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

// appendRef appends key and r, or null.
func appendRef(b []byte, key string, r *refJSON) []byte {
	b = append(b, key...)
	if r == nil {
		return append(b, "null"...)
	}
	b = appendKeyString(b, `{"id":`, r.ID)
	b = appendKeyString(b, `,"type":`, r.Type)
	b = appendKeyString(b, `,"name":`, r.Name)
	return append(b, '}')
}

// appendString appends s as a JSON string: as is when it is printable
// ASCII needing no escape, else as engine.Marshal encodes it.
func appendString(b []byte, s string) []byte {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return append(b, engine.Marshal(s)...)
		}
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
