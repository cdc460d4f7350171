package graph

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// statsWork is SampleStats.Compute's scratch space, kept between calls.
type statsWork struct {
	ones    *mat.Dense
	bufs    [][]float64   // float32 values converted, one per matrix read
	hs, ds  [][]mat.Dense // per parameter, per use site: layer input and delta
	seed    []float64     // ∂mean(r²)/∂r_i = 2 r_i / n, for a fused term
	scratch []pairWork    // one per worker
}

// pairWork is one worker's scratch space for the products of a parameter.
type pairWork struct {
	hh, dd, cd []float64 // n×rows and n×cols products, row-major
	S, M, G    []float64 // rows×cols sums
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
// the gradient of mean(r²) with respect to parameter k (a fused term's);
// mean may be nil when it is not wanted.
func (st *SampleStats) compute(sq, mean, grad []*tensor.Dense, weight float64) error {
	refresh(st.copies)
	if len(sq) != len(st.params) || (mean != nil && len(mean) != len(st.params)) || (grad != nil && len(grad) != len(st.params)) {
		return errors.Errorf("graph: SampleStats.Compute needs %d tensors, got %d and %d", len(st.params), len(sq), len(mean))
	}
	if err := st.vm.run(); err != nil {
		return errors.Wrap(err, "graph: SampleStats run")
	}
	st.read(grad != nil)
	w := &st.work
	workers := min(runtime.GOMAXPROCS(0), len(st.order))
	for len(w.scratch) < workers {
		w.scratch = append(w.scratch, pairWork{})
	}
	// Parameters are independent: workers take them in turn, largest first.
	var next atomic.Int64
	work := func(pw *pairWork) {
		for {
			i := int(next.Add(1)) - 1
			if i >= len(st.order) {
				return
			}
			k := st.order[i]
			st.products(pw, k, mean != nil, grad != nil)
			inv := 1 / float64(st.n)
			setFrom(sq[k], pw.S, inv)
			if mean != nil {
				setFrom(mean[k], pw.M, inv)
			}
			if grad != nil {
				setFrom(grad[k], pw.G, weight)
			}
		}
	}
	var wg sync.WaitGroup
	for j := 1; j < workers; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(&w.scratch[j])
		}()
	}
	work(&w.scratch[0])
	wg.Wait()
	return nil
}

// read views the last run's layer inputs and deltas as float64 gonum
// matrices, and with seed the per-point factor of the loss gradient.
func (st *SampleStats) read(seed bool) {
	w := &st.work
	if w.ones == nil {
		w.ones = mat.NewDense(st.n, 1, nil)
		for i := 0; i < st.n; i++ {
			w.ones.Set(i, 0, 1)
		}
		w.hs, w.ds = make([][]mat.Dense, len(st.params)), make([][]mat.Dense, len(st.params))
		for k, sites := range st.sites {
			w.hs[k], w.ds[k] = make([]mat.Dense, len(sites)), make([]mat.Dense, len(sites))
		}
	}
	read := 0 // matrices read so far, to index w.bufs
	for k, sites := range st.sites {
		for s, u := range sites {
			if u.kind == opAddRow {
				w.hs[k][s] = *w.ones
			} else {
				w.hs[k][s] = *w.denseOf(u.h.Value(), read)
				read++
			}
			w.ds[k][s] = *w.denseOf(st.deltas[u.probe].Value(), read)
			read++
		}
	}
	if seed {
		if len(w.seed) != st.n {
			w.seed = make([]float64, st.n)
		}
		readColumn(st.r, w.seed)
		for i := range w.seed {
			w.seed[i] *= 2 / float64(st.n)
		}
	}
}

