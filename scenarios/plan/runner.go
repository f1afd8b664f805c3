package plan

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

// Job is one run: a checked scenario, the seed and the simulated time.
// Jobs may share a Scenario: building a run only reads it.
type Job struct {
	Scenario *spec.Scenario
	Seed     uint64
	Duration sim.Time     // > 0: overrides the scenario's duration
	Stop     *atomic.Bool // when set and true, the run is abandoned (errStopped)
}

// errStopped is the error of a job abandoned through its Stop.
var errStopped = errors.New("run abandoned")

// stopSlices is how many slices of simulated time a stoppable job runs
// in, checking its Stop between them (slicing changes nothing in a run).
const stopSlices = 64

// Run builds and runs one job on its own engine and returns its report.
func (j Job) Run() (*scenarios.Report, error) {
	seed := j.Seed
	x, err := scenarios.Build(j.Scenario, scenarios.Options{Seed: &seed, Duration: j.Duration})
	if err != nil {
		return nil, err
	}
	if j.Stop == nil {
		err = x.Run()
	} else {
		err = runStoppable(x, j.Stop)
	}
	if err != nil {
		return nil, err
	}
	return x.Report(), nil
}

func runStoppable(x *scenarios.Sim, stop *atomic.Bool) error {
	for i := 1; i <= stopSlices; i++ {
		if stop.Load() {
			return errStopped
		}
		if err := x.RunUntil(x.Slice(i, stopSlices)); err != nil {
			return err
		}
	}
	return nil
}

// Workers is the default number of parallel runs: GOMAXPROCS.
func Workers() int { return runtime.GOMAXPROCS(0) }

// RunAll runs jobs on up to workers goroutines (<= 0: Workers()) and
// returns the reports in the order of jobs, whatever the order in which
// they finish. done, when not nil, is called after each run from the
// calling goroutine, with the number finished so far. The first error (in
// the order of jobs) is returned; the other runs still complete.
func RunAll(jobs []Job, workers int, done func(finished int)) ([]*scenarios.Report, error) {
	if workers <= 0 {
		workers = Workers()
	}
	workers = min(workers, max(len(jobs), 1))
	reports := make([]*scenarios.Report, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int, len(jobs))
	finished := make(chan int, len(jobs)) // workers never wait for the caller
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				reports[i], errs[i] = jobs[i].Run()
				finished <- i
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	go func() {
		wg.Wait()
		close(finished)
	}()
	n := 0
	for range finished {
		n++
		if done != nil {
			done(n)
		}
	}
	for _, err := range errs {
		if err != nil {
			return reports, err
		}
	}
	return reports, nil
}
