//go:build !amd64

package vecmath

func tanhGrad64(dst, x, y *float64, n int)             {}
func tanhGrad32(dst, x, y *float32, n int)             {}
func mulScale64(dst, x, y *float64, c float64, n int)  {}
func mulScale32(dst, x, y *float32, c float32, n int)  {}
func scaleMul64(dst, x, y *float64, c float64, n int)  {}
func scaleMul32(dst, x, y *float32, c float32, n int)  {}
func mulAdd64(dst, x, y, z, w *float64, n int)         {}
func mulAdd32(dst, x, y, z, w *float32, n int)         {}
func slope64(dst, x *float64, n int)                   {}
func slope32(dst, x *float32, n int)                   {}
func mulScaled64(dst, x, y *float64, c float64, n int) {}
func mulScaled32(dst, x, y *float32, c float32, n int) {}
