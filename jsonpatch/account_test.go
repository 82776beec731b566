package jsonpatch

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	oldID     = "2c9180835d2e5168015d32f890ca1583" // accountDoc's identity
	newID     = "2c9180857725c14301772a93bb77242d"
	quietID   = "2c9180857725c14301772a93bb770000" // an identity with null states
	unknownID = "ffffffffffffffffffffffffffffffff"
)

var testNow = time.Date(2026, 3, 4, 5, 6, 7, 890123456, time.FixedZone("X", 3600))

func lookup(id string) (Identity, bool) {
	switch id {
	case oldID:
		return Identity{ID: id, Name: "Aaron Nichols", IdentityState: "ACTIVE", CloudLifecycleState: "active"}, true
	case newID:
		return Identity{ID: id, Name: `Zoë "Z" Quinn`, IdentityState: "INACTIVE_SHORT_TERM", CloudLifecycleState: "leave"}, true
	case quietID:
		return Identity{ID: id, Name: "Quiet"}, true
	}
	return Identity{}, false
}

// uncorrelatedDoc is accountDoc after an uncorrelation, as the server stores it.
// uncorrelatedDoc is accountDoc uncorrelated, with identityId and identity
// null, as the server hands an uncorrelated account to ApplyAccount.
func uncorrelatedDoc(t *testing.T) string {
	t.Helper()
	c, err := ApplyAccount([]byte(accountDoc), mustDecode(t, `[{"op":"remove","path":"/identityId"}]`), AccountTarget{FlatFile: true, LookupIdentity: lookup})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(c.Doc), `"identityId"`) || strings.Contains(string(c.Doc), `"identity"`) {
		t.Fatalf("uncorrelation left identityId or identity: %s", c.Doc)
	}
	return strings.Replace(string(c.Doc), "{", `{"identityId":null,"identity":null,`, 1)
}

