package jsonpatch_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/mockisc/mockisc/jsonpatch"
)

func ExampleApply() {
	doc := []byte(`{"name":"a","tags":["x"]}`)
	out, err := jsonpatch.Apply(doc, []byte(`[
		{"op":"test","path":"/name","value":"a"},
		{"op":"add","path":"/tags/-","value":"y"},
		{"op":"replace","path":"/name","value":"b"}
	]`))
	fmt.Println(string(out), err)

	_, err = jsonpatch.Apply(doc, []byte(`[{"op":"remove","path":"/tags/01"}]`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, jsonpatch.ErrInvalidIndex))
	// Output:
	// {"name":"b","tags":["x","y"]} <nil>
	// jsonpatch: operation 0: remove "/tags/01": invalid array index
	// true
}

func ExampleDecode() {
	_, err := jsonpatch.Decode([]byte(`[{"op":"add","path":"/a","value":1},{"op":"test","path":"/a"}]`))
	var oe *jsonpatch.OpError
	if errors.As(err, &oe) {
		fmt.Println(oe.Index, oe.Member)
	}
	fmt.Println(err)
	// Output:
	// 1 value
	// jsonpatch: operation 1: member "value" is missing (required for "test")
}

func ExampleApplyAccount() {
	account := []byte(`{"id":"a1","name":"jdoe","identityId":"id1","identity":{"id":"id1","type":"IDENTITY","name":"John"},"uncorrelated":false,"manuallyCorrelated":false,"attributes":{}}`)
	identities := map[string]jsonpatch.Identity{
		"id2": {ID: "id2", Name: "Jane", IdentityState: "ACTIVE", CloudLifecycleState: "active"},
	}
	target := jsonpatch.AccountTarget{
		Authoritative: true,
		LookupIdentity: func(id string) (jsonpatch.Identity, bool) {
			i, ok := identities[id]
			return i, ok
		},
		Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	p, _ := jsonpatch.Decode([]byte(`[{"op":"replace","path":"/identityId","value":"id2"}]`))
	c, err := jsonpatch.ApplyAccount(account, p, target)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(c.Doc))
	fmt.Println(c.Recorrelated, c.PreviousIdentityID, c.IdentityID, c.LeftIdentityID)

	p, _ = jsonpatch.Decode([]byte(`[{"op":"replace","path":"/name","value":"x"}]`))
	_, err = jsonpatch.ApplyAccount(account, p, target)
	fmt.Println(err)
	// Output:
	// {"id":"a1","name":"jdoe","identityId":"id2","identity":{"id":"id2","type":"IDENTITY","name":"Jane"},"uncorrelated":false,"manuallyCorrelated":true,"attributes":{},"identityState":"ACTIVE","cloudLifecycleState":"active","modified":"2026-01-02T03:04:05.000Z"}
	// true id1 id2 id1
	// jsonpatch: operation 0: path "/name" is not a valid patch field for the account model
}
