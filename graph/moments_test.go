package graph

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// bruteSampleStats computes SampleSq and SampleMean from the B per-sample
// gradients themselves: one graph of Σ_j mask_j r_j, run once per point
// with mask the indicator of that point.
func bruteSampleStats(t *testing.T, net Network, bufs map[string]*tensor.Dense, res Residual) (sq, mean [][]float64) {
	t.Helper()
	g, err := NewGraph(tensor.Float64)
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]*Node{}
	var n int
	for col, buf := range bufs {
		in[col] = g.Input(col, buf)
		n = buf.Shape()[0]
	}
	f, err := NewFields(g, net, in)
	if err != nil {
		t.Fatal(err)
	}
	r := res(f)
	maskT := tensor.New(tensor.WithShape(n, 1), tensor.Of(tensor.Float64))
	mask := gorgonia.NewMatrix(g.Expr(), tensor.Float64, gorgonia.WithShape(n, 1), gorgonia.WithName("mask"), gorgonia.WithValue(maskT))
	cost := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(r, mask))))
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	grads, err := gorgonia.Grad(cost, g.Params()...)
	if err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g.Expr())
	defer vm.Close()
	for _, p := range net.Params() {
		sq = append(sq, make([]float64, p.Value.Shape().TotalSize()))
		mean = append(mean, make([]float64, p.Value.Shape().TotalSize()))
	}
	byValue := map[*tensor.Dense]int{}
	for k, p := range net.Params() {
		byValue[p.Value] = k
	}
	md := maskT.Data().([]float64)
	for i := 0; i < n; i++ {
		for j := range md {
			md[j] = 0
		}
		md[i] = 1
		if err := vm.RunAll(); err != nil {
			t.Fatal(err)
		}
		for pi, pn := range g.Params() {
			k := byValue[pn.Value().(*tensor.Dense)]
			for j, v := range grads[pi].Value().Data().([]float64) {
				sq[k][j] += v * v / float64(n)
				mean[k][j] += v / float64(n)
			}
		}
		vm.Reset()
	}
	return sq, mean
}

// TestSampleStatsMatchesBruteForce compares the probe-graph statistics
// with B separate per-point gradients for Burgers and KdV residuals.
func TestSampleStatsMatchesBruteForce(t *testing.T) {
	burgers := testBurgers
	kdv := testKdV
	for _, c := range []struct {
		name  string
		r     Residual
		width int // 20: the kernels' tiles and a column tail, where the CPU has them
	}{{"burgers", burgers, 8}, {"kdv", kdv, 8}, {"burgers-tiles", burgers, 20}, {"kdv-tiles", kdv, 20}} {
		t.Run(c.name, func(t *testing.T) {
			net, err := NewMLP(MLPConfig{Inputs: []string{"x", "t"}, Width: c.width, Depth: 2, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			const n = 16
			rng := rand.New(rand.NewPCG(1, 2))
			bufs := map[string]*tensor.Dense{}
			for _, col := range []string{"x", "t"} {
				d := make([]float64, n)
				for i := range d {
					d[i] = 2*rng.Float64() - 1
				}
				bufs[col] = tensor.New(tensor.WithShape(n, 1), tensor.WithBacking(d))
			}
			st, err := NewSampleStats(net, []map[string]*tensor.Dense{bufs}, single(c.r))
			if err != nil {
				t.Fatal(err)
			}
			sq, mean := zerosLike(net.Params()), zerosLike(net.Params())
			if err := st.Compute(sq, mean); err != nil {
				t.Fatal(err)
			}
			bsq, bmean := bruteSampleStats(t, net, bufs, c.r)
			worst := 0.0
			for k := range sq {
				for _, pair := range [][2][]float64{{sq[k].Data().([]float64), bsq[k]}, {mean[k].Data().([]float64), bmean[k]}} {
					for j := range pair[0] {
						d := math.Abs(pair[0][j]-pair[1][j]) / math.Max(math.Abs(pair[1][j]), 1e-12)
						worst = math.Max(worst, d)
					}
				}
			}
			t.Logf("worst relative difference fast vs brute force: %.3g", worst)
			if worst > 1e-10 {
				t.Errorf("worst relative difference %g > 1e-10", worst)
			}
		})
	}
}

// TestLossPerSampleFollowsBatches checks that Options.PerSample fills the
// statistics at the term's current points, batch after batch, for an even
// and an odd batch size, from the term's own graph and (causal term) from
// a separate one; a batch of one point is an error; SampleMean is left
// out unless asked for.
func TestLossPerSampleFollowsBatches(t *testing.T) {
	burgers := testBurgers
	dom := testDomain
	pde := Interior("pde", dom, burgers)
	net, err := NewMLP(MLPConfig{Inputs: []string{"x", "t"}, Width: 8, Depth: 2, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, batch := range []int{12, 13} {
		// A causal term keeps its own graph, beside a statistics graph.
		causal := batch == 13
		pde.Sampling, pde.Causal = Sampling{Batch: batch}, nil
		if causal {
			pde.Causal = &Causal{Coord: "t", Min: 0, Max: 1, Chunks: 4, Epsilon: 1}
		}
		loss, err := NewLoss(net, []Term{pde}, Options{Seed: 2, PerSample: true, PerSampleMean: true})
		if err != nil {
			t.Fatal(err)
		}
		if fused := loss.terms[0].fused != nil; fused == causal || (loss.stats == nil) != fused {
			t.Fatalf("batch %d: causal %v, fused %v, own statistics graph %v", batch, causal, fused, loss.stats != nil)
		}
		for step := 0; step < 2; step++ {
			gr, err := loss.Compute()
			if err != nil {
				t.Fatal(err)
			}
			bsq, bmean := bruteSampleStats(t, net, loss.terms[0].inputs[0], burgers)
			for k := range gr.SampleSq {
				got, gotM := gr.SampleSq[k].Data().([]float64), gr.SampleMean[k].Data().([]float64)
				for j := range got {
					if math.Abs(got[j]-bsq[k][j]) > 1e-10*math.Max(math.Abs(bsq[k][j]), 1e-12) ||
						math.Abs(gotM[j]-bmean[k][j]) > 1e-10*math.Max(math.Abs(bmean[k][j]), 1e-12) {
						t.Fatalf("batch %d step %d param %d[%d]: sq %g mean %g, brute force %g %g", batch, step, k, j, got[j], gotM[j], bsq[k][j], bmean[k][j])
					}
				}
			}
			if err := loss.Next(); err != nil {
				t.Fatal(err)
			}
		}
	}
	pde.Sampling, pde.Causal = Sampling{Batch: 1}, nil
	if _, err := NewLoss(net, []Term{pde}, Options{PerSample: true, PerSampleMean: true}); err == nil || !strings.Contains(err.Error(), "at least 2 points") {
		t.Errorf("per-sample statistics of one point: %v", err)
	}
	if _, err := NewLoss(net, []Term{pde}, Options{PerSample: true, PerSampleTerm: "nosuch"}); err == nil {
		t.Error("PerSampleTerm naming no term: no error")
	}
	pde.Sampling = Sampling{Batch: 8}
	loss, err := NewLoss(net, []Term{pde}, Options{PerSample: true})
	if err != nil {
		t.Fatal(err)
	}
	gr, err := loss.Compute()
	if err != nil {
		t.Fatal(err)
	}
	if len(gr.SampleSq) == 0 || gr.SampleMean != nil {
		t.Errorf("PerSample without PerSampleMean: %d SampleSq, %d SampleMean tensors", len(gr.SampleSq), len(gr.SampleMean))
	}
}
