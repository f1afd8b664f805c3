package workload

import "testing"

func TestSketchCDF(t *testing.T) {
	var s Sketch
	if xs, _ := s.CDF(10); xs != nil {
		t.Fatal("empty sketch gave points")
	}
	for _, v := range []float64{3, 1, 2, 2} {
		s.Add(v)
	}
	xs, ps := s.CDF(10)
	want := [][2]float64{{1, 0.25}, {2, 0.75}, {3, 1}}
	if len(xs) != len(want) {
		t.Fatalf("points %v %v", xs, ps)
	}
	for i, w := range want {
		if xs[i] != w[0] || ps[i] != w[1] {
			t.Fatalf("point %d = (%v, %v), want %v", i, xs[i], ps[i], w)
		}
	}
	// Past the exact range: buckets, at most n points, ending at 1.
	var b Sketch
	for i := range exactSamples + 1000 {
		b.Add(float64(i%5000) / 1000)
	}
	xs, ps = b.CDF(50)
	if len(xs) > 50 || ps[len(ps)-1] != 1 || xs[len(xs)-1] > b.Max() {
		t.Fatalf("%d points, last (%v, %v)", len(xs), xs[len(xs)-1], ps[len(ps)-1])
	}
	for i := 1; i < len(xs); i++ {
		if xs[i] < xs[i-1] || ps[i] < ps[i-1] {
			t.Fatalf("not ascending at %d", i)
		}
	}
}
