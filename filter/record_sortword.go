package filter

import "math"

// sortItem is one item being sorted by SortRecords: the words of its
// first sort keys, and flags.
//
// A word encodes a key in a uint64 whose order is the key's order (in the
// sorter's direction): where the words of two items differ, they decide
// the comparison. Where they are equal, the keys may still differ, unless
// both words are exact (flag bit j for word j); then the keys are equal
// and the next word decides. flagSettled says that the words are all the
// keys and no string among them differs from its folded form, so items
// with equal exact words need no tie-break but their input order.
type sortItem struct {
	word  [2]uint64
	item  int // index of the item in the input
	flags uint8
}

const flagSettled = 1 << 7

// inlineKey is a sort key in the compact, pointer-free form kept for
// each item until the words are made. For strings it keeps, instead of
// the string, its length and the eight bytes after at, the length of the
// prefix it shares with the first string of the key (see commonPrefix).
type inlineKey struct {
	rank  uint8
	plain bool  // a string equal to its folded form
	n     int32 // date-time nanoseconds
	x     int64 // as recValue.x
	at    int   // strings: bytes shared with commonPrefix.first
	len   int   // strings: length of the folded string
	tail  uint64
}

// commonPrefix tracks the longest prefix all folded strings of one sort
// key share, so that their words can hold the bytes after it: keys like
// "Identity 00042" still differ in their words. The prefix only shrinks
// as strings are added, so every string's bytes from the final prefix
// on are first's bytes up to the string's at, then its tail.
type commonPrefix struct {
	first string
	lcp   int // -1 before the first string
}

// inlineKey returns the value v of rank in compact form, updating the
// common prefix.
func (c *commonPrefix) inlineKey(rank uint8, v recValue) inlineKey {
	if rank == rankNull {
		return inlineKey{}
	}
	ik := inlineKey{rank: rank, n: v.n, x: v.x}
	if rank != rankString {
		return ik
	}
	s := v.s
	if c.lcp < 0 {
		c.first, c.lcp = s, len(s)
	} else {
		n := 0
		for n < c.lcp && n < len(s) && s[n] == c.first[n] {
			n++
		}
		c.lcp = n
	}
	ik.plain = v.plain
	ik.at, ik.len, ik.tail = c.lcp, len(s), prefix8(s[c.lcp:])
	return ik
}

// Words hold the key's rank in the top byte and a payload below it.
const (
	payloadBits = 56
	payloadMask = 1<<payloadBits - 1
)

// Date-time words hold Unix seconds plus timeBias, which is at least 0
// and below 2^40 for every RFC 3339 time (years 0000 to 9999, offsets up
// to a day), in the top 40 bits of the payload, and the top 16 of the 30
// bits of nanoseconds below them.
const (
	timeBias     = 62135596800 + 86400 // seconds from 0000-01-01 (less a day) to 1970
	timeNanoBits = 14                  // low bits of nanoseconds the word leaves out
)

// word returns the ascending word of ik and whether it is exact.
func (c *commonPrefix) word(ik *inlineKey) (uint64, bool) {
	var payload uint64
	exact := true
	switch ik.rank {
	case rankString:
		// Six bytes after the common prefix, zero-padded, then the length
		// of the rest capped at 7: exact when the rest fits in six bytes.
		for p := c.lcp; p < c.lcp+6; p++ {
			payload <<= 8
			switch {
			case p >= ik.len: // padding
			case p < ik.at:
				payload |= uint64(c.first[p])
			default: // p-ik.at < 6, since c.lcp <= ik.at
				payload |= ik.tail >> (56 - 8*(p-ik.at)) & 0xff
			}
		}
		rest := ik.len - c.lcp
		payload = payload<<8 | uint64(min(rest, 7))
		exact = rest <= 6
	case rankTime:
		sec := ik.x + timeBias
		switch {
		case sec < 0:
			sec, exact = 0, false
		case sec >= 1<<40:
			sec, exact = 1<<40-1, false
		}
		payload = uint64(sec)<<16 | uint64(ik.n)>>timeNanoBits
		exact = exact && ik.n&(1<<timeNanoBits-1) == 0
	case rankBool:
		payload = uint64(ik.x)
	case rankNumber:
		payload, exact = numberWord(math.Float64frombits(uint64(ik.x)))
	}
	return uint64(ik.rank)<<payloadBits | payload&payloadMask, exact
}

// numberWord returns a 56-bit payload ordered as cmp.Compare orders
// float64s (NaN lowest and equal to itself, -0 equal to 0), and whether
// it is exact.
func numberWord(f float64) (uint64, bool) {
	if f != f {
		return 0, true // NaN
	}
	if f == 0 {
		f = 0 // -0 as 0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		b = ^b
	} else {
		b |= 1 << 63
	}
	// Every non-NaN gives at least 0x000fffff_ffffffff (-Inf), so
	// b>>8 is above the NaN payload 0.
	return b >> 8, b&0xff == 0
}
