// Package persample holds vector kernels for sums over per-sample
// gradients of a layer's weight matrix, which the PDE-aware optimizer's
// second moment needs. It is a package of its own because Go assembly
// cannot sit in a package that uses cgo, as graph does with OpenBLAS.
//
// A layer z = h W applied to S derivative streams h_s (n×rows each) with
// deltas δ_s (n×cols each) has the per-sample gradients
// g_i = Σ_s h_s[i]ᵀ δ_s[i]. A tile is one row of W and Width columns of
// it: its kernel forms each g_i there in vector registers and adds g_i⊙g_i
// and c_i·g_i to two running sums.
package persample
