package main

import (
	"flag"
	"strconv"
	"strings"

	"github.com/pkg/errors"
)

// bytesFlag is a byte count given as a number with an optional binary
// suffix: 512M, 4G, 1T (K, M, G, T; "iB" or "B" may follow).
type bytesFlag uint64

func (b *bytesFlag) String() string { return strconv.FormatUint(uint64(*b), 10) }

func (b *bytesFlag) Set(s string) error {
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B"), "I")
	shift := 0
	if n := len(t); n > 0 {
		if i := strings.IndexByte("KMGT", t[n-1]); i >= 0 {
			shift, t = 10*(i+1), t[:n-1]
		}
	}
	v, err := strconv.ParseUint(t, 10, 64)
	if err != nil || v == 0 || v > (1<<63)>>shift {
		return errors.Errorf("%q is not a positive byte count such as 512M or 4G", s)
	}
	*b = bytesFlag(v << shift)
	return nil
}

// maxMemoryFlag adds -max-memory to fs.
func maxMemoryFlag(fs *flag.FlagSet) *bytesFlag {
	var b bytesFlag
	fs.Var(&b, "max-memory", "refuse sizes whose estimated memory exceeds this, such as 4G (default: the physical memory)")
	return &b
}
