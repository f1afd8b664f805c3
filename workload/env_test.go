package workload

import (
	"testing"
	"unsafe"
)

// The environment is three cache lines, with the fields each event reads
// on the line the layout comment in env.go gives them: a field added in
// the wrong place, or one that makes the struct grow, fails here.
func TestEnvLayout(t *testing.T) {
	var e env
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"size", unsafe.Sizeof(e), 3 * 64},
		{"f (first of line 1)", unsafe.Offsetof(e.f), 0},
		// sim's TestTimerLayout puts the handler at 0 and the key at 16:
		// 48 on line 1 and 64, the start of line 2.
		{"timer (across lines 1 and 2)", unsafe.Offsetof(e.timer), 48},
		{"invPorts (first of line 2 after the timer)", unsafe.Offsetof(e.invPorts), 72},
		{"c (last of line 2)", unsafe.Offsetof(e.c) + unsafe.Sizeof(e.c), 128},
		{"sub (first of line 3)", unsafe.Offsetof(e.sub), 128},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
}

// A block of environments starts on a cache line, so each environment's
// lines are its own; the free list hands out the block in address order.
func TestEnvBlockAligned(t *testing.T) {
	r := &Runner{}
	r.newEnvs()
	if len(r.free) != envBlock {
		t.Fatalf("%d environments on the free list, want %d", len(r.free), envBlock)
	}
	first := r.free[len(r.free)-1]
	if a := uintptr(unsafe.Pointer(first)); a%64 != 0 {
		t.Errorf("block at %#x, not on a 64-byte line", a)
	}
	second := r.free[len(r.free)-2]
	if d := uintptr(unsafe.Pointer(second)) - uintptr(unsafe.Pointer(first)); d != unsafe.Sizeof(env{}) {
		t.Errorf("second environment %d bytes after the first, want %d", d, unsafe.Sizeof(env{}))
	}
}
