package importer

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode"
)

// Kebab turns an identifier such as a CloudFormation logical id or a
// Terraform address into a scenario id: lower case, words joined by '-',
// only [a-z0-9-]. "PrivateSubnetAZ1" gives "private-subnet-az1". It returns
// "" when nothing usable is left.
func Kebab(s string) string {
	var b strings.Builder
	rs := []rune(s)
	dash := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	for i, r := range rs {
		switch {
		case r < unicode.MaxASCII && unicode.IsUpper(r):
			// A word starts at an upper-case letter after a lower-case one or a
			// digit ("subnetA"), or at the last capital of a run followed by a
			// lower-case letter ("VPCStack" -> vpc-stack).
			if i > 0 && (isLowerOrDigit(rs[i-1]) ||
				(unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
				dash()
			}
			b.WriteRune(unicode.ToLower(r))
		case r < unicode.MaxASCII && (unicode.IsLower(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			dash()
		}
	}
	return strings.Trim(b.String(), "-")
}

func isLowerOrDigit(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLower(r) || unicode.IsDigit(r))
}

var nameRE = regexp.MustCompile(`[^a-z0-9]+`)

// ScenarioName makes a valid scenario name ([a-z0-9-]+) from free text such
// as a file name; it never returns "".
func ScenarioName(s string) string {
	n := strings.Trim(nameRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if n == "" {
		return "imported"
	}
	return n
}

var plainRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)

// yamlStr writes s as a YAML scalar that reads back as the same string:
// plain when that is unambiguous, else double-quoted (JSON quoting is valid
// YAML).
func yamlStr(s string) string {
	if plainRE.MatchString(s) && !yamlSpecial[strings.ToLower(s)] && !looksNumeric(s) {
		return s
	}
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

var blockPlainRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._/=,-]*$`)

// blockStr is yamlStr for a value in block context, where ',' and '=' are
// plain: the vpcConfig shorthand reads as the CLI's syntax, unquoted.
func blockStr(s string) string {
	if blockPlainRE.MatchString(s) {
		return s
	}
	return yamlStr(s)
}

// yamlSpecial are plain scalars a YAML reader would not take as strings.
var yamlSpecial = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true,
	"off": true, "null": true, "y": true, "n": true,
}

func looksNumeric(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsDigit(r) && r != '.' && r != '-' && r != '_'
	}) < 0
}

// oneLine makes a message safe for a '#' comment.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
