package agilenow

import "unicode/utf8"

// MaxLikeLength is the longest Like value, in characters, that
// CompileFilter accepts.
const MaxLikeLength = 256

// likePattern is a compiled Like value: a bit-parallel automaton (the
// Shift-And algorithm, with a self-loop for "%"), so matching reads each
// character of the text once and costs ⌈(m+1)/64⌉ word operations per
// character, m being the number of characters in the pattern other than
// "%". No pattern makes it backtrack.
//
// The pattern's non-% elements are numbered 1..m; bit i of the state set
// means "the first i elements match the text read so far". Bit 0 is the
// start. Reading character c moves every state i to i+1 if element i+1
// matches c, and keeps state i if a "%" follows element i (a self-loop
// that swallows any character). The text matches when state m is set at
// its end.
type likePattern struct {
	m      int        // elements, not counting %
	words  int        // ⌈(m+1)/64⌉
	loop   []uint64   // states with a self-loop
	any    []uint64   // the mask of a character the pattern does not name: its _ elements
	masks  [][]uint64 // per distinct character of the pattern: its elements and the _ ones
	ascii  [utf8.RuneSelf]int16
	others map[rune]int16 // non-ASCII characters → index into masks
}

// compileLike turns a Like value into a pattern: "%" matches any run of
// characters, "_" exactly one, and every other character itself, ignoring
// case. Runs of "%" collapse into one.
func compileLike(s string) *likePattern {
	var elems []rune // folded characters; anyOne for _
	var loopAt []int // states followed by %
	for _, r := range s {
		switch r {
		case '%':
			loopAt = append(loopAt, len(elems))
		case '_':
			elems = append(elems, anyOne)
		default:
			elems = append(elems, foldRune(r))
		}
	}
	p := &likePattern{m: len(elems), words: (len(elems) + 1 + 63) / 64}
	newMask := func() []uint64 { return make([]uint64, p.words) }
	p.loop, p.any = newMask(), newMask()
	for _, st := range loopAt {
		setBit(p.loop, st)
	}
	for i := range p.ascii {
		p.ascii[i] = -1
	}
	for i, r := range elems {
		if r == anyOne {
			setBit(p.any, i+1)
		}
	}
	for i, r := range elems {
		if r == anyOne {
			continue
		}
		idx := p.index(r)
		if idx < 0 {
			idx = int16(len(p.masks))
			p.masks = append(p.masks, append([]uint64(nil), p.any...))
			if r < utf8.RuneSelf {
				p.ascii[r] = idx
			} else {
				if p.others == nil {
					p.others = map[rune]int16{}
				}
				p.others[r] = idx
			}
		}
		setBit(p.masks[idx], i+1)
	}
	return p
}

// anyOne marks a "_" element.
const anyOne rune = -2

func setBit(mask []uint64, i int) { mask[i/64] |= 1 << (i % 64) }

// index returns the mask index of a folded character, or -1.
func (p *likePattern) index(r rune) int16 {
	if r >= 0 && r < utf8.RuneSelf {
		return p.ascii[r]
	}
	if idx, ok := p.others[r]; ok {
		return idx
	}
	return -1
}

// mask returns the elements that a folded character matches.
func (p *likePattern) mask(r rune) []uint64 {
	if idx := p.index(r); idx >= 0 {
		return p.masks[idx]
	}
	return p.any
}

// match reports whether the whole of s matches the pattern.
func (p *likePattern) match(s string) bool {
	if p.words == 1 {
		return p.match1(s)
	}
	var buf [(MaxLikeLength + 1 + 63) / 64]uint64
	var d []uint64
	if p.words <= len(buf) {
		d = buf[:p.words]
	} else {
		d = make([]uint64, p.words)
	}
	d[0] = 1
	for _, r := range s {
		b := p.mask(foldRune(r))
		alive := uint64(0)
		for w := p.words - 1; w >= 0; w-- {
			shifted := d[w] << 1
			if w > 0 {
				shifted |= d[w-1] >> 63
			}
			d[w] = shifted&b[w] | d[w]&p.loop[w]
			alive |= d[w]
		}
		if alive == 0 {
			return false
		}
	}
	return d[p.m/64]&(1<<(p.m%64)) != 0
}

// match1 is match for a pattern of fewer than 64 elements: one word.
func (p *likePattern) match1(s string) bool {
	d, loop := uint64(1), p.loop[0]
	for _, r := range s {
		d = (d<<1)&p.mask(foldRune(r))[0] | d&loop
		if d == 0 {
			return false
		}
	}
	return d&(1<<p.m) != 0
}
