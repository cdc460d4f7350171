//go:build !amd64

package vecmath

func gemvT32(y, a, x *float32, rows, cols, blocks int) {}
func gemvT64(y, a, x *float64, rows, cols, blocks int) {}
