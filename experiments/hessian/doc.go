// Package hessian measures the curvature of PINN loss terms: the extreme
// eigenvalues and the spectral density of each term's Hessian with respect
// to the network parameters, raw and preconditioned by an adaptive
// optimizer's diagonal, as in Figure 1 of the AutoBalance paper (An, Si,
// Yan, Ma, arXiv 2510.06684).
//
// # Hessian-vector products
//
// The Hessian is never formed. A product H v comes from two exact graph
// gradients (one reverse pass each) by central differences along the unit
// direction u = v/‖v‖:
//
//	H v ≈ ‖v‖ (∇L(w + h u) − ∇L(w − h u)) / 2h.
//
// Each component's error is at most (h²/6)·M₃ + ε_g/h, where M₃ bounds the
// third derivative of L along u (∂³_uuu ∂_i L) within h of w and ε_g the
// rounding error of one gradient (a few float64 ulps of the sum that forms
// it). The default step h = ε^{1/3}·max(1, ‖w‖∞), ε = 2.2e-16, about 6e-6
// for parameters of order one, balances the two terms: the error is then
// of order ε^{2/3} ≈ 4e-11 relative to the gradient's and the third
// derivative's scale. Analyses need float64 parameters.
//
// # Spectra
//
// Lanczos iteration with full reorthogonalization (classical Gram–Schmidt
// against every earlier vector, twice) builds an m×m tridiagonal matrix T
// from m products. Its eigenvalues, the Ritz values, lie inside
// [λ_min, λ_max] and converge to the extreme eigenvalues first. Stochastic
// Lanczos quadrature (Ghorbani, Krishnan, Xiao 2019) averages, over random
// unit Rademacher probes v, the Gauss quadrature rule of T: nodes θ_i and
// weights τ_i = (first component of T's i-th eigenvector)². The mean of
// Σ τ_i θ_i^p over probes is an unbiased estimate of tr(H^p)/n for
// p ≤ 2m−1, and the nodes with their weights are the spectral density.
// The extremes are the smallest and largest Ritz values over all probes.
//
// # Preconditioned Hessians and the effective condition number
//
// Adam steps by m̂/(√v̂ + ε): its curvature is that of D^{-1/2} H D^{-1/2}
// with D = diag(√v̂ + ε). For Adam, v̂ is the one second moment of the total
// loss; for AutoBalance, term k's own. Preconditioned is that operator.
//
// The paper speaks of an effective condition number without a formula in
// the text found of it. The Hessians of PINNs have most eigenvalues near
// zero and some negative, so λ_max/λ_min is infinite or meaningless, and a
// ratio to the smallest "non-zero" eigenvalue depends on where zero is
// cut off: SLQ resolves the small end of the spectrum poorly, and such a
// ratio jumped by orders of magnitude between neighbouring checkpoints.
// Here
//
//	κ_eff = λ_max / λ̄₊,  λ̄₊ = Σ_i τ_i max(θ_i, 0) ≈ tr(H₊)/n,
//
// the largest eigenvalue over the mean positive curvature: how far the
// stiffest direction stands above the average one, which gradient steps
// must share one step size with. It is ≥ 1, needs no cut-off, and is
// estimated from the spectrum's bulk, where SLQ is accurate. It is NaN
// when λ_max ≤ 0. Kept alongside, as κ_q (Spectrum.KappaQuantile), is the
// cut-off ratio λ_max/λ_q, λ_q the q-quantile (Settings.Quantile, default
// 0.05) of the density above Settings.Floor·λ_max (default 1e-6).
package hessian
