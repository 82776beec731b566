package strictjson

import (
	"strings"
	"testing"
)

type inner struct {
	Name  string   `json:"name"`
	Tags  []string `json:"tags"`
	Ready bool     `json:"ready"`
}

type doc struct {
	Items []inner          `json:"items"`
	Attrs map[string]any   `json:"attrs"`
	Count int              `json:"count"`
	Ptr   *inner           `json:"ptr"`
	Named map[string]inner `json:"named"`
}

func TestDecodeErrorsNamePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"malformed", `{"items": [}`, "invalid JSON at byte offset 12"},
		{"unknown member", `{"items":[{"name":"a","colour":"red"}]}`, "items[0].colour: unknown member; known: name, ready, tags"},
		{"case hint", `{"Count": 1}`, `did you mean "count"`},
		{"wrong type", `{"items":[{},{"ready":"yes"}]}`, "items[1].ready: want a boolean, got a string"},
		{"wrong element type", `{"items":[{"tags":["a",2]}]}`, "items[0].tags[1]: want a string, got a number"},
		{"not an integer", `{"count": 1.5}`, "count:"},
		{"map value", `{"named":{"x":{"ready":1}}}`, "named.x.ready: want a boolean, got a number"},
		{"pointer", `{"ptr":{"name":false}}`, "ptr.name: want a string, got a boolean"},
		{"top level", `[1]`, "(document)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d doc
			err := Decode([]byte(tt.in), &d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode(%s) = %v, want an error containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestDecodeAcceptsValidDocuments(t *testing.T) {
	t.Parallel()
	var d doc
	in := `{"items":[{"name":"a","tags":["x"],"ready":true}],"attrs":{"k":[1,{"deep":null}]},"count":3,"ptr":null,"named":{"b":{"name":"b"}}}`
	if err := Decode([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	if d.Items[0].Name != "a" || !d.Items[0].Ready || d.Count != 3 || d.Named["b"].Name != "b" || d.Ptr != nil {
		t.Errorf("decoded %+v", d)
	}
}
