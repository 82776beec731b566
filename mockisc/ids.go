package mockisc

import (
	"encoding/hex"
	"math/rand/v2"
)

// idGen makes the ids, tracking ids and token ids of one server from a
// seeded generator, so the same seed and the same requests give the same
// ids. It is not safe for concurrent use; the server guards it with s.mu.
type idGen struct {
	rng *rand.ChaCha8
}

func newIDGen(seed uint64) *idGen {
	var key [32]byte
	for i := range 4 {
		v := seed + uint64(i)*0x9e3779b97f4a7c15
		for j := range 8 {
			key[i*8+j] = byte(v >> (8 * j))
		}
	}
	return &idGen{rng: rand.NewChaCha8(key)}
}

// next returns 32 lowercase hex characters, like ISC's ids.
func (g *idGen) next() string {
	var b [16]byte
	_, _ = g.rng.Read(b[:])
	return hex.EncodeToString(b[:])
}

// float returns a number in [0, 1) from the same stream.
func (g *idGen) float() float64 {
	return float64(g.rng.Uint64()>>11) / (1 << 53)
}
