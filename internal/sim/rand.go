package sim

import (
	"encoding/hex"
	"math/rand/v2"
	"sync"
)

// Rand is a seeded stream of ids and draws: the same seed gives the same
// sequence, so a server that receives the same requests in the same order
// gives the same ids. It is safe for concurrent use (the order of
// concurrent draws is then the order they take the lock).
type Rand struct {
	mu  sync.Mutex // guards rng
	rng *rand.ChaCha8
}

// NewRand returns the stream of seed.
func NewRand(seed uint64) *Rand {
	var key [32]byte
	for i := range 4 {
		v := seed + uint64(i)*0x9e3779b97f4a7c15
		for j := range 8 {
			key[i*8+j] = byte(v >> (8 * j))
		}
	}
	return &Rand{rng: rand.NewChaCha8(key)}
}

// ID returns 32 lowercase hex characters, like ISC's ids.
func (r *Rand) ID() string {
	var b [16]byte
	r.mu.Lock()
	_, _ = r.rng.Read(b[:])
	r.mu.Unlock()
	var h [32]byte
	hex.Encode(h[:], b[:])
	return string(h[:]) // one allocation, where EncodeToString makes two
}

// Float returns a number in [0, 1) from the same stream.
func (r *Rand) Float() float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return float64(r.rng.Uint64()>>11) / (1 << 53)
}
