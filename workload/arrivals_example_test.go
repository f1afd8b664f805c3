package workload_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/enisim/enisim/workload"
)

// A Poisson process of 5 invocations per second, on a fixed stream: the
// same seed always gives the same arrivals.
func ExampleNewPoisson() {
	r := rand.New(rand.NewPCG(42, 1))
	a := workload.Limit(workload.NewPoisson(5, r), time.Second)
	for {
		at, ok := a.Next()
		if !ok {
			break
		}
		fmt.Println(at.Round(time.Millisecond))
	}
	// Output:
	// 191ms
	// 407ms
	// 428ms
	// 541ms
	// 637ms
	// 739ms
}
