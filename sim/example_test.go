package sim_test

import (
	"fmt"
	"time"

	"github.com/enisim/enisim/sim"
)

func Example() {
	e := sim.New(1)
	tick := &sim.Timer{}
	n := 0
	tick.Init(func() {
		n++
		fmt.Println(sim.Clock(e.Now()), "tick", n)
		if n < 3 {
			e.After(tick, 90*time.Second)
		}
	})
	e.Schedule(tick, time.Second)
	e.Run()
	// Output:
	// 00:00:01.000 tick 1
	// 00:01:31.000 tick 2
	// 00:03:01.000 tick 3
}
