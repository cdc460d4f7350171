package solvers

import (
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/mat"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// SOAP is the SOAP optimizer of Vyas et al. (arXiv 2409.11321), Adam run in
// the eigenbasis of Shampoo's preconditioner, following the authors' soap.py.
// For each r×c weight with r, c > 1 and gradient G:
//
//	L ← β2 L + (1−β2) G Gᵀ,  R ← β2 R + (1−β2) Gᵀ G
//	m ← β1 m + (1−β1) G              (original space)
//	v ← β2 v + (1−β2) (Q_Lᵀ G Q_R)²  (rotated space)
//	w ← w − η √(1−β2ᵗ)/(1−β1ᵗ) · Q_L [(Q_Lᵀ m Q_R) / (√v + ε)] Q_Rᵀ
//	w ← w − η λ w
//
// Q_L and Q_R are the eigenbases of L and R: computed by eigendecomposition
// on the first call, then refreshed after every Frequency-th step by one
// power iteration and a QR factorisation, their columns ordered by estimated
// eigenvalue and v's rows and columns permuted to follow (v is not rotated).
// The reference keeps m rotated and rotates it back and forth when the basis
// changes; keeping it unrotated is the same up to rounding. The factors'
// β is β2, the reference's default for its shampoo_beta. Every other
// parameter, such as the 1×m biases, uses Adam with the same bias correction
// and weight decay, as the reference's default does for 1-D tensors. This
// includes the per-input first-layer rows, which in a PyTorch network would
// be columns of one preconditioned matrix. As in the reference, the first
// Update only initialises L, R and the bases and leaves the parameters
// untouched, so that a gradient is never projected on a basis built from
// itself; t counts the steps after it. State is kept in float64.
type SOAP struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
	// Frequency is the number of steps between refreshes of the eigenbases.
	Frequency int
	st        soapState
}

// soapState is what SOAP carries from step to step. L, R, QL and QR hold
// row-major matrices and are empty for parameters run by plain Adam.
type soapState struct {
	Step         int // calls to Update, including the initialising first
	M, V         [][]float64
	L, R, QL, QR [][]float64
}

func soapSpec() Spec {
	return Spec{
		Name:    "soap",
		Summary: "SOAP: Adam in the eigenbasis of Shampoo's Kronecker factors",
		Defaults: Hyper{"lr": 3e-3, "beta1": 0.95, "beta2": 0.95, "eps": 1e-8, "weight_decay": 0.01,
			"precondition_frequency": 10},
		New: func(h Hyper) (Solver, error) {
			f := h["precondition_frequency"]
			if !(f >= 1 && f <= math.MaxInt32 && f == math.Trunc(f)) {
				return nil, errors.Errorf("soap: precondition_frequency must be a positive integer, got %v", f)
			}
			return NewSOAP(h["lr"], h["beta1"], h["beta2"], h["eps"], h["weight_decay"], int(f))
		},
	}
}

// NewSOAP returns a SOAP solver refreshing its eigenbases every frequency
// steps.
func NewSOAP(lr, beta1, beta2, eps, weightDecay float64, frequency int) (*SOAP, error) {
	if err := checkAdam(lr, beta1, beta2, eps, weightDecay); err != nil {
		return nil, errors.Wrap(err, "soap")
	}
	if frequency < 1 {
		return nil, errors.Errorf("soap: precondition frequency must be positive, got %d", frequency)
	}
	return &SOAP{LR: lr, Beta1: beta1, Beta2: beta2, Eps: eps, WeightDecay: weightDecay, Frequency: frequency}, nil
}

