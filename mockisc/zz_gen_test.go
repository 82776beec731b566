package mockisc

import (
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZGen(t *testing.T) {
	c0, t0 := cpuNow(), time.Now()
	s := New(t, WithoutListener(), WithGenerated(1000000, 1))
	t.Logf("1M: wall %v cpu %v", time.Since(t0), cpuNow()-c0)
	_ = s
}
