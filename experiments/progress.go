package experiments

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Progress follows a run step by step, for a person watching it.
type Progress interface {
	// Begin announces a session that starts after step done of total.
	Begin(done, total int, terms []string)
	// Update reports the state after a step.
	Update(s Status)
	// End closes the session, leaving the cursor on a fresh line.
	End()
}

// Status is the state of a run after one step.
type Status struct {
	Step, Total int
	Losses      []float64     // per term, unweighted, at the step's points
	Loss        float64       // weighted total
	RelL2       float64       // the latest evaluation; NaN before the first
	Evaluated   bool          // RelL2 was computed at this step
	Rate        float64       // steps per second in this session
	ETA         time.Duration // at Rate
	// Warning is a line to show once, such as a loss that is blowing up.
	Warning string
}

// NewProgress returns a live progress bar when w is a terminal and plain
// log lines, one every `every` steps and at evaluations, otherwise; nil w
// gives silence.
func NewProgress(w io.Writer, every int) Progress {
	switch {
	case w == nil:
		return silent{}
	case isTerminal(w):
		return &barProgress{w: w, width: termWidth(w)}
	}
	return &lineProgress{w: w, every: max(every, 1)}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// termWidth returns the terminal's width in columns, 80 when unknown.
func termWidth(w io.Writer) int {
	if f, ok := w.(interface{ Fd() uintptr }); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 80
}

// silent reports nothing.
type silent struct{}

func (silent) Begin(int, int, []string) {}
func (silent) Update(Status)            {}
func (silent) End()                     {}

// lineProgress prints one line per evaluation or every `every` steps.
type lineProgress struct {
	w     io.Writer
	every int
	terms []string
}

func (p *lineProgress) Begin(done, total int, terms []string) {
	p.terms = terms
	if done > 0 {
		fmt.Fprintf(p.w, "resuming at step %d of %d\n", done, total)
	}
}

func (p *lineProgress) Update(s Status) {
	if s.Warning != "" {
		fmt.Fprintln(p.w, s.Warning)
	}
	if !s.Evaluated && s.Step%p.every != 0 && s.Step != s.Total {
		return
	}
	fmt.Fprintf(p.w, "step %*d/%d  %s  %.1f steps/s  ETA %s\n", digits(s.Total), s.Step, s.Total,
		describe(p.terms, s), s.Rate, formatETA(s.ETA))
}

func (p *lineProgress) End() {}

// barProgress draws a progress bar that redraws itself in place, with the
// losses and error in front of it.
type barProgress struct {
	w     io.Writer
	width int // terminal columns: a wrapped line would not redraw in place
	bar   *progressbar.ProgressBar
	terms []string
}

// barWidth is the width of the bar itself: narrower on narrow terminals,
// to leave room for the numbers.
func (p *barProgress) barWidth() int {
	if p.width < 120 {
		return 10
	}
	return 20
}

func (p *barProgress) Begin(done, total int, terms []string) {
	p.terms = terms
	// The bar's own ETA would count the resumed steps as done in the first
	// instant: the description carries our rate and ETA instead.
	p.bar = progressbar.NewOptions(max(total, 1),
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetWidth(p.barWidth()),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(150*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionSetDescription("starting"),
	)
	p.bar.Set(done)
}

func (p *barProgress) Update(s Status) {
	if s.Warning != "" {
		p.bar.Clear()
		fmt.Fprintln(p.w, s.Warning)
	}
	d := []rune(fmt.Sprintf("%.1f it/s ETA %s  %s", s.Rate, formatETA(s.ETA), describe(p.terms, s)))
	// The percentage, count and elapsed time take about 30 columns.
	if n := max(p.width-p.barWidth()-32, 10); len(d) > n {
		d = append(d[:n-1], '…')
	}
	p.bar.Describe(string(d))
	p.bar.Set(s.Step)
}

func (p *barProgress) End() {
	p.bar.Exit() // final render without claiming completion on an interrupt
	fmt.Fprintln(p.w)
}

// describe formats the latest error and the losses compactly, most
// telling first, since a narrow terminal cuts the end off.
func describe(terms []string, s Status) string {
	var b strings.Builder
	if !math.IsNaN(s.RelL2) {
		fmt.Fprintf(&b, "rel_l2 %.3e  ", s.RelL2)
	}
	fmt.Fprintf(&b, "loss %.3e", s.Loss)
	if len(terms) == len(s.Losses) {
		b.WriteString(" (")
		for k, name := range terms {
			if k > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s %.2e", name, s.Losses[k])
		}
		b.WriteByte(')')
	}
	return b.String()
}

func formatETA(d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return d.Round(time.Second).String()
}

func digits(n int) int { return len(fmt.Sprint(n)) }
