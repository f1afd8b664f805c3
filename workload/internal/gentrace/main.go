package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

type shape struct {
	trigger string
	rate    func(minute int) float64 // expected count in minute (0-based)
	exact   bool                     // the rate is the count (no Poisson noise)
}

var shapes = []shape{
	{"http", func(m int) float64 {
		// 0 at 06:00, peak 12 at 18:00 (minute 1080).
		return 6 + 6*math.Cos(2*math.Pi*float64(m-1080)/1440)
	}, false},
	{"queue", func(m int) float64 {
		if m%120 < 5 {
			return 40
		}
		return 0.2
	}, false},
	{"timer", func(m int) float64 {
		if m%10 == 0 {
			return 1
		}
		return 0
	}, true},
	{"event", func(int) float64 { return 2 }, false},
	{"others", func(int) float64 { return 0.02 }, false},
}

func main() {
	seed := flag.Uint64("seed", 1, "random seed")
	n := flag.Int("functions", 5, "number of functions (rows)")
	out := flag.String("o", "", "output file (default stdout)")
	flag.Parse()
	if *n < 1 {
		fmt.Fprintln(os.Stderr, "gentrace: -functions must be >= 1")
		os.Exit(2)
	}
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gentrace:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := write(w, *seed, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gentrace:", err)
		os.Exit(1)
	}
}

func write(w io.Writer, seed uint64, n int) error {
	r := rand.New(rand.NewPCG(seed, 0x6765_6e74_7261_6365)) // "gentrace"
	bw := bufio.NewWriter(w)
	bw.WriteString("HashOwner,HashApp,HashFunction,Trigger")
	for m := 1; m <= 1440; m++ {
		fmt.Fprintf(bw, ",%d", m)
	}
	bw.WriteString("\n")
	owner, app := hash(r), hash(r)
	for i := range n {
		s := shapes[i%len(shapes)]
		if i%2 == 0 {
			app = hash(r) // two functions per app
		}
		fmt.Fprintf(bw, "%s,%s,%s,%s", owner, app, hash(r), s.trigger)
		var sb strings.Builder
		for m := range 1440 {
			c := s.rate(m)
			if !s.exact {
				c = distuv.Poisson{Lambda: c, Src: r}.Rand()
			}
			fmt.Fprintf(&sb, ",%d", int64(c))
		}
		bw.WriteString(sb.String())
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// hash returns 64 hex digits, the form of the dataset's anonymised names.
func hash(r *rand.Rand) string {
	return fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
}
