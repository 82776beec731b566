package jsonpatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// FuzzApplyAccount checks ISC's account rules on arbitrary patches of a
// real account document: never a panic; on error nothing changes, the
// error is an *OpError or *DocError, and its text names the operation;
// on success the result is JSON whose id, created and sourceId are the
// input's, whose identityId and identity agree with the change it
// reports, and whose other members changed only where the rules allow.
func FuzzApplyAccount(f *testing.F) {
	for _, p := range []string{
		accountPatch,
		`[{"op":"remove","path":"/identityId"}]`,
		`[{"op":"replace","path":"/identityId","value":"unknown"},{"op":"add","path":"/manuallyCorrelated","value":false}]`,
		`[{"op":"add","path":"/attributes/x","value":[1]},{"op":"test","path":"/name","value":"aaron.nichols"}]`,
		`[{"op":"replace","path":"/name","value":"x"}]`,
		`[{"op":"move","from":"/attributes/title","path":"/identityId"}]`,
		`[{"op":"remove","path":"/attributes"}]`,
		`[{"op":"replace","path":"/identityId","value":"` + newID + `"}]`,
	} {
		f.Add([]byte(p), true, true)
	}
	f.Fuzz(func(t *testing.T, patch []byte, flat, authoritative bool) {
		p, err := Decode(patch)
		if err != nil {
			return
		}
		doc := []byte(accountDoc)
		target := AccountTarget{FlatFile: flat, Authoritative: authoritative, LookupIdentity: lookup,
			Now: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
		c, err := ApplyAccount(doc, p, target)
		if string(doc) != accountDoc {
			t.Fatal("ApplyAccount modified its input")
		}
		if err != nil {
			var oe *OpError
			var de *DocError
			if c != nil || (!errors.As(err, &oe) && !errors.As(err, &de)) {
				t.Fatalf("error %T %v with change %v", err, err, c)
			}
			if oe != nil && !bytes.Contains([]byte(err.Error()), []byte("operation")) {
				t.Fatalf("error text does not name the operation: %v", err)
			}
			return
		}
		var before, after map[string]any
		if err := json.Unmarshal(doc, &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(c.Doc, &after); err != nil {
			t.Fatalf("result is not JSON: %v\n%s", err, c.Doc)
		}
		for _, k := range []string{"id", "created", "sourceId", "name", "nativeIdentity", "sourceName", "disabled", "locked"} {
			if b, a := before[k], after[k]; !jsonSame(b, a) {
				t.Fatalf("%s changed from %v to %v by %s", k, b, a, patch)
			}
		}
		if !flat && !jsonSame(before["attributes"], after["attributes"]) {
			t.Fatalf("attributes of a non flat file account changed by %s", patch)
		}
		_, hasID := after["identityId"]
		if hasID != (c.IdentityID != "") {
			t.Fatalf("identityId present %v, change says %q", hasID, c.IdentityID)
		}
		if c.IdentityID != "" && after["identityId"] != c.IdentityID {
			t.Fatalf("identityId %v, change says %q", after["identityId"], c.IdentityID)
		}
	})
}

func jsonSame(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
