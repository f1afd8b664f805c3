package cloudformation

import (
	"strings"
	"testing"
)

// TestAliasBomb: YAML aliases that describe an exponentially large tree
// end in an error, quickly.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a00: &a00 [x, x]\n")
	for i := 1; i < 40; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [*a" + itoa(i-1) + ", *a" + itoa(i-1) + "]\n")
	}
	b.WriteString("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      VpcConfig: {SubnetIds: {\"Fn::Join\": [\",\", *a39]}}\n")
	// The evaluation step budget must refuse it; were it missing, the
	// expansion (2^40 values) would not finish and go test's timeout would
	// report the hang. No wall-clock bound here: timing belongs in benchmarks.
	_, err := ImportBytes([]string{"bomb.yaml"}, [][]byte{[]byte(b.String())}, Options{})
	if err == nil {
		t.Fatal("a 2^40-value alias expansion was accepted")
	}
}

func itoa(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }
