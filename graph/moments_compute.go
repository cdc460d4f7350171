package graph

import (
	"runtime"
	"unsafe"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gorgonia.org/tensor"
)

// float is the element type of a graph's values.
type float interface{ float32 | float64 }

// matrix is a row-major view of a graph value.
type matrix[T float] struct {
	rows, cols int
	data       []T
}

// statsWork is SampleStats.Compute's scratch space for values of type T,
// kept between calls.
type statsWork[T float] struct {
	ones    []T
	hs, ds  [][]matrix[T] // per parameter, per use site: layer input and delta
	seed    []T           // ∂mean(r²)/∂r_i = 2 r_i / n, for a fused term
	scratch []pairWork[T] // one per worker
	pairs   bool          // take the pair products even where there are kernels (tests)
}

// pairWork is one worker's scratch space for the products of a parameter.
type pairWork[T float] struct {
	hh, dd, cd []T              // n×rows and n×cols products
	S, M, G    []T              // rows×cols sums
	ptrs       []unsafe.Pointer // the tiles' stream pairs
}

// Compute evaluates the statistics at the current inputs and parameter
// values into sq and mean (one tensor per network parameter, in
// Network.Params order, of the parameters' shapes and dtype; mean may be
// nil, which saves a matrix product per use of a parameter). It works on
// its own copies of the parameters and inputs, so it may run beside the
// loss terms' machines (Loss.Compute does).
func (st *SampleStats) Compute(sq, mean []*tensor.Dense) error {
	return st.compute(sq, mean, nil, 0)
}

// compute is Compute that, given grad, also sets grad[k] to weight times
// the gradient of mean(r²) with respect to parameter k (a fused term's).
func (st *SampleStats) compute(sq, mean, grad []*tensor.Dense, weight float64) error {
	refresh(st.copies)
	if len(sq) != len(st.params) || (mean != nil && len(mean) != len(st.params)) || (grad != nil && len(grad) != len(st.params)) {
		return errors.Errorf("graph: SampleStats.Compute needs %d tensors, got %d and %d", len(st.params), len(sq), len(mean))
	}
	if err := st.vm.run(); err != nil {
		return errors.Wrap(err, "graph: SampleStats run")
	}
	// The products run in the graph's own precision (float32 with BLAS's
	// sgemm).
	switch w := st.work.(type) {
	case *statsWork[float64]:
		sums(st, w, sq, mean, grad, weight)
	case *statsWork[float32]:
		sums(st, w, sq, mean, grad, weight)
	}
	return nil
}

// sums reads the last run's values into w and sets the statistics (and
// grad) of every parameter; workers take the parameters in turn, largest
// first, as they are independent.
func sums[T float](st *SampleStats, w *statsWork[T], sq, mean, grad []*tensor.Dense, weight float64) {
	w.read(st, grad != nil)
	workers := min(max(1, runtime.GOMAXPROCS(0)/st.share), len(st.order))
	for len(w.scratch) < workers {
		w.scratch = append(w.scratch, pairWork[T]{})
	}
	inv := 1 / float64(st.n)
	parallel(workers, len(st.order), func(j, i int) {
		k, pw := st.order[i], &w.scratch[j]
		w.products(pw, st.shapes[k], k, mean != nil, grad != nil)
		setFrom(sq[k], pw.S, inv)
		if mean != nil {
			setFrom(mean[k], pw.M, inv)
		}
		if grad != nil {
			setFrom(grad[k], pw.G, weight)
		}
	})
}

// read views the last run's layer inputs and deltas, and with seed sets
// the per-point factor of the loss gradient.
func (w *statsWork[T]) read(st *SampleStats, seed bool) {
	if w.ones == nil {
		w.ones = make([]T, st.n)
		for i := range w.ones {
			w.ones[i] = 1
		}
		w.hs, w.ds = make([][]matrix[T], len(st.params)), make([][]matrix[T], len(st.params))
		for k, sites := range st.sites {
			w.hs[k], w.ds[k] = make([]matrix[T], len(sites)), make([]matrix[T], len(sites))
		}
	}
	for k, sites := range st.sites {
		for s, u := range sites {
			if u.kind == opAddRow {
				w.hs[k][s] = matrix[T]{rows: st.n, cols: 1, data: w.ones}
			} else {
				w.hs[k][s] = matrixOf[T](u.h)
			}
			w.ds[k][s] = matrixOf[T](st.deltas[u.probe])
		}
	}
	if seed {
		w.seed = resize(w.seed, st.n)
		c := T(2 / float64(st.n))
		for i, v := range st.r.Data().([]T)[:st.n] {
			w.seed[i] = c * v
		}
	}
}

// matrixOf views a node's n×m (or n) value.
func matrixOf[T float](n *Node) matrix[T] {
	v := n.Value()
	s := v.Shape()
	r, c := s[0], 1
	if len(s) > 1 {
		c = s[1]
	}
	return matrix[T]{rows: r, cols: c, data: v.Data().([]T)[:r*c]}
}

