package main

import (
	"errors"
	"math"
	"slices"

	"github.com/whosaid/whosaid/attribution"
)

// example is one labelled system quote: its features and whether the scorer
// counts it right.
type example struct {
	Doc      int                   `json:"doc"`
	Features []attribution.Feature `json:"features"`
	Right    bool                  `json:"right"`
	Quoted   bool                  `json:"quoted"`
}

// logistic is a fitted model: P = sigmoid(Intercept + Σ Weights[name]·value).
type logistic struct {
	Intercept float64
	Weights   map[string]float64
}

// logit returns the model's log-odds for a feature list, summing in the
// list's order as the library does.
func (m *logistic) logit(fs []attribution.Feature) float64 {
	z := m.Intercept
	for _, f := range fs {
		z += m.Weights[f.Name] * f.Value
	}
	return z
}

// prob returns the model's probability for a feature list.
func (m *logistic) prob(fs []attribution.Feature) float64 { return sigmoid(m.logit(fs)) }

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// entry is one non-zero feature value of a row.
type entry struct {
	col int
	val float64
}

// fitLogistic fits an L2-regularised logistic regression to the examples
// by Newton's method. Features seen in fewer than minCount examples get no
// weight; the intercept is penalised only by a negligible 1e-6, which keeps
// it finite when every example has the same label. The result depends only
// on the examples and their order.
func fitLogistic(exs []example, l2 float64, minCount int) (*logistic, error) {
	if len(exs) == 0 {
		return nil, errors.New("calibrate: no examples to fit")
	}
	counts := map[string]int{}
	for _, ex := range exs {
		for _, f := range ex.Features {
			counts[f.Name]++
		}
	}
	var names []string
	for n, c := range counts {
		if c >= minCount {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	col := make(map[string]int, len(names))
	for i, n := range names {
		col[n] = i
	}
	d := len(names) + 1 // the last column is the intercept
	rows := make([][]entry, len(exs))
	y := make([]float64, len(exs))
	for i, ex := range exs {
		var r []entry
		for _, f := range ex.Features {
			if c, ok := col[f.Name]; ok && f.Value != 0 {
				r = append(r, entry{c, f.Value})
			}
		}
		rows[i] = append(r, entry{d - 1, 1})
		if ex.Right {
			y[i] = 1
		}
	}
	w := make([]float64, d)
	obj := objective(rows, y, w, l2)
	for iter := 0; iter < 100; iter++ {
		g := make([]float64, d)
		h := make([]float64, d*d)
		for i, r := range rows {
			z := 0.0
			for _, e := range r {
				z += w[e.col] * e.val
			}
			p := sigmoid(z)
			s := max(p*(1-p), 1e-12)
			for _, a := range r {
				g[a.col] += (p - y[i]) * a.val
				for _, b := range r {
					h[a.col*d+b.col] += s * a.val * b.val
				}
			}
		}
		for j := 0; j < d-1; j++ {
			g[j] += l2 * w[j]
			h[j*d+j] += l2
		}
		g[d-1] += 1e-6 * w[d-1]
		h[(d-1)*d+d-1] += 1e-6
		step, err := cholSolve(h, g, d)
		if err != nil {
			return nil, err
		}
		// Backtrack until the objective does not grow.
		t := 1.0
		next := make([]float64, d)
		var nobj float64
		for {
			for j := range w {
				next[j] = w[j] - t*step[j]
			}
			nobj = objective(rows, y, next, l2)
			if nobj <= obj+1e-12 || t < 1e-6 {
				break
			}
			t /= 2
		}
		maxStep := 0.0
		for j := range step {
			maxStep = max(maxStep, math.Abs(t*step[j]))
		}
		copy(w, next)
		done := obj-nobj < 1e-10*max(1, math.Abs(obj)) && maxStep < 1e-6
		obj = nobj
		if done {
			break
		}
	}
	m := &logistic{Intercept: w[d-1], Weights: make(map[string]float64, len(names))}
	for i, n := range names {
		m.Weights[n] = w[i]
	}
	return m, nil
}

// objective is the regularised negative log-likelihood.
func objective(rows [][]entry, y, w []float64, l2 float64) float64 {
	sum := 0.0
	for i, r := range rows {
		z := 0.0
		for _, e := range r {
			z += w[e.col] * e.val
		}
		// log(1 + exp(z)) - y z, computed stably.
		if z > 0 {
			sum += z + math.Log1p(math.Exp(-z)) - y[i]*z
		} else {
			sum += math.Log1p(math.Exp(z)) - y[i]*z
		}
	}
	for j := 0; j < len(w)-1; j++ {
		sum += l2 / 2 * w[j] * w[j]
	}
	return sum + 1e-6/2*w[len(w)-1]*w[len(w)-1]
}

// cholSolve solves A x = b for a symmetric positive definite d×d matrix A
// (row major), overwriting A with its Cholesky factor.
func cholSolve(a, b []float64, d int) ([]float64, error) {
	for j := 0; j < d; j++ {
		s := a[j*d+j]
		for k := 0; k < j; k++ {
			s -= a[j*d+k] * a[j*d+k]
		}
		if s <= 0 || math.IsNaN(s) {
			return nil, errors.New("calibrate: hessian is not positive definite")
		}
		ljj := math.Sqrt(s)
		a[j*d+j] = ljj
		for i := j + 1; i < d; i++ {
			s := a[i*d+j]
			for k := 0; k < j; k++ {
				s -= a[i*d+k] * a[j*d+k]
			}
			a[i*d+j] = s / ljj
		}
	}
	x := make([]float64, d)
	for i := 0; i < d; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= a[i*d+k] * x[k]
		}
		x[i] = s / a[i*d+i]
	}
	for i := d - 1; i >= 0; i-- {
		s := x[i]
		for k := i + 1; k < d; k++ {
			s -= a[k*d+i] * x[k]
		}
		x[i] = s / a[i*d+i]
	}
	return x, nil
}
