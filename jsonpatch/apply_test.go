package jsonpatch

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	evanphx "github.com/evanphx/json-patch/v5"
)

func TestApply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		doc   string
		patch string
		want  string // the result, compact; "" when an error is expected
		err   error  // the sentinel the error must match
		index int    // the index of the failing operation
	}{
		// Where evanphx with default settings departs from RFC 6902 / 6901.
		{name: "negative index refused", doc: `{"a":[1,2]}`, patch: `[{"op":"add","path":"/a/-1","value":3}]`, err: ErrInvalidIndex},
		{name: "negative index refused on remove", doc: `{"a":[1,2]}`, patch: `[{"op":"remove","path":"/a/-1"}]`, err: ErrInvalidIndex},
		{name: "minus zero is not an index", doc: `{"a":[1,2]}`, patch: `[{"op":"replace","path":"/a/-0","value":3}]`, err: ErrInvalidIndex},
		{name: "plus one is not an index", doc: `{"a":[1,2]}`, patch: `[{"op":"remove","path":"/a/+1"}]`, err: ErrInvalidIndex},
		{name: "leading zero is not an index", doc: `{"a":[1,2]}`, patch: `[{"op":"remove","path":"/a/01"}]`, err: ErrInvalidIndex},
		{name: "leading zero in the middle", doc: `{"a":[{"b":1}]}`, patch: `[{"op":"replace","path":"/a/00/b","value":2}]`, err: ErrInvalidIndex},
		{name: "numeric-looking keys are fine on objects", doc: `{"01":1,"-1":2,"+1":3}`,
			patch: `[{"op":"remove","path":"/01"},{"op":"replace","path":"/-1","value":4},{"op":"test","path":"/+1","value":3}]`, want: `{"-1":4,"+1":3}`},
		{name: "test slash is the empty key", doc: `{"":1,"a":2}`, patch: `[{"op":"test","path":"/","value":1}]`, want: `{"":1,"a":2}`},
		{name: "test slash is not the document", doc: `{"a":2}`, patch: `[{"op":"test","path":"/","value":{"a":2}}]`, err: ErrTestFailed},
		{name: "empty key in the middle", doc: `{"":{"b":1},"b":2}`, patch: `[{"op":"replace","path":"//b","value":3}]`, want: `{"":{"b":3},"b":2}`},
		{name: "replace missing empty key fails", doc: `{"a":1}`, patch: `[{"op":"replace","path":"/","value":3}]`, err: ErrMissing},
		{name: "copy from trailing empty key", doc: `{"a":{"":5,"x":1}}`, patch: `[{"op":"copy","from":"/a/","path":"/b"}]`, want: `{"a":{"":5,"x":1},"b":5}`},
		{name: "test numbers by value", doc: `{"a":1,"b":[1e2],"c":{"d":-0.50}}`,
			patch: `[{"op":"test","path":"/a","value":1.0},{"op":"test","path":"/b","value":[100]},{"op":"test","path":"/c","value":{"d":-5E-1}}]`, want: `{"a":1,"b":[1e2],"c":{"d":-0.50}}`},
		{name: "test numbers differ", doc: `{"a":1}`, patch: `[{"op":"test","path":"/a","value":1.0000001}]`, err: ErrTestFailed},
		{name: "test null on a missing path fails", doc: `{"a":1}`, patch: `[{"op":"test","path":"/b","value":null}]`, err: ErrTestFailed},
		{name: "test null on a null member", doc: `{"a":null}`, patch: `[{"op":"test","path":"/a","value":null}]`, want: `{"a":null}`},
		{name: "test string escapes", doc: `{"a":"\u00e9\/"}`, patch: `[{"op":"test","path":"/a","value":"é/"}]`, want: `{"a":"\u00e9\/"}`},
		{name: "test types differ", doc: `{"a":"1"}`, patch: `[{"op":"test","path":"/a","value":1}]`, err: ErrTestFailed},
		{name: "test object order does not matter", doc: `{"a":{"x":1,"y":[true,null]}}`, patch: `[{"op":"test","path":"/a","value":{"y":[true,null],"x":1}}]`, want: `{"a":{"x":1,"y":[true,null]}}`},
		{name: "test array order matters", doc: `{"a":[1,2]}`, patch: `[{"op":"test","path":"/a","value":[2,1]}]`, err: ErrTestFailed},
		{name: "move from a proper prefix", doc: `{"a":{"b":1}}`, patch: `[{"op":"move","from":"/a","path":"/a/b/c"}]`, err: ErrInvalidPatch},

		// The whole document.
		{name: "add root", doc: `{"a":1}`, patch: `[{"op":"add","path":"","value":[1]}]`, want: `[1]`},
		{name: "replace root with a scalar", doc: `{"a":1}`, patch: `[{"op":"replace","path":"","value":"x"}]`, want: `"x"`},
		{name: "remove root", doc: `{"a":1}`, patch: `[{"op":"remove","path":""}]`, err: ErrCannotRemoveRoot},
		{name: "copy root into a member", doc: `{"a":1}`, patch: `[{"op":"copy","from":"","path":"/b"}]`, want: `{"a":1,"b":{"a":1}}`},
		{name: "move to root", doc: `{"a":{"b":1}}`, patch: `[{"op":"move","from":"/a","path":""}]`, want: `{"b":1}`},
		{name: "scalar document", doc: ` 1 `, patch: `[{"op":"test","path":"","value":1.0},{"op":"replace","path":"","value":{"a":1}},{"op":"add","path":"/b","value":2}]`, want: `{"a":1,"b":2}`},
		{name: "path into a scalar", doc: `{"a":1}`, patch: `[{"op":"add","path":"/a/b","value":2}]`, err: ErrMissing},

		// Ordinary operations, through evanphx.
		{name: "several ops", doc: " {\"a\": [1, 2], \"b\": {\"c\": \"<x>\"}}\n",
			patch: `[{"op":"add","path":"/a/1","value":9},{"op":"remove","path":"/b/c"},{"op":"add","path":"/a/-","value":{"k":[]}},{"op":"copy","from":"/a/0","path":"/b/d"},{"op":"move","from":"/a/1","path":"/e"}]`,
			want:  `{"a":[1,2,{"k":[]}],"b":{"d":1},"e":9}`},
		{name: "empty patch compacts", doc: "{ \"a\" : 1 }", patch: `[]`, want: `{"a":1}`},
		{name: "missing member", doc: `{"a":1}`, patch: `[{"op":"add","path":"/b","value":1},{"op":"remove","path":"/c"}]`, err: ErrMissing, index: 1},
		{name: "index out of range", doc: `{"a":[1]}`, patch: `[{"op":"add","path":"/a/1","value":2},{"op":"add","path":"/a/3","value":2}]`, err: ErrInvalidIndex, index: 1},
		{name: "replace dash", doc: `{"a":[1]}`, patch: `[{"op":"replace","path":"/a/-","value":2}]`, err: ErrMissing},
		{name: "failure after a test", doc: `{"a":1}`, patch: `[{"op":"replace","path":"/a","value":2},{"op":"test","path":"/a","value":2},{"op":"remove","path":"/b"}]`, err: ErrMissing, index: 2},
		{name: "failed test after writes", doc: `{"a":1}`, patch: `[{"op":"replace","path":"/a","value":2},{"op":"test","path":"/a","value":1}]`, err: ErrTestFailed, index: 1},
		{name: "copy missing from", doc: `{"a":1}`, patch: `[{"op":"copy","from":"/x","path":"/b"}]`, err: ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := []byte(tt.doc)
			got, err := Apply(doc, []byte(tt.patch))
			if string(doc) != tt.doc {
				t.Errorf("Apply changed its input to %s", doc)
			}
			if tt.err == nil {
				if err != nil {
					t.Fatalf("Apply: %v", err)
				}
				if string(got) != tt.want {
					t.Errorf("Apply = %s; want %s", got, tt.want)
				}
				return
			}
			if err == nil || got != nil {
				t.Fatalf("Apply = %s, %v; want nil and an error matching %v", got, err, tt.err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("error %v does not match %v", err, tt.err)
			}
			if tt.err == ErrInvalidPatch {
				return
			}
			var oe *OpError
			if !errors.As(err, &oe) || oe.Index != tt.index {
				t.Errorf("error %#v; want an *OpError for operation %d", err, tt.index)
			}
			if want := "jsonpatch: operation "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error text %q does not start with %q", err, want)
			}
		})
	}
}