func mustDecode(t *testing.T, patch string) Patch {
	t.Helper()
	p, err := Decode([]byte(patch))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestApplyAccount(t *testing.T) {
	t.Parallel()
	flat := AccountTarget{FlatFile: true, LookupIdentity: lookup, Now: testNow}
	auth := AccountTarget{FlatFile: false, Authoritative: true, LookupIdentity: lookup, Now: testNow}
	const stamp = "2026-03-04T04:06:07.890Z"
	tests := []struct {
		name   string
		doc    string // "" means accountDoc; "uncorrelated" means uncorrelatedDoc
		target AccountTarget
		patch  string
		want   map[string]any // top-level fields of the result
		change AccountChange  // without Doc
	}{
		{
			name: "reassign", target: flat,
			patch: `[{"op":"replace","path":"/identityId","value":"` + newID + `"}]`,
			want: map[string]any{"identityId": newID, "identity": map[string]any{"id": newID, "type": "IDENTITY", "name": `Zoë "Z" Quinn`},
				"uncorrelated": false, "manuallyCorrelated": true, "identityState": "INACTIVE_SHORT_TERM", "cloudLifecycleState": "leave", "modified": stamp},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: newID, Recorrelated: true},
		},
		{
			name: "reassign keeping manuallyCorrelated false", target: flat,
			patch: `[{"op":"add","path":"/manuallyCorrelated","value":false},{"op":"add","path":"/identityId","value":"` + quietID + `"}]`,
			want: map[string]any{"identityId": quietID, "identity": map[string]any{"id": quietID, "type": "IDENTITY", "name": "Quiet"},
				"uncorrelated": false, "manuallyCorrelated": false, "identityState": nil, "cloudLifecycleState": nil},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: quietID, Recorrelated: true},
		},
		{
			name: "authoritative account leaves its identity", target: auth,
			patch:  `[{"op":"replace","path":"/identityId","value":"` + newID + `"}]`,
			want:   map[string]any{"identityId": newID, "manuallyCorrelated": true},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: newID, Recorrelated: true, LeftIdentityID: oldID},
		},
		{
			name: "uncorrelate", target: flat,
			patch: `[{"op":"remove","path":"/identityId"}]`,
			want: map[string]any{"identityId": nil, "identity": nil, "uncorrelated": true, "manuallyCorrelated": false,
				"identityState": nil, "cloudLifecycleState": nil, "modified": stamp},
			change: AccountChange{PreviousIdentityID: oldID, Recorrelated: true},
		},
		{
			name: "uncorrelate an authoritative account, manuallyCorrelated set by the patch", target: auth,
			patch:  `[{"op":"remove","path":"/identityId"},{"op":"replace","path":"/manuallyCorrelated","value":true}]`,
			want:   map[string]any{"identityId": nil, "identity": nil, "uncorrelated": true, "manuallyCorrelated": true},
			change: AccountChange{PreviousIdentityID: oldID, Recorrelated: true, LeftIdentityID: oldID},
		},
		{
			name: "correlate an uncorrelated account", doc: "uncorrelated", target: auth,
			patch:  `[{"op":"add","path":"/identityId","value":"` + oldID + `"}]`,
			want:   map[string]any{"identityId": oldID, "uncorrelated": false, "manuallyCorrelated": true, "identityState": "ACTIVE"},
			change: AccountChange{IdentityID: oldID, Recorrelated: true},
		},
		{
			name: "replace a null identityId", doc: "uncorrelated", target: flat,
			patch:  `[{"op":"replace","path":"/identityId","value":"` + newID + `"}]`,
			want:   map[string]any{"identityId": newID, "uncorrelated": false},
			change: AccountChange{IdentityID: newID, Recorrelated: true},
		},
		{
			name: "remove a null identityId changes nothing", doc: "uncorrelated", target: flat,
			patch:  `[{"op":"remove","path":"/identityId"}]`,
			want:   map[string]any{"identityId": nil, "identity": nil, "uncorrelated": true, "manuallyCorrelated": false},
			change: AccountChange{},
		},
		{
			name: "same identityId is not a reassignment", target: auth,
			patch:  `[{"op":"replace","path":"/identityId","value":"` + oldID + `"}]`,
			want:   map[string]any{"identityId": oldID, "manuallyCorrelated": false, "uncorrelated": false},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: oldID},
		},
		{
			name: "manuallyCorrelated alone", target: auth,
			patch:  `[{"op":"replace","path":"/manuallyCorrelated","value":true}]`,
			want:   map[string]any{"manuallyCorrelated": true, "identityId": oldID},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: oldID},
		},
		{
			name: "flat file attributes, tests of any path", target: flat,
			patch: `[{"op":"test","path":"/name","value":"aaron.nichols"},{"op":"test","path":"/id","value":"2c9180835d2e5168015d32f890ca1581"},
				{"op":"add","path":"/attributes/familyName","value":"Smith"},{"op":"remove","path":"/attributes/email"},
				{"op":"replace","path":"/attributes/groups/0","value":"sre"},{"op":"move","from":"/attributes/title","path":"/attributes/jobTitle"},
				{"op":"copy","from":"/nativeIdentity","path":"/attributes/employeeNumber"}]`,
			want: map[string]any{"attributes": map[string]any{"firstName": "Aaron", "lastName": "Nichols", "displayName": "Aaron Nichols",
				"department": "Engineering", "groups": []any{"sre", "all"}, "familyName": "Smith", "jobTitle": "Engineer", "employeeNumber": "552775"},
				"identityId": oldID, "manuallyCorrelated": false},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: oldID},
		},
		{
			name: "replace all attributes", target: flat,
			patch:  `[{"op":"replace","path":"/attributes","value":{"a":"1"}}]`,
			want:   map[string]any{"attributes": map[string]any{"a": "1"}},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: oldID},
		},
		{
			name: "remove attributes leaves null", target: flat,
			patch:  `[{"op":"remove","path":"/attributes"}]`,
			want:   map[string]any{"attributes": nil},
			change: AccountChange{PreviousIdentityID: oldID, IdentityID: oldID},
		},
		{
			name: "zero clock leaves modified", target: AccountTarget{LookupIdentity: lookup},
			patch:  `[{"op":"remove","path":"/identityId"}]`,
			want:   map[string]any{"modified": "2021-09-28T02:15:44.644Z", "uncorrelated": true},
			change: AccountChange{PreviousIdentityID: oldID, Recorrelated: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := accountDoc
			if tt.doc == "uncorrelated" {
				doc = uncorrelatedDoc(t)
			}
			in := []byte(doc)
			c, err := ApplyAccount(in, mustDecode(t, tt.patch), tt.target)
			if string(in) != doc {
				t.Errorf("ApplyAccount changed its input")
			}
			if err != nil {
				t.Fatalf("ApplyAccount: %v", err)
			}
			got := c.Doc
			c.Doc = nil
			if d := cmp.Diff(&tt.change, c); d != "" {
				t.Errorf("AccountChange (-want +got):\n%s", d)
			}
			var before, after map[string]any
			if err := json.Unmarshal([]byte(doc), &before); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(got, &after); err != nil {
				t.Fatalf("result is not JSON: %v\n%s", err, got)
			}
			for k, v := range tt.want {
				if d := cmp.Diff(v, after[k]); d != "" {
					t.Errorf("%s (-want +got):\n%s", k, d)
				}
			}
			for _, k := range []string{"id", "created", "sourceId", "name", "nativeIdentity", "sourceName"} {
				if d := cmp.Diff(before[k], after[k]); d != "" {
					t.Errorf("%s changed (-before +after):\n%s", k, d)
				}
			}
			if _, ok := after["attributes"]; !ok {
				t.Error(`key "attributes" is missing`)
			}
			// An uncorrelated account has no identityId or identity (the
			// v3 schema makes neither nullable); a correlated one has both.
			_, hasID := after["identityId"]
			_, hasIdentity := after["identity"]
			if correlated := c.IdentityID != ""; hasID != correlated || hasIdentity != correlated {
				t.Errorf("identityId present %v, identity present %v; want %v for IdentityID %q", hasID, hasIdentity, correlated, c.IdentityID)
			}
		})
	}
}

