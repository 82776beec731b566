package jsonpatch

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	got, err := Decode([]byte(`[
		{"op":"add","path":"/a~1b","value":{"x":[1, 2]}},
		{"op":"replace","path":"/n","value":null},
		{"op":"remove","path":"/r","value":"ignored","from":"/ignored"},
		{"op":"move","from":"/a","path":"/b"},
		{"op":"copy","from":"","path":"/c"},
		{"path":"/t","op":"test","value":1.0}
	]`))
	if err != nil {
		t.Fatal(err)
	}
	want := Patch{
		{Op: "add", Path: "/a~1b", Value: json.RawMessage(`{"x":[1, 2]}`)},
		{Op: "replace", Path: "/n", Value: json.RawMessage(`null`)},
		{Op: "remove", Path: "/r"},
		{Op: "move", From: "/a", Path: "/b"},
		{Op: "copy", From: "", Path: "/c"},
		{Op: "test", Path: "/t", Value: json.RawMessage(`1.0`)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Decode (-want +got):\n%s", d)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		patch  string
		index  int    // -1 for a *SyntaxError
		member string // member at fault
		text   string // a fragment of the error text
	}{
		{"not json", `[{"op":`, -1, "", "byte offset"},
		{"empty", ``, -1, "", "invalid patch"},
		{"object", `{"op":"add"}`, -1, "", "must be a JSON array, not object"},
		{"null", `null`, -1, "", "not null"},
		{"element not object", `[{"op":"remove","path":"/a"}, 5]`, 1, "", "operation 1: must be a JSON object, got a number"},
		{"missing op", `[{"path":"/a"}]`, 0, "op", `member "op" is missing`},
		{"op not string", `[{"op":1,"path":"/a"}]`, 0, "op", `member "op" must be a string, got a number`},
		{"unknown op", `[{"op":"remove","path":"/a"},{"op":"delete","path":"/a"}]`, 1, "op", `"delete"`},
		{"op case matters", `[{"op":"Add","path":"/a","value":1}]`, 0, "op", `"Add"`},
		{"member names case matter", `[{"op":"add","PATH":"/a","value":1}]`, 0, "path", `member "path" is missing`},
		{"missing path", `[{"op":"remove"}]`, 0, "path", `member "path" is missing`},
		{"path null", `[{"op":"remove","path":null}]`, 0, "path", `must be a string, got null`},
		{"path without slash", `[{"op":"remove","path":"a"}]`, 0, "path", `must be empty or start with "/"`},
		{"bad escape", `[{"op":"remove","path":"/a~2"}]`, 0, "path", "invalid escape at byte 2"},
		{"trailing tilde", `[{"op":"remove","path":"/a~"}]`, 0, "path", "invalid escape"},
		{"missing from", `[{"op":"copy","path":"/a"}]`, 0, "from", `member "from" is missing`},
		{"bad from", `[{"op":"move","from":"/~x","path":"/a"}]`, 0, "from", "invalid escape"},
		{"move into child", `[{"op":"move","from":"/a","path":"/a/b"}]`, 0, "from", "proper prefix"},
		{"add without value", `[{"op":"add","path":"/a"}]`, 0, "value", `member "value" is missing (required for "add")`},
		{"replace without value", `[{"op":"replace","path":"/a"}]`, 0, "value", `"value" is missing`},
		{"test without value", `[{"op":"test","path":"/a"}]`, 0, "value", `"value" is missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Decode([]byte(tt.patch))
			if err == nil {
				t.Fatalf("Decode = %v; want an error", p)
			}
			if !errors.Is(err, ErrInvalidPatch) {
				t.Errorf("error %v does not match ErrInvalidPatch", err)
			}
			if !strings.Contains(err.Error(), tt.text) || !strings.HasPrefix(err.Error(), "jsonpatch: ") {
				t.Errorf("error %q; want it to contain %q", err, tt.text)
			}
			if tt.index < 0 {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Errorf("error %T; want *SyntaxError", err)
				}
				return
			}
			var oe *OpError
			if !errors.As(err, &oe) {
				t.Fatalf("error %T; want *OpError", err)
			}
			if oe.Index != tt.index || oe.Member != tt.member {
				t.Errorf("Index, Member = %d, %q; want %d, %q", oe.Index, oe.Member, tt.index, tt.member)
			}
		})
	}
}

func TestMoveToItselfAndSiblingIsNotPrefix(t *testing.T) {
	t.Parallel()
	for _, patch := range []string{
		`[{"op":"move","from":"/a","path":"/a"}]`,
		`[{"op":"move","from":"/a","path":"/ab"}]`,
	} {
		if _, err := Decode([]byte(patch)); err != nil {
			t.Errorf("Decode(%s): %v", patch, err)
		}
	}
}
