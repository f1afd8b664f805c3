package workload

import (
	"bytes"
	"io"
	"testing"
	"time"
)

// memOpen opens every path as data.
func memOpen(data []byte) func(string) (io.ReadCloser, error) {
	return func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

// fuzzDrain reads at most limit arrivals (a per-minute row may ask for
// billions: that is a valid input, not a hang) and checks their order.
func fuzzDrain(t *testing.T, a Arrivals, limit int) {
	last := time.Duration(-1)
	for range limit {
		at, ok := a.Next()
		if !ok {
			return
		}
		if at < last {
			t.Fatalf("arrival %v before %v", at, last)
		}
		last = at
	}
}

func FuzzTimestampTrace(f *testing.F) {
	for _, s := range []string{"1\n2.5\n3s\n", "# c\n\n250ms\n1m30s\n", "5\n4\n", "x\n", "1e3\n-1\n", "0.0000000015\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a := NewTimestampTrace([]string{"a", "b"}).(*timestamps)
		a.files.open = memOpen(data)
		n := 0
		for {
			_, ok := a.Next()
			if !ok {
				break
			}
			n++
		}
		// Each arrival is a non-blank line of one of the two copies.
		if lines := bytes.Count(data, []byte("\n")) + 1; n > 2*lines {
			t.Fatalf("%d arrivals from %d lines", n, 2*lines)
		}
		if _, ok := a.Next(); ok {
			t.Fatal("Next after the end returned an arrival")
		}
	})
}

func FuzzPerMinuteTrace(f *testing.F) {
	hdr := "HashOwner,HashApp,HashFunction,Trigger,1,2,3\n"
	for _, s := range []string{hdr + "o,a,f,http,1,2,3\n", hdr + "o,a,f,http,1,,3\n", hdr, "", hdr + "o,a,f,http,99999999999999999999,1,1\n",
		"HashOwner,HashApp,HashFunction,Trigger,1,3\n", hdr + "o,a,g,http,1,2,3\no,a,f,timer,0,0,7\n"} {
		f.Add([]byte(s), "f", 0, true)
		f.Add([]byte(s), "", 1, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, hash string, row int, even bool) {
		if hash == "" && row < 1 {
			row = 1
		}
		spread := SpreadPoisson
		if even {
			spread = SpreadEven
		}
		a := NewPerMinuteTrace([]string{"d1", "d2"}, hash, row, spread, 1, distTestRand(1)).(*perMinute)
		a.files.open = memOpen(data)
		fuzzDrain(t, a, 100_000)
	})
}
