package sim

import (
	"hash/fnv"
	"math/rand/v2"
)

// NewStream returns the random stream named name of the run seeded with
// seed. Streams with different names are independent, and a stream's values
// depend only on (seed, name): adding a function or changing one function's
// layout never shifts another function's draws (common random numbers).
func NewStream(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}
