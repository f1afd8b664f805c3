package cloudformation

import (
	"strings"
	"testing"
	"time"
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
	start := time.Now()
	_, err := ImportBytes([]string{"bomb.yaml"}, [][]byte{[]byte(b.String())}, Options{})
	t.Log(err)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func itoa(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }
