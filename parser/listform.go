package parser

import "github.com/kehoach/kehoach/parser/layout"

// listFormTasks finds the tasks written as lists in the body ("a) Họp …;
// - Cơ quan chủ trì: …; - Thời gian: …") outside any table.
func listFormTasks(doc *layout.Doc, year int) []Task {
	return nil
}
