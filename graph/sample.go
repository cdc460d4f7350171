package graph

import (
	"math/rand/v2"

	"github.com/pkg/errors"
)

// Method is how points are drawn in the unit cube.
type Method int

const (
	// Uniform draws independent uniform points.
	Uniform Method = iota
	// LatinHypercube draws one point per stratum along every axis.
	LatinHypercube
)

// ParseMethod maps "uniform" and "lhs" to a Method.
func ParseMethod(s string) (Method, error) {
	switch s {
	case "", "uniform":
		return Uniform, nil
	case "lhs", "latin-hypercube":
		return LatinHypercube, nil
	}
	return 0, errors.Errorf("graph: unknown sampling method %q (want uniform or lhs)", s)
}

func (m Method) String() string {
	if m == LatinHypercube {
		return "lhs"
	}
	return "uniform"
}

// Source draws collocation points from a seeded generator whose state can
// be saved and restored, so a resumed run draws the same points.
type Source struct {
	pcg    *rand.PCG
	rng    *rand.Rand
	method Method
}

// NewSource returns a source seeded with seed.
func NewSource(seed uint64, m Method) *Source {
	pcg := rand.NewPCG(seed, 0xda3e39cb94b95bdb)
	return &Source{pcg: pcg, rng: rand.New(pcg), method: m}
}

// Rand returns the source's generator.
func (s *Source) Rand() *rand.Rand { return s.rng }

// Cube returns n points in [0,1)^dim, cube[i][j] being coordinate j of point i.
func (s *Source) Cube(n, dim int) [][]float64 {
	// One allocation rather than n: Next draws fresh points every step.
	buf := make([]float64, n*dim)
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = buf[i*dim : (i+1)*dim : (i+1)*dim]
	}
	for j := 0; j < dim; j++ {
		var perm []int
		if s.method == LatinHypercube {
			perm = s.rng.Perm(n)
		}
		for i := range pts {
			u := s.rng.Float64()
			if perm != nil {
				u = (float64(perm[i]) + u) / float64(n)
			}
			pts[i][j] = u
		}
	}
	return pts
}

// MarshalBinary returns the generator state.
func (s *Source) MarshalBinary() ([]byte, error) { return s.pcg.MarshalBinary() }

// UnmarshalBinary restores a state from MarshalBinary.
func (s *Source) UnmarshalBinary(b []byte) error {
	return errors.Wrap(s.pcg.UnmarshalBinary(b), "graph: restoring sampler state")
}

// Domain is an axis-aligned box of named coordinates.
type Domain struct {
	Coords   []string
	Min, Max []float64
	// Time is the time coordinate, one of Coords; "" for a problem
	// without one. Causal weighting and time marching run along it.
	Time string
}

// Validate checks that the box is well formed.
func (d Domain) Validate() error {
	if len(d.Coords) == 0 || len(d.Min) != len(d.Coords) || len(d.Max) != len(d.Coords) {
		return errors.Errorf("graph: domain needs one min and max per coordinate, got %d coords, %d min, %d max", len(d.Coords), len(d.Min), len(d.Max))
	}
	for i, c := range d.Coords {
		if !(d.Min[i] < d.Max[i]) {
			return errors.Errorf("graph: domain coordinate %q has min %v ≥ max %v", c, d.Min[i], d.Max[i])
		}
	}
	if d.Time != "" && d.Index(d.Time) < 0 {
		return errors.Errorf("graph: domain time coordinate %q is not one of %v", d.Time, d.Coords)
	}
	return nil
}

// Index returns the position of coordinate c, or -1.
func (d Domain) Index(c string) int {
	for i, name := range d.Coords {
		if name == c {
			return i
		}
	}
	return -1
}

// Points holds n points as named columns of equal length.
type Points map[string][]float64

// Len returns the number of points.
func (p Points) Len() int {
	for _, col := range p {
		return len(col)
	}
	return 0
}

// box maps unit-cube points to the domain, pinning the coordinates in fixed.
func (d Domain) box(cube [][]float64, fixed map[string]float64) Points {
	// Column by column, so that the maps are read once per coordinate
	// rather than once per point.
	p := Points{}
	j := 0 // the cube coordinate of the next free coordinate
	for k, c := range d.Coords {
		col := make([]float64, len(cube))
		p[c] = col
		if v, ok := fixed[c]; ok {
			for i := range col {
				col[i] = v
			}
			continue
		}
		for i, u := range cube {
			col[i] = d.Min[k] + (d.Max[k]-d.Min[k])*u[j]
		}
		j++
	}
	return p
}

// Sampling is how many points a term draws: Pool points once (none when
// Pool is 0, then Batch fresh points every step) and Batch of them per step
// (all of them when Batch is 0 or at least Pool).
type Sampling struct {
	Pool  int `json:"pool"`
	Batch int `json:"batch"`
}

// Size returns the number of points in one step's batch.
func (s Sampling) Size() int {
	if s.Pool > 0 && (s.Batch <= 0 || s.Batch >= s.Pool) {
		return s.Pool
	}
	return s.Batch
}

// full returns the sampling of a full-batch loss: the whole pool every
// step, or a pool of one batch drawn once when there is no pool.
func (s Sampling) full() Sampling {
	if s.Pool > 0 {
		return Sampling{Pool: s.Pool}
	}
	return Sampling{Pool: s.Batch}
}

// Validate checks the sizes.
func (s Sampling) Validate() error {
	if s.Pool < 0 || s.Batch < 0 || s.Size() < 1 {
		return errors.Errorf("graph: sampling needs pool ≥ 0 and a positive batch size, got pool %d batch %d", s.Pool, s.Batch)
	}
	return nil
}
