package cloudformation

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/internal/realworld"
)

// realworldCase is one CloudFormation, SAM, CDK or Serverless case of the
// shared realworld folder, with what its README works out.
type realworldCase struct {
	name     string
	files    []string
	params   map[string]string
	sls      bool             // a serverless.yml
	keys     []string         // the distinct (subnet, SG set) pairs = expected ENIs
	capacity map[string]int   // Lambda subnet -> usable addresses (2^(32-prefix) - 5)
	peakIPs  map[string]int64 // subnet -> addresses in use at the peak, where the README states them
	cidrs    map[string]string
	wantErr  []string // the import must fail naming each
}

// TestRealworld imports every CloudFormation/SAM/CDK/Serverless case of
// the shared realworld folder (its README lists each), writes, loads and
// runs the scenario, and checks the keys, the run's ENIs, the subnets'
// capacities and, where the README states them, the addresses in use.
// The run (importer.Verify, which enisim import prints) must agree with
// the layout's own keys: the import never contradicts the run.
func TestRealworld(t *testing.T) {
	dir := realworld.Dir(t)
	glob := func(patterns ...string) []string {
		var out []string
		for _, p := range patterns {
			m, _ := filepath.Glob(filepath.Join(dir, p))
			out = append(out, m...)
		}
		return out
	}
	for _, c := range realworldCases(glob) {
		t.Run(c.name, func(t *testing.T) {
			if len(c.files) == 0 {
				t.Fatalf("no file of this case in %s", dir)
			}
			l, err := importCase(c)
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("imported with keys %v; want an error", realworld.Keys(l))
				}
				for _, s := range c.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error does not name %q:\n%v", s, err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := realworld.Keys(l); !slices.Equal(got, c.keys) {
				t.Errorf("keys = %q\nwant %q", got, c.keys)
			}
			checkRun(t, l, c)
		})
	}
}

func importCase(c realworldCase) (*importer.Layout, error) {
	if !c.sls {
		return Import(c.files, Options{Params: c.params})
	}
	data, err := os.ReadFile(c.files[0])
	if err != nil {
		return nil, err
	}
	return ImportServerless(c.files[0], data, ServerlessOptions{Vars: c.params})
}

// checkRun writes, loads and runs the layout and checks the run.
func checkRun(t *testing.T, l *importer.Layout, c realworldCase) {
	t.Helper()
	sum, _ := writeAndRun(t, l)
	if !slices.Equal(sum.Keys, c.keys) || sum.ENIs != int64(len(c.keys)) || len(sum.Refused) != 0 {
		t.Errorf("run: keys %q, %d ENIs, refused %v; want the import's %d keys, one ENI each, none refused",
			sum.Keys, sum.ENIs, sum.Refused, len(c.keys))
	}
	got := map[string]importer.SubnetSummary{}
	for _, s := range sum.Subnets {
		got[s.ID] = s
	}
	for id, want := range c.capacity {
		if got[id].CapacityIPs != want {
			t.Errorf("subnet %s: capacity %d, want %d", id, got[id].CapacityIPs, want)
		}
	}
	for id, want := range c.peakIPs {
		if got[id].PeakIPsUsed != want {
			t.Errorf("subnet %s: %d addresses in use at the peak, want %d", id, got[id].PeakIPsUsed, want)
		}
	}
	for _, v := range l.VPCs {
		for _, s := range v.Subnets {
			if want, ok := c.cidrs[s.ID]; ok && s.CIDR != want {
				t.Errorf("subnet %s: CIDR %s, want %s (EC2's canonical form)", s.ID, s.CIDR, want)
			}
		}
	}
}

// TestRealworldAllParse imports every template file of the folder alone:
// each gives a layout or an error naming a file, never a panic.
func TestRealworldAllParse(t *testing.T) {
	dir := realworld.Dir(t)
	ents, _ := os.ReadDir(dir)
	n := 0
	for _, e := range ents {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".cform") {
			continue
		}
		n++
		l, err := Import([]string{filepath.Join(dir, e.Name())}, Options{})
		if err == nil && l == nil || err != nil && !strings.Contains(err.Error(), e.Name()) {
			t.Errorf("%s: layout %v, error %v; want a layout, or an error naming the file", e.Name(), l, err)
		}
	}
	if n < 20 {
		t.Errorf("only %d template files in %s", n, dir)
	}
}
