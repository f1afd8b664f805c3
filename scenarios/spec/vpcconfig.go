package spec

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Keys of the AWS CLI's --vpc-config shorthand.
const (
	keySubnets   = "SubnetIds"
	keySGs       = "SecurityGroupIds"
	keyDualStack = "Ipv6AllowedForDualStack"
)

var shorthandKeys = []string{keySubnets, keySGs, keyDualStack}

const shorthandHint = "write SubnetIds=a,b,SecurityGroupIds=x,y (SubnetIds=[],SecurityGroupIds=[] for no VPC)"

// ParseVPCConfig parses the AWS CLI's --vpc-config shorthand:
// SubnetIds=a,b,SecurityGroupIds=x,y with an optional
// Ipv6AllowedForDualStack=true|false, parts in any order, lists written
// bare or in brackets ([a,b]). SubnetIds=[],SecurityGroupIds=[] is a
// detached configuration (empty lists, not nil).
func ParseVPCConfig(s string) (*VPCConfig, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("empty vpcConfig: " + shorthandHint)
	}
	tokens, err := splitTopLevel(s)
	if err != nil {
		return nil, err
	}
	parts := map[string][]string{}
	var order []string
	for _, tok := range tokens {
		key, val, isKey := strings.Cut(tok, "=")
		if !isKey {
			if len(order) == 0 {
				return nil, fmt.Errorf("expected KEY=VALUE at %q: %s", tok, shorthandHint)
			}
			last := order[len(order)-1]
			parts[last] = append(parts[last], tok)
			continue
		}
		key = strings.TrimSpace(key)
		if !slices.Contains(shorthandKeys, key) {
			return nil, fmt.Errorf("unknown key %q%s; valid keys: %s%s", key, hint(key, shorthandKeys), strings.Join(shorthandKeys, ", "), nearHint(key, shorthandKeys))
		}
		if _, dup := parts[key]; dup {
			return nil, fmt.Errorf("%s is given twice", key)
		}
		order = append(order, key)
		parts[key] = []string{val}
	}
	return vpcConfigFromParts(parts)
}

// splitTopLevel splits s at the commas that are not inside brackets.
func splitTopLevel(s string) ([]string, error) {
	var out []string
	start, open := 0, -1
	for i, r := range s {
		switch r {
		case '[':
			if open >= 0 {
				return nil, fmt.Errorf("nested [ at %q", s[i:])
			}
			open = i
		case ']':
			if open < 0 {
				return nil, fmt.Errorf("] without [ at %q", s[i:])
			}
			open = -1
		case ',':
			if open < 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	if open >= 0 {
		return nil, fmt.Errorf("[ without ] at %q", s[open:])
	}
	return append(out, strings.TrimSpace(s[start:])), nil
}

func vpcConfigFromParts(parts map[string][]string) (*VPCConfig, error) {
	c := &VPCConfig{SubnetIDs: []string{}, SecurityGroupIDs: []string{}}
	for _, key := range []string{keySubnets, keySGs} {
		vals, ok := parts[key]
		if !ok {
			return nil, fmt.Errorf("%s is missing: %s", key, shorthandHint)
		}
		ids, err := shorthandList(key, vals)
		if err != nil {
			return nil, err
		}
		if key == keySubnets {
			c.SubnetIDs = ids
		} else {
			c.SecurityGroupIDs = ids
		}
	}
	if vals, ok := parts[keyDualStack]; ok {
		if len(vals) != 1 || (vals[0] != "true" && vals[0] != "false") {
			return nil, fmt.Errorf("%s takes true or false, not %q", keyDualStack, strings.Join(vals, ","))
		}
		c.IPv6DualStack = vals[0] == "true"
	}
	return c, checkIDLists(c)
}

// shorthandList turns the values written after KEY= into ids: a bracketed
// list ([a,b] or []) or bare ids separated by commas.
func shorthandList(key string, vals []string) ([]string, error) {
	first := strings.TrimSpace(vals[0])
	if strings.HasPrefix(first, "[") {
		if len(vals) > 1 || !strings.HasSuffix(first, "]") {
			return nil, fmt.Errorf("%s=%s: a bracketed list must be the whole value", key, strings.Join(vals, ","))
		}
		inner := strings.TrimSpace(first[1 : len(first)-1])
		if inner == "" {
			return []string{}, nil
		}
		vals = strings.Split(inner, ",")
	}
	ids := make([]string, 0, len(vals))
	for _, v := range vals {
		v = strings.TrimSpace(v)
		switch {
		case v == "" && len(vals) == 1:
			return nil, fmt.Errorf("%s= has no ids; write %s=[] for none", key, key)
		case v == "":
			return nil, fmt.Errorf("%s: empty id in %q", key, strings.Join(vals, ","))
		case strings.ContainsAny(v, "=[] \t"):
			return nil, fmt.Errorf("%s: %q is not an id", key, v)
		}
		ids = append(ids, v)
	}
	return ids, nil
}

// checkIDLists refuses an id listed twice, and subnets without security
// groups or the reverse (Lambda needs both or neither).
func checkIDLists(c *VPCConfig) error {
	for _, list := range [][]string{c.SubnetIDs, c.SecurityGroupIDs} {
		seen := make(map[string]bool, len(list))
		for _, id := range list {
			if seen[id] {
				return fmt.Errorf("%s is listed twice", id)
			}
			seen[id] = true
		}
	}
	if (len(c.SubnetIDs) == 0) != (len(c.SecurityGroupIDs) == 0) {
		return errors.New("give both subnets and security groups, or neither (detached)")
	}
	return nil
}

// vpcConfig decodes a vpcConfig value: the shorthand string or the long
// form {subnetIds, securityGroupIds, ipv6AllowedForDualStack}.
func (d *decoder) vpcConfig(n *node, path string) *VPCConfig {
	if n.kind == scalarNode {
		c, err := ParseVPCConfig(n.text)
		if err != nil {
			d.errorf(n.pos, "%s: %v", path, err)
			return nil
		}
		c.Pos = n.pos
		return c
	}
	f := d.fields(n, path, "subnetIds", "securityGroupIds", "ipv6AllowedForDualStack")
	if f.n == nil {
		return nil
	}
	c := &VPCConfig{Pos: n.pos, SubnetIDs: []string{}, SecurityGroupIDs: []string{}}
	if v := f.require("subnetIds"); v != nil {
		c.SubnetIDs = append(c.SubnetIDs, d.strings(v, f.sub("subnetIds"))...)
	}
	if v := f.require("securityGroupIds"); v != nil {
		c.SecurityGroupIDs = append(c.SecurityGroupIDs, d.strings(v, f.sub("securityGroupIds"))...)
	}
	c.IPv6DualStack = f.boolOr("ipv6AllowedForDualStack", false)
	if f.get("subnetIds") == nil || f.get("securityGroupIds") == nil {
		return nil // already reported
	}
	if err := checkIDLists(c); err != nil {
		d.errorf(n.pos, "%s: %v", path, err)
		return nil
	}
	return c
}