// TestErrorsMatchEvanphx checks that errors.Is works with evanphx's sentinels.
func TestErrorsMatchEvanphx(t *testing.T) {
	t.Parallel()
	tests := []struct {
		patch  string
		ours   error
		theirs error
	}{
		{`[{"op":"test","path":"/a","value":2}]`, ErrTestFailed, evanphx.ErrTestFailed},
		{`[{"op":"remove","path":"/b"}]`, ErrMissing, evanphx.ErrMissing},
		{`[{"op":"remove","path":"/l/5"}]`, ErrInvalidIndex, evanphx.ErrInvalidIndex},
		{`[{"op":"remove","path":"/l/01"}]`, ErrInvalidIndex, evanphx.ErrInvalidIndex},
		{`[{"op":"bogus","path":"/b"}]`, ErrInvalidPatch, evanphx.ErrInvalid},
	}
	for _, tt := range tests {
		_, err := Apply([]byte(`{"a":1,"l":[1,2]}`), []byte(tt.patch))
		if !errors.Is(err, tt.ours) || !errors.Is(err, tt.theirs) {
			t.Errorf("%s: error %v does not match both %v and evanphx's %v", tt.patch, err, tt.ours, tt.theirs)
		}
	}
	_, err := Apply([]byte(`{"a":`), []byte(`[]`))
	var de *DocError
	if !errors.As(err, &de) || de.Offset != 5 || !errors.Is(err, evanphx.ErrInvalid) {
		t.Errorf("Apply on a truncated document: %v; want a *DocError at offset 5", err)
	}
	if _, err := Apply(nil, []byte(`[]`)); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("Apply on an empty document: %v; want ErrInvalidDocument", err)
	}
}

