package experiments

import (
	"bytes"
	"embed"
	"encoding/json"
	"io"
	"os"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// Config is a declarative description of one training run. A config file
// is read on top of its PDE's preset (Default), so it names only what it
// changes; a run writes every field, null and false included, so that its
// config.json reads back to the same run.
type Config struct {
	PDE string `json:"pde"`
	// Coefficients replace the PDE's benchmark coefficients by name
	// (residuals.Coefficients; pinn list shows them), in its residual and
	// its reference alike; nil keeps the benchmark's.
	Coefficients map[string]float64    `json:"coefficients,omitempty"`
	Solver       string                `json:"solver"`
	Hyper        solvers.Hyper         `json:"hyper"` // overrides of the solver's defaults
	Network      NetworkConfig         `json:"network"`
	Steps        int                   `json:"steps"`
	Seed         uint64                `json:"seed"`
	Dtype        string                `json:"dtype"`    // float64 or float32
	Sampling     string                `json:"sampling"` // uniform or lhs
	Terms        map[string]TermConfig `json:"terms"`
	Eval         EvalConfig            `json:"eval"`
	// Balance adapts the loss weights during training; zero keeps them fixed.
	Balance BalanceConfig `json:"balance"`
	// CheckpointEvery is the number of steps between checkpoints; 0 writes
	// one only at the end and when interrupted.
	CheckpointEvery int `json:"checkpoint_every"`
	// The PINN techniques (see techniques.go), each off when unset.
	HardConstraints bool            `json:"hard_constraints"`
	Causal          *CausalConfig   `json:"causal"`
	ResampleEvery   int             `json:"resample_every"`
	Adaptive        *AdaptiveConfig `json:"adaptive"`
	LRDecay         *LRDecayConfig  `json:"lr_decay"`
	March           *MarchConfig    `json:"time_marching"`
	// Noise is the standard deviation of Gaussian noise added to an
	// inverse problem's observations, as a fraction of std(u) (0.01 is
	// 1 %); 0 keeps them clean, and is left out of config.json so that
	// checkpoints written before the field resume.
	Noise float64 `json:"noise,omitempty"`
	// MaxMemory bounds the run's estimated memory in bytes (0: the
	// machine's physical memory); validation refuses a larger run. It is
	// not part of the run's config.json.
	MaxMemory uint64 `json:"-"`
}

// NetworkConfig is the fully connected network's shape.
type NetworkConfig struct {
	Width      int    `json:"width"`
	Depth      int    `json:"depth"`
	Activation string `json:"activation"` // tanh or sin
	// Fourier embeds the PDE's periodic coordinate in Fourier features.
	Fourier *FourierConfig `json:"fourier"`
	// Modified gates the hidden layers with input encoders (graph.MLPConfig).
	Modified bool `json:"modified"`
	// Normalize maps the coordinates the Fourier features do not take to
	// [−1, 1] over the domain, or over the window of a time-marching run.
	Normalize bool `json:"normalize"`
}

// TermConfig overrides a loss term's defaults; nil fields keep them.
type TermConfig struct {
	Weight *float64 `json:"weight,omitempty"`
	Pool   *int     `json:"pool,omitempty"`
	Batch  *int     `json:"batch,omitempty"`
}

// EvalConfig is where and how often the network is scored.
type EvalConfig struct {
	NX    int `json:"nx"`    // reference grid points along the first coordinate
	NT    int `json:"nt"`    // reference grid points along the second coordinate
	Every int `json:"every"` // steps between evaluations during training; 0: only at the end
}

// presets holds the default config of each PDE, one JSON file per PDE.
//
//go:embed configs/*.json
var presets embed.FS

// Default returns the default configuration of a built-in PDE: its preset
// in configs/NAME.json, or generic settings when it has none.
func Default(pde string) (Config, error) {
	p, err := residuals.Lookup(pde)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{
		PDE:      pde,
		Solver:   "adam",
		Network:  NetworkConfig{Width: 64, Depth: 3, Activation: "tanh"},
		Steps:    5000,
		Seed:     1,
		Dtype:    "float64",
		Sampling: "uniform",
		Eval:     EvalConfig{NX: p.Grid[0], NT: p.Grid[1], Every: 500},

		CheckpointEvery: 1000,
	}
	raw, err := presets.ReadFile("configs/" + pde + ".json")
	if err != nil {
		return cfg, nil
	}
	if err := decodeStrict(raw, &cfg); err != nil {
		return Config{}, errors.Wrapf(err, "preset configs/%s.json", pde)
	}
	return cfg, nil
}

// decodeStrict decodes JSON into v, rejecting unknown fields.
func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return errors.Wrap(dec.Decode(v), "config")
}

