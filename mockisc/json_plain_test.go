package mockisc

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// plainByByte is plainString one byte at a time: the definition.
func plainByByte(s string) bool {
	for i := range len(s) {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// TestPlainString: every byte value, at every position of strings of 0
// to 24 bytes (so in each lane of a word and in the tail), and random
// strings, are judged as plainByByte judges them.
func TestPlainString(t *testing.T) {
	t.Parallel()
	for n := range 25 {
		base := []byte(strings.Repeat("a~ Z", 7)[:n])
		if !plainString(string(base)) {
			t.Fatalf("plainString(%q) = false, want true", base)
		}
		for i := range n {
			for c := range 256 {
				s := []byte(string(base))
				s[i] = byte(c)
				if got, want := plainString(string(s)), plainByByte(string(s)); got != want {
					t.Fatalf("plainString(%q) = %v, want %v", s, got, want)
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
		if got, want := plainString(string(s)), plainByByte(string(s)); got != want {
			t.Fatalf("plainString(%q) = %v, want %v", s, got, want)
		}
	}
}

// BenchmarkPlainString compares the word-at-a-time check with the
// byte loop on an account's typical strings.
func BenchmarkPlainString(b *testing.B) {
	strs := []string{"2c918084000000000000000000000001", "Ada Lovelace", "ada.lovelace@example.com", "E01001", "Workday"}
	for _, bc := range []struct {
		name string
		f    func(string) bool
	}{{"baseline=bytes", plainByByte}, {"words", plainString}} {
		b.Run(bc.name, func(b *testing.B) {
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
