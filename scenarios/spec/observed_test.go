package spec

import (
	"reflect"
	"testing"
)

func TestObserved(t *testing.T) {
	s, err := parseSrc(net + `observed:
  - {subnet: subnet-a, securityGroups: [sg-b, sg-a, sg-a], enis: 2}
  - subnet: subnet-elsewhere
    securityGroups: [sg-other]
    enis: 0
`)
	if err != nil {
		t.Fatal(err)
	}
	want := []ObservedKey{
		{Subnet: "subnet-a", SecurityGroups: []string{"sg-a", "sg-b"}, ENIs: 2, Pos: Pos{"s.yaml", 13, 5}},
		{Subnet: "subnet-elsewhere", SecurityGroups: []string{"sg-other"}, ENIs: 0, Pos: Pos{"s.yaml", 14, 5}},
	}
	if !reflect.DeepEqual(s.Observed, want) {
		t.Errorf("Observed = %+v\nwant %+v", s.Observed, want)
	}
	if k := s.Observed[0].Key(); k != "subnet-a|sg-a,sg-b" {
		t.Errorf("Key() = %q", k)
	}
}

func TestObservedErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"not a list", "observed: 3\n", []string{"s.yaml:12:11: observed: expected a list"}},
		{"missing enis", "observed:\n  - {subnet: subnet-a, securityGroups: [sg-a]}\n",
			[]string{`s.yaml:13:5: observed.0: missing required key "enis"`}},
		{"negative", "observed:\n  - {subnet: subnet-a, securityGroups: [sg-a], enis: -1}\n",
			[]string{"s.yaml:13:54: observed.0.enis"}},
		{"unknown key", "observed:\n  - {subnet: subnet-a, securityGroups: [sg-a], enis: 1, eni: 2}\n",
			[]string{`s.yaml:13:57: observed.0: unknown key "eni"`}},
		{"twice", "observed:\n  - {subnet: subnet-a, securityGroups: [sg-a, sg-b], enis: 1}\n  - {subnet: subnet-a, securityGroups: [sg-b, sg-a], enis: 2}\n",
			[]string{"s.yaml:14:5: observed.1: subnet subnet-a with {sg-a, sg-b} is listed twice (first at line 13)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseSrc(net + c.src)
			checkErrors(t, err, c.want...)
		})
	}
}