// products sets pw.S = Σ_i g_i⊙g_i for parameter k of the given shape,
// g_i = Σ_s h_s[i]ᵀδ_s[i] its per-sample gradients, with mean
// pw.M = Σ_s h_sᵀδ_s, and with grad pw.G = Σ_s h_sᵀ(c ⊙ δ_s), c the seed.
// Where there is no kernel for the g_i (tiles), pw.S is the pair identity
// Σ_{s,s'} (h_s⊙h_s')ᵀ(δ_s⊙δ_s'), whose products accumulate in place
// (BLAS's β = 1).
func (w *statsWork[T]) products(pw *pairWork[T], shape [2]int, k int, mean, grad bool) {
	// The shape is not read from the parameter: the terms' machines
	// transpose the shared tensors in place while this runs.
	rows, cols := shape[0], shape[1]
	hs, ds := w.hs[k], w.ds[k]
	n := len(w.ones)
	pw.S, pw.M, pw.G = zeroed(pw.S, rows*cols), zeroed(pw.M, rows*cols), zeroed(pw.G, rows*cols)
	if rows == 1 || cols == 1 {
		w.direct(pw, hs, ds, rows == 1)
		return
	}
	S := matrix[T]{rows, cols, pw.S}
	M := matrix[T]{rows, cols, pw.M}
	G := matrix[T]{rows, cols, pw.G}
	if mean {
		for a := range hs {
			gemmTN(1, hs[a], ds[a], M)
		}
	}
	c := w.seed
	if !grad {
		c = w.ones // G is then computed and not read
	}
	if w.tiles(pw, hs, ds, rows, cols, c[:n]) {
		return
	}
	hh := matrix[T]{n, rows, resize(pw.hh, n*rows)}
	dd := matrix[T]{n, cols, resize(pw.dd, n*cols)}
	cd := matrix[T]{n, cols, resize(pw.cd, n*cols)}
	pw.hh, pw.dd, pw.cd = hh.data, dd.data, cd.data
	for a := range hs {
		if grad {
			for i, c := range w.seed {
				row, d := cd.data[i*cols:(i+1)*cols], ds[a].data[i*cols:(i+1)*cols]
				for j, v := range d {
					row[j] = c * v
				}
			}
			gemmTN(1, hs[a], cd, G)
		}
		for b := a; b < len(hs); b++ {
			mulElem(hh.data, hs[a].data, hs[b].data)
			mulElem(dd.data, ds[a].data, ds[b].data)
			alpha := 2.0 // the pairs (a, b) and (b, a)
			if b == a {
				alpha = 1
			}
			gemmTN(alpha, hh, dd, S)
		}
	}
}

// direct sets pw.S, pw.M and pw.G from the per-sample gradients
// themselves, for a parameter with one row (byRow: the layer inputs are
// columns, as for biases and first-layer rows) or one column (the deltas
// are): each g_i = Σ_s h_s,i δ_s,i is then a vector, cheaper to form than
// the pair products.
func (w *statsWork[T]) direct(pw *pairWork[T], hs, ds []matrix[T], byRow bool) {
	vecs, mats := hs, ds
	if !byRow {
		vecs, mats = ds, hs
	}
	m := len(pw.S)
	g := resize(pw.cd, m)
	pw.cd = g
	for i := range w.ones {
		clear(g)
		for s, v := range vecs {
			c, r := v.data[i], mats[s].data[i*m:(i+1)*m]
			for j := range g {
				g[j] += c * r[j]
			}
		}
		var c T
		if w.seed != nil {
			c = w.seed[i]
		}
		S, M, G := pw.S[:m], pw.M[:m], pw.G[:m]
		for j, v := range g {
			S[j] += v * v
			M[j] += v
			G[j] += c * v
		}
	}
}

// gemmTN sets c += alpha · aᵀb.
func gemmTN[T float](alpha float64, a, b, c matrix[T]) {
	switch ad := any(a.data).(type) {
	case []float64:
		blas64.Gemm(blas.Trans, blas.NoTrans, alpha,
			blas64.General{Rows: a.rows, Cols: a.cols, Stride: a.cols, Data: ad},
			blas64.General{Rows: b.rows, Cols: b.cols, Stride: b.cols, Data: any(b.data).([]float64)},
			1, blas64.General{Rows: c.rows, Cols: c.cols, Stride: c.cols, Data: any(c.data).([]float64)})
	case []float32:
		blas32.Gemm(blas.Trans, blas.NoTrans, float32(alpha),
			blas32.General{Rows: a.rows, Cols: a.cols, Stride: a.cols, Data: ad},
			blas32.General{Rows: b.rows, Cols: b.cols, Stride: b.cols, Data: any(b.data).([]float32)},
			1, blas32.General{Rows: c.rows, Cols: c.cols, Stride: c.cols, Data: any(c.data).([]float32)})
	}
}

// mulElem sets dst = a ⊙ b (same lengths).
func mulElem[T float](dst, a, b []T) { mulVec(dst, a[:len(dst)], b[:len(dst)]) }

// resize returns s with length n, reallocated only when too short.
func resize[T float](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// zeroed returns s resized to n and set to zero.
func zeroed[T float](s []T, n int) []T {
	s = resize(s, n)
	clear(s)
	return s
}

// setFrom sets t = c·m for the row-major values m of t's shape and dtype.
func setFrom[T float](t *tensor.Dense, m []T, c float64) {
	d := t.Data().([]T)
	for i := range d {
		d[i] = T(c * float64(m[i]))
	}
}
