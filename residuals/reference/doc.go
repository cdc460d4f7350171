// Package reference computes the reference solutions PINNs are scored
// against, with the project's own numerics (nothing is downloaded): the
// Cole–Hopf solution of viscous Burgers by Gauss–Hermite quadrature, and a
// grid type with CSV output and an on-disk cache.
package reference
