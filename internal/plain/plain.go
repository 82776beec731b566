// Package plain tells strings that an encoder writes as they are from
// those it must quote or escape, eight bytes at a time: the renderings
// and log lines of a busy fake are mostly such strings, and checking
// them byte by byte is a visible share of a request's cost.
//
// Quick start:
//
//	if plain.JSON(s) {
//		b = append(append(append(b, '"'), s...), '"') // as encoding/json would write s
//	}
package plain

import "unsafe"

// JSON reports whether s is printable ASCII without '"' or '\\': a
// string a JSON encoder that does not escape HTML (engine.Marshal, an
// encoding/json Encoder with SetEscapeHTML(false)) writes between quotes
// as it is.
func JSON(s string) bool {
	if len(s) < 8 {
		for i := range len(s) {
			if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	p := unsafe.Pointer(unsafe.StringData(s))
	bad := uint64(0)
	for i := 0; ; i += 8 {
		if i > len(s)-8 {
			i = len(s) - 8 // the last word overlaps what was read
		}
		x := load64(unsafe.Add(p, i))
		bad |= below(x, 0x20) | hasZero(x^'"'*ones) | hasZero(x^'\\'*ones) | hasZero(x^0x7f*ones)
		if i == len(s)-8 {
			return bad&highs == 0
		}
	}
}

// Text reports whether log/slog's TextHandler writes s as it is (or as
// "" when it is empty): printable ASCII without space, '=', '"' or '\\'.
func Text(s string) bool {
	if len(s) < 8 {
		for i := range len(s) {
			if c := s[i]; c <= ' ' || c >= 0x7f || c == '=' || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	p := unsafe.Pointer(unsafe.StringData(s))
	bad := uint64(0)
	for i := 0; ; i += 8 {
		if i > len(s)-8 {
			i = len(s) - 8
		}
		x := load64(unsafe.Add(p, i))
		bad |= below(x, 0x21) | hasZero(x^'='*ones) | hasZero(x^'"'*ones) | hasZero(x^'\\'*ones) | hasZero(x^0x7f*ones)
		if i == len(s)-8 {
			return bad&highs == 0
		}
	}
}

// JSON and Text write their loops out: one loop taking the checks as
// functions is too large to inline, and its indirect calls made it as
// slow as the byte loop; one taking a flag ran a third slower
// (BenchmarkPlain).

// The word tricks: a word's bytes are checked together, and a check
// answers in the high bits of the bytes (highs), which the callers
// gather and test once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// below has the high bit of some byte set when a byte of x is at or
// above 0x80, or below lo; and of none when every byte is in [lo, 0x80).
// (x's own high bits flag the first; x-lo in every byte borrows into the
// lowest byte below lo, and into none when all are at or above lo, whose
// differences then stay below 0x80.)
func below(x uint64, lo byte) uint64 { return x | (x - uint64(lo)*ones) }

// hasZero has the high bit of some byte set when a byte of x is zero,
// and of none when no byte is (the set bits may be more than the zero
// bytes, which is all scan needs).
func hasZero(x uint64) uint64 { return (x - ones) &^ x }

// load64 reads the eight bytes at p as a little-endian word, in one
// unaligned load where the compiler can make one.
func load64(p unsafe.Pointer) uint64 {
	b := (*[8]byte)(p)
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
