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

// counter is a model object that is its own timer's handler: firing calls
// its Fire method directly, with no closure between.
type counter struct {
	e     *sim.Engine
	timer sim.Timer
	n     int
}

func (c *counter) Fire() {
	c.n++
	fmt.Println(sim.Clock(c.e.Now()), "fired", c.n)
	if c.n < 2 {
		c.e.After(&c.timer, time.Minute)
	}
}

func ExampleTimer_Handle() {
	c := &counter{e: sim.New(1)}
	c.timer.Handle(c)
	c.timer.SetPrio(-1) // before other timers due at the same instant
	c.e.Schedule(&c.timer, 0)
	c.e.Run()
	// Output:
	// 00:00:00.000 fired 1
	// 00:01:00.000 fired 2
}