// maxConfigBytes bounds the size of a config file: a config names a few
// dozen fields.
const maxConfigBytes = 1 << 20

// ReadConfig decodes a JSON config, rejecting unknown fields, on top of the
// defaults of its PDE.
func ReadConfig(r io.Reader) (Config, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxConfigBytes+1))
	if err != nil {
		return Config{}, errors.Wrap(err, "reading config")
	}
	if len(raw) > maxConfigBytes {
		return Config{}, errors.Errorf("config: larger than %d KiB, which no config is", maxConfigBytes>>10)
	}
	var head struct {
		PDE    string          `json:"pde"`
		Solver string          `json:"solver"`
		Hyper  json.RawMessage `json:"hyper"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return Config{}, errors.Wrap(err, "config")
	}
	if head.PDE == "" {
		return Config{}, errors.New("config: field \"pde\" is required")
	}
	cfg, err := Default(head.PDE)
	if err != nil {
		return Config{}, errors.Wrap(err, "config: field \"pde\"")
	}
	if head.Solver != "" {
		// Decoding the file's hyper-parameters into the preset's would merge
		// the two maps.
		cfg.SetSolver(head.Solver)
	}
	if err := decodeStrict(raw, &cfg); err != nil {
		return Config{}, err
	}
	return cfg, cfg.Validate()
}

// LoadConfig reads a JSON config file.
func LoadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, errors.Wrap(err, "config")
	}
	defer f.Close()
	cfg, err := ReadConfig(f)
	return cfg, errors.Wrapf(err, "%s", path)
}

// SetSolver sets the solver. Hyper-parameters belong to their solver: a
// change of solver drops them, leaving the new solver's defaults.
func (c *Config) SetSolver(name string) {
	if name != c.Solver {
		c.Solver, c.Hyper = name, nil
	}
}

// Problem returns the built-in problem the config trains: its PDE with its
// coefficients.
func (c Config) Problem() (residuals.Problem, error) { return defaultBuilders().problem(c) }

// Validate checks every field, naming the first bad one.
func (c Config) Validate() error {
	p, err := c.Problem()
	if err != nil {
		return err
	}
	if m := c.March; m != nil && m.Window != 0 {
		return errors.Wrap(windowRunError(m.Window), "config")
	}
	return c.validateFor(p)
}

// validateFor checks every field but "pde" against the problem p.
func (c Config) validateFor(p residuals.Problem) error {
	if err := checkFiniteNumbers(c); err != nil {
		return err
	}
	if c.Network.Width < 1 || c.Network.Depth < 1 {
		return errors.Errorf("config: field \"network\" needs width and depth ≥ 1, got %d and %d", c.Network.Width, c.Network.Depth)
	}
	for name, tc := range c.Terms {
		if (tc.Weight != nil && !(*tc.Weight >= 0)) || (tc.Pool != nil && *tc.Pool < 0) || (tc.Batch != nil && *tc.Batch < 0) {
			return errors.Errorf("config: field \"terms.%s\": weight, pool and batch must be non-negative", name)
		}
	}
	if c.Eval.NX < 2 || c.Eval.NT < 2 || c.Eval.Every < 0 {
		return errors.Errorf("config: field \"eval\" needs nx, nt ≥ 2 and every ≥ 0, got %+v", c.Eval)
	}
	// Sizes before anything is allocated (the network, below).
	if err := c.checkMemory(p); err != nil {
		return err
	}
	s, err := solvers.Check(c.Solver, c.Hyper)
	if err != nil {
		return errors.Wrap(err, "config: field \"solver\"/\"hyper\"")
	}
	// A line search needs the same objective from step to step and makes
	// its own step lengths.
	if s.LineSearch && (c.ResampleEvery > 0 || c.LRDecay != nil) {
		return errors.Errorf("config: solver %q takes full batches with a line search: drop \"resample_every\", \"adaptive\" and \"lr_decay\"", c.Solver)
	}
	net := c.network()
	net.Inputs = p.Domain.Coords
	if err := net.Validate(); err != nil {
		return errors.Wrap(err, "config: field \"network\"")
	}
	if c.Steps < 0 {
		return errors.Errorf("config: field \"steps\" must be non-negative, got %d", c.Steps)
	}
	if err := c.validateNoise(p); err != nil {
		return err
	}
	if _, err := parseDtype(c.Dtype); err != nil {
		return errors.Wrap(err, "config: field \"dtype\"")
	}
	if _, err := graph.ParseMethod(c.Sampling); err != nil {
		return errors.Wrap(err, "config: field \"sampling\"")
	}
	if err := c.Balance.validate(); err != nil {
		return err
	}
	if err := c.validateTechniques(p); err != nil {
		return err
	}
	if err := c.validateMarch(p); err != nil {
		return err
	}
	if c.CheckpointEvery < 0 {
		return errors.Errorf("config: field \"checkpoint_every\" must be non-negative, got %d", c.CheckpointEvery)
	}
	if c.Eval.NX < 2 || c.Eval.NT < 2 || c.Eval.Every < 0 {
		return errors.Errorf("config: field \"eval\" needs nx, nt ≥ 2 and every ≥ 0, got %+v", c.Eval)
	}
	names := map[string]bool{}
	for _, t := range p.Terms() {
		names[t.Name] = true
	}
	for name, tc := range c.Terms {
		if !names[name] {
			return errors.Errorf("config: field \"terms\": %s has no term %q", c.PDE, name)
		}
		if (tc.Weight != nil && !(*tc.Weight >= 0)) || (tc.Pool != nil && *tc.Pool < 0) || (tc.Batch != nil && *tc.Batch < 0) {
			return errors.Errorf("config: field \"terms.%s\": weight, pool and batch must be non-negative", name)
		}
	}
	return nil
}

func parseDtype(s string) (tensor.Dtype, error) {
	switch s {
	case "", "float64":
		return tensor.Float64, nil
	case "float32":
		return tensor.Float32, nil
	}
	return tensor.Dtype{}, errors.Errorf("unknown dtype %q (want float64 or float32)", s)
}

// network returns the network configuration; residuals.Problem.Build
// fills in its inputs and outputs.
func (c Config) network() graph.MLPConfig {
	dt, _ := parseDtype(c.Dtype)
	return graph.MLPConfig{Width: c.Network.Width, Depth: c.Network.Depth,
		Activation: c.Network.Activation, Dtype: dt, Seed: c.Seed, Modified: c.Network.Modified}
}

// terms returns the problem's loss terms with the config's overrides.
func (c Config) terms(p residuals.Problem) []graph.Term { return c.override(p.Terms()) }

// override applies the config's term overrides to terms.
func (c Config) override(terms []graph.Term) []graph.Term {
	for i := range terms {
		tc, ok := c.Terms[terms[i].Name]
		if !ok {
			continue
		}
		if tc.Weight != nil {
			terms[i].Weight = *tc.Weight
		}
		if tc.Pool != nil {
			terms[i].Sampling.Pool = *tc.Pool
		}
		if tc.Batch != nil {
			terms[i].Sampling.Batch = *tc.Batch
		}
	}
	return terms
}
