package vecmath

// The kernels of gemvt_amd64.s: y[j] for j < blocks·64 (float32) or
// blocks·32 (float64) of a rows×cols matrix a.

//go:noescape
func gemvT32(y, a, x *float32, rows, cols, blocks int)

//go:noescape
func gemvT64(y, a, x *float64, rows, cols, blocks int)
