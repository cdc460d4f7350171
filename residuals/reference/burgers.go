package reference

import (
	"fmt"
	"math"

	"github.com/pkg/errors"

	"gonum.org/v1/gonum/integrate/quad"
)

// Burgers is the Cole–Hopf solution of u_t + u u_x = Nu u_xx on x ∈ [−1, 1]
// with u(x, 0) = −sin(πx) and u(±1, t) = 0:
//
//	u(x,t) = −∫ sin(π(x−η)) f(x−η) e^{−η²/4νt} dη / ∫ f(x−η) e^{−η²/4νt} dη,
//	f(y) = exp(−cos(πy) / (2πν)),
//
// evaluated by Gauss–Hermite quadrature with Nodes nodes after η = √(4νt) z.
type Burgers struct {
	Nu    float64
	Nodes int
	z, lw []float64 // nodes and log-weights
}

// NewBurgers returns the solution for viscosity nu with n quadrature nodes.
func NewBurgers(nu float64, n int) *Burgers {
	z, w := make([]float64, n), make([]float64, n)
	quad.Hermite{}.FixedLocations(z, w, math.Inf(-1), math.Inf(1))
	lw := make([]float64, n)
	for k := range w {
		lw[k] = math.Log(w[k])
	}
	return &Burgers{Nu: nu, Nodes: n, z: z, lw: lw}
}

// U returns u(x, t).
func (b *Burgers) U(x, t float64) float64 {
	u, _ := b.UUx(x, t)
	return u
}

// Ux returns ∂u/∂x at (x, t).
func (b *Burgers) Ux(x, t float64) float64 {
	_, ux := b.UUx(x, t)
	return ux
}

// UUx returns u and ∂u/∂x at (x, t) from the same quadrature sums.
func (b *Burgers) UUx(x, t float64) (u, ux float64) {
	if t == 0 {
		return -math.Sin(math.Pi * x), -math.Pi * math.Cos(math.Pi*x)
	}
	c := math.Sqrt(4 * b.Nu * t)
	// f spans e^{±1/(2πν)}: sum in log space, relative to the largest term.
	big := math.Inf(-1)
	expo := make([]float64, len(b.z))
	for k, z := range b.z {
		expo[k] = b.lw[k] - math.Cos(math.Pi*(x-c*z))/(2*math.Pi*b.Nu)
		big = math.Max(big, expo[k])
	}
	// With y = x − cz: u = −N/D, N = Σ sin(πy) f, D = Σ f, f'/f = sin(πy)/(2ν).
	var n, d, dn, dd float64
	for k, z := range b.z {
		e := math.Exp(expo[k] - big)
		s, co := math.Sincos(math.Pi * (x - c*z))
		g := s / (2 * b.Nu)
		n += s * e
		d += e
		dn += (math.Pi*co + s*g) * e
		dd += g * e
	}
	return -n / d, -(dn*d - n*dd) / (d * d)
}

// Key names the viscosity and the number of quadrature nodes.
func (b *Burgers) Key() string { return fmt.Sprintf("burgers nu=%v nodes=%d", b.Nu, b.Nodes) }

// Grid evaluates u on nx points of [−1, 1] and nt points of [0, 1], ends included.
func (b *Burgers) Grid(nx, nt int) (*Grid, error) {
	if !(b.Nu > 0) || b.Nodes < 1 {
		return nil, errors.Errorf("reference: Burgers needs ν > 0 and quadrature nodes, got %v and %d", b.Nu, b.Nodes)
	}
	return Tabulate([2]string{"x", "t"}, Linspace(-1, 1, nx), Linspace(0, 1, nt), b.U), nil
}
