package gemm

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

type float interface{ ~float32 | ~float64 }

// micro is a micro-kernel and its tile: fn adds α times the mr×nr
// product of A's rows (element (i, p) at a[i·rs + p·ss]) and a packed B
// panel (k steps of nr values) to the tile of C at c, whose rows are ldc
// elements apart, or with add = 0 writes it there without reading C. A is
// read in place, transposed or not, through its strides; only a last panel
// of fewer than mr rows is packed.
type micro[T float] struct {
	name   string // the instruction set, for BLAS names and tests
	mr, nr int
	fn     func(k int, a *T, rs, ss int, b, c *T, ldc int, alpha T, add int)
}

// kernel is the micro-kernel Dgemm or Sgemm runs, with the routines they
// differ in otherwise.
type kernel[T float] struct {
	micro[T]
	pool *sync.Pool // of *[]T scratch for the packed blocks

	gemm   func(gonum.Implementation, blas.Transpose, blas.Transpose, int, int, int, T, []T, int, []T, int, T, []T, int)
	gemv   func(blas.Transpose, int, int, T, []T, int, []T, int, T, []T, int)
	matMul func(dst, x, y []T, n int) []T // vek's MatMul_Into
	scale  func(x []T, a T)               // vek's MulNumber_Inplace
}

// Block sizes, in elements: a packed B block (kc×nc, at most 4 MB) stays
// in cache while A's row panels stream past it, and a pair of panels
// (kc·(mr+nr) values, 28 KB for AVX2 and 56 KB for AVX-512 in float64)
// stays in L1 or close to it. kc also fixes the rounding: each block of k
// is summed from zero and then added to C, whatever the kernel.
const (
	kc = 256
	nc = 2048
)

// The packing scratch is pooled, not allocated per call, because a
// training step makes dozens of products and each block is up to 4 MB.
var (
	pool64 sync.Pool
	pool32 sync.Pool
)

// gemm computes C = α op(A) op(B) + β C with kernel ker, after checkGemm.
func gemm[T float](ker kernel[T], aT, bT bool, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if alpha == 0 || k == 0 {
		scale(beta, m, n, c, ldc)
		return
	}
	if beta != 0 {
		scale(beta, m, n, c, ldc)
	}
	mr, nr := ker.mr, ker.nr
	kb0 := min(kc, k)
	nb0 := (min(nc, n) + nr - 1) / nr * nr
	buf := scratch[T](ker.pool, kb0*(nb0+mr)+mr*nr)
	defer ker.pool.Put(buf)
	bp := (*buf)[:kb0*nb0]
	ap := (*buf)[kb0*nb0 : kb0*(nb0+mr)]
	tile := (*buf)[kb0*(nb0+mr):]
	for jc := 0; jc < n; jc += nc {
		nb := min(nc, n-jc)
		for pc := 0; pc < k; pc += kc {
			kb := min(kc, k-pc)
			packB(bp, b, ldb, bT, pc, jc, kb, nb, nr)
			// For β = 0 the first block of k writes C, unread (Gorgonia
			// always asks for C = A B), and the others add to it.
			add := 1
			if beta == 0 && pc == 0 {
				add = 0
			}
			for ir := 0; ir < m; ir += mr {
				var aPanel *T
				var rs, ss int
				switch {
				case ir+mr > m:
					packA(ap, a, lda, aT, ir, pc, m-ir, kb, mr)
					aPanel, rs, ss = &ap[0], 1, mr
				case aT: // op(A)[i,p] = A[p,i]
					aPanel, rs, ss = &a[pc*lda+ir], 1, lda
				default:
					aPanel, rs, ss = &a[ir*lda+pc], lda, 1
				}
				for jr := 0; jr < nb; jr += nr {
					bPanel := &bp[jr*kb]
					off := ir*ldc + jc + jr
					if ir+mr <= m && jr+nr <= nb {
						ker.fn(kb, aPanel, rs, ss, bPanel, &c[off], ldc, alpha, add)
						continue
					}
					// An edge tile: the kernel writes a whole tile, so
					// it goes to scratch and its valid part to C.
					ker.fn(kb, aPanel, rs, ss, bPanel, &tile[0], nr, alpha, 0)
					for i := range min(mr, m-ir) {
						row := c[off+i*ldc : off+i*ldc+min(nr, nb-jr)]
						t := tile[i*nr : i*nr+len(row)]
						if add == 0 {
							copy(row, t)
							continue
						}
						for j := range row {
							row[j] += t[j]
						}
					}
				}
			}
		}
	}
}

// scratch returns a pooled slice of at least size elements.
func scratch[T float](p *sync.Pool, size int) *[]T {
	if v, ok := p.Get().(*[]T); ok && cap(*v) >= size {
		*v = (*v)[:size]
		return v
	}
	s := make([]T, size)
	return &s
}

// scale sets C to β C, and to zeros for β = 0 whatever C held (NaN too).
func scale[T float](beta T, m, n int, c []T, ldc int) {
	if beta == 1 {
		return
	}
	for i := range m {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// packA writes op(A)[ic:ic+mb, pc:pc+kb] (mb ≤ mr) into ap as one panel
// of kb steps of mr values, with the missing rows zero.
func packA[T float](ap, a []T, lda int, aT bool, ic, pc, mb, kb, mr int) {
	panel := ap[:mr*kb]
	clear(panel)
	for i := range mb {
		for p := range kb {
			if aT {
				panel[p*mr+i] = a[(pc+p)*lda+ic+i]
			} else {
				panel[p*mr+i] = a[(ic+i)*lda+pc+p]
			}
		}
	}
}

// packB writes op(B)[pc:pc+kb, jc:jc+nb] into bp as panels of nr columns,
// each kb steps of nr values, with the last panel's missing columns zero.
func packB[T float](bp, b []T, ldb int, bT bool, pc, jc, kb, nb, nr int) {
	for jr := 0; jr < nb; jr += nr {
		panel := bp[jr*kb : (jr+nr)*kb]
		cols := min(nr, nb-jr)
		if cols < nr {
			clear(panel)
		}
		if bT { // op(B)[p,j] = B[j,p]: each column reads a row of B
			for j := range cols {
				src := b[(jc+jr+j)*ldb+pc:][:kb]
				for p, v := range src {
					panel[p*nr+j] = v
				}
			}
			continue
		}
		for p := range kb {
			copy(panel[p*nr:p*nr+cols], b[(pc+p)*ldb+jc+jr:])
		}
	}
}
