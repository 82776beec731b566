package agilenow

import (
	"math/rand/v2"
	"regexp"
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

// TestLikeAgreesWithRegexp compares the matcher with a regular
// expression on random ASCII patterns of every length up to the limit,
// so patterns of one, two and several words are all covered.
func TestLikeAgreesWithRegexp(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for i := range 1000 {
		pattern := pick("aB%_", rng.IntN(MaxLikeLength+1))
		if i%3 == 0 {
			pattern = pick("ab%", rng.IntN(70))
		}
		s := pick("abAB", rng.IntN(300))
		if i%5 == 0 { // a text built from the pattern, so that some match
			s = strings.NewReplacer("%", pick("ab", rng.IntN(4)), "_", "b").Replace(pattern)
		}
		var re strings.Builder
		re.WriteString(`(?is)^`)
		for _, r := range pattern {
			switch r {
			case '%':
				re.WriteString(`.*`)
			case '_':
				re.WriteString(`.`)
			default:
				re.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		re.WriteString(`$`)
		want := regexp.MustCompile(re.String()).MatchString(s)
		if got := compileLike(pattern).match(s); got != want {
			t.Fatalf("%q Like %q = %v, regexp says %v", s, pattern, got, want)
		}
	}
}

// TestLikeLinear: the longest pattern against a long value, the case that
// took seconds with backtracking, reads the value once.
func TestLikeLinear(t *testing.T) {
	t.Parallel()
	value := strings.Repeat("a", 60_000)
	pat := compileLike(strings.Repeat("%a", MaxLikeLength/2-1) + "%b")
	for range 10 {
		if pat.match(value) {
			t.Fatal("matched a value without b")
		}
	}
}
