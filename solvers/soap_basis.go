package solvers

import (
	"sort"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/mat"
)

// The linear algebra of SOAP on row-major float64 slices: the Kronecker
// factors L (r×r) and R (c×c) of an r×c weight and their eigenbases.

// accumulate sets p ← beta·p + (1−beta)·x xᵀ when left, or
// p ← beta·p + (1−beta)·xᵀ x otherwise, for an r×c matrix x.
func accumulate(p []float64, x *mat.Dense, left bool, beta float64) {
	var xx mat.Dense
	if left {
		xx.Mul(x, x.T())
	} else {
		xx.Mul(x.T(), x)
	}
	for j, v := range xx.RawMatrix().Data {
		p[j] = beta*p[j] + (1-beta)*v
	}
}

// eigenbasis returns the eigenvectors of the symmetric n×n matrix p (its
// upper triangle is read) as the columns of a row-major n×n slice, in
// descending order of eigenvalue as the reference's flipped eigh. The
// reference adds 1e-30·I before eigh to steady its float32 solver; gonum's
// float64 EigenSym needs no such guard.
func eigenbasis(p []float64, n int) ([]float64, error) {
	var es mat.EigenSym
	if !es.Factorize(mat.NewSymDense(n, append([]float64(nil), p...)), true) {
		return nil, errors.New("soap: eigendecomposition of a preconditioner failed")
	}
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	q := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for k := 0; k < n; k++ {
			q[i*n+k] = vecs.At(i, n-1-k)
		}
	}
	return q, nil
}

// refreshBasis makes one power iteration on the eigenbasis q of the n×n
// matrix p, in place: it orders q's columns by their estimated eigenvalues
// qₖᵀ p qₖ, largest first (a stable sort), and replaces q by the Q factor
// of p q. It returns the ordering: column k of the result comes from old
// column perm[k].
func refreshBasis(p, q []float64, n int) []int {
	qm := mat.NewDense(n, n, q)
	var pq mat.Dense
	pq.Mul(mat.NewDense(n, n, p), qm)
	est := make([]float64, n)
	perm := make([]int, n)
	for k := range perm {
		perm[k] = k
		est[k] = mat.Dot(qm.ColView(k), pq.ColView(k))
	}
	sort.SliceStable(perm, func(a, b int) bool { return est[perm[a]] > est[perm[b]] })
	sorted := mat.NewDense(n, n, nil)
	for k, old := range perm {
		sorted.SetCol(k, mat.Col(nil, old, &pq))
	}
	var qr mat.QR
	qr.Factorize(sorted)
	qr.QTo(qm) // overwrites q, which qm wraps
	return perm
}

// permute reorders the r×c row-major matrix v in place: rows by rowPerm,
// then columns by colPerm, new index k taking old index perm[k].
func permute(v []float64, r, c int, rowPerm, colPerm []int) {
	old := append([]float64(nil), v...)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v[i*c+j] = old[rowPerm[i]*c+colPerm[j]]
		}
	}
}

// rotate returns q_lᵀ x q_r, or q_l x q_rᵀ when back, for an r×c matrix x
// and row-major bases q_l (r×r) and q_r (c×c).
func rotate(ql, qr []float64, x *mat.Dense, back bool) []float64 {
	r, c := x.Dims()
	l, rr := mat.NewDense(r, r, ql), mat.NewDense(c, c, qr)
	var tmp, out mat.Dense
	if back {
		tmp.Mul(l, x)
		out.Mul(&tmp, rr.T())
	} else {
		tmp.Mul(l.T(), x)
		out.Mul(&tmp, rr)
	}
	return out.RawMatrix().Data
}
