package jsonpatch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// conformanceCase is one record of the json-patch-tests suite (see
// testdata/README.md). Records holding only a comment have no patch.
type conformanceCase struct {
	Comment  string          `json:"comment"`
	Doc      json.RawMessage `json:"doc"`
	Patch    json.RawMessage `json:"patch"`
	Expected json.RawMessage `json:"expected"`
	Error    string          `json:"error"`
	Disabled bool            `json:"disabled"`
}

// TestConformance runs every non-disabled case of the public JSON Patch test
// suite (github.com/json-patch/json-patch-tests, copied in testdata/).
func TestConformance(t *testing.T) {
	t.Parallel()
	total, ran := 0, 0
	for _, file := range []string{"tests.json", "spec_tests.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		var cases []conformanceCase
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for i, c := range cases {
			if c.Patch == nil {
				continue
			}
			total++
			if c.Disabled {
				continue
			}
			ran++
			name := fmt.Sprintf("%s/%d/%s", file, i, c.Comment)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				doc := append([]byte(nil), c.Doc...)
				got, err := Apply(doc, c.Patch)
				if string(doc) != string(c.Doc) {
					t.Errorf("Apply modified its input document")
				}
				switch {
				case c.Error != "" || c.Expected == nil && c.Error != "":
					if err == nil {
						t.Errorf("Apply succeeded with %s; want error %q", got, c.Error)
					}
				case err != nil:
					t.Errorf("Apply failed: %v; want %s", err, c.Expected)
				case c.Expected != nil:
					eq, err := jsonEqual(got, c.Expected)
					if err != nil || !eq {
						t.Errorf("Apply = %s; want %s (%v)", got, c.Expected, err)
					}
				}
			})
		}
	}
	if ran != 108 {
		t.Errorf("ran %d enabled cases; the suite at the recorded commit has 108", ran)
	}
	msg := fmt.Sprintf("json-patch-tests conformance: %d enabled cases run (%d disabled skipped, %d total)", ran, total-ran, total)
	t.Log(msg)
	if testing.Verbose() {
		fmt.Println(msg)
	}
}
