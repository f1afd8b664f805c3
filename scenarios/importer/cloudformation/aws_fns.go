package cloudformation

import (
	"fmt"

	"github.com/enisim/enisim/scenarios/importer"
	"math/big"
	"net/netip"
	"strconv"
)

// getAZs is Fn::GetAZs: the import assumes six zones, <region>a..f (the
// order the console and the default subnets use).
func (e *ev) getAZs(arg *node) (value, error) {
	v, err := e.str(arg, "the Fn::GetAZs region")
	if err != nil {
		return nil, err
	}
	region := asString(v)
	if _, ok := v.(unknown); ok || region == "" {
		region = e.st.s.region
	}
	out := make([]value, 0, 6)
	for _, z := range "abcdef" {
		out = append(out, region+string(z))
	}
	if s := e.st.s; !s.azAssumed[region] {
		s.azAssumed[region] = true
		s.assume(importer.Assumption{Pos: arg.pos(),
			What:     fmt.Sprintf("Fn::GetAZs %s is taken as %sa to %sf, in that order (the account's real zone list is not known)", region, region, region),
			Override: "set az of each subnet in the scenario"})
	}
	return out, nil
}

// cidr is Fn::Cidr [ipBlock, count, cidrBits]: count consecutive blocks of
// cidrBits host bits, from the start of ipBlock, as CloudFormation does.
func (e *ev) cidr(arg *node) (value, error) {
	items, err := args(arg, "Fn::Cidr", 3, 0)
	if err != nil {
		return nil, err
	}
	var s [3]string
	for i := range 3 {
		v, err := e.str(items[i], "a Fn::Cidr argument")
		if err != nil {
			return nil, err
		}
		if u, ok := v.(unknown); ok {
			u.list = true
			return u, nil
		}
		s[i] = v.(string)
	}
	out, err := cidrBlocks(s[0], s[1], s[2])
	if err != nil {
		return nil, errAt(arg, "%s: Fn::Cidr: %v", e.where, err)
	}
	return out, nil
}

func cidrBlocks(block, countS, bitsS string) ([]value, error) {
	p, err := netip.ParsePrefix(block)
	if err != nil {
		return nil, err
	}
	p = p.Masked()
	count, err1 := strconv.Atoi(countS)
	bits, err2 := strconv.Atoi(bitsS)
	total := p.Addr().BitLen()
	newLen := total - bits
	if err1 != nil || err2 != nil || count < 1 || count > 256 || bits < 1 || newLen < p.Bits() {
		return nil, fmt.Errorf("cannot make %s blocks of %s bits in %s", countS, bitsS, p)
	}
	if have := new(big.Int).Lsh(big.NewInt(1), uint(newLen-p.Bits())); have.Cmp(big.NewInt(int64(count))) < 0 {
		return nil, fmt.Errorf("%s has room for %s blocks of %d bits, not %d", p, have, bits, count)
	}
	start := new(big.Int).SetBytes(p.Addr().AsSlice())
	step := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	out := make([]value, count)
	for i := range count {
		n := new(big.Int).Add(start, new(big.Int).Mul(step, big.NewInt(int64(i))))
		b := n.FillBytes(make([]byte, total/8))
		a, _ := netip.AddrFromSlice(b)
		out[i] = netip.PrefixFrom(a, newLen).String()
	}
	return out, nil
}

// canonicalCIDR masks the host bits, as EC2 does when it stores a subnet's
// CidrBlock ("100.68.0.18/18" becomes "100.68.0.0/18").
func canonicalCIDR(s string) (string, bool) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return "", false
	}
	return p.Masked().String(), true
}
