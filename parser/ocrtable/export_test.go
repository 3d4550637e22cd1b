package ocrtable

import "testing"

// Exported for the external test package (pipeline_test.go), which cannot
// live here: it imports parser, which imports this package.

// Task is a task read back for measuring.
type Task = task

// Score is what measure counts.
type Score = score

// ReadTruth reads a truth file of tab-separated tasks.
func ReadTruth(t *testing.T, path string) []Task { return readTruth(t, path) }

// Measure aligns found tasks with the truth and counts what is right.
func Measure(truth, found []Task) Score { return measure(truth, found) }

// NewTask makes a task from its fields.
func NewTask(appendix, section, stt, lead, support, deadline, content string) Task {
	return task{appendix, section, stt, lead, support, deadline, content}
}

// Matched, Lead, Deadline and Content are a score's counts.
func (s score) Counts() (matched, lead, deadline, content int) {
	return s.matched, s.lead, s.deadline, s.content
}

// Section is how many tasks have their section right.
func (s score) Section() int { return s.section }

// ContentMean is the mean content similarity of the matched tasks.
func (s score) ContentMean() float64 { return s.contentSim / float64(max(s.matched, 1)) }
