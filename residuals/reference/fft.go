package reference

import "math"

func cosPi(x float64) float64 { return math.Cos(math.Pi * x) }