func TestCopyLimit(t *testing.T) {
	t.Parallel()
	ops := []string{`{"op":"add","path":"/a","value":"` + strings.Repeat("x", 1<<16) + `"}`}
	for i := range 10 {
		ops = append(ops, `{"op":"copy","from":"","path":"/c`+strings.Repeat("x", i)+`"}`)
	}
	_, err := Apply([]byte(`{}`), []byte("["+strings.Join(ops, ",")+"]"))
	if !errors.Is(err, ErrCopyTooLarge) {
		t.Errorf("doubling copies: %v; want ErrCopyTooLarge", err)
	}
	ops = []string{`{"op":"add","path":"/a","value":"` + strings.Repeat("x", 1<<16) + `"}`}
	for i := range 10 {
		ops = append(ops, `{"op":"copy","from":"/a","path":"/b`+strings.Repeat("x", i)+`"}`)
		ops = append(ops, `{"op":"copy","from":"/b","path":"/a"}`, `{"op":"test","path":"/x","value":1}`)
	}
	_, err = Apply([]byte(`{"x":1}`), []byte("["+strings.Join(ops, ",")+"]"))
	if err != nil {
		t.Errorf("copies within the limit: %v", err)
	}
}

func TestHasDuplicateKeys(t *testing.T) {
	t.Parallel()
	for doc, want := range map[string]bool{
		`{"a":1,"b":{"a":2}}`:       false,
		`{"a":1,"a":2}`:             true,
		`[{"a":{"b":[1]},"a":1}]`:   true,
		`{"a":{"x":1},"b":{"x":1}}`: false,
		`{"a":[{"k":1},{"k":2}]}`:   false,
		`{"a":{"k":"a"},"k":"k"}`:   false,
	} {
		if got := hasDuplicateKeys([]byte(doc)); got != want {
			t.Errorf("hasDuplicateKeys(%s) = %v; want %v", doc, got, want)
		}
	}
}

func TestApplyChecksHandBuiltPatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		p      Patch
		member string
	}{
		{"no value", Patch{{Op: "remove", Path: "/a"}, {Op: "add", Path: "/a"}}, "value"},
		{"bad value", Patch{{Op: "replace", Path: "/a", Value: []byte("{")}}, "value"},
		{"bad op", Patch{{Op: "delete", Path: "/a"}}, "op"},
		{"bad path", Patch{{Op: "remove", Path: "a"}}, "path"},
		{"bad from", Patch{{Op: "copy", From: "x", Path: "/a"}}, "from"},
		{"move into child", Patch{{Op: "move", From: "/a", Path: "/a/b"}}, "from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.p.Apply([]byte(`{"a":{}}`))
			var oe *OpError
			if got != nil || !errors.As(err, &oe) || !errors.Is(err, ErrInvalidPatch) || oe.Member != tt.member || oe.Index != len(tt.p)-1 {
				t.Errorf("Apply = %s, %#v; want an ErrInvalidPatch *OpError for member %q of operation %d", got, err, tt.member, len(tt.p)-1)
			}
		})
	}
}

// TestOperationCap: a patch of more than MaxOperations operations is
// refused by Decode and by Apply, saying so.
func TestOperationCap(t *testing.T) {
	t.Parallel()
	ops := strings.Repeat(`{"op":"test","path":"","value":{}},`, MaxOperations)
	if _, err := Decode([]byte("[" + ops[:len(ops)-1] + "]")); err != nil {
		t.Errorf("%d operations: %v", MaxOperations, err)
	}
	_, err := Decode([]byte("[" + ops + `{"op":"test","path":"","value":{}}]`))
	var se *SyntaxError
	if !errors.As(err, &se) || !errors.Is(err, ErrInvalidPatch) || !strings.Contains(err.Error(), "the patch has 1001 operations; the limit is 1000") {
		t.Errorf("%d operations: %v", MaxOperations+1, err)
	}
	if _, err := make(Patch, MaxOperations+1).Apply([]byte(`{}`)); !errors.As(err, &se) {
		t.Errorf("Apply of %d operations: %v", MaxOperations+1, err)
	}
}

// TestInterleavedTestsAgree: the interleaved patch gives what the
// operation-at-a-time code gives.
func TestInterleavedTestsAgree(t *testing.T) {
	t.Parallel()
	doc, patch := interleaved(50)
	p, err := Decode(patch)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Apply(doc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := applyAllOwn(doc, p)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("tree and raw code disagree (%v)", err)
	}
	p[len(p)-1].Value = []byte("-1")
	if _, err := p.Apply(doc); !errors.Is(err, ErrTestFailed) {
		t.Errorf("a failing last test: %v", err)
	}
}
