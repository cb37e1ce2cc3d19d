package main

import (
	"fmt"
	"io"
	"math"
)

// scored is an example with the probability a model gave it.
type scored struct {
	p      float64
	right  bool
	quoted bool
}

// bin is one tenth of the confidence range.
type bin struct {
	N     int     `json:"n"`
	Conf  float64 `json:"mean_confidence"`
	Right float64 `json:"share_right"`
}

// metrics are the calibration figures of a set of scored examples.
type metrics struct {
	N       int     `json:"n"`
	ECE     float64 `json:"ece"`
	Brier   float64 `json:"brier"`
	LogLoss float64 `json:"log_loss"`
	// High counts quoted-group quotes with confidence ≥ highCut; HighRight
	// those of them that are right; QuotedRight all right quoted-group
	// quotes.
	High        int `json:"quoted_high"`
	HighRight   int `json:"quoted_high_right"`
	QuotedRight int `json:"quoted_right"`
	// Precision is HighRight / High; Keep is HighRight / QuotedRight.
	Precision float64 `json:"quoted_high_precision"`
	Keep      float64 `json:"quoted_high_keep"`
	Bins      [10]bin `json:"reliability"`
}

// highCut is the confidence from which a quote counts as sure.
const highCut = 0.9

// measure computes the figures the way score.py does: ten bins by
// int(p*10), ECE = Σ_bins |Σ p - Σ y| / n, Brier = mean (p - y)².
func measure(xs []scored) metrics {
	var m metrics
	m.N = len(xs)
	if m.N == 0 {
		return m
	}
	var sumP, sumY [10]float64
	for _, x := range xs {
		y := 0.0
		if x.right {
			y = 1
		}
		b := min(max(int(x.p*10), 0), 9)
		m.Bins[b].N++
		sumP[b] += x.p
		sumY[b] += y
		m.Brier += (x.p - y) * (x.p - y)
		p := min(max(x.p, 1e-15), 1-1e-15)
		m.LogLoss -= y*math.Log(p) + (1-y)*math.Log(1-p)
		if x.quoted {
			if x.right {
				m.QuotedRight++
			}
			if x.p >= highCut {
				m.High++
				if x.right {
					m.HighRight++
				}
			}
		}
	}
	for b := range m.Bins {
		m.ECE += math.Abs(sumP[b] - sumY[b])
		if n := m.Bins[b].N; n > 0 {
			m.Bins[b].Conf = sumP[b] / float64(n)
			m.Bins[b].Right = sumY[b] / float64(n)
		}
	}
	n := float64(m.N)
	m.ECE /= n
	m.Brier /= n
	m.LogLoss /= n
	if m.High > 0 {
		m.Precision = float64(m.HighRight) / float64(m.High)
	}
	if m.QuotedRight > 0 {
		m.Keep = float64(m.HighRight) / float64(m.QuotedRight)
	}
	return m
}

// mean returns the mean confidence.
func (m metrics) mean() float64 {
	s := 0.0
	for _, b := range m.Bins {
		s += b.Conf * float64(b.N)
	}
	return s / math.Max(1, float64(m.N))
}

// shareRight returns the share of right examples.
func (m metrics) shareRight() float64 {
	s := 0.0
	for _, b := range m.Bins {
		s += b.Right * float64(b.N)
	}
	return s / math.Max(1, float64(m.N))
}

// summary is one line of figures.
func (m metrics) summary() string {
	return fmt.Sprintf("n %d  ECE %.4f  Brier %.4f  log loss %.4f  quoted ≥ %.1f: %d, precision %.4f, keeps %.4f of %d right",
		m.N, m.ECE, m.Brier, m.LogLoss, highCut, m.High, m.Precision, m.Keep, m.QuotedRight)
}

// writeReliability prints the reliability table.
func (m metrics) writeReliability(w io.Writer) {
	fmt.Fprintf(w, "%-9s %7s %10s %12s\n", "bin", "n", "mean conf", "share right")
	for b, x := range m.Bins {
		if x.N == 0 {
			fmt.Fprintf(w, "%.1f-%.1f %7d %10s %12s\n", float64(b)/10, float64(b+1)/10, 0, "-", "-")
			continue
		}
		fmt.Fprintf(w, "%.1f-%.1f %7d %10.3f %12.3f\n", float64(b)/10, float64(b+1)/10, x.N, x.Conf, x.Right)
	}
}