// products sets pw.S = Σ_{s,s'} (h_s⊙h_s')ᵀ(δ_s⊙δ_s') for parameter k,
// with mean pw.M = Σ_s h_sᵀδ_s, and with grad pw.G = Σ_s h_sᵀ(c ⊙ δ_s), c
// the seed. The products accumulate in place (BLAS's β = 1).
func (st *SampleStats) products(pw *pairWork, k int, mean, grad bool) {
	// Not st.params[k].Value.Shape(): the terms' machines transpose the
	// shared tensors in place while this runs.
	rows, cols := st.shapes[k][0], st.shapes[k][1]
	n := st.n
	hs, ds := st.work.hs[k], st.work.ds[k]
	pw.S = zeroed(pw.S, rows*cols)
	pw.M = zeroed(pw.M, rows*cols)
	pw.G = zeroed(pw.G, rows*cols)
	pw.hh = resize(pw.hh, n*rows)
	pw.dd = resize(pw.dd, n*cols)
	pw.cd = resize(pw.cd, n*cols)
	S := blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: pw.S}
	M := blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: pw.M}
	G := blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: pw.G}
	hh := blas64.General{Rows: n, Cols: rows, Stride: rows, Data: pw.hh}
	dd := blas64.General{Rows: n, Cols: cols, Stride: cols, Data: pw.dd}
	cd := blas64.General{Rows: n, Cols: cols, Stride: cols, Data: pw.cd}
	for a := range hs {
		ha, da := hs[a].RawMatrix(), ds[a].RawMatrix()
		if mean {
			blas64.Gemm(blas.Trans, blas.NoTrans, 1, ha, da, 1, M)
		}
		if grad {
			for i, c := range st.work.seed {
				row := cd.Data[i*cols : (i+1)*cols]
				for j, v := range da.Data[i*da.Stride : i*da.Stride+cols] {
					row[j] = c * v
				}
			}
			blas64.Gemm(blas.Trans, blas.NoTrans, 1, ha, cd, 1, G)
		}
		for b := a; b < len(hs); b++ {
			hb, db := hs[b].RawMatrix(), ds[b].RawMatrix()
			mulElem(hh, ha, hb)
			mulElem(dd, da, db)
			alpha := 2.0 // the pairs (a, b) and (b, a)
			if b == a {
				alpha = 1
			}
			blas64.Gemm(blas.Trans, blas.NoTrans, alpha, hh, dd, 1, S)
		}
	}
}

// mulElem sets dst = a ⊙ b for matrices of dst's shape.
func mulElem(dst, a, b blas64.General) {
	for i := 0; i < dst.Rows; i++ {
		d := dst.Data[i*dst.Stride : i*dst.Stride+dst.Cols]
		ar := a.Data[i*a.Stride : i*a.Stride+dst.Cols]
		br := b.Data[i*b.Stride : i*b.Stride+dst.Cols]
		for j := range d {
			d[j] = ar[j] * br[j]
		}
	}
}

// resize returns s with length n, reallocated only when too short.
func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// zeroed returns s resized to n and set to zero.
func zeroed(s []float64, n int) []float64 {
	s = resize(s, n)
	clear(s)
	return s
}

// denseOf returns a Gorgonia matrix value as a float64 gonum matrix: the
// value's own data for float64, else a copy into the i-th buffer of w.
func (w *statsWork) denseOf(v gorgonia.Value, i int) *mat.Dense {
	s := v.Shape()
	r, c := s[0], 1
	if len(s) > 1 {
		c = s[1]
	}
	switch d := v.Data().(type) {
	case []float64:
		return mat.NewDense(r, c, d[:r*c])
	case []float32:
		for len(w.bufs) <= i {
			w.bufs = append(w.bufs, nil)
		}
		if cap(w.bufs[i]) < r*c {
			w.bufs[i] = make([]float64, r*c)
		}
		out := w.bufs[i][:r*c]
		for j, x := range d[:r*c] {
			out[j] = float64(x)
		}
		return mat.NewDense(r, c, out)
	}
	return mat.NewDense(r, c, nil)
}

// setFrom sets t = c·m for the row-major values m of t's shape, in t's
// dtype.
func setFrom(t *tensor.Dense, m []float64, c float64) {
	switch d := t.Data().(type) {
	case []float64:
		for i := range d {
			d[i] = c * m[i]
		}
	case []float32:
		for i := range d {
			d[i] = float32(c * m[i])
		}
	}
}
