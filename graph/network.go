package graph

import "gorgonia.org/tensor"

// Param is a named trainable tensor. Graphs bind their parameter nodes to
// Value itself, or copy Value before each run, so a solver updating Value
// in place updates every graph.
type Param struct {
	Name  string
	Value *tensor.Dense
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
