package vecmath_test

import (
	"fmt"

	"github.com/pinngo/pinn/graph/internal/vecmath"
)

func ExampleTanh32() {
	x := []float32{-20, -1, 0, 0.5, 1, 2, 3, 4, 9}
	y := make([]float32, len(x))
	vecmath.Tanh32(y, x)
	fmt.Printf("%.6f\n", y)
	// Output:
	// [-1.000000 -0.761594 0.000000 0.462117 0.761594 0.964028 0.995055 0.999329 1.000000]
}
