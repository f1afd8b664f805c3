package eni

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/enisim/enisim/sim"
)

// The area is the exact integral: checked against big-integer arithmetic
// on random steps, negative levels and areas past 2^64 included.
func TestLevelAreaIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		var l Level
		want := new(big.Int)
		now, v := sim.Time(0), int64(0)
		scale := int64(1) << (trial % 40) // from unit steps to years of nanoseconds
		for range 50 {
			dt := r.Int64N(scale) + 1
			d := r.Int64N(2_000_001) - 1_000_000
			want.Add(want, new(big.Int).Mul(big.NewInt(v), big.NewInt(dt)))
			now += sim.Time(dt)
			l.Add(now, d)
			v += d
		}
		got, _ := new(big.Float).SetInt(want).Float64()
		if a := l.Area(now) * 1e9; math.Abs(a-got) > 1e-15*math.Abs(got) {
			t.Fatalf("trial %d: area %g ns, want %g", trial, a, got)
		}
	}
}

// Mean and Area of a hand-worked level: 2 for 30 s, 5 for 10 s, 0 for 20 s.
func TestLevelMeanAndPeak(t *testing.T) {
	var l Level
	l.Add(0, 2)
	l.Add(30*time.Second, 3)
	l.Add(40*time.Second, -5)
	end := 60 * time.Second
	if a := l.Area(end); a != 110 {
		t.Errorf("area %v, want 110 value-seconds", a)
	}
	if m := l.Mean(end); math.Abs(m-110.0/60) > 1e-15 {
		t.Errorf("mean %v, want %v", m, 110.0/60)
	}
	if l.Peak() != 5 || l.Value() != 0 {
		t.Errorf("peak %d value %d, want 5, 0", l.Peak(), l.Value())
	}
}
