// Package plot draws the figures of PINN experiments with gonum.org/v1/plot:
// heat maps of fields over (x, t) or (x, y) with colour bars, line charts of
// losses and errors on log axes, and figures that arrange several of them
// in a grid. It knows nothing about training; callers hand it numbers.
package plot