func TestApplyAccountRefused(t *testing.T) {
	t.Parallel()
	flat := AccountTarget{FlatFile: true, LookupIdentity: lookup, Now: testNow}
	direct := AccountTarget{LookupIdentity: lookup, Now: testNow}
	tests := []struct {
		name   string
		target AccountTarget
		patch  string
		err    error
		index  int
		text   string // the error text, or a fragment of it
	}{
		{"name", flat, `[{"op":"replace","path":"/manuallyCorrelated","value":true},{"op":"replace","path":"/name","value":"x"}]`,
			ErrPathNotAllowed, 1, `jsonpatch: operation 1: path "/name" is not a valid patch field for the account model`},
		{"id", flat, `[{"op":"replace","path":"/id","value":"x"}]`, ErrPathNotAllowed, 0, `path "/id" is not a valid patch field`},
		{"created", flat, `[{"op":"add","path":"/created","value":"x"}]`, ErrPathNotAllowed, 0, `path "/created"`},
		{"sourceId", flat, `[{"op":"remove","path":"/sourceId"}]`, ErrPathNotAllowed, 0, `path "/sourceId"`},
		{"modified", flat, `[{"op":"replace","path":"/modified","value":"x"}]`, ErrPathNotAllowed, 0, `path "/modified"`},
		{"identity object", flat, `[{"op":"replace","path":"/identity/name","value":"x"}]`, ErrPathNotAllowed, 0, `path "/identity/name"`},
		{"identityId child", flat, `[{"op":"add","path":"/identityId/x","value":"x"}]`, ErrPathNotAllowed, 0, `path "/identityId/x"`},
		{"root", flat, `[{"op":"replace","path":"","value":{}}]`, ErrPathNotAllowed, 0, `path "" is not a valid patch field`},
		{"attributesX is not attributes", flat, `[{"op":"add","path":"/attributesX","value":1}]`, ErrPathNotAllowed, 0, `path "/attributesX"`},
		{"copy into identityId", flat, `[{"op":"copy","from":"/name","path":"/identityId"}]`, ErrOpNotAllowed, 0, `op "copy" is not allowed on path "/identityId"`},
		{"move out of attributes", flat, `[{"op":"move","from":"/attributes/email","path":"/description"}]`, ErrPathNotAllowed, 0, `path "/description"`},
		{"move a refused from", flat, `[{"op":"move","from":"/name","path":"/attributes/n"}]`, ErrPathNotAllowed, 0, `path "/name"`},
		{"remove manuallyCorrelated", flat, `[{"op":"remove","path":"/manuallyCorrelated"}]`, ErrOpNotAllowed, 0, `op "remove" is not allowed on path "/manuallyCorrelated" (allowed: add, replace)`},
		{"manuallyCorrelated string", flat, `[{"op":"replace","path":"/manuallyCorrelated","value":"true"}]`, ErrInvalidValue, 0, `value for "/manuallyCorrelated" must be a boolean, got a string`},
		{"identityId number", flat, `[{"op":"replace","path":"/identityId","value":5}]`, ErrInvalidValue, 0, `must be a string, got a number`},
		{"identityId null", flat, `[{"op":"replace","path":"/identityId","value":null}]`, ErrInvalidValue, 0, `got null`},
		{"identityId empty", flat, `[{"op":"replace","path":"/identityId","value":""}]`, ErrInvalidValue, 0, `must not be empty`},
		{"attributes not an object", flat, `[{"op":"replace","path":"/attributes","value":[1]}]`, ErrInvalidValue, 0, `must be an object or null, got an array`},
		{"attributes made a string by copy", flat, `[{"op":"copy","from":"/name","path":"/attributes"}]`, ErrInvalidValue, 0, `attributes must be an object or null, got a string`},
		{"attributes on a direct source", direct, `[{"op":"replace","path":"/manuallyCorrelated","value":true},{"op":"add","path":"/attributes/x","value":"1"}]`,
			ErrNotFlatFile, 1, `path "/attributes/x": the attributes field can only be modified for flat file accounts`},
		{"unknown identity", flat, `[{"op":"replace","path":"/manuallyCorrelated","value":true},{"op":"replace","path":"/identityId","value":"` + unknownID + `"}]`,
			ErrIdentityNotFound, 1, `identity "` + unknownID + `" not found (400.1.404 Referenced object not found)`},
		{"no lookup function", AccountTarget{FlatFile: true}, `[{"op":"replace","path":"/identityId","value":"` + newID + `"}]`, ErrIdentityNotFound, 0, newID},
		{"failed test applies nothing", flat, `[{"op":"replace","path":"/identityId","value":"` + newID + `"},{"op":"test","path":"/name","value":"someone.else"}]`,
			ErrTestFailed, 1, `operation 1: test "/name"`},
		{"missing attribute", flat, `[{"op":"remove","path":"/attributes/nope"}]`, ErrMissing, 0, `remove "/attributes/nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := []byte(accountDoc)
			c, err := ApplyAccount(in, mustDecode(t, tt.patch), tt.target)
			if string(in) != accountDoc {
				t.Errorf("ApplyAccount changed its input")
			}
			if c != nil || !errors.Is(err, tt.err) {
				t.Fatalf("ApplyAccount = %v, %v; want nil and an error matching %v", c, err, tt.err)
			}
			var oe *OpError
			if !errors.As(err, &oe) || oe.Index != tt.index {
				t.Errorf("error %#v; want an *OpError for operation %d", err, tt.index)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error text %q; want it to contain %q", err, tt.text)
			}
		})
	}
}

func TestApplyAccountNotAnObject(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{``, `[1]`, ` "x"`, `{"a":`} {
		_, err := ApplyAccount([]byte(doc), nil, AccountTarget{})
		if !errors.Is(err, ErrInvalidDocument) {
			t.Errorf("ApplyAccount(%q): %v; want ErrInvalidDocument", doc, err)
		}
	}
}

func TestDetailCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{&OpError{Err: ErrIdentityNotFound}, "400.1.404 Referenced object not found"},
		{&OpError{Err: ErrInvalidValue}, "400.1.3 Illegal value"},
		{&OpError{Err: ErrPathNotAllowed}, "400.1 Bad Request Content"},
	}
	for _, tt := range tests {
		if got := DetailCode(tt.err); got != tt.want {
			t.Errorf("DetailCode(%v) = %q; want %q", tt.err, got, tt.want)
		}
	}
}

func TestAccountRulesMatch(t *testing.T) {
	t.Parallel()
	rs := AccountRules()
	for path, want := range map[string]bool{
		"/identityId": true, "/manuallyCorrelated": true, "/attributes": true, "/attributes/a~1b/0": true,
		"/identityid": false, "/attributes~1x": false, "/attributesx": false, "": false, "/": false,
	} {
		if _, got := rs.Match(path); got != want {
			t.Errorf("Match(%q) = %v; want %v", path, got, want)
		}
	}
	rs[0].Ops = nil
	if r, _ := AccountRules().Match("/identityId"); len(r.Ops) != 3 {
		t.Errorf("AccountRules shares its table between calls")
	}
}