// Update applies one step with the total-loss gradient; the first call only
// initialises the preconditioner. An error from the first call's
// eigendecomposition resets the solver.
func (s *SOAP) Update(gr *graph.Gradients) error {
	if len(gr.Total) != len(gr.Params) {
		return errors.Errorf("soap: %d gradients for %d parameters", len(gr.Total), len(gr.Params))
	}
	values := paramTensors(gr.Params)
	if err := s.st.init(values); err != nil {
		return errors.Wrap(err, "soap")
	}
	s.st.Step++
	if s.st.Step == 1 {
		if err := s.initBases(values, gr.Total); err != nil {
			s.st = soapState{}
			return err
		}
		return nil
	}
	t := float64(s.st.Step - 1)
	size := s.LR * math.Sqrt(1-math.Pow(s.Beta2, t)) / (1 - math.Pow(s.Beta1, t))
	for i, p := range values {
		g, m, v := floats(gr.Total[i]), s.st.M[i], s.st.V[i]
		for j := range m {
			m[j] = s.Beta1*m[j] + (1-s.Beta1)*g[j]
		}
		r, c, ok := matrixDims(p)
		var gm, mm *mat.Dense
		gRot, mRot := g, m
		if ok {
			gm, mm = mat.NewDense(r, c, g), mat.NewDense(r, c, m)
			gRot, mRot = rotate(s.st.QL[i], s.st.QR[i], gm, false), rotate(s.st.QL[i], s.st.QR[i], mm, false)
		}
		dir := make([]float64, len(m))
		for j := range dir {
			v[j] = s.Beta2*v[j] + (1-s.Beta2)*gRot[j]*gRot[j]
			dir[j] = mRot[j] / (math.Sqrt(v[j]) + s.Eps)
		}
		if ok {
			dir = rotate(s.st.QL[i], s.st.QR[i], mat.NewDense(r, c, dir), true)
		}
		update(p, func(j int, w float64) float64 {
			w -= size * dir[j]
			return w - s.LR*s.WeightDecay*w
		})
		if ok {
			// After the step, as in the reference, so that this gradient
			// is not projected on a basis built from itself.
			accumulate(s.st.L[i], gm, true, s.Beta2)
			accumulate(s.st.R[i], gm, false, s.Beta2)
			if (s.st.Step-1)%s.Frequency == 0 {
				rowPerm := refreshBasis(s.st.L[i], s.st.QL[i], r)
				colPerm := refreshBasis(s.st.R[i], s.st.QR[i], c)
				permute(v, r, c, rowPerm, colPerm)
			}
		}
	}
	return nil
}

// initBases accumulates the first gradients into L and R and sets the
// eigenbases from them.
func (s *SOAP) initBases(values, grads []*tensor.Dense) error {
	for i, p := range values {
		r, c, ok := matrixDims(p)
		if !ok {
			continue
		}
		gm := mat.NewDense(r, c, floats(grads[i]))
		accumulate(s.st.L[i], gm, true, s.Beta2)
		accumulate(s.st.R[i], gm, false, s.Beta2)
		var err error
		if s.st.QL[i], err = eigenbasis(s.st.L[i], r); err != nil {
			return err
		}
		if s.st.QR[i], err = eigenbasis(s.st.R[i], c); err != nil {
			return err
		}
	}
	return nil
}

// State serialises the step count, the moments, the Kronecker factors and
// their eigenbases.
func (s *SOAP) State() ([]byte, error) { return encodeState("soap", s.st) }

// Restore sets the state from State's output.
func (s *SOAP) Restore(b []byte) error { return decodeState("soap", b, &s.st) }

// matrixDims reports the dimensions of t when SOAP preconditions it: a
// matrix whose dimensions both exceed 1.
func matrixDims(t *tensor.Dense) (r, c int, ok bool) {
	sh := t.Shape()
	if len(sh) != 2 || sh[0] < 2 || sh[1] < 2 {
		return 0, 0, false
	}
	return sh[0], sh[1], true
}

// init allocates zero state on first use and checks its sizes afterwards.
func (st *soapState) init(values []*tensor.Dense) error {
	n := len(values)
	if st.M == nil {
		st.M, st.V = zeros(values), zeros(values)
		st.L, st.R = make([][]float64, n), make([][]float64, n)
		st.QL, st.QR = make([][]float64, n), make([][]float64, n)
		for i, p := range values {
			if r, c, ok := matrixDims(p); ok {
				st.L[i], st.R[i] = make([]float64, r*r), make([]float64, c*c)
			}
		}
	}
	if err := checkSizes(st.M, values); err != nil {
		return err
	}
	if err := checkSizes(st.V, values); err != nil {
		return err
	}
	for _, f := range [][][]float64{st.L, st.R, st.QL, st.QR} {
		if len(f) != n {
			return errors.Errorf("solver state has %d preconditioners, parameters %d", len(f), n)
		}
	}
	for i, p := range values {
		r, c, _ := matrixDims(p)
		ql, qr := r*r, c*c
		if st.Step == 0 {
			ql, qr = 0, 0 // the bases are set by the first Update
		}
		if len(st.L[i]) != r*r || len(st.R[i]) != c*c || len(st.QL[i]) != ql || len(st.QR[i]) != qr {
			return errors.Errorf("solver state's preconditioner %d does not match the parameter's shape %v", i, p.Shape())
		}
	}
	return nil
}
