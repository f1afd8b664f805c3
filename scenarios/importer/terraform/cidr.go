package terraform

import (
	"fmt"
	"math/big"
	"net/netip"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The cidr* functions compute what Terraform's do (IPv4 and IPv6), so
// cidrsubnet(var.vpc_cidr, 8, 1) gives the subnet AWS will create.

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		newbits, err := smallInt(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		s, err := subnet(p, newbits, args[2].AsBigFloat())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(s.String()), nil
	},
})

var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.List(cty.String)), err
		}
		total := p.Addr().BitLen()
		base, end := addrInt(p.Addr()), new(big.Int).Lsh(big.NewInt(1), uint(total-p.Bits()))
		end.Add(end, base)
		next := new(big.Int).Set(base)
		var out []string
		for _, a := range args[1:] {
			nb, err := smallInt(a)
			if err != nil || nb < 1 || p.Bits()+nb > total {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("cidrsubnets: invalid newbits")
			}
			size := new(big.Int).Lsh(big.NewInt(1), uint(total-p.Bits()-nb))
			// Round up to the next boundary of this size, as Terraform does.
			next.Add(next, new(big.Int).Sub(size, big.NewInt(1)))
			next.Div(next, size).Mul(next, size)
			if new(big.Int).Add(next, size).Cmp(end) > 0 {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("cidrsubnets: not enough room in %s", p)
			}
			out = append(out, netip.PrefixFrom(intAddr(next, p.Addr().Is4()), p.Bits()+nb).String())
			next.Add(next, size)
		}
		return strList(out), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		host, acc := args[1].AsBigFloat().Int(nil)
		if acc != big.Exact {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrhost: hostnum must be a whole number")
		}
		size := new(big.Int).Lsh(big.NewInt(1), uint(p.Addr().BitLen()-p.Bits()))
		if host.Sign() < 0 {
			host.Add(host, size) // negative numbers count back from the end
		}
		if host.Sign() < 0 || host.Cmp(size) >= 0 {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrhost: host number %s does not fit in %s", args[1].AsBigFloat().String(), p)
		}
		return cty.StringVal(intAddr(host.Add(host, addrInt(p.Addr())), p.Addr().Is4()).String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parseCIDR(args[0].AsString())
		if err != nil || !p.Addr().Is4() {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrnetmask needs an IPv4 prefix")
		}
		mask := new(big.Int).Lsh(big.NewInt(1), 32)
		mask.Sub(mask, new(big.Int).Lsh(big.NewInt(1), uint(32-p.Bits())))
		return cty.StringVal(intAddr(mask, true).String()), nil
	},
})

// parseCIDR reads a prefix; host bits may be set (Terraform masks them).
func parseCIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return p, fmt.Errorf("invalid CIDR %q", s)
	}
	return netip.PrefixFrom(p.Addr().Unmap(), p.Bits()).Masked(), nil
}

// subnet is cidrsubnet: the netnum-th prefix newbits longer than p.
func subnet(p netip.Prefix, newbits int, netnum *big.Float) (netip.Prefix, error) {
	total := p.Addr().BitLen()
	if newbits < 0 || p.Bits()+newbits > total {
		return p, fmt.Errorf("insufficient address space to extend prefix of %d by %d", p.Bits(), newbits)
	}
	num, acc := netnum.Int(nil)
	limit := new(big.Int).Lsh(big.NewInt(1), uint(newbits))
	if acc != big.Exact || num.Sign() < 0 || num.Cmp(limit) >= 0 {
		return p, fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %s", newbits, netnum.String())
	}
	num.Lsh(num, uint(total-p.Bits()-newbits))
	return netip.PrefixFrom(intAddr(num.Add(num, addrInt(p.Addr())), p.Addr().Is4()), p.Bits()+newbits), nil
}

func smallInt(v cty.Value) (int, error) {
	n, acc := v.AsBigFloat().Int64()
	if acc != big.Exact || n < -1024 || n > 1024 {
		return 0, fmt.Errorf("%s is not a small whole number", v.AsBigFloat().String())
	}
	return int(n), nil
}

func addrInt(a netip.Addr) *big.Int {
	b := a.AsSlice()
	return new(big.Int).SetBytes(b)
}

// intAddr is the address with value n (which fits: callers stay inside a
// prefix of the same family).
func intAddr(n *big.Int, v4 bool) netip.Addr {
	size := 16
	if v4 {
		size = 4
	}
	b := make([]byte, size)
	n.FillBytes(b)
	a, _ := netip.AddrFromSlice(b)
	return a
}
