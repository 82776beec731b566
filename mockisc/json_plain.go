package mockisc

import "unsafe"

// plainString reports whether s is printable ASCII with no '"' or '\\':
// a JSON string that needs no escape, which engine.Marshal writes as is.
// It tests eight bytes at a time (the renderings are mostly such
// strings), with the has-less-than and has-zero-byte tricks on a word.
func plainString(s string) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	if len(s) < 8 {
		for i := range len(s) {
			if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	// Whole words, then the last eight bytes (overlapping what was read).
	p := unsafe.Pointer(unsafe.StringData(s))
	bad := uint64(0)
	for i := 0; ; i += 8 {
		if i > len(s)-8 {
			i = len(s) - 8
		}
		x := load64(unsafe.Add(p, i))
		// Every byte below 0x80, none below 0x20, and none equal to
		// '"', '\\' or 0x7f (DEL).
		bad |= x | (x - 0x20*ones) // high bit: a byte ≥ 0x80, or one below 0x20 (borrow)
		bad |= hasZero(x ^ '"'*ones)
		bad |= hasZero(x ^ '\\'*ones)
		bad |= hasZero(x ^ 0x7f*ones)
		if i == len(s)-8 {
			return bad&highs == 0
		}
	}
}

// hasZero has the high bit of some byte set when a byte of x is zero,
// and of none when no byte is (the set bits may be more than the zero
// bytes, which is all plainString needs).
func hasZero(x uint64) uint64 { return (x - 0x0101010101010101) &^ x }

// load64 reads the eight bytes at p as a little-endian word, in one
// unaligned load where the compiler can make one.
func load64(p unsafe.Pointer) uint64 {
	b := (*[8]byte)(p)
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
