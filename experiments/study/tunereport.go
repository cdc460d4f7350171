package study

import (
	"fmt"
	"strconv"
	"strings"
)

// withLabel returns the runs of group and label, in the order found.
func withLabel(results []Result, group, label string) []Result {
	var out []Result
	for _, r := range results {
		if r.Case.Group == group && r.Case.Label == label {
			out = append(out, r)
		}
	}
	return out
}

// tuned returns the runs at each PDE × variant's chosen lr.
func (st *compareRuns) tuned() []Result {
	var out []Result
	for _, t := range st.tunings {
		if t.Best >= 0 {
			out = append(out, withLabel(st.results, t.PDE, t.BestLabel())...)
		}
	}
	return out
}

// defaults returns the runs at each variant's registry default lr.
func (st *compareRuns) defaults() []Result {
	var out []Result
	for _, t := range st.tunings {
		out = append(out, withLabel(st.results, t.PDE, lrLabel(t.Variant, t.Default))...)
	}
	return out
}

// tunedTables writes the sections of a tuned study: how the lr was
// chosen, the runs at the chosen and at the default lr, and the tuning.
func (s CompareSpec) tunedTables(st *compareRuns) string {
	var b strings.Builder
	lrs := make([]string, len(s.TuneLR))
	for i, lr := range s.TuneLR {
		lrs[i] = strconv.FormatFloat(lr, 'g', -1, 64)
	}
	fmt.Fprintf(&b, "## Learning rates\n\nEach solver's learning rate (lr) was tuned per PDE over {%s}: every lr was trained at the full budget on seed %d, and the lr whose run ends with the lowest final training loss (`final_loss` in its metrics.json: the weighted loss of the final network on the last minibatch; a diverged run ranks last, a tie goes to the smaller lr) was chosen. The choice never looks at the error against the reference. The other seeds were then trained at the chosen lr and at the solver's registry default lr (the lr listed above), so both tables below hold every seed; the runs of seed %d are the tuning's own.\n\n",
		strings.Join(lrs, ", "), s.Seeds[0], s.Seeds[0])
	cols := tunedColumns(st.results)
	intro := "Errors of u against the reference on the evaluation grid, the final training loss, wall time (training with evaluations and checkpoints) and median step time; mean ± standard deviation over the seeds where there are several."
	fmt.Fprintf(&b, "## Tuned learning rate\n\n%s\n\n%s\n", intro, markdownTable(st.tuned(), "PDE", "solver", cols))
	fmt.Fprintf(&b, "## Registry default learning rate\n\n%s\n\n%s\n", intro, markdownTable(st.defaults(), "PDE", "solver", cols))
	var trials []Result
	for _, t := range st.tunings {
		for i, tr := range t.Trials {
			rs := withLabel(st.results, t.PDE, tr.Label)
			for _, r := range rs {
				if r.Case.Seed != s.Seeds[0] {
					continue
				}
				switch {
				case i == t.Best && t.Complete():
					r.Case.Label += " (chosen)"
				case i == t.Best:
					r.Case.Label += " (chosen so far)"
				}
				trials = append(trials, r)
			}
		}
	}
	fmt.Fprintf(&b, "## Tuning (seed %d)\n\nThe final training loss of each lr, which decides; the relative L2 error is for information only.\n\n%s\n",
		s.Seeds[0], markdownTable(trials, "PDE", "solver", []column{finalLossColumn(), errorColumns()[0]}))
	return b.String()
}

// missingCount says how many runs of the grid are missing.
func (st *compareRuns) missingCount(seeds int) string {
	n := len(st.missing) + len(st.waiting)*(seeds-1)
	if len(st.waiting) == 0 {
		return fmt.Sprintf("%d missing", n)
	}
	return fmt.Sprintf("%d missing, %d of them at learning rates the tuning has not chosen yet (fewer if the choice is the default lr)", n, len(st.waiting)*(seeds-1))
}

// missingSection lists the grid's unfinished runs.
func (st *compareRuns) missingSection(seeds []uint64) string {
	if len(st.missing) == 0 && len(st.waiting) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n## Missing runs\n\nRuns of the grid that have not finished; run the same command without -partial to train them.\n\n")
	// Seeds of a label missing for the same reason share a line.
	for i := 0; i < len(st.missing); {
		m := st.missing[i]
		seeds := []uint64{m.Case.Seed}
		j := i + 1
		for ; j < len(st.missing); j++ {
			n := st.missing[j]
			if n.Case.Group != m.Case.Group || n.Case.Label != m.Case.Label || n.Why != m.Why {
				break
			}
			seeds = append(seeds, n.Case.Seed)
		}
		fmt.Fprintf(&b, "- %s %s %s: %s\n", m.Case.Group, m.Case.Label, seedWords(seeds), m.Why)
		i = j
	}
	for _, t := range st.waiting {
		if len(seeds) > 1 {
			fmt.Fprintf(&b, "- %s %s at the chosen lr %s: waits for the tuning runs\n", t.PDE, t.Variant, seedWords(seeds[1:]))
		}
	}
	for _, t := range st.tunings {
		if t.Best >= 0 && !t.Complete() {
			fmt.Fprintf(&b, "- %s %s: the lr is chosen from the tuning runs finished so far, and may change\n", t.PDE, t.Variant)
		}
	}
	return b.String()
}

// seedWords names seeds: "seed 1" or "seeds 2, 3".
func seedWords(seeds []uint64) string {
	words := make([]string, len(seeds))
	for i, s := range seeds {
		words[i] = strconv.FormatUint(s, 10)
	}
	if len(seeds) == 1 {
		return "seed " + words[0]
	}
	return "seeds " + strings.Join(words, ", ")
}
