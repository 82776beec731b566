package jsonpatch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Identity is what the account rules need to know about an identity.
type Identity struct {
	ID                  string
	Name                string
	IdentityState       string // "" means null
	CloudLifecycleState string // "" means null
}

// AccountTarget describes the account being patched and the tenant around it.
type AccountTarget struct {
	FlatFile       bool                             // source is DelimitedFile (connectionType "file")
	Authoritative  bool                             // source is authoritative
	LookupIdentity func(id string) (Identity, bool) // resolves identityId values; nil knows no identity
	Now            time.Time                        // the caller's clock; "modified" is set to it (RFC 3339 UTC, milliseconds); zero leaves it unchanged
}

// AccountChange is the result of a successful account patch.
type AccountChange struct {
	Doc                []byte // the patched account document, correlation rules applied
	PreviousIdentityID string // identityId before the patch ("" if none)
	IdentityID         string // identityId after the patch ("" if uncorrelated)
	Recorrelated       bool   // identityId changed (set, replaced or removed)
	// LeftIdentityID is set when an authoritative account moved away from an identity; the server decides
	// whether that identity becomes uncorrelated (no other authoritative account correlates it).
	LeftIdentityID string
}

// ModifiedLayout is the layout of the "modified" timestamp that ApplyAccount
// writes: RFC 3339 in UTC with milliseconds.
const ModifiedLayout = "2006-01-02T15:04:05.000Z07:00"

// ApplyAccount applies p to an ISC v3 Account document under ISC's rules
// (AccountRules) and then applies the correlation rules described in the
// package documentation. It is atomic: on any error it returns nil and doc is
// unchanged. Errors are *OpError (with the index of the operation at fault),
// or *DocError when doc is not a JSON object.
func ApplyAccount(doc []byte, p Patch, t AccountTarget) (*AccountChange, error) {
	if d := bytes.TrimSpace(doc); len(d) == 0 || d[0] != '{' {
		return nil, &DocError{Offset: 0, Msg: "an account document must be a JSON object"}
	}
	if err := AccountRules().Check(p, t.FlatFile); err != nil {
		return nil, err
	}
	out, err := p.Apply(doc)
	if err != nil {
		return nil, err
	}
	c := &AccountChange{PreviousIdentityID: stringMember(bytes.TrimSpace(doc), "identityId")}
	c.IdentityID = stringMember(out, "identityId")
	set := func(key string, val []byte) {
		if err == nil {
			out, err = addValue(out, []string{key}, val)
		}
	}
	if kind, ok := memberKind(out, "attributes"); !ok {
		set("attributes", []byte("null"))
	} else if i := lastIndex(p, writes("/attributes")); i >= 0 && kind != "an object" && kind != "null" {
		return nil, &OpError{Index: i, Op: p[i].Op, Path: p[i].Path, Err: ErrInvalidValue,
			Msg: fmt.Sprintf("attributes must be an object or null, got %s", kind)}
	}
	setsManual := lastIndex(p, writes("/manuallyCorrelated")) >= 0
	if c.IdentityID != c.PreviousIdentityID {
		c.Recorrelated = true
		if t.Authoritative && c.PreviousIdentityID != "" {
			c.LeftIdentityID = c.PreviousIdentityID
		}
		if c.IdentityID != "" {
			var id Identity
			ok := false
			if t.LookupIdentity != nil {
				id, ok = t.LookupIdentity(c.IdentityID)
			}
			if !ok {
				i := max(lastIndex(p, writes("/identityId")), 0)
				return nil, &OpError{Index: i, Op: p[i].Op, Path: p[i].Path, Member: "value", Err: ErrIdentityNotFound,
					Msg: fmt.Sprintf("identity %q not found (%s)", c.IdentityID, DetailCodeReferencedObjectNotFound)}
			}
			ref := appendJSONString([]byte(`{"id":`), c.IdentityID)
			ref = append(appendJSONString(append(ref, `,"type":"IDENTITY","name":`...), id.Name), '}')
			set("identity", ref)
			set("uncorrelated", []byte("false"))
			set("identityState", nullableString(id.IdentityState))
			set("cloudLifecycleState", nullableString(id.CloudLifecycleState))
			if !setsManual {
				set("manuallyCorrelated", []byte("true"))
			}
		} else {
			set("uncorrelated", []byte("true"))
			set("identityState", []byte("null"))
			set("cloudLifecycleState", []byte("null"))
			if !setsManual {
				set("manuallyCorrelated", []byte("false"))
			}
		}
	}
	if c.IdentityID == "" {
		// An uncorrelated account has no identityId or identity: the v3
		// schema makes neither nullable.
		for _, key := range []string{"identityId", "identity"} {
			if _, ok := memberKind(out, key); ok && err == nil {
				out, err = removeValue(out, []string{key})
			}
		}
	}
	if !t.Now.IsZero() {
		set("modified", appendJSONString(nil, t.Now.UTC().Format(ModifiedLayout)))
	}
	if err != nil {
		return nil, fmt.Errorf("jsonpatch: updating the account: %w", err)
	}
	c.Doc = out
	return c, nil
}

// lastIndex returns the index of the last operation for which f is true, or -1.
func lastIndex(p Patch, f func(Operation) bool) int {
	for i := len(p) - 1; i >= 0; i-- {
		if f(p[i]) {
			return i
		}
	}
	return -1
}

// writes returns a predicate for operations that write exactly path.
func writes(path string) func(Operation) bool {
	return func(op Operation) bool { return op.Path == path && op.Op != "test" }
}

// memberKind reports the JSON kind of a top-level member of the valid object doc.
func memberKind(doc []byte, key string) (string, bool) {
	m, ok, _, _ := findMember(doc, 0, key)
	if !ok {
		return "", false
	}
	return kindOf(doc[m.val:m.end]), true
}

// stringMember returns a top-level string member of the valid object doc,
// or "" when it is absent, null or not a string.
func stringMember(doc []byte, key string) string {
	m, ok, _, _ := findMember(doc, 0, key)
	if !ok || doc[m.val] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(doc[m.val:m.end], &s) != nil {
		return ""
	}
	return s
}

func nullableString(s string) []byte {
	if s == "" {
		return []byte("null")
	}
	return appendJSONString(nil, s)
}
