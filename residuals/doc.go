// Package residuals defines the PDE problems the project trains on: their
// coordinates and domain, the residual written as a short function of the
// network output and its derivatives, the initial, boundary and data
// conditions, and the reference solution each is scored against.
//
// The built-in problems, one per file: Burgers, AllenCahn, KdV,
// ReactionDiffusion, Helmholtz, PoissonInverse and BurgersInverse (Names,
// Lookup). Each is
// a type whose fields are its coefficients (Burgers{Nu}, AllenCahn{Diffusion,
// Reaction}, ...; Coefficients lists them by JSON name): its Problem builds
// the residual and the reference from the same values, and LookupWith
// gives a problem with other coefficients and the matching reference.
//
// # Defining a new PDE
//
// A new PDE is one Problem value; nothing else in the project needs to
// change to train and score it (see Example_heat):
//
//   - Domain names the coordinates and their ranges, e.g. {"x", "t"} on
//     [−1, 1] × [0, 1], and its time coordinate (Time: "t"), along which
//     causal weighting and time marching run. Any number and any names are
//     allowed.
//   - Residual is the PDE as a function of the network's Fields: f.U() is
//     u, f.D("t") is u_t, f.D("x", "x", "x") is u_xxx, f.D("x", "y") is u_xy
//     (any order, any coordinate), f.X("x") is a coordinate, f.Out(k) is
//     network output k for systems and inverse problems, and f.Add, f.Sub,
//     f.Mul, f.Div, f.Scale, f.Shift, f.Pow, f.Sin, f.Cos, f.Exp, f.Tanh
//     combine them. The residual is zero where the PDE holds.
//   - Conditions are loss terms built the same way: graph.Initial (u at the
//     start of a time coordinate), graph.Dirichlet (u on both faces of a
//     coordinate), graph.Periodic (u and its derivatives matching across a
//     coordinate) and graph.Data (u fitted at given points carrying data
//     columns). Each has a Weight, a Sampling and a graph.Role (initial,
//     boundary, data; the residual's term is the interior one), which
//     runners ask for instead of term names.
//   - Reference, if there is one, returns the solution on a grid;
//     ClosedForm makes one from a formula.
//   - Optionally, Periodic names a periodic coordinate and Hard an output
//     transform that satisfies conditions exactly; Field scores a second
//     output, such as the recovered source of an inverse problem; Unknowns
//     are coefficients learned with the network, read with f.Unknown, and
//     Noisy gives the problem with noise on its observations.
//
// Problem.Build turns a problem into a network and loss terms, with the
// techniques of a Setup (Fourier embedding of the periodic coordinate,
// hard constraints, causal weighting in time); graph.NewLoss and a solver
// train it, and experiments.NewEvaluator scores it against the reference.
package residuals
