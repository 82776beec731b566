package agilenow

import (
	"strings"
	"testing"
)

func TestLike(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"abc", "abc", true},
		{"abc", "ABC", true},
		{"abc", "abcd", false},
		{"abc", "ab", false},
		{"", "", true},
		{"", "a", false},
		{"%", "", true},
		{"%", "anything", true},
		{"%%%", "x", true},
		{"_", "", false},
		{"_", "é", true},
		{"_", "ab", false},
		{"a%", "a", true},
		{"a%", "ba", false},
		{"%a", "ba", true},
		{"%a%", "xxAxx", true},
		{"a%b%c", "aXbYc", true},
		{"a%b%c", "aXcYb", false},
		{"a%b", "abab", true},
		{"a%b", "abba", false},
		{"%ab%ab%", "xaabxab", true},
		{"a_c", "abc", true},
		{"a_c", "ac", false},
		{"%_%", "x", true},
		{"[a]", "[A]", true},
		{"[a]", "a", false},
		{"ÉMILE%", "émile zola", true},
		{"a%", "a\xffz", true},
		{"_", "\xff", true},
	}
	for _, tt := range tests {
		if got := compileLike(tt.pattern).match(tt.s); got != tt.want {
			t.Errorf("%q Like %q = %v, want %v", tt.s, tt.pattern, got, tt.want)
		}
	}
}

// A pathological pattern must not take exponential time; the test just
// has to finish.
func TestLikeNoBlowup(t *testing.T) {
	t.Parallel()
	pat := compileLike(strings.Repeat("%a", 50) + "b")
	if pat.match(strings.Repeat("a", 5000)) {
		t.Error("matched a string without b")
	}
}
