//go:build !amd64

package persample

import "unsafe"

// available is false: there are no kernels for this architecture.
const available = false

func tile64(sq, gr, c *float64, p *unsafe.Pointer, k, n, hs, ds int) {}

func tile32(sq, gr, c *float32, p *unsafe.Pointer, k, n, hs, ds int) {}
