// Package residuals defines the PDE problems the project trains on: their
// coordinates and domain, the residual written as a short function of the
// network output and its derivatives, the initial, boundary and data
// conditions, and the reference solution each is scored against.
//
// A new PDE is one Problem value; nothing else in the project needs to
// change for a runner to train and score it.
package residuals
