package diff

import "math"

// maxAssign finds the assignment of rows to columns that maximises the total
// weight (the Hungarian algorithm with potentials, O(n²m) for n rows and m
// columns). w is rows × columns, all rows the same length. It returns, for
// each row, its column or -1 when there are more rows than columns and the
// row was left out. Weights of 0 are "no match": callers drop pairs whose
// weight is 0.
func maxAssign(w [][]float64) []int {
	n := len(w)
	if n == 0 {
		return nil
	}
	m := len(w[0])
	if m == 0 {
		out := make([]int, n)
		for i := range out {
			out[i] = -1
		}
		return out
	}
	if n > m {
		// Solve the transpose, which has rows ≤ columns.
		t := make([][]float64, m)
		for j := range t {
			t[j] = make([]float64, n)
			for i := 0; i < n; i++ {
				t[j][i] = w[i][j]
			}
		}
		colOf := maxAssign(t)
		out := make([]int, n)
		for i := range out {
			out[i] = -1
		}
		for j, i := range colOf {
			if i >= 0 {
				out[i] = j
			}
		}
		return out
	}
	// Minimise cost = -w over n ≤ m; 1-based arrays as in the classic
	// formulation, column 0 a sentinel.
	inf := math.Inf(1)
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // p[j]: row assigned to column j (0 = none)
	way := make([]int, m+1)
	minv := make([]float64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0 := p[j0]
			delta := inf
			j1 := 0
			row := w[i0-1]
			ui0 := u[i0]
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := -row[j-1] - ui0 - v[j]
				if cur < minv[j] {
					minv[j] = cur
					way[j] = j0
				}
				if minv[j] < delta {
					delta = minv[j]
					j1 = j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
			if j0 == 0 {
				break
			}
		}
	}
	out := make([]int, n)
	for j := 1; j <= m; j++ {
		if p[j] > 0 {
			out[p[j]-1] = j - 1
		}
	}
	return out
}
