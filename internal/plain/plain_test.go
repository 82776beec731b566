package plain

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The definitions, a byte at a time.
func jsonByByte(s string) bool {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

func textByByte(s string) bool {
	for i := range len(s) {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '=' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

var checks = []struct {
	name      string
	fast, def func(string) bool
	usual     []string // what they check most: an account's strings, a log line's
}{
	{"JSON", JSON, jsonByByte, []string{"2c918084000000000000000000000001", "Ada Lovelace", "ada.lovelace@example.com", "E01001", "Workday"}},
	{"Text", Text, textByByte, []string{"GET", "/v3/accounts/2c9180835d2e5168015d32f890ca1581", "mockisc-client"}},
}

// TestPlain: every byte value, at every position of strings of 0 to 24
// bytes (so in each lane of a word, and in the overlapping last word),
// and random strings, are judged as the byte-by-byte definition judges
// them.
func TestPlain(t *testing.T) {
	t.Parallel()
	for _, c := range checks {
		for n := range 25 {
			base := []byte(strings.Repeat("a~!Z", 7)[:n])
			if !c.fast(string(base)) {
				t.Fatalf("%s(%q) = false, want true", c.name, base)
			}
			for i := range n {
				for v := range 256 {
					s := []byte(string(base))
					s[i] = byte(v)
					if got, want := c.fast(string(s)), c.def(string(s)); got != want {
						t.Fatalf("%s(%q) = %v, want %v", c.name, s, got, want)
					}
				}
			}
		}
		r := rand.New(rand.NewPCG(3, 4))
		for range 20000 {
			s := make([]byte, r.IntN(40))
			for i := range s {
				s[i] = byte(0x1e + r.IntN(0x64)) // mostly plain, now and then not
			}
			if got, want := c.fast(string(s)), c.def(string(s)); got != want {
				t.Fatalf("%s(%q) = %v, want %v", c.name, s, got, want)
			}
		}
	}
}

func FuzzPlain(f *testing.F) {
	for _, s := range []string{"", "2c918084000000000000000000000001", "Ada Lovelace", "a=b", `q"uote`, "tab\there", "\x7f", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range checks {
			if got, want := c.fast(s), c.def(s); got != want {
				t.Fatalf("%s(%q) = %v, want %v", c.name, s, got, want)
			}
		}
	})
}

// BenchmarkPlain compares a word at a time with the byte loop (the
// baseline) on the strings each check sees most.
func BenchmarkPlain(b *testing.B) {
	for _, c := range checks {
		strs := c.usual
		for _, bc := range []struct {
			name string
			f    func(string) bool
		}{{"baseline=bytes", c.def}, {"words", c.fast}} {
			b.Run(c.name+"/"+bc.name, func(b *testing.B) {
				for b.Loop() {
					for _, s := range strs {
						if !bc.f(s) {
							b.Fatal(s)
						}
					}
				}
			})
		}
	}
}
