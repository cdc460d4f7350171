package graph

import "gorgonia.org/tensor"

// Param is a named trainable tensor. Graphs bind their parameter nodes to
// Value itself, or copy Value before each run, so a solver updating Value
// in place updates every graph.
type Param struct {
	Name  string
	Value *tensor.Dense
	// Unknown marks a component of a PDE coefficient (see Unknown) rather
	// than a weight of the network.
	Unknown bool
	// positive marks a positive unknown's component, whose Value is the
	// logarithm of the coefficient.
	positive bool
}

// Network maps named n×1 input columns to n×1 output columns inside a Graph.
type Network interface {
	// Inputs names the input columns the network reads, in order.
	Inputs() []string
	// Outputs is the number of output columns.
	Outputs() int
	// Params lists the trainable parameters.
	Params() []Param
	// Apply adds the network to g and returns its output columns.
	Apply(g *Graph, in map[string]*Node) ([]*Node, error)
}
