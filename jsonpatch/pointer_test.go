package jsonpatch

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ptr  string
		want []string
	}{
		{"", nil},
		{"/", []string{""}},
		{"/a//b/", []string{"a", "", "b", ""}},
		{"/a~1b/~0/~01/~10", []string{"a/b", "~", "~1", "/0"}},
	}
	for _, tt := range tests {
		if err := checkPointer(tt.ptr); err != nil {
			t.Errorf("checkPointer(%q): %v", tt.ptr, err)
		}
		if d := cmp.Diff(tt.want, tokens(tt.ptr)); d != "" {
			t.Errorf("tokens(%q) (-want +got):\n%s", tt.ptr, d)
		}
	}
	for _, bad := range []string{"a", "/~", "/~2", "/a~/b", "#/a"} {
		if checkPointer(bad) == nil {
			t.Errorf("checkPointer(%q) = nil; want an error", bad)
		}
	}
}

func TestEscapeToken(t *testing.T) {
	t.Parallel()
	for _, tok := range []string{"", "a", "a/b", "~", "~1", "/~0/"} {
		esc := EscapeToken(tok)
		if got := tokens("/" + esc); len(got) != 1 || got[0] != tok {
			t.Errorf("tokens(\"/\"+EscapeToken(%q)) = %q", tok, got)
		}
	}
}

func TestArrayIndex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tok  string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"7", 7, true}, {"10", 10, true}, {"123456789012345678", 123456789012345678, true},
		{"", 0, false}, {"-", 0, false}, {"-1", 0, false}, {"-0", 0, false}, {"+1", 0, false},
		{"01", 0, false}, {"00", 0, false}, {"1e2", 0, false}, {" 1", 0, false}, {"1234567890123456789", 0, false},
	}
	for _, tt := range tests {
		got, ok := arrayIndex(tt.tok)
		if got != tt.want || ok != tt.ok {
			t.Errorf("arrayIndex(%q) = %d, %v; want %d, %v", tt.tok, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEvanphxSafe(t *testing.T) {
	t.Parallel()
	for ptr, want := range map[string]bool{
		"": false, "/": false, "/a//b": false, "/a/": false, "/a/01": false, "/a/+1": false, "/a/-0": false, "/a/-1": false,
		"/a": true, "/a/0": true, "/a/10/b": true, "/a/-": true, "/a~1b": true, "/1x": true,
	} {
		if got := evanphxSafe(ptr); got != want {
			t.Errorf("evanphxSafe(%q) = %v; want %v", ptr, got, want)
		}
	}
}

func TestIsProperPrefix(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"/a", "/a/b", true}, {"", "/a", true}, {"/a", "/a", false}, {"/a", "/ab", false}, {"/a/b", "/a", false},
	} {
		if got := isProperPrefix(tt.a, tt.b); got != tt.want {
			t.Errorf("isProperPrefix(%q, %q) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
